"""The bounded cache of parsed event states over the tables (state_cache.py): evicting an event and
reading it back gives the state it had; a miss reads its own rows through the index; the rows are
the JSON faust's json serializer reads and writes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from faust.serializers import codecs

from schemas.extraction import ClaimMessage
from services.aggregation.regions import default_region_table
from services.aggregation.resolve import figure_of, new_state, resolve_event, route_claim
from services.aggregation.state import EventState
from services.aggregation.state_cache import EventStates, decode_figure, encode_figure
from services.aggregation.tiers import default_tier_table
from tests.support.claims import claim

TIERS, REGIONS = default_tier_table(), default_region_table()
NIGHTS = [dt.date(2025, 7, 1) + dt.timedelta(days=d) for d in range(5)]
T0 = dt.datetime(2025, 7, 9, 6, 0, tzinfo=dt.UTC)


class CountingTable(dict):
    """A table that counts full scans of its keys."""

    scans = 0

    def keys(self) -> Any:
        self.scans += 1
        return super().keys()


def night_claims() -> list[ClaimMessage]:
    """Claims over five nights, interleaved, from several outlets, with revisions, repeats and
    places: every night changes again after the others have pushed it out of a small cache."""
    out: list[ClaimMessage] = []
    for round_ in range(4):
        for n, night in enumerate(NIGHTS):
            art = f"art-{n}-{round_ % 3}"  # round 3 repeats round 0's articles (a redelivery)
            outlet = ("mil.gov.ua", "reuters.com", "example-news.com")[round_ % 3]
            published = T0 + dt.timedelta(hours=round_)
            out += [claim(100 + 10 * n + round_, date=night, article=art, outlet=outlet, index=0,
                          published=published, revision=1 if round_ == 3 else 0),
                    claim(5 + n, "killed", None, date=night, article=art, outlet=outlet, index=1,
                          locations=["Kyiv"], published=published, text="Ще 5 загиблих у Києві."),
                    claim(3, weapon_class="missiles", date=night, article=art, outlet=outlet, index=2,
                          published=published)]
    return out


def feed(states: EventStates, heads: dict[str, Any], msgs: list[ClaimMessage]) -> None:
    """What the service's resolve does with the cache, one claim at a time."""
    for msg in msgs:
        routing = route_claim(msg)
        eid = routing.require_event_id()
        state = states.get(eid)
        if state is None:
            state = states.adopt(new_state(msg, routing))
        if states.record(state, figure_of(msg, TIERS, REGIONS)):
            heads[eid] = {"head": state.model_dump(mode="json", exclude={"figures"})}


def public(state: EventState) -> dict[str, Any]:
    return resolve_event(state, tiers=TIERS, regions=REGIONS).model_dump(exclude={"updated_at"})


def test_an_evicted_event_read_back_is_the_state_it_had() -> None:
    whole_heads: dict[str, Any] = {}
    whole = EventStates(whole_heads, {}, max_figures=10_000)
    feed(whole, whole_heads, night_claims())
    heads: dict[str, Any] = {}
    figures = CountingTable()
    small = EventStates(heads, figures, max_figures=12)
    feed(small, heads, night_claims())

    assert small.misses > len(NIGHTS)  # nights were evicted and read back
    assert small.cached_figures <= 12
    assert figures == whole.figures and heads == whole_heads
    for night in NIGHTS:
        eid = f"RU-{night.isoformat()}"
        expected = whole.peek(eid)
        got = small.get(eid)
        assert expected is not None and got is not None
        assert list(got.figures.items()) == list(expected.figures.items())  # same figures, same order
        assert public(got) == public(expected)
    assert figures.scans == 1  # the index was built once; every miss read its own rows


def test_a_state_larger_than_the_bound_is_still_kept_while_used() -> None:
    heads: dict[str, Any] = {}
    states = EventStates(heads, {}, max_figures=2)
    feed(states, heads, [claim(v, article=f"a{v}") for v in (1, 2, 3, 4)])
    assert len(states) == 1 and states.cached_figures == 4


def test_peek_caches_nothing_and_clear_forgets_the_index() -> None:
    heads: dict[str, Any] = {}
    figures: dict[str, bytes] = {}
    states = EventStates(heads, figures, max_figures=1)
    feed(states, heads, [claim(539, date=NIGHTS[0]), claim(11, date=NIGHTS[1])])
    assert [s.event_id for s in states.cached()] == ["RU-2025-07-02"]
    peeked = states.peek("RU-2025-07-01")
    assert peeked is not None and len(peeked.figures) == 1
    assert [s.event_id for s in states.cached()] == ["RU-2025-07-02"]
    # rows that arrive while the cache is cleared (a recovery) are found by the next index
    other: dict[str, Any] = {}
    donor = EventStates(other, {}, max_figures=10)
    feed(donor, other, [claim(700, date=NIGHTS[0], article="late")])
    states.clear()
    figures.update({k: v for k, v in donor.figures.items() if "late" in k})
    state = states.get("RU-2025-07-01")
    assert state is not None and {f.article_id for f in state.figures.values()} >= {"late"}
    assert len(state.figures) == 2


def test_a_new_event_takes_the_rows_the_table_already_holds() -> None:
    """Rows without a head (written, then the worker died before the head): a new state adopts them,
    so it equals what a later read gives."""
    donor_heads: dict[str, Any] = {}
    donor = EventStates(donor_heads, {}, max_figures=10)
    feed(donor, donor_heads, [claim(539, article="first")])
    heads: dict[str, Any] = {}
    states = EventStates(heads, dict(donor.figures), max_figures=10)
    feed(states, heads, [claim(11, weapon_class="missiles", article="second")])
    state = states.peek("RU-2025-07-09")
    assert state is not None and sorted(f.article_id for f in state.figures.values()) == ["first", "second"]


def test_rows_are_the_json_faust_reads_and_writes() -> None:
    """Rows written by faust's json serializer (before) parse to the same figure, and faust's json
    serializer reads rows written now as the dict it wrote (so either version recovers the other's
    changelog)."""
    msg = claim(5, "killed", None, locations=["Kyiv"], text="Ще 5 загиблих у Києві — «дані ДСНС».")
    fig = figure_of(msg, TIERS, REGIONS)
    as_dict = fig.model_dump(mode="json")
    assert decode_figure(codecs.dumps("json", as_dict)) == fig
    assert codecs.loads("json", encode_figure(fig)) == as_dict
    assert codecs.loads("raw", encode_figure(fig)) == encode_figure(fig)
