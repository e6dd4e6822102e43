"""Claims -> attack events: routing, idempotent merging and the consensus figures.

Precedence (documented in docs/aggregation.md, table in source_tiers.yaml):

1. Each source (outlet, else feed, else article) has ONE current figure per group (measure x
   weapon class x model x location): its latest by (published_at, revision, value). A later
   correction from the same source therefore replaces its earlier figure; superseded figures stay
   in the event's `sources` with `superseded=true`.
2. Among the current figures of a group, only the best tier counts (official > regional > wire >
   aggregator). Within that tier the value stated by the most sources wins; ties go to the most
   recently published figure, then to the larger value.
3. A class's nationwide figure is the largest of: its nationwide consensus, the sum of its
   per-model figures, and the sum of its per-region figures (parts never exceed a whole that is
   reported correctly, so a larger sum means the whole was not reported or is stale).
4. `missiles` = max(missiles, sum of ballistic/cruise/aeroballistic/guided-air missiles).
   `total` (drones + missiles; glide bombs are not in the Air Force's nightly totals) is
   reconciled with the parts: when both drones and missiles are known their sum replaces a
   differing total unless the total comes from a strictly better tier; with one part only, the
   total is at least that part; with no total, the total is the parts' sum.

Period totals become their own events (scope `period_total`) and never touch a night; claims
that refer to an earlier attack (`is_reference`) or have no date are set aside and reported.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from schemas.base import utc_now
from schemas.domain import CASUALTY_MEASURES, COVERAGE_START, MISSILE_PARTS
from schemas.domain import WEAPON_MEASURES as COUNT_MEASURES
from schemas.events import AttackEvent, Counts, EventSource, RegionFigures
from schemas.extraction import Attacker, ClaimMessage, Measure, Period, Scope, WeaponClass
from services.aggregation.regions import RegionTable, default_region_table
from services.aggregation.state import EventState, Figure
from services.aggregation.tiers import TierTable, default_tier_table


class Route(StrEnum):
    """Where a claim goes."""

    EVENT = "event"            # a night/day's attack
    PERIOD = "period"          # a period total: its own record
    REFERENCE = "reference"    # cites an earlier attack: evidence of nothing new, set aside
    UNDATED = "undated"        # no resolvable date: kept and reported, never guessed
    OUT_OF_RANGE = "out_of_range"  # dated after tomorrow or before coverage starts: set aside


SET_ASIDE_ROUTES = (Route.REFERENCE, Route.UNDATED, Route.OUT_OF_RANGE)
FUTURE_SLACK = dt.timedelta(days=1)
"""How far past today (UTC) a date may lie: Kyiv's morning is the previous UTC evening."""


@dataclass(frozen=True)
class Routing:
    route: Route
    event_id: str | None = None

    def require_event_id(self) -> str:
        """The id of the event an EVENT or PERIOD route names; ValueError for a route that names
        none (a set-aside claim has no event to create or update)."""
        if self.event_id is None:
            raise ValueError(f"a claim routed to {self.route} belongs to no event")
        return self.event_id


def event_id_for(attacker: str, date: dt.date) -> str:
    """Stable id of a single attack: attacker + resolved date (e.g. `RU-2025-07-09`)."""
    return f"{attacker}-{date.isoformat()}"


def period_event_id(attacker: str, period: Period) -> str:
    """Stable id of a period total: attacker + period bounds (e.g. `RU-P2025-07-01_2025-07-31`)."""
    if period.start is None or period.end is None:
        raise ValueError(f"a period total needs both bounds to have an id: {period.start} .. {period.end}")
    return f"{attacker}-P{period.start.isoformat()}_{period.end.isoformat()}"


def route_claim(msg: ClaimMessage, today: dt.date | None = None,
                coverage_start: dt.date = COVERAGE_START) -> Routing:
    """Decide what a claim is evidence of (pure: the same claim always routes the same way). With
    `today`, a claim (or its article) dated after tomorrow, or an attack before `coverage_start`,
    is set aside: one article from 2099 must not move the event-time watermark, whose expiry
    would then delete every real day (stage 1 checks; stage 2 routes what stage 1 passed)."""
    claim = msg.claim
    if claim.is_reference:
        return Routing(Route.REFERENCE)
    if today is not None and _out_of_range(msg, today, coverage_start):
        return Routing(Route.OUT_OF_RANGE)
    if claim.scope == Scope.PERIOD_TOTAL:
        p = claim.period
        if p is None or p.start is None or p.end is None:
            return Routing(Route.UNDATED)
        return Routing(Route.PERIOD, period_event_id(claim.attacker, p))
    if claim.date is None:
        return Routing(Route.UNDATED)
    return Routing(Route.EVENT, event_id_for(claim.attacker, claim.date))


def _out_of_range(msg: ClaimMessage, today: dt.date, coverage_start: dt.date) -> bool:
    claim = msg.claim
    latest = today + FUTURE_SLACK
    if msg.published_at is not None and msg.published_at.date() > latest:
        return True
    days = [claim.date] if claim.date is not None else []
    if claim.period is not None:
        days += [d for d in (claim.period.start, claim.period.end) if d is not None]
    return any(d > latest for d in days) or (claim.date is not None and claim.date < coverage_start)


def new_state(msg: ClaimMessage, routing: Routing) -> EventState:
    """An empty state for the event a claim routes to."""
    claim = msg.claim
    event_id = routing.require_event_id()
    if routing.route == Route.PERIOD:
        return EventState(event_id=event_id, attacker=claim.attacker, scope=Scope.PERIOD_TOTAL,
                          period=claim.period)
    return EventState(event_id=event_id, attacker=claim.attacker, date=claim.date)


def figure_of(msg: ClaimMessage, tiers: TierTable, regions: RegionTable) -> Figure:
    """The claim as a stored figure, with its source tier and location key."""
    claim = msg.claim
    return Figure(
        article_id=msg.article_id, claim_id=msg.claim_id, revision=msg.revision,
        source=msg.outlet or msg.article_id, url=msg.url, outlet=msg.outlet,
        published_at=msg.published_at, measure=claim.measure.value,
        # casualties are per attack, not per weapon class (whatever the extractor guessed)
        weapon_class=None if claim.measure in CASUALTY_MEASURES or claim.weapon_class is None
        else claim.weapon_class.value,
        weapon_model=claim.weapon_model, location=regions.location_key(claim.locations),
        locations=list(claim.locations), value=claim.value, qualifier=claim.qualifier.value,
        tier=tiers.tier_of(msg.outlet, msg.feed, claim.evidence.text), text=claim.evidence.text,
    )


def apply_figure(state: EventState, fig: Figure) -> bool:
    """Merge one figure into the state; True when the state changed.

    One slot per (article, measure, class, model, location): a claim seen again (redelivery,
    restart, replay) finds its own figure and changes nothing; a later revision replaces it.
    """
    slot = fig.slot()
    current = state.figures.get(slot)
    if current is not None and current.slot_order() >= fig.slot_order():
        return False
    state.figures[slot] = fig
    return True


def apply_claim(
    state: EventState | None, msg: ClaimMessage, *, tiers: TierTable | None = None,
    regions: RegionTable | None = None,
) -> tuple[EventState, bool]:
    """Route-checked merge of one claim into its event's state (creating it if needed)."""
    routing = route_claim(msg)
    if routing.route not in (Route.EVENT, Route.PERIOD):
        raise ValueError(f"claim {msg.claim_id} routes to {routing.route}, not to an event")
    if state is None:
        state = new_state(msg, routing)
    elif state.event_id != routing.event_id:
        raise ValueError(f"claim {msg.claim_id} belongs to {routing.event_id}, not {state.event_id}")
    fig = figure_of(msg, tiers or default_tier_table(), regions or default_region_table())
    return state, apply_figure(state, fig)


# -- consensus -------------------------------------------------------------------------------


def current_figures(state: EventState) -> dict[str, list[Figure]]:
    """Group -> the current figure of each source (its latest), superseded ones left out."""
    latest: dict[tuple[str, str], tuple[tuple, Figure]] = {}
    for fig in state.figures.values():
        key = (fig.group(), fig.source)
        order = fig.order()
        held = latest.get(key)
        if held is None or order > held[0]:
            latest[key] = (order, fig)
    groups: dict[str, list[Figure]] = defaultdict(list)
    for (group, _), (_, fig) in latest.items():
        groups[group].append(fig)
    return groups


def consensus(figs: list[Figure], tiers: TierTable) -> Figure:
    """The winning figure of one group: best tier, then most sources, then latest, then larger."""
    ranked = [(tiers.rank(f.tier), f) for f in figs]
    best = min(r for r, _ in ranked)
    votes: Counter[int] = Counter()
    latest: dict[int, tuple[tuple, Figure]] = {}
    for rank, f in ranked:
        if rank != best:
            continue
        votes[f.value] += 1
        order = f.order()
        if f.value not in latest or order > latest[f.value][0]:
            latest[f.value] = (order, f)
    value = max(votes, key=lambda v: (votes[v], latest[v][0], v))
    return latest[value][1]


@dataclass
class _Cell:
    """A resolved number and the best tier rank behind it."""

    value: int
    rank: int


def _sum_cells(cells: Iterable[_Cell]) -> _Cell | None:
    cells = list(cells)
    if not cells:
        return None
    return _Cell(sum(c.value for c in cells), max(c.rank for c in cells))


def _largest(*cells: _Cell | None) -> _Cell | None:
    present = [c for c in cells if c is not None]
    if not present:
        return None
    return max(present, key=lambda c: (c.value, -c.rank))


def _named(fig: Figure) -> str:
    """Who a note names: the outlet, else the address's host (a feed without outlets), and only
    then the article id (which tells an analyst nothing)."""
    host = urlsplit(fig.url).hostname if fig.url else None
    return fig.outlet or host or fig.source


class _Resolver:
    """Computes one event's consensus figures from its current figures."""

    def __init__(self, groups: dict[str, list[Figure]], tiers: TierTable) -> None:
        self.tiers = tiers
        self.notes: list[str] = []
        # measure -> {(class, model, location): consensus cell}
        self.cells: dict[str, dict[tuple[str, str, str], _Cell]] = defaultdict(dict)
        for group, figs in groups.items():
            win = consensus(figs, tiers)
            measure, wclass, model, location = group.split("|")
            self.cells[measure][(wclass, model, location)] = _Cell(win.value, tiers.rank(win.tier))
            if len(figs) > 1 and len(values := sorted({f.value for f in figs})) > 1:
                where = f" in {location}" if location else ""
                self.notes.append(
                    f"{measure} {wclass or 'people'}{'/' + model if model else ''}{where}: sources say "
                    f"{', '.join(map(str, values))}; {win.value} from {_named(win)} ({win.tier}) wins"
                )

    def _class_cell(self, measure: str, wclass: str, location: str | None) -> _Cell | None:
        """One class's figure, nationwide (location None) or for one location key."""
        cells = self.cells.get(measure, {})
        if location is not None:
            whole = cells.get((wclass, "", location))
            models = _sum_cells(c for (w, mo, lo), c in cells.items()
                                if w == wclass and mo and lo == location)
            return _largest(whole, models)
        whole = cells.get((wclass, "", ""))
        models = _sum_cells(c for (w, mo, lo), c in cells.items() if w == wclass and mo and not lo)
        regions = _sum_cells(
            c for lo in {lo for (w, _, lo) in cells if w == wclass and lo}
            if (c := self._class_cell(measure, wclass, lo)) is not None
        )
        return _largest(whole, models, regions)

    def counts(self, measure: str, location: str | None) -> Counts:
        """Reconciled counts by weapon class for one measure (see the module docstring)."""
        classes = {w for (w, _, lo) in self.cells.get(measure, {})
                   if w and (location is None or lo == location)}
        cells = {w: c for w in classes if (c := self._class_cell(measure, w, location)) is not None}
        parts = _sum_cells(cells[w] for w in MISSILE_PARTS if w in cells)
        if parts is not None:
            cells[WeaponClass.MISSILES] = _largest(cells.get(WeaponClass.MISSILES), parts) or parts
        drones, missiles = cells.get(WeaponClass.DRONES), cells.get(WeaponClass.MISSILES)
        total = cells.get(WeaponClass.TOTAL)
        where = f" in {location}" if location else ""
        if drones is not None and missiles is not None:
            both = _Cell(drones.value + missiles.value, max(drones.rank, missiles.rank))
            if total is None:
                cells[WeaponClass.TOTAL] = both
            elif total.value != both.value:
                if total.rank < both.rank:
                    self.notes.append(f"{measure} total{where}: kept {total.value} (better source) over "
                                      f"drones {drones.value} + missiles {missiles.value}")
                else:
                    self.notes.append(f"{measure} total{where}: {total.value} replaced by drones "
                                      f"{drones.value} + missiles {missiles.value} = {both.value}")
                    cells[WeaponClass.TOTAL] = both
        elif (part := drones if drones is not None else missiles) is not None:
            cells[WeaponClass.TOTAL] = _largest(total, part) or part
        return {str(w): c.value for w, c in sorted(cells.items())}

    def casualties(self, measure: str, location: str | None) -> int | None:
        """Killed/injured: nationwide = max(nationwide figure, sum of per-place figures)."""
        cells = self.cells.get(measure, {})
        if location is not None:
            cell = cells.get(("", "", location))
            return None if cell is None else cell.value
        whole = cells.get(("", "", ""))
        places = _sum_cells(c for (w, _, lo), c in cells.items() if not w and lo)
        best = _largest(whole, places)
        return None if best is None else best.value


_SOURCE_FIELDS = set(EventSource.model_fields)


def _source(cache: dict, slot: str, f: Figure, superseded: bool) -> EventSource:
    """The public source of a figure, reused from the state's cache while it is unchanged."""
    cached = cache.get(slot)
    if cached is not None and cached[0] is f and cached[1] == superseded:
        return cached[2]
    source = EventSource(
        article_id=f.article_id, url=f.url, outlet=f.outlet, claim_id=f.claim_id, measure=f.measure,
        weapon_class=f.weapon_class, weapon_model=f.weapon_model, value=f.value, qualifier=f.qualifier,
        location=f.location, tier=f.tier, superseded=superseded, text=f.text, published_at=f.published_at,
    )
    # one shared set of field names as pydantic's "fields set" (every field is set here): a set of
    # its own was ~0.7 KB of every source the cached states keep (state_cache.py)
    object.__setattr__(source, "__pydantic_fields_set__", _SOURCE_FIELDS)
    cache[slot] = (f, superseded, source)
    return source


def resolve_event(
    state: EventState, *, tiers: TierTable | None = None, regions: RegionTable | None = None,
    updated_at: dt.datetime | None = None,
) -> AttackEvent:
    """The public event of a state: consensus counts, per-region figures, every source."""
    tiers = tiers or default_tier_table()
    regions = regions or default_region_table()
    groups = current_figures(state)
    r = _Resolver(groups, tiers)
    region_keys = sorted({f.location for f in state.figures.values() if f.location}, key=str)
    region_figs: dict[str, RegionFigures] = {}
    for key in region_keys:
        if not regions.is_region(key):
            continue
        region_figs[key] = RegionFigures(
            **{m.value: r.counts(m.value, key) for m in COUNT_MEASURES},
            killed=r.casualties(Measure.KILLED.value, key),
            injured=r.casualties(Measure.INJURED.value, key),
        )
    current_ids = {id(f) for figs in groups.values() for f in figs}
    ordered = sorted(state.figures.items(), key=lambda kv: (kv[1].published_at is None, kv[1].order(), kv[0]))
    cache = state._sources
    sources = [_source(cache, slot, f, id(f) not in current_ids) for slot, f in ordered]
    places = sorted({p for f in state.figures.values() for p in f.locations})
    return AttackEvent(
        event_id=state.event_id, attacker=state.attacker, date=state.date, scope=state.scope,
        period=state.period, locations=places,
        **{m.value: r.counts(m.value, None) for m in COUNT_MEASURES},
        killed=r.casualties(Measure.KILLED.value, None), injured=r.casualties(Measure.INJURED.value, None),
        regions=region_figs, sources=sources, notes=sorted(set(r.notes)),
        updated_at=updated_at or utc_now(),
    )


def same_content(a: AttackEvent | None, b: AttackEvent) -> bool:
    """Events equal apart from `updated_at` (publish only on a real change)."""
    if a is None:
        return False
    return a.model_dump(exclude={"updated_at"}) == b.model_dump(exclude={"updated_at"})


@dataclass
class SetAside:
    """A claim kept out of every night: an undated figure, a reference to an earlier attack, or a
    date outside coverage (after tomorrow, before the coverage start)."""

    route: Route
    message: ClaimMessage


class Resolver:
    """In-memory resolver for offline use (CLI, tests, bench); the service keeps the same states
    in faust tables and calls the same functions."""

    def __init__(self, tiers: TierTable | None = None, regions: RegionTable | None = None,
                 today: dt.date | None = None) -> None:
        self.today = today  # None: the clock's
        self.tiers = tiers or default_tier_table()
        self.regions = regions or default_region_table()
        self.states: dict[str, EventState] = {}
        self.set_aside: dict[str, SetAside] = {}

    def add(self, msg: ClaimMessage) -> str | None:
        """Apply one claim; returns the id of the event it changed, or None."""
        routing = route_claim(msg, self.today or utc_now().date())
        if routing.route in SET_ASIDE_ROUTES:
            self.set_aside[msg.claim_id] = SetAside(routing.route, msg)
            return None
        event_id = routing.require_event_id()
        state, changed = apply_claim(self.states.get(event_id), msg, tiers=self.tiers, regions=self.regions)
        self.states[event_id] = state
        return event_id if changed else None

    def add_all(self, msgs: Iterable[ClaimMessage]) -> set[str]:
        """Apply many claims; the ids of the events that changed."""
        return {eid for m in msgs if (eid := self.add(m)) is not None}

    def event(self, event_id: str, updated_at: dt.datetime | None = None) -> AttackEvent:
        return resolve_event(self.states[event_id], tiers=self.tiers, regions=self.regions,
                             updated_at=updated_at)

    def events(self, updated_at: dt.datetime | None = None) -> list[AttackEvent]:
        """Every event, sorted: single attacks by date then attacker, period totals last."""
        order = sorted(self.states.values(),
                       key=lambda s: (s.scope != Scope.SINGLE_ATTACK, s.date or dt.date.min, s.event_id))
        return [resolve_event(s, tiers=self.tiers, regions=self.regions, updated_at=updated_at)
                for s in order]


__all__ = [
    "Attacker", "Resolver", "Route", "Routing", "SetAside", "apply_claim", "apply_figure", "consensus",
    "event_id_for", "period_event_id", "resolve_event", "route_claim", "same_content",
]
