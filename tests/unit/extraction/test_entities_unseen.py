"""Entities in real copy the gazetteer alone missed: people introduced by their role, lower-case
institution names, 'Russia's military' as an adjective."""

from __future__ import annotations

from tests.support.extraction import run


def names(text: str, kind: str) -> set[str]:
    return {e.name for e in run(text).entities if e.type.value == kind}


def test_person_after_a_role_word() -> None:
    text = ("Regional governor Halyna Petrenko said two people were hurt. Finance Minister Serhiy Marchenko "
            "and defence analyst Tim Sweijs commented; Gov. Oleh Kiper added details.")
    assert {"Halyna Petrenko", "Serhiy Marchenko", "Tim Sweijs", "Oleh Kiper"} <= names(text, "person")


def test_person_before_a_role_in_apposition() -> None:
    text = "'He wants leverage,' said Vita Spivak, a Russia analyst at a London consultancy."
    assert "Vita Spivak" in names(text, "person")


def test_role_followed_by_an_institution_is_no_person() -> None:
    text = "The head of the Kyiv City Military Administration said the Defence Minister Council met."
    assert names(text, "person") == set()


def test_possessive_is_not_part_of_the_name() -> None:
    (e,) = [e for e in run("Mayor Ihor Poltavets's office said so.").entities if e.type.value == "person"]
    assert e.name == "Ihor Poltavets"


def test_lower_case_air_force_and_general_staff() -> None:
    text = "Russia fired 40 drones, the air force said, and the General Staff confirmed hits on a depot."
    assert {"Ukrainian Air Force", "General Staff of Ukraine"} <= names(text, "organisation")


def test_russian_general_staff_is_not_ukraine_s() -> None:
    assert names("Russia's General Staff said the offensive continued.", "organisation") == {
        "General Staff of the Russian Armed Forces"}


def test_russia_s_military_as_an_adjective_is_no_institution() -> None:
    assert names("Ukraine relies on drones to counter Russia's military advantage.", "organisation") == set()
    assert names("Russia's military said it destroyed a depot.", "organisation") == {"Russian Ministry of Defence"}


def test_rivers_are_places() -> None:
    assert {"Danube River", "Oskil River"} <= names(
        "Ports on the Danube River were hit; troops tried to cross the Oskil river.", "place")
