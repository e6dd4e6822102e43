"""The extractor's shortcuts find exactly what the plain patterns find.

Speed comes from one keyword pass per article (numbers, dates and periods are only looked for
where a keyword says they can be) and from assembling models without pydantic's field walk;
these tests pin both to the slow, obvious way of doing the same thing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.extraction import Entity, EntityType, Evidence, StrikeClaim
from services.extraction.claims import number_matches
from services.extraction.dates import find_date_cues, find_period_cues
from services.extraction.extractor import _article_hints
from services.extraction.fastmodel import construct
from services.extraction.gazetteer import default_gazetteer, fold
from services.extraction.numbers import NUMBER

SENTENCES = [
    "Late on Friday night, 37 Shahed drones and a dozen missiles crossed into the Kharkiv region.",
    "An elderly man and two women were hurt; someone's phone, often ignored, rang at 10:45 on 6-7 May.",
    "Since the start of the month the enemy has sent 4,120 drones, up from 3,900 during the previous 30 days.",
    "Between March 3 and 9, twenty-one civilians died, the governor said on Sept. 12, 2025, in Dnipro.",
    "Both interceptors missed; six separate attacks followed this week and last year, a man recalled.",
    "On the night of 14\u201315 June, at least forty-five UAVs were downed over occupied Crimea.",
]
PUB = dt.date(2025, 9, 20)


@pytest.mark.parametrize("text", SENTENCES)
def test_numbers_are_tried_only_where_keywords_say_and_none_is_missed(text: str) -> None:
    low = fold(text)
    _, keywords = default_gazetteer().scan(text, low)
    numbers, _, _ = _article_hints(low, keywords)
    found = [m.span() for m in number_matches(low, numbers)]
    assert found == [m.span() for m in NUMBER.finditer(low)]
    assert found  # every sentence above has figures


@pytest.mark.parametrize("text", SENTENCES)
def test_date_and_period_cues_from_keyword_hints_equal_a_full_scan(text: str) -> None:
    low = fold(text)
    _, keywords = default_gazetteer().scan(text, low)
    _, dates, periods = _article_hints(low, keywords)
    assert find_date_cues(text, PUB, low, dates) == find_date_cues(text, PUB)
    assert find_period_cues(text, PUB, low, periods) == find_period_cues(text, PUB)


def test_hints_still_find_cues() -> None:
    text = SENTENCES[2] + " " + SENTENCES[3]
    assert len(find_period_cues(text, PUB)) >= 3
    assert len(find_date_cues(text, PUB)) >= 1


def test_construct_equals_model_construct() -> None:
    values = {"type": EntityType.PLACE, "name": "Kyiv", "text": "Kiev", "start": 3, "end": 7, "id": "geonames:703448",
              "kind": "city", "oblast": "Kyiv City", "country": "Ukraine", "lat": 50.45, "lon": 30.52,
              "weapon_class": None}
    fast = construct(Entity, dict(values))
    slow = Entity.model_construct(**values)
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_fields_set == slow.model_fields_set


def test_construct_falls_back_when_fields_are_missing() -> None:
    evidence = construct(Evidence, {"text": "x", "start": 0, "end": 1})
    claim = construct(StrikeClaim, {"attacker": "RU", "measure": "killed", "value": 2, "evidence": evidence})
    assert claim.qualifier == "exact" and claim.locations == []  # defaults filled by model_construct


def test_mentions_become_entities_with_every_field() -> None:
    for mention in default_gazetteer().find("Kiev said 40 Shahed drones hit the Kharkiv region."):
        entity = mention.to_entity()
        assert entity.model_fields_set == set(Entity.model_fields)
        assert Entity.model_validate(entity.model_dump()) == entity
