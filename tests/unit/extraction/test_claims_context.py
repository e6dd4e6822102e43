"""Tolls, dates, attackers and restatements across a report (sentences written for these tests)."""

from __future__ import annotations

import datetime as dt

from tests.support.extraction import brief, claims

WEDNESDAY = "2025-09-17T12:00:00+00:00"


def test_toll_with_a_long_description_before_its_figure() -> None:
    got = claims("The number of people killed by the Russian drone strike on an apartment block in "
                 "the centre of Dnipro has climbed to 14.")
    assert [(c.measure.value, c.value) for c in got] == [("killed", 14)]


def test_possessive_weekday_dates_the_attack_not_the_statement() -> None:
    (claim,) = claims("The death toll from Monday's missile strike on Kharkiv rose to 9, officials said "
                      "on Wednesday.", published=WEDNESDAY)
    assert (claim.measure.value, claim.value, claim.date) == ("killed", 9, dt.date(2025, 9, 15))


def test_superseded_toll_given_in_the_pluperfect_is_not_a_claim() -> None:
    text = ("The death toll in Zaporizhzhia rose to 7 on Wednesday. "
            "Earlier in the day, officials had put the number of dead at 5.")
    assert brief(text, published=WEDNESDAY) == [("RU", "killed", None, 7)]


def test_russia_had_launched_at_ukraine_is_russia_attacking() -> None:
    text = ("Russia's defence ministry said its air defences destroyed 80 Ukrainian drones over the "
            "Belgorod region. Officials in Kyiv said Russia had launched 500 drones at Ukraine.")
    assert brief(text) == [("UA", "intercepted", "drones", 80), ("RU", "launched", "drones", 500)]


def test_launch_site_in_occupied_crimea_does_not_make_ukraine_the_attacker() -> None:
    text = "Russia launched 40 missiles overnight. The missiles included four Kalibrs fired from occupied Crimea."
    assert [c.attacker.value for c in claims(text)] == ["RU", "RU"]


def test_russian_ministry_describing_its_own_strike_is_russia_attacking() -> None:
    got = claims("Russia's defence ministry said it had struck a Ukrainian airfield near Poltava with three "
                 "Iskander-M missiles.")
    assert [(c.attacker.value, c.value, c.weapon_model) for c in got] == [("RU", 3, "Iskander-M")]


def test_restatement_without_a_place_is_the_same_claim() -> None:
    text = ("A Russian drone strike killed three people in Kherson overnight, the governor said. "
            "Three people were killed, all of them civilians, he added.")
    assert brief(text) == [("RU", "killed", None, 3)]


def test_same_figure_in_two_places_is_two_claims() -> None:
    got = claims("Russian strikes killed two people in Kharkiv and two in Odesa overnight.")
    assert [(c.value, c.locations) for c in got] == [(2, ["Kharkiv"]), (2, ["Odesa"])]


SATURDAY = "2025-09-20T09:00:00+00:00"


def test_recent_incident_days_before_is_news_not_a_reference() -> None:
    text = ("Russian drones injured five people in Sumy overnight. The city was also struck on Wednesday, "
            "when a drone injured two people.")
    got = claims(text, published=SATURDAY)
    assert [(c.value, c.date, c.is_reference) for c in got] == [
        (5, dt.date(2025, 9, 20), False), (2, dt.date(2025, 9, 17), False)]


def test_record_attack_days_before_is_a_reference() -> None:
    text = ("Russia launched 300 drones at Ukraine overnight. The record attack on September 14 "
            "involved 810 drones.")
    got = claims(text, published=SATURDAY)
    assert [(c.value, c.is_reference) for c in got] == [(300, False), (810, True)]


def test_partitive_item_stays_in_the_list_of_intercepts() -> None:
    text = ("Russia launched 400 drones and 20 Kh-101 missiles overnight. Air defences shot down 370 drones, "
            "nine of the Kh-101 missiles and two Kinzhals.")
    assert brief(text)[2:] == [("RU", "intercepted", "drones", 370), ("RU", "intercepted", "cruise_missiles", 9),
                               ("RU", "intercepted", "aeroballistic_missiles", 2)]
