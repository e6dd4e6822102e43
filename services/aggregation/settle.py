"""One article's claims of one attacker -> its events' figures, rows and day book (no Kafka here).

Why a module of its own: what the service derives from the figures (each event's row in `events`
and its day rows in `daily`) is written to separate faust changelogs, and the input offset is
committed after them; a `kill -9` in between lands any subset of those writes. So the merge must
be safe to replay: figures are keyed by slot (a replayed claim finds its own figure), and an event
whose figures did NOT change is still settled again, because a replay of a group that changed
nothing is exactly the case where the figure landed but what is derived from it may not have.
Settling is idempotent (the event row is rewritten only when it differs; `windows.book_event`
sets day rows instead of adding deltas), so settling again costs a resolve and writes nothing
when all is in place. Plain mappings stand in for the tables in tests, which is how the crash
is reproduced without a broker (tests/unit/aggregation/test_settle.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from schemas.domain import SeriesKey
from schemas.events import AttackEvent
from schemas.extraction import ClaimMessage
from services.aggregation import metrics
from services.aggregation.regions import RegionTable
from services.aggregation.resolve import Route, figure_of, new_state, resolve_event, route_claim
from services.aggregation.state import EventState
from services.aggregation.state_cache import EventStates
from services.aggregation.tiers import TierTable
from services.aggregation.windows import book_event, contributions, watermark

_NOT_COMPARED = {"updated_at"}
"""Summary fields a resolve sets afresh each time: equal events differ only in these."""


class NoEventError(ValueError):
    """A claim on the by-attacker topic that routes to no event (stage 1 forwards none such)."""


@dataclass
class Settled:
    """What settling one event did, for the service to publish."""

    event: AttackEvent
    row_changed: bool = False
    touched: list[tuple[dt.date, SeriesKey]] = field(default_factory=list)
    replayed: bool = False
    """The group changed none of this event's figures: re-send the event and all its windows,
    since the crash that caused the replay may have lost the sends as well as the writes."""


def listing_extras(event: AttackEvent, tiers: TierTable) -> dict[str, Any]:
    """What the events table shows of the sources without reading them: how many articles back
    the event and the best tier among them (EventSummary)."""
    current = [s for s in event.sources if not s.superseded]
    best = min((s.tier for s in current), key=tiers.rank, default=None)
    return {"source_count": len({s.article_id for s in current}), "tier": best}


def _comparable(row: Mapping[str, Any] | None) -> Any:
    if row is None:
        return None
    summary = {k: v for k, v in row.get("summary", {}).items() if k not in _NOT_COMPARED}
    return {**row, "summary": summary}


class Settler:
    """Merges claim groups into event states and settles each event they touch."""

    def __init__(self, states: EventStates, heads: MutableMapping[str, Any], book: MutableMapping[str, dict],
                 *, tiers: TierTable, regions: RegionTable, oblasts: Sequence[str],
                 book_view: Callable[[], Mapping[str, dict]] | None = None) -> None:
        """`book_view` gives where day rows are read (a faust table's `.data`, asked for only
        once the service runs: the store is built on first access); default: `book` itself."""
        self.states = states
        self.heads = heads
        self.book = book
        self._book_view = book_view
        self.tiers = tiers
        self.regions = regions
        self.oblasts = tuple(oblasts)

    def apply(self, claims: Sequence[ClaimMessage]) -> list[Settled]:
        """Merge the claims; settle every event they route to, once each, in first-seen order."""
        used: dict[str, EventState] = {}  # held here: the cache may evict one a later claim skips
        changed: dict[str, bool] = {}
        for msg in claims:
            routing = route_claim(msg)
            if routing.event_id is None or routing.route not in (Route.EVENT, Route.PERIOD):
                raise NoEventError(f"claim {msg.claim_id} routes to {routing.route.value}, not an event")
            eid = routing.event_id
            state = used.get(eid)
            if state is None:
                state = self.states.get(eid)
            if state is None:
                state = self.states.adopt(new_state(msg, routing))
            used[eid] = state
            new = self.states.record(state, figure_of(msg, self.tiers, self.regions))
            metrics.CLAIMS.labels(routing.route.value, "changed" if new else "unchanged").inc()
            changed[eid] = changed.get(eid, False) or new
        return [self.settle(used[eid], replayed=not was_changed) for eid, was_changed in changed.items()]

    def settle(self, state: EventState, *, replayed: bool = False) -> Settled:
        """Resolve the event; write its row if it differs; set its day rows."""
        event = resolve_event(state, tiers=self.tiers, regions=self.regions)
        row = {"head": state.model_dump(mode="json", exclude={"figures"}),
               "summary": event.model_dump(mode="json", exclude={"sources"}),
               **listing_extras(event, self.tiers)}
        row_changed = _comparable(self.heads.get(state.event_id)) != _comparable(row)
        if row_changed:
            self.heads[state.event_id] = row
        view = self.book if self._book_view is None else self._book_view()
        mark_before = watermark(view, event.attacker)
        if event.date is not None and mark_before is not None and (row_changed or not replayed):
            metrics.LATE_CLAIMS.observe(max(0, (mark_before - event.date).days) * metrics.DAY_SECONDS)
        touched = book_event(self.book, event, self.oblasts, view)
        if replayed:
            day, rows = contributions(event)
            touched = sorted(set(touched) | {(day, s) for s in rows} if day is not None else set(touched))
        return Settled(event=event, row_changed=row_changed, touched=touched, replayed=replayed)


__all__ = ["NoEventError", "Settled", "Settler", "listing_extras"]
