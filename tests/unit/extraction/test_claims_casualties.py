"""Casualty figures: per city versus in total, corrections and updates."""

from __future__ import annotations

from tests.support.extraction import brief, claims


def simple(text: str) -> list[tuple]:
    return [(c.measure.value, c.value, c.locations) for c in claims(text)]


def test_killed_and_injured_in_one_sentence_share_a_trailing_place() -> None:
    assert simple("One person was killed and 26 were injured in Kyiv, the city's mayor said.") == [
        ("killed", 1, ["Kyiv"]), ("injured", 26, ["Kyiv"])]


def test_active_voice_casualties() -> None:
    assert simple("The missile strike on Poltava killed three people and injured 14 others.") == [
        ("killed", 3, ["Poltava"]), ("injured", 14, ["Poltava"])]
    assert simple("A drone hit a bus in Kherson, killing one and wounding five.")[1:] == [
        ("killed", 1, ["Kherson"]), ("injured", 5, ["Kherson"])]


def test_per_city_figures_get_their_own_city() -> None:
    assert simple("Two people were killed in Kharkiv and three in Odesa.") == [
        ("killed", 2, ["Kharkiv"]), ("killed", 3, ["Odesa"])]


def test_total_and_per_city_breakdown() -> None:
    got = simple("In total, seven people were killed across the country: four in Dnipro and three in Lviv.")
    assert got == [("killed", 7, []), ("killed", 4, ["Dnipro"]), ("killed", 3, ["Lviv"])]


def test_breakdown_of_victims_is_not_a_second_count() -> None:
    assert simple("Twelve people were injured in Zaporizhzhia, including three children.") == [
        ("injured", 12, ["Zaporizhzhia"])]


def test_dead_and_injured_as_adjectives() -> None:
    assert simple("The strike on Sumy left two dead and 11 injured.") == [
        ("killed", 2, ["Sumy"]), ("injured", 11, ["Sumy"])]


def test_death_toll_update_keeps_only_the_new_figure() -> None:
    assert simple("The death toll from the strike on Ternopil rose to 19, up from 12 reported earlier.") == [
        ("killed", 19, ["Ternopil"])]
    assert simple("The number of injured in Kyiv rose from 20 to 24.") == [("injured", 24, ["Kyiv"])]


def test_corrections_drop_the_wrong_figure() -> None:
    text = ("Correction: an earlier version of this article incorrectly said 12 people were killed in "
            "Chernihiv. Ten people were killed, officials said.")
    assert simple(text) == [("killed", 10, [])]
    assert simple("Officials said 8 people were killed in Lutsk, not 18 as reported.") == [
        ("killed", 8, ["Lutsk"])]


def test_ukrainian_strike_on_russia_is_attacker_ua() -> None:
    got = claims("In the Belgorod region, a Ukrainian drone attack injured three people, governor Gladkov said.")
    assert [(c.attacker.value, c.measure.value, c.value, c.locations) for c in got] == [
        ("UA", "injured", 3, ["Belgorod Oblast"])]


def test_russian_mod_intercept_claim_is_attacker_ua() -> None:
    got = claims("Russia's Defence Ministry said its air defences destroyed 121 Ukrainian drones over the "
                 "Bryansk, Kursk and Rostov regions overnight.")
    assert [(c.attacker.value, c.measure.value, c.weapon_class.value, c.value) for c in got] == [
        ("UA", "intercepted", "drones", 121)]


def test_a_and_an_coordinated_victims_are_one_count() -> None:
    assert brief("In Uman, a drone hit a house and wounded a woman and an elderly man overnight.") == [
        ("RU", "hit", "drones", 1), ("RU", "injured", None, 2)]


def test_more_casualties_in_another_place_are_that_place_s_count() -> None:
    got = claims("One person was killed in Nikopol overnight, and two more people were injured in Marhanets.")
    assert [(c.measure.value, c.value, c.locations) for c in got] == [
        ("killed", 1, ["Nikopol"]), ("injured", 2, ["Marhanets"])]


def test_apposition_naming_the_victims_adds_no_count() -> None:
    assert brief("In Kherson, two people, a man and his daughter, were killed by a Russian drone.") == [
        ("RU", "killed", None, 2)]


def test_of_the_injured_is_a_sub_count() -> None:
    assert brief("Russian shelling injured 11 people in Kherson. Four of the injured are in hospital.") == [
        ("RU", "injured", None, 11)]


def test_a_child_and_an_adult() -> None:
    assert brief("A Russian drone wounded a child and an adult in Smila overnight.") == [("RU", "injured", None, 2)]
