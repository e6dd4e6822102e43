"""Ukrainian and Russian per-region lists: an elided noun after a place and a dash, a figure set
off by dashes, round-number nouns and regions named in full after a distributive 'по N'. Texts
are ours."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.article import Article
from services.extraction.extractor import read_article

PUB = dt.datetime(2025, 9, 7, 6, 0, tzinfo=dt.UTC)


def _drafts(text: str) -> list[tuple]:
    article = Article.model_construct(id="cyr", feed="test", url=None, title="", text=text, published_at=PUB,
                                      fetched_at=PUB, language="ru")
    return [(d.attacker.value, d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value,
             d.qualifier.value, d.locations) for d in read_article(article).drafts]


def test_an_elided_noun_after_a_place_and_a_dash() -> None:
    assert _drafts("Над Брянской областью сбили 12 беспилотников, над Курской областью — восемь.") == [
        ("UA", "intercepted", "drones", 12, "exact", ["Bryansk Oblast"]),
        ("UA", "intercepted", "drones", 8, "exact", ["Kursk Oblast"])]


def test_each_region_stops_where_the_next_figure_names_its_own() -> None:
    got = _drafts("Над Брянской и Курской областями сбили по 7 дронов, над Орловской — два.")
    assert [(v, loc) for *_, v, _q, loc in got] == [
        (7, ["Bryansk Oblast"]), (7, ["Kursk Oblast"]), (2, ["Oryol Oblast"])]


def test_a_region_named_in_full_after_a_list_of_adjectives() -> None:
    got = _drafts("По одному беспилотнику уничтожили над Тульской и Калужской областями, а также над Мордовией.")
    assert [loc for *_, loc in got] == [["Tula Oblast"], ["Kaluga Oblast"], ["Mordovia"]]


def test_a_figure_set_off_by_dashes() -> None:
    assert _drafts("Больше всего беспилотников — девять — сбили над Курской областью.") == [
        ("UA", "intercepted", "drones", 9, "exact", ["Kursk Oblast"])]


@pytest.mark.parametrize(("text", "value"), [
    ("Полдюжины беспилотников перехвачены над Брянской областью.", 6),
    ("Над Киевом сбили около десятка дронов.", 10),
])
def test_round_number_nouns_are_about(text: str, value: int) -> None:
    assert [(d[3], d[4]) for d in _drafts(text)] == [(value, "about")]


def test_tens_of_is_no_figure() -> None:
    assert _drafts("Над Брянской областью сбили десятки беспилотников.") == []
