"""The aggregation service: `strikes.claims` -> `strikes.events` (compacted) and `strikes.daily`.

One `AggregationService` object (built in `main()`, nothing read at import) owns the faust app, its
tables and the caches. Two thin agents around the pure modules (settle.py, resolve.py, windows.py):

1. `route_claims` reads `strikes.claims` (one ClaimBatch per article, keyed by article id) through
   the runtime's validating `consume` (bad records -> `strikes.claims.dlq`). References and undated
   claims are kept in the `set-aside` table (keyed by claim id, so on the claim's own partition)
   and reported by `/api/set-aside`; the article's event and period claims are forwarded as ONE
   ClaimGroup per attacker to an internal topic keyed by ATTACKER.
2. `resolve_claims` reads that topic. Keying by attacker puts an attacker's events, day rows and
   watermark on one partition: every table key is always written from the same partition, which
   is what makes faust's changelog recovery restore the latest value (a key written from two
   partitions would be restored from whichever changelog partition replays last), and window
   sums over many days read local rows only. A group is settled as a whole (settle.py): each
   event it touches is resolved, published and set in the day book once per article, not once per
   claim; a group that changed no figure (a replay after a crash) settles its events again, since
   what derives from a figure may not have landed with it.

State lives in faust tables (changelogged, so a restart recovers it): `event-figures` (every
figure, keyed `event id#article|measure|class|model|location`, held as the compact JSON bytes of
its changelog record: parsed, the figures were the service's biggest holder; state_cache.py keeps
the recently changed events parsed), `events` (each event's head and
its last published counts without sources, for the events listing),
`daily` (the event-time day book, see windows.py for why not faust's windowed tables),
`set-aside` and `alerts` (read from the `alerts` topic for `/api/alerts`). With several workers
each one holds its partitions' rows; the web API gathers the others' (gather.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import socket
import time
from collections.abc import Callable, Mapping
from typing import Any

import faust

from schemas.alerts import Alert
from schemas.base import utc_now
from schemas.domain import SeriesKey
from schemas.extraction import ClaimBatch, ClaimGroup, ClaimMessage, WeaponClass
from schemas.topics import ALERTS, STRIKES_CLAIMS, STRIKES_DAILY, STRIKES_EVENTS, TopicSpec
from services.aggregation import metrics
from services.aggregation.gather import (
    PeerError,
    article_of_set_aside,
    attacker_of_day_row,
    attacker_of_event,
    fetch_json,
    owned_rows,
    peer_urls,
)
from services.aggregation.regions import default_region_table
from services.aggregation.resolve import SET_ASIDE_ROUTES, resolve_event, route_claim
from services.aggregation.settings import AggregationSettings
from services.aggregation.settle import Settler
from services.aggregation.state import EventState
from services.aggregation.state_cache import EventStates
from services.aggregation.tiers import default_tier_table
from services.aggregation.views import register_views
from services.aggregation.web_errors import json_errors
from services.aggregation.windows import expire, trailing_totals, watermark, window_rows
from services.runtime.streams import ServiceRuntime

log = logging.getLogger(__name__)

SERVICE = "aggregation"
GAUGE_REFRESH_SECONDS = 1.0
GAUGE_TIMER_SECONDS = 5.0
CLASSES = [w.value for w in WeaponClass]
# JSON keys too: with faust's default raw key serializer a recovered key would come back as bytes.
_JSON = faust.Schema(key_serializer="json", value_serializer="json")
_ANY_HOST = ("", "0.0.0.0", "::")
INTERNAL_ROWS = "/internal/rows/"
INTERNAL_EVENT = "/internal/events/"
INTERNAL_CHANGED = "/internal/changed"


class Changes:
    """Wall-clock time of this worker's last table change, for the page's "last updated"."""

    at: dt.datetime | None = None

    def mark(self) -> None:
        self.at = utc_now()


def group_by_attacker(msgs: list[ClaimMessage]) -> dict[str, list[ClaimMessage]]:
    """An article's claims per attacker, in their order (one by-attacker record each)."""
    out: dict[str, list[ClaimMessage]] = {}
    for msg in msgs:
        out.setdefault(msg.claim.attacker.value, []).append(msg)
    return out


def canonical_url(settings: AggregationSettings) -> str:
    """The address peers reach this worker's web server at (faust's table metadata carries it)."""
    host = socket.gethostname() if settings.web_host in _ANY_HOST else settings.web_host
    return f"http://{host}:{settings.port_for(SERVICE)}"


class AggregationService:
    """The worker: faust app, tables, caches and agents of one aggregation process."""

    def __init__(self, settings: AggregationSettings) -> None:
        self.settings = settings
        self.tiers = default_tier_table()
        self.regions = default_region_table()
        self.oblasts = self.regions.names()
        # CORS off unless origins are configured; every web error a JSON body (web_errors.py)
        self.runtime = ServiceRuntime(SERVICE, settings, web_cors_options=settings.cors_options(),
                                      web_application_options={"middlewares": [json_errors]},
                                      canonical_url=canonical_url(settings))
        app = self.app = self.runtime.app
        partitions = STRIKES_CLAIMS.partitions
        self.by_attacker_spec = TopicSpec(
            f"{app.conf.id}-claims-by-attacker", "attacker", ClaimGroup,
            partitions=partitions, dlq=STRIKES_CLAIMS.dlq,
            description="an article's claims of one attacker, keyed by attacker",
        )
        self.by_attacker_name = settings.topic_name(self.by_attacker_spec.name)
        self.by_attacker = app.topic(self.by_attacker_name, internal=True, partitions=partitions,
                                     key_serializer="raw", value_serializer="raw")
        # bytes (faust's raw serializer): the row is kept as the JSON it is on the wire
        self.figures = app.Table("event-figures", partitions=partitions, value_type=bytes)
        self.events = app.Table("events", partitions=partitions, schema=_JSON)
        self.daily = app.Table("daily", partitions=partitions, schema=_JSON)
        self.set_aside = app.Table("set-aside", partitions=partitions, schema=_JSON)
        self.alerts = app.Table("alerts", partitions=ALERTS.partitions, schema=_JSON)
        # Parsed states of recently changed events of the partitions this worker owns, read from
        # the tables on a miss and cleared on revocation. The tables stay the truth; this saves
        # re-reading a night's figures on each claim.
        self.states = EventStates(self.events, self.figures, settings.aggregation_state_cache_figures)
        self.settler = Settler(self.states, self.events, self.daily, tiers=self.tiers, regions=self.regions,
                               oblasts=self.oblasts, book_view=lambda: self.daily.data)
        self.watermarks: dict[str, dt.date] = {}  # last one published per attacker (gauge, expiry)
        self.changes = Changes()
        self.gauges_refreshed: dict[str, float] = {}
        self._register()

    def _register(self) -> None:
        app, runtime = self.app, self.runtime
        app.on_partitions_revoked.connect(self._forget)
        app.agent(runtime.source(STRIKES_CLAIMS), name=f"{__name__}.route_claims")(self._route_claims)
        app.agent(self.by_attacker, name=f"{__name__}.resolve_claims")(self._resolve_claims)
        app.agent(runtime.source(ALERTS), name=f"{__name__}.alert_view")(self._alert_view)
        app.timer(interval=GAUGE_TIMER_SECONDS)(self.refresh_gauges)
        register_views(self)

    # -- agents ------------------------------------------------------------------------------

    async def _route_claims(self, stream: Any) -> None:
        await self.runtime.consume(stream, STRIKES_CLAIMS, self.route)

    async def _resolve_claims(self, stream: Any) -> None:
        await self.runtime.consume_batches(stream, self.by_attacker_spec, self.resolve,
                                           max_records=self.settings.aggregation_batch_records,
                                           within_seconds=self.settings.aggregation_batch_seconds)

    async def _alert_view(self, stream: Any) -> None:
        await self.runtime.consume(stream, ALERTS, self.keep_alert)

    async def _forget(self, sender: Any, *_: Any, **__: Any) -> None:
        self.states.clear()

    # -- stage 1 -----------------------------------------------------------------------------

    async def route(self, batch: ClaimBatch, event: Any) -> None:
        """Set aside what counts towards no night; forward the rest, one record per attacker."""
        today = utc_now().date()
        counted: list[ClaimMessage] = []
        for msg in batch.messages():
            routing = route_claim(msg, today, self.settings.aggregation_coverage_start)
            if routing.route not in SET_ASIDE_ROUTES:
                counted.append(msg)
                continue
            new = msg.claim_id not in self.set_aside
            if new:
                self.set_aside[msg.claim_id] = {"route": routing.route.value,
                                                "claim": msg.model_dump(mode="json")}
                self.changes.mark()
            metrics.CLAIMS.labels(routing.route.value, "changed" if new else "unchanged").inc()
        for attacker, msgs in group_by_attacker(counted).items():
            self.runtime.publish(self.by_attacker_spec, attacker, ClaimGroup(claims=msgs))

    # -- stage 2 -----------------------------------------------------------------------------

    def state_of(self, event_id: str) -> EventState | None:
        """One event's state for the web views (never fills the cache: recovery may be running)."""
        return self.states.peek(event_id)

    async def resolve(self, records: list[tuple[ClaimGroup, Any]]) -> None:
        """Merge a batch of articles' claims of one attacker into their events (settle.py); publish
        each event that changed (or was replayed) once, and each window whose days it moved once.

        Batched because a busy night's event is resolved and published whole (sources included):
        once per article, a night of N articles cost O(N^2) bytes. Only the changed figures are
        written to the changelog (`event-figures`, one small row per article x figure) and the
        event's head/summary (`events`, without sources).
        """
        claims = [msg for group, _ in records for msg in group.claims]
        touched: dict[str, set[tuple[dt.date, SeriesKey]]] = {}
        for settled in self.settler.apply(claims):
            new = settled.event
            if settled.row_changed:
                self.changes.mark()
            if settled.row_changed or settled.replayed:
                self.runtime.publish(STRIKES_EVENTS, new.event_id, new)
                metrics.EVENT_UPDATES.labels(new.attacker.value, new.scope.value).inc()
            touched.setdefault(new.attacker.value, set()).update(settled.touched)
        for attacker, days in touched.items():
            self._publish_windows(attacker, days)

    def _publish_windows(self, attacker: str, touched: set[tuple[dt.date, SeriesKey]]) -> None:
        rows = self.daily.data
        for key, agg in window_rows(rows, touched):
            self.runtime.publish(STRIKES_DAILY, key, agg)
            metrics.DAILY_UPDATES.labels(agg.window).inc()
        mark = watermark(rows, attacker)
        if mark is None:
            return
        if mark != self.watermarks.get(attacker):
            self.watermarks[attacker] = mark
            metrics.set_watermark(attacker, mark)
            metrics.EXPIRED_ROWS.inc(expire(self.daily, self.settings.aggregation_retention_days, attacker))
        now = time.monotonic()
        if touched and now - self.gauges_refreshed.get(attacker, 0.0) >= GAUGE_REFRESH_SECONDS:
            # gauges are scraped every few seconds: refreshing them on every change is wasted work
            self.gauges_refreshed[attacker] = now
            self._set_gauges(attacker, mark)

    def _set_gauges(self, attacker: str, mark: dt.date) -> None:
        rows = self.daily.data
        metrics.set_trailing(attacker, trailing_totals(rows, attacker, CLASSES, mark))
        metrics.set_oblast_trailing(rows, attacker, self.oblasts, mark)

    async def refresh_gauges(self) -> None:
        """Catch up gauges whose per-change refresh was skipped by the throttle (reads only)."""
        for attacker in list(self.gauges_refreshed):
            mark = watermark(self.daily.data, attacker)
            if mark is not None:
                self._set_gauges(attacker, mark)

    # -- the API's view of every worker (gather.py) -------------------------------------------

    def _owners(self) -> dict[str, tuple[Callable[[str, Any], str], str, int]]:
        """Per gathered table: how a row names its partition's key, on which topic."""
        by_attacker = self.by_attacker_name
        partitions = self.by_attacker_spec.partitions
        return {
            "events": (lambda k, _: attacker_of_event(k), by_attacker, partitions),
            "daily": (lambda k, _: attacker_of_day_row(k), by_attacker, partitions),
            "set-aside": (lambda _, v: article_of_set_aside(v),
                          self.settings.topic_name(STRIKES_CLAIMS.name), STRIKES_CLAIMS.partitions),
            "alerts": (lambda _k, _v: "", self.settings.topic_name(ALERTS.name), ALERTS.partitions),
        }

    def owned(self, table: str, rows: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """This worker's rows of `table` (or of `rows`, keyed like it) on the partitions it owns now."""
        owner_key, topic, partitions = self._owners()[table]
        mine = {tp.partition for tp in self.app.assignor.assigned_actives() if tp.topic == topic}
        return owned_rows(self.app.tables[table].data if rows is None else rows, owner_key, partitions, mine)

    def peers(self) -> list[str]:
        return peer_urls(self.app.router.tables_metadata(), str(self.app.conf.canonical_url))

    async def from_peers(self, path: str, what: str) -> list[dict[str, Any]]:
        """Each peer's JSON answer to `path`; a peer that does not answer 200 is a PeerError."""
        answers = []
        for url in self.peers():
            status, body = await fetch_json(self.app.http_client, f"{url}{path}")
            if status != 200 or not isinstance(body, dict):
                raise PeerError(f"peer {url} answered {status} for {what}")
            answers.append(body)
        return answers

    async def gathered(self, table: str) -> dict[str, Any]:
        """Every worker's rows of `table` (this one's, then each peer's)."""
        rows = self.owned(table)
        for body in await self.from_peers(f"{INTERNAL_ROWS}{table}", table):
            rows.update(body.get("rows", {}))
        return rows

    async def changed_anywhere(self) -> dt.datetime | None:
        """The newest table change of any worker. A page polling one worker must see a peer's
        change too: a revised figure for a night changes no count and no watermark, only this."""
        marks = [self.changes.at]
        for body in await self.from_peers(INTERNAL_CHANGED, "its last change"):
            if body.get("changed_at"):
                marks.append(dt.datetime.fromisoformat(body["changed_at"]))
        return max((m for m in marks if m is not None), default=None)

    def owned_event(self, event_id: str) -> dict[str, Any] | None:
        """The event with its sources if this worker owns it now."""
        state = self.state_of(event_id) if self.owned("events", {event_id: None}) else None
        return None if state is None else resolve_event(state, tiers=self.tiers,
                                                        regions=self.regions).model_dump(mode="json")

    async def event_anywhere(self, event_id: str) -> dict[str, Any] | None:
        """The event from whichever worker owns it (None: no worker knows it)."""
        local = self.owned_event(event_id)
        if local is not None:
            return local
        for url in self.peers():
            status, body = await fetch_json(self.app.http_client, f"{url}{INTERNAL_EVENT}{event_id}")
            if status == 200 and isinstance(body, dict):
                return body
            if status != 404:
                raise PeerError(f"peer {url} answered {status} for event {event_id}")
        return None

    async def keep_alert(self, alert: Alert, event: Any) -> None:
        """Latest state of each alert, for `/api/alerts`."""
        self.alerts[alert.fingerprint] = alert.model_dump(mode="json")
        self.changes.mark()


def main() -> None:
    """`python -m services.aggregation`: build the service from the environment and run it."""
    from services.runtime.app import run_worker  # noqa: PLC0415

    service = AggregationService(AggregationSettings())
    run_worker(service.app, SERVICE, service.settings)


__all__ = ["SERVICE", "AggregationService", "main"]
