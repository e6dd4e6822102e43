"""The aggregation service: `strikes.claims` -> `strikes.events` (compacted) and `strikes.daily`.

Two thin agents around the pure modules (resolve.py, windows.py):

1. `route_claims` reads `strikes.claims` (keyed by article id) through the runtime's validating
   `consume` (bad records -> `strikes.claims.dlq`). References and undated claims are kept in the
   `set-aside` table (keyed by claim id, so on the claim's own partition) and reported by
   `/api/set-aside`; event and period claims are forwarded to an internal topic keyed by ATTACKER.
2. `resolve_claims` reads that topic. Keying by attacker puts an attacker's events, day rows and
   watermark on one partition: every table key is always written from the same partition, which
   is what makes faust's changelog recovery restore the latest value (a key written from two
   partitions would be restored from whichever changelog partition replays last), and window
   sums over many days read local rows only. Two attackers mean two busy partitions at most,
   which is plenty for a news feed (see bench/bench_aggregation.py).

State lives in faust tables (changelogged, so a restart recovers it): `event-figures` (every
figure, keyed `event id#article|measure|class|model|location`), `events` (each event's head and
its last published counts without sources, for the window deltas),
`daily` (the event-time day book, see windows.py for why not faust's windowed tables),
`set-aside` and `alerts` (read from the `alerts` topic for `/api/alerts`).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

import faust

from schemas.alerts import Alert
from schemas.base import utc_now
from schemas.events import AttackEvent
from schemas.extraction import ClaimMessage, WeaponClass
from schemas.topics import ALERTS, STRIKES_CLAIMS, STRIKES_DAILY, STRIKES_EVENTS, TopicSpec
from services.aggregation import metrics
from services.aggregation.regions import default_region_table
from services.aggregation.resolve import (
    SET_ASIDE_ROUTES,
    apply_figure,
    figure_of,
    new_state,
    resolve_event,
    route_claim,
)
from services.aggregation.settings import AggregationSettings
from services.aggregation.state import EventState, Figure
from services.aggregation.tiers import default_tier_table
from services.aggregation.web_errors import json_errors
from services.aggregation.windows import (
    apply_event_change,
    expire,
    trailing_totals,
    watermark,
    window_rows,
)
from services.runtime.streams import ServiceRuntime

log = logging.getLogger(__name__)

SERVICE = "aggregation"


settings = AggregationSettings()
TIERS = default_tier_table()
REGIONS = default_region_table()
# CORS off unless origins are configured; every web error a JSON body (web_errors.py)
runtime = ServiceRuntime(SERVICE, settings, web_cors_options=settings.cors_options(),
                         web_application_options={"middlewares": [json_errors]})
app = runtime.app

PARTITIONS = STRIKES_CLAIMS.partitions
BY_ATTACKER = TopicSpec(
    f"{settings.topic_prefix}{app.conf.id}-claims-by-attacker", "attacker", ClaimMessage,
    partitions=PARTITIONS, dlq=STRIKES_CLAIMS.dlq, description="claims repartitioned by attacker",
)
by_attacker = app.topic(BY_ATTACKER.name, internal=True, partitions=PARTITIONS,
                        key_serializer="raw", value_serializer="raw")

# JSON keys too: with faust's default raw key serializer a recovered key would come back as bytes.
_JSON = faust.Schema(key_serializer="json", value_serializer="json")
figures = app.Table("event-figures", partitions=PARTITIONS, schema=_JSON)
events = app.Table("events", partitions=PARTITIONS, schema=_JSON)
daily = app.Table("daily", partitions=PARTITIONS, schema=_JSON)
set_aside = app.Table("set-aside", partitions=STRIKES_CLAIMS.partitions, schema=_JSON)
alerts = app.Table("alerts", partitions=ALERTS.partitions, schema=_JSON)

# Parsed states of the partitions this worker owns, rebuilt from the tables on first use after
# (re)assignment and cleared on revocation. The tables stay the truth; this saves re-reading a
# night's figures on each claim.
_states: dict[str, EventState] = {}
_indexed = False


class _Changes:
    """Wall-clock time of this worker's last table change, for the page's "last updated"."""

    at: dt.datetime | None = None

    def mark(self) -> None:
        self.at = utc_now()


changes = _Changes()


@app.on_partitions_revoked.connect
async def _forget(sender: Any, *_: Any, **__: Any) -> None:
    global _indexed
    _states.clear()
    _indexed = False


def states_from_tables(event_ids: set[str] | None = None) -> dict[str, EventState]:
    """Event states rebuilt from the `events` heads and `event-figures` rows (all, or some)."""
    out: dict[str, EventState] = {}
    for eid, value in list(events.items()):
        if event_ids is None or eid in event_ids:
            out[eid] = EventState.model_validate(value["head"])
    for key, value in list(figures.items()):
        eid, _, slot = key.partition("#")
        if eid in out:
            out[eid].figures[slot] = Figure.model_validate(value)
    return out


def state_of(event_id: str) -> EventState | None:
    """One event's state for the web views (never fills the cache: recovery may be running)."""
    if _indexed:
        return _states.get(event_id)
    return states_from_tables({event_id}).get(event_id)


def listing_extras(event: AttackEvent) -> dict[str, Any]:
    """What the events table shows of the sources without reading them: how many articles back the
    event and the best tier among them (EventSummary)."""
    current = [s for s in event.sources if not s.superseded]
    best = min((s.tier for s in current), key=TIERS.rank, default=None)
    return {"source_count": len({s.article_id for s in current}), "tier": best}


async def route(msg: ClaimMessage, event: Any) -> None:
    """Stage 1: set aside what counts towards no night, forward the rest keyed by attacker."""
    routing = route_claim(msg, utc_now().date(), settings.aggregation_coverage_start)
    if routing.route in SET_ASIDE_ROUTES:
        new = msg.claim_id not in set_aside
        if new:
            set_aside[msg.claim_id] = {"route": routing.route.value, "claim": msg.model_dump(mode="json")}
            changes.mark()
        metrics.CLAIMS.labels(routing.route.value, "changed" if new else "unchanged").inc()
        return
    by_attacker.send_soon(key=msg.claim.attacker.value.encode(), value=msg.model_dump_json().encode())


def _load_state(event_id: str) -> EventState | None:
    global _indexed
    if not _indexed:
        _states.update(states_from_tables())
        _indexed = True
    return _states.get(event_id)


async def resolve(msg: ClaimMessage, event: Any) -> None:
    """Stage 2: merge the claim into its event; on a change republish the event and its windows.

    Only the changed figure is written to the changelog (`event-figures`, one small row per
    article x figure) and the event's head/summary (`events`, without sources): writing the whole
    event on each claim would put O(figures) bytes per claim into the changelog.
    """
    routing = route_claim(msg)
    assert routing.event_id is not None
    eid = routing.event_id
    state = _load_state(eid)
    if state is None:
        state = _states[eid] = new_state(msg, routing)
    fig = figure_of(msg, TIERS, REGIONS)
    changed = apply_figure(state, fig)
    metrics.CLAIMS.labels(routing.route.value, "changed" if changed else "unchanged").inc()
    if not changed:
        return
    figures[f"{eid}#{fig.slot()}"] = fig.model_dump(mode="json")
    raw_old = events.get(eid)
    old = None if raw_old is None else AttackEvent.model_validate(raw_old["summary"])
    new = resolve_event(state, tiers=TIERS, regions=REGIONS)
    events[eid] = {"head": state.model_dump(mode="json", exclude={"figures"}),
                   "summary": new.model_dump(mode="json", exclude={"sources"}),
                   **listing_extras(new)}
    changes.mark()
    runtime.publish(STRIKES_EVENTS, eid, new)
    metrics.EVENT_UPDATES.labels(new.attacker.value, new.scope.value).inc()
    await _update_days(old, new)


GAUGE_REFRESH_SECONDS = 1.0
CLASSES = [w.value for w in WeaponClass]
OBLASTS = sorted(set(REGIONS.by_place.values()))
_gauges_refreshed: dict[str, float] = {}


async def _update_days(old: AttackEvent | None, new: AttackEvent) -> None:
    """Move the event's contribution in the day book; publish the windows of the touched days.

    Window sums read the table's store (`daily.data`) directly: every faust Table lookup also
    records sensor stats, and a 30-day sum per series made those lookups most of the cost.
    """
    attacker = new.attacker.value
    rows = daily.data
    mark_before = watermark(rows, attacker)
    if new.date is not None and mark_before is not None:
        metrics.LATE_CLAIMS.observe(max(0, (mark_before - new.date).days) * metrics.DAY_SECONDS)
    touched = apply_event_change(daily, old, new)
    for day, series in touched:
        for key, agg in window_rows(rows, day, series):
            runtime.publish(STRIKES_DAILY, key, agg)
            metrics.DAILY_UPDATES.labels(agg.window).inc()
    mark = watermark(rows, attacker)
    if mark is None:
        return
    if mark != mark_before:
        metrics.set_watermark(attacker, mark)
        metrics.EXPIRED_ROWS.inc(expire(daily, settings.aggregation_retention_days, attacker))
    now = time.monotonic()
    if touched and now - _gauges_refreshed.get(attacker, 0.0) >= GAUGE_REFRESH_SECONDS:
        # gauges are scraped every few seconds: refreshing them on every claim is wasted work
        _gauges_refreshed[attacker] = now
        metrics.set_trailing(attacker, trailing_totals(rows, attacker, CLASSES, mark))
        metrics.set_oblast_trailing(rows, attacker, OBLASTS, mark)


@app.timer(interval=5.0)
async def refresh_gauges() -> None:
    """Catch up gauges whose per-claim refresh was skipped by the throttle (reads only)."""
    rows = daily.data
    for attacker in list(_gauges_refreshed):
        mark = watermark(rows, attacker)
        if mark is not None:
            metrics.set_trailing(attacker, trailing_totals(rows, attacker, CLASSES, mark))
            metrics.set_oblast_trailing(rows, attacker, OBLASTS, mark)


async def keep_alert(alert: Alert, event: Any) -> None:
    """Latest state of each alert, for `/api/alerts`."""
    alerts[alert.fingerprint] = alert.model_dump(mode="json")
    changes.mark()


@app.agent(runtime.source(STRIKES_CLAIMS))
async def route_claims(stream: Any) -> None:
    await runtime.consume(stream, STRIKES_CLAIMS, route)


@app.agent(by_attacker)
async def resolve_claims(stream: Any) -> None:
    await runtime.consume(stream, BY_ATTACKER, resolve)


@app.agent(runtime.source(ALERTS))
async def alert_view(stream: Any) -> None:
    await runtime.consume(stream, ALERTS, keep_alert)


from services.aggregation import views  # noqa: E402,F401  (registers the web pages)

__all__ = ["SERVICE", "app", "settings"]
