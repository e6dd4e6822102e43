"""Ukrainian and Russian per-region lists: an elided noun after a place and a dash, a figure set
off by dashes, round-number nouns and regions named in full after a distributive 'по N'. Texts
are ours."""

from __future__ import annotations

import pytest

from services.extraction.extractor import read_article
from tests.support.extraction import article as make_article

PUB = "2025-09-07T06:00:00+00:00"


def _drafts(text: str) -> list[tuple]:
    article = make_article(text, published=PUB)
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


def test_a_running_count_and_the_one_more_added_to_it() -> None:
    got = _drafts("Силы ПВО сбили 40-й беспилотник, летевший на Москву. Ночью перехватили ещё один беспилотник.")
    assert [(m, v) for _a, m, _c, v, _q, _l in got] == [("intercepted", 40)]


def test_an_ordinal_without_a_weapon_counts_nothing() -> None:
    assert _drafts("Обломки упали на 5-й этаж дома в Курской области.") == []


def test_the_count_of_downed_drones() -> None:
    assert [(m, c, v) for _a, m, c, v, _q, _l in _drafts("Количество сбитых БПЛА составляет 14 штук.")] == [
        ("intercepted", "drones", 14)]


def test_the_same_again_over_other_places() -> None:
    got = _drafts("Средства ПВО сбили шесть украинских БПЛА: три — над Крымом и столько же над Черным морем.")
    assert [(v, loc) for *_, v, _q, loc in got] == [(6, []), (3, ["Crimea"]), (3, ["Black Sea"])]


def test_a_bulleted_day_list_and_a_bullet_with_no_figure() -> None:
    text = ("Як минула доба на Сумщині\n"
            "За добу по області вдарили:\n"
            "▪️три БпЛА типу «Герань-2»;\n"
            "▪️два fpv-дрони;\n"
            "▪️керована авіабомба.")
    got = _drafts(text)
    assert [(m, c, v) for _a, m, c, v, _q, _l in got] == [
        ("launched", "drones", 3), ("launched", "drones", 2), ("launched", "glide_bombs", 1)]
