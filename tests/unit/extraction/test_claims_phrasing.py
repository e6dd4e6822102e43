"""How reports phrase parts, breakdowns and shared verbs (sentences written for these tests)."""

from __future__ import annotations

from tests.support.extraction import brief, claims


def test_relative_part_is_not_another_list_item() -> None:
    assert brief("Russia fired 300 drones overnight, 270 of which were shot down.") == [
        ("RU", "launched", "drones", 300), ("RU", "intercepted", "drones", 270)]


def test_of_which_refers_to_the_group_just_before() -> None:
    got = claims("The enemy fired 12 Iskander-M ballistic missiles and four Kalibr cruise missiles overnight, "
                 "three of which were intercepted.")
    last = got[-1]
    assert (last.measure.value, last.value, last.weapon_class.value, last.weapon_model) == (
        "intercepted", 3, "cruise_missiles", "Kalibr")


def test_breakdown_after_of_them_takes_its_verb() -> None:
    text = ("Russia launched 450 drones and 20 missiles overnight. "
            "Air defences destroyed 410 of them: 400 drones and 10 missiles.")
    assert brief(text)[2:] == [("RU", "intercepted", "total", 410), ("RU", "intercepted", "drones", 400),
                               ("RU", "intercepted", "missiles", 10)]


def test_part_of_something_that_is_not_a_weapon_is_no_count() -> None:
    text = "Russia launched 90 drones overnight. Debris damaged homes in six of the region's eight districts."
    assert brief(text) == [("RU", "launched", "drones", 90)]


def test_part_of_a_stated_total_takes_the_verb_after_the_phrase() -> None:
    got = claims("Twelve of the 15 Kalibr missiles were destroyed, the navy said.")
    assert [(c.measure.value, c.value, c.weapon_model) for c in got] == [
        ("intercepted", 12, "Kalibr"), ("launched", 15, "Kalibr")]


def test_what_the_missiles_included_were_launched() -> None:
    got = claims("Russia launched 300 drones and 12 missiles overnight. "
                 "The missiles included eight Kh-101 cruise missiles and four Kinzhals.")
    assert [(c.measure.value, c.value, c.weapon_model) for c in got[2:]] == [
        ("launched", 8, "Kh-101"), ("launched", 4, "Kinzhal")]


def test_part_named_as_a_model_is_launched_with_that_model() -> None:
    got = claims("Russia launched 250 drones overnight. Around 90 of the drones were Gerbera decoys.")
    assert [(c.measure.value, c.value, c.weapon_model, c.qualifier.value) for c in got] == [
        ("launched", 250, None, "exact"), ("launched", 90, "Gerbera", "about")]


def test_accounted_for_is_an_intercept() -> None:
    assert brief("Mobile fire groups accounted for 120 drones overnight, the air force said.") == [
        ("RU", "intercepted", "drones", 120)]


def test_passive_hit_by_outweighs_a_participle_after() -> None:
    assert brief("A warehouse in Odesa was hit by three Iskander-M ballistic missiles launched from "
                 "the Kursk region.") == [("RU", "hit", "ballistic_missiles", 3)]


def test_per_region_ellipsis_shares_the_verb() -> None:
    got = brief("Russia's air defences destroyed 40 Ukrainian drones over the Voronezh region, "
                "25 over the Lipetsk region and 9 over Crimea overnight.")
    assert got == [("UA", "intercepted", "drones", 40), ("UA", "intercepted", "drones", 25),
                   ("UA", "intercepted", "drones", 9)]


def test_as_well_as_shares_the_verb_of_the_item_before() -> None:
    got = claims("Russia's defence ministry said its forces downed 14 JDAM guided bombs supplied by the West, "
                 "as well as three Neptune missiles.")
    assert [(c.measure.value, c.value, c.weapon_model) for c in got] == [
        ("intercepted", 14, "JDAM"), ("intercepted", 3, "Neptune")]


def test_one_and_the_other_describe_items() -> None:
    assert brief("Two Iskander-M missiles hit Mykolaiv overnight. One struck a grain terminal; the other "
                 "landed near a school.") == [("RU", "hit", "ballistic_missiles", 2)]


def test_around_is_a_qualifier_not_a_round_number() -> None:
    (claim,) = claims("Around 40 drones were shot down over the Chernihiv region overnight.")
    assert (claim.measure.value, claim.value, claim.qualifier.value) == ("intercepted", 40, "about")


def test_of_the_missiles_takes_the_class_and_model_referred_back_to() -> None:
    text = ("Russia launched 150 drones and six Kalibr cruise missiles overnight. "
            "Air defences downed 140 drones and four of the missiles.")
    last = claims(text)[-1]
    assert (last.measure.value, last.value, last.weapon_class.value, last.weapon_model) == (
        "intercepted", 4, "cruise_missiles", "Kalibr")


def test_who_the_dead_included_is_no_new_count() -> None:
    text = ("A Russian missile killed five people in Poltava overnight. The dead included a teenage boy, "
            "and 14 people were injured.")
    assert brief(text) == [("RU", "killed", None, 5), ("RU", "injured", None, 14)]


def test_bringing_the_regional_toll_to() -> None:
    text = ("Three people were killed in Nikopol, bringing the regional toll from the overnight shelling "
            "to 8, the governor said.")
    assert brief(text) == [("RU", "killed", None, 3), ("RU", "killed", None, 8)]


def test_counted_places_are_never_figures() -> None:
    assert brief("Russia's air defences destroyed 150 Ukrainian drones over nine regions overnight.") == [
        ("UA", "intercepted", "drones", 150)]


def test_of_them_refers_to_the_weapon_noun_just_named() -> None:
    text = ("Since 2022 Russia has launched about 40,000 missiles and drones at Ukraine. "
            "Drones were rare at first; in 2025 alone, Russia launched some 30,000 of them.")
    assert brief(text)[-1] == ("RU", "launched", "drones", 30000)
