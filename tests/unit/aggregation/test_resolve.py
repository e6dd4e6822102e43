"""Claims -> events: merging, precedence, corrections, totals, period totals, idempotence."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from schemas.extraction import ClaimMessage, Period
from services.aggregation.resolve import Resolver, Route, Routing, new_state, period_event_id, route_claim
from tests.support.claims import claim

NIGHT = dt.date(2025, 7, 9)
T0 = dt.datetime(2025, 7, 9, 6, 0, tzinfo=dt.UTC)


def only_event(r: Resolver):
    events = r.events()
    assert len(events) == 1, [e.event_id for e in events]
    return events[0]


def test_539_drones_and_11_missiles_vs_550_drones_and_missiles_is_one_consistent_event():
    r = Resolver()
    r.add(claim(539, article="kyiv-indep", outlet="kyivindependent.com"))
    r.add(claim(11, weapon_class="missiles", article="kyiv-indep", outlet="kyivindependent.com"))
    r.add(claim(550, weapon_class="total", article="wire", outlet="reuters.com"))
    event = only_event(r)
    assert event.event_id == "RU-2025-07-09"
    assert event.launched == {"drones": 539, "missiles": 11, "total": 550}
    assert len(event.sources) == 3
    assert not event.notes  # nothing conflicted


def test_total_disagreeing_with_parts_from_an_equal_or_worse_tier_is_replaced_by_their_sum():
    r = Resolver()
    r.add(claim(539, outlet="ukrinform.net", text="The Air Force said 539 drones were launched."))
    r.add(claim(11, weapon_class="missiles", outlet="ukrinform.net",
                text="The Air Force counted 11 missiles."))
    r.add(claim(560, weapon_class="total", outlet="blog.example.org"))
    event = only_event(r)
    assert event.launched["total"] == 550
    assert any("replaced by drones 539 + missiles 11" in n for n in event.notes)


def test_total_from_a_strictly_better_tier_is_kept_over_parts():
    r = Resolver()
    r.add(claim(539, outlet="blog.example.org"))
    r.add(claim(11, weapon_class="missiles", outlet="blog.example.org"))
    r.add(claim(560, weapon_class="total", outlet="mil.gov.ua"))
    event = only_event(r)
    assert event.launched == {"drones": 539, "missiles": 11, "total": 560}
    assert any("kept 560" in n for n in event.notes)


def test_total_with_one_part_known_is_at_least_that_part():
    r = Resolver()
    r.add(claim(539, outlet="a.example"))
    r.add(claim(550, weapon_class="total", outlet="b.example"))
    assert only_event(r).launched == {"drones": 539, "total": 550}
    r2 = Resolver()
    r2.add(claim(539, outlet="a.example"))
    assert only_event(r2).launched == {"drones": 539, "total": 539}


def test_805_vs_810_drones_is_one_event_and_the_official_figure_wins():
    r = Resolver()
    r.add(claim(805, article="wire", outlet="reuters.com"))
    r.add(claim(810, article="af", outlet="news.example",
                text="Ukraine's Air Force said 810 drones were launched."))
    event = only_event(r)
    assert event.launched["drones"] == 810
    assert {s.tier for s in event.sources} == {"wire", "official"}
    assert any("805, 810" in n for n in event.notes)


def test_805_vs_810_within_one_tier_goes_to_the_majority_then_the_latest():
    majority = Resolver()
    majority.add(claim(805, outlet="a.example", published=T0))
    majority.add(claim(805, outlet="b.example", published=T0))
    majority.add(claim(810, outlet="c.example", published=T0 + dt.timedelta(hours=1)))
    assert only_event(majority).launched["drones"] == 805
    latest = Resolver()
    latest.add(claim(810, outlet="c.example", published=T0 + dt.timedelta(hours=1)))
    latest.add(claim(805, outlet="a.example", published=T0))
    assert only_event(latest).launched["drones"] == 810


def test_a_later_correction_from_the_same_source_replaces_its_figure():
    r = Resolver()
    r.add(claim(805, article="af-post", outlet="mil.gov.ua", revision=0, index=0))
    r.add(claim(800, article="other", outlet="mil.gov.ua", published=T0 - dt.timedelta(hours=1)))
    r.add(claim(810, article="af-post", outlet="mil.gov.ua", revision=1, index=0))
    event = only_event(r)
    assert event.launched["drones"] == 810
    # every figure stays as evidence, the replaced ones marked
    assert sorted((s.value, s.superseded) for s in event.sources) == [(800, True), (810, False)]
    # the older article of the same outlet is superseded too: one current figure per source
    r.add(claim(815, article="later", outlet="mil.gov.ua", published=T0 + dt.timedelta(hours=3)))
    event = only_event(r)
    assert event.launched["drones"] == 815
    assert [s.value for s in event.sources if not s.superseded] == [815]


def test_an_older_revision_arriving_late_does_not_undo_a_correction():
    r = Resolver()
    r.add(claim(810, article="af-post", outlet="mil.gov.ua", revision=1, index=0))
    r.add(claim(805, article="af-post", outlet="mil.gov.ua", revision=0, index=0))
    assert only_event(r).launched["drones"] == 810


def test_reprocessing_claims_never_changes_counts_in_any_order():
    msgs = [
        claim(539, article="x", outlet="kyivindependent.com"),
        claim(11, weapon_class="missiles", article="x", outlet="kyivindependent.com"),
        claim(550, weapon_class="total", article="y", outlet="reuters.com"),
        claim(805, article="z", outlet="mil.gov.ua", revision=0, index=7),
        claim(810, article="z", outlet="mil.gov.ua", revision=1, index=7),
        claim(3, measure="killed", weapon_class=None, article="x", outlet="kyivindependent.com"),
    ]
    reference = Resolver()
    reference.add_all(msgs)
    expected = reference.events(updated_at=T0)
    rng = random.Random(7)
    for _ in range(20):
        replay = msgs * 3
        rng.shuffle(replay)
        r = Resolver()
        r.add_all(replay)
        assert r.events(updated_at=T0) == expected
    again = reference.add_all(msgs)
    assert again == set()  # a redelivered claim changes nothing, so nothing is republished


def test_period_totals_are_their_own_records_and_never_add_to_a_night():
    r = Resolver()
    r.add(claim(539))
    r.add(claim(6297, scope="period_total", period=(dt.date(2025, 7, 1), dt.date(2025, 7, 31))))
    events = {e.event_id: e for e in r.events()}
    assert set(events) == {"RU-2025-07-09", "RU-P2025-07-01_2025-07-31"}
    assert events["RU-2025-07-09"].launched["drones"] == 539
    period = events["RU-P2025-07-01_2025-07-31"]
    assert period.scope == "period_total" and period.date is None
    assert period.launched["drones"] == 6297


def test_references_to_earlier_attacks_and_undated_claims_are_set_aside_not_guessed():
    r = Resolver()
    r.add(claim(539))
    ref = claim(728, date=dt.date(2025, 7, 9), is_reference=True)
    undated = claim(400, date=None)
    open_period = claim(1000, scope="period_total", period=None)
    for m in (ref, undated, open_period):
        assert r.add(m) is None
    assert only_event(r).launched["drones"] == 539
    assert {k: v.route for k, v in r.set_aside.items()} == {
        ref.claim_id: Route.REFERENCE, undated.claim_id: Route.UNDATED, open_period.claim_id: Route.UNDATED,
    }


def test_a_claim_routed_to_no_event_gets_no_state_and_an_open_period_no_id():
    """Explicit errors (not asserts, which `python -O` strips) when a caller skips the routing."""
    undated = claim(400, date=None)
    with pytest.raises(ValueError, match="routed to undated belongs to no event"):
        new_state(undated, route_claim(undated))
    with pytest.raises(ValueError, match="belongs to no event"):
        Routing(Route.EVENT).require_event_id()
    assert new_state(claim(539), route_claim(claim(539))).event_id == "RU-2025-07-09"
    with pytest.raises(ValueError, match="needs both bounds"):
        period_event_id("RU", Period(start=dt.date(2025, 7, 1)))

def test_attacker_and_date_separate_events():
    r = Resolver()
    r.add(claim(539))
    r.add(claim(539, date=NIGHT + dt.timedelta(days=1)))
    r.add(claim(112, measure="intercepted", attacker="UA"))
    assert [e.event_id for e in r.events()] == ["RU-2025-07-09", "UA-2025-07-09", "RU-2025-07-10"]
    assert route_claim(claim(1)).event_id == "RU-2025-07-09"


def test_missile_subclasses_and_models_add_up_when_no_whole_figure_is_given():
    r = Resolver()
    r.add(claim(2, weapon_class="ballistic_missiles"))
    r.add(claim(9, weapon_class="cruise_missiles"))
    r.add(claim(300, weapon_model="Shahed-136"))
    r.add(claim(200, weapon_model="Gerbera"))
    event = only_event(r)
    assert event.launched == {"ballistic_missiles": 2, "cruise_missiles": 9, "drones": 500,
                              "missiles": 11, "total": 511}


def test_region_figures_feed_regions_and_casualties_sum_over_places():
    r = Resolver()
    r.add(claim(2, measure="killed", weapon_class=None, locations=["Kyiv"]))
    r.add(claim(3, measure="killed", weapon_class=None, locations=["Odesa"]))
    r.add(claim(30, measure="intercepted", locations=["Kyiv region"]))
    r.add(claim(500, measure="intercepted", locations=["Ukraine"]))
    event = only_event(r)
    assert event.killed == 5
    assert event.intercepted["drones"] == 500  # nationwide figure, Ukraine is not a region
    assert event.regions["Kyiv Oblast"].intercepted == {"drones": 30, "total": 30}
    assert event.regions["Kyiv City"].killed == 2
    assert event.regions["Odesa Oblast"].killed == 3
    assert event.locations == ["Kyiv", "Kyiv region", "Odesa", "Ukraine"]


def test_a_nationwide_casualty_toll_larger_than_the_places_wins():
    r = Resolver()
    r.add(claim(2, measure="killed", weapon_class=None, locations=["Kyiv"]))
    r.add(claim(7, measure="killed", weapon_class=None))
    assert only_event(r).killed == 7


def test_every_permutation_of_a_small_night_gives_the_same_event():
    msgs = [claim(805, outlet="reuters.com"), claim(810, outlet="mil.gov.ua"),
            claim(550, weapon_class="total", outlet="a.example"), claim(5, weapon_class="missiles")]
    results = set()
    for perm in itertools.permutations(msgs):
        r = Resolver()
        r.add_all(perm)
        results.add(only_event(r).model_dump_json(exclude={"updated_at"}))
    assert len(results) == 1


def test_articles_without_outlet_are_separate_sources_even_from_one_feed():
    r = Resolver()
    r.add(claim(805, outlet=None, feed="inbox", article="one", published=T0 + dt.timedelta(hours=1)))
    r.add(claim(805, outlet=None, feed="inbox", article="two", published=T0 + dt.timedelta(hours=1)))
    r.add(claim(810, outlet=None, feed="inbox", article="three", published=T0 + dt.timedelta(hours=2)))
    event = only_event(r)
    assert event.launched["drones"] == 805  # two sources against one, none superseded
    assert not any(s.superseded for s in event.sources)


def test_a_revision_replaces_its_article_even_with_an_older_timestamp():
    r = Resolver()
    r.add(claim(62, measure="intercepted", article="kw", outlet="kyivwire.example", revision=0, index=1))
    r.add(claim(71, measure="intercepted", article="kw", outlet="kyivwire.example", revision=1, index=1,
                published=T0 - dt.timedelta(hours=1)))
    event = only_event(r)
    assert event.intercepted["drones"] == 71
    assert [s.value for s in event.sources] == [71]  # one slot per article: the revision took it


def test_dates_outside_coverage_are_set_aside_not_counted():
    today = dt.date(2025, 7, 9)
    future = claim(5, date=dt.date(2099, 6, 1))
    assert route_claim(future, today).route == Route.OUT_OF_RANGE
    from_the_future = claim(5, published=dt.datetime(2099, 6, 1, tzinfo=dt.UTC))
    assert route_claim(from_the_future, today).route == Route.OUT_OF_RANGE
    assert route_claim(claim(5, date=dt.date(2021, 6, 1)), today).route == Route.OUT_OF_RANGE
    assert route_claim(claim(5, date=dt.date(2025, 7, 10)), today).route == Route.EVENT  # Kyiv's tomorrow
    assert route_claim(future).route == Route.EVENT  # stage 2 routes what stage 1 let through


def test_a_note_names_the_winner_by_outlet_else_by_its_address_host_not_by_article_id():
    def unnamed(value: int, host: str, hours: int) -> ClaimMessage:
        msg = claim(value, article=f"art-{host}", outlet=host, published=T0 + dt.timedelta(hours=hours))
        return msg.model_copy(update={"outlet": None})

    r = Resolver()
    r.add(unnamed(805, "a.example", 0))
    r.add(unnamed(810, "b.example", 1))
    assert [n.split("; ")[1] for n in only_event(r).notes] == ["810 from b.example (aggregator) wins"]
    named = Resolver()
    named.add(claim(805, article="wire-1", outlet="reuters.com"))
    named.add(claim(810, article="af-2", outlet="mil.gov.ua"))
    assert [n.split("; ")[1] for n in only_event(named).notes] == ["810 from mil.gov.ua (official) wins"]
