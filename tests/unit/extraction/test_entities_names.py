"""People named without a role word (names.py) and people found by role whose spelling or
surname points at someone listed; every rule's example sentence is its test."""

from __future__ import annotations

import pytest

from services.extraction.gazetteer import default_gazetteer, skeleton
from services.extraction.keywords import SPEECH
from services.extraction.names import NAME_RULES, given_names, people_by_name_rules
from tests.support.extraction import run


def people(text: str) -> set[str]:
    return {e.name for e in run(text).entities if e.type.value == "person"}


@pytest.mark.parametrize("rule", NAME_RULES, ids=lambda r: r.name)
def test_each_name_rule_finds_its_example(rule) -> None:
    mentions, keywords = default_gazetteer().scan(rule.example)
    speech = [(s, e) for s, e, kinds in keywords if kinds & SPEECH]
    found = {m.entry.name for m in people_by_name_rules(rule.example, mentions, speech)}
    assert set(rule.expected) <= found


def test_weak_rules_need_a_given_name() -> None:
    assert "Motor Sich" not in people("Motor Sich said the plant was hit.")
    assert people("Drone strike on the port\n\nRelated News\n\nThe port was hit.") == set()


def test_outlets_and_places_in_credits_are_no_people() -> None:
    text = "A ruined house. (Photo by Jan Kowal/Kyiv Independent) Reported by Kyiv Independent."
    assert people(text) == {"Jan Kowal"}
    assert "Kyiv Independent" in {e.name for e in run(text).entities if e.type.value == "organisation"}


def test_capitals_credit_is_title_cased() -> None:
    assert people("A ruined house. PETRO IVANENKO / AFP") == {"Petro Ivanenko"}


def test_name_after_the_role_s_complement() -> None:
    text = "The governor of the region, Petro Ivanenko, said two were hurt."
    assert people(text) == {"Petro Ivanenko"}


def test_name_before_its_role_at_the_start_of_a_line() -> None:
    assert "Petro Ivanenko" in people("Two drones fell.\n\nPetro Ivanenko, governor of the region, said so.")


def test_new_spelling_of_a_listed_person() -> None:
    assert people("Prime Minister Denis Shmigal said 15 regions were hit.") == {"Denys Shmyhal"}
    assert skeleton("Yulia Sviredenko") == skeleton("Yulia Svyrydenko")


def test_listed_surname_after_another_given_name_is_another_person() -> None:
    # only Dmytro Kuleba is listed under the bare surname; Ivan Kuleba is someone else
    found = people("Regional governor Ivan Kuleba said three were wounded. Kuleba added that a house burned.")
    assert found == {"Ivan Kuleba"}


def test_given_names_are_loaded() -> None:
    assert {"Olena", "Serhiy", "John"} <= given_names()


def test_a_bare_defence_ministry_serves_the_country_named_before_it() -> None:
    def orgs(text: str) -> set[str]:
        return {e.name for e in run(text).entities if e.type.value == "organisation"}

    assert "Russian Ministry of Defence" in orgs(
        "Russia said it downed 40 drones. The Defense Ministry said most flew over Bryansk.")
    assert "Ministry of Defence of Ukraine" in orgs(
        "Ukrainian officials spoke in Kyiv on Monday. The Defence Ministry gave no figures.")
    assert "Russian Ministry of Defence" not in orgs(
        "Russia launched 40 drones. The UK Ministry of Defence said in its update.")
