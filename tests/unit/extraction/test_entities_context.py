"""Organisations found by the shape of their names (org_patterns.py: each rule's example is its
test) and places read in context (gazetteer: districts, '-made', 'region of X')."""

from __future__ import annotations

import pytest

from services.extraction.gazetteer import default_gazetteer
from services.extraction.org_patterns import ORG_RULES, organisations_by_name_rules
from tests.support.extraction import run


def names(text: str, kind: str) -> set[str]:
    return {e.name for e in run(text).entities if e.type.value == kind}


@pytest.mark.parametrize("rule", ORG_RULES, ids=lambda r: r.name)
def test_each_org_rule_finds_its_example(rule) -> None:
    found = organisations_by_name_rules(rule.example, default_gazetteer().find(rule.example))
    assert set(rule.expected) <= {m.entry.name for m in found}


def test_place_inside_an_administration_name_is_no_place() -> None:
    text = "The head of the Sumy Oblast State Administration said two were hurt."
    assert names(text, "place") == set()
    assert names(text, "organisation") == {"Sumy Oblast State Administration"}


def test_bare_ministry_of_defence_is_nobody_s() -> None:
    assert names("The Ministry of Defence said so.", "organisation") == set()


def test_country_in_front_of_an_organisation_is_a_place() -> None:
    assert "United Kingdom" in names("The UK Defence Ministry said so.", "place")


def test_districts_and_communities_are_no_places() -> None:
    assert names("Farms in the Bucha and Obukhiv districts burned.", "place") == set()


def test_made_in_is_an_adjective() -> None:
    assert "Iran" not in names("Russia fired Iran-made drones.", "place")


def test_region_of_a_city_is_the_oblast() -> None:
    assert names("Drones fell in the southern region of Kherson.", "place") == {"Kherson Oblast"}
    assert names("Two died in the Kursk border region.", "place") == {"Kursk Oblast"}


def test_common_word_outlet_needs_its_capitals() -> None:
    assert names("Ukrainian news outlets said emergency service workers arrived.", "organisation") == set()
    assert names("The Ukrainian News agency reported it.", "organisation") == {"Ukrainian News"}
