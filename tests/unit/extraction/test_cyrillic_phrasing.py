"""The Air Force's and the Defence Ministry's fixed phrasing in variants the reports use: launch
directions that are no side attacked, the tracked total and its breakdown, 'обидві ракети'.
Texts are ours."""

from __future__ import annotations

import pytest

from services.extraction.extractor import read_article
from tests.support.extraction import article as make_article

PUB = "2025-10-12T09:00:00+00:00"


def _drafts(text: str) -> list[tuple]:
    article = make_article(text, published=PUB)
    return [(d.attacker.value, d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value)
            for d in read_article(article).drafts]


def test_launch_directions_do_not_make_russia_the_target() -> None:
    text = ("У ніч на 12 жовтня противник атакував 120 ударними БпЛА з напрямків: Курськ, Орел, Брянськ. "
            "Протиповітряною обороною збито/подавлено 95 ворожих БпЛА.")
    assert _drafts(text) == [("RU", "launched", "drones", 120), ("RU", "intercepted", "drones", 95)]


def test_the_tracked_total_and_its_breakdown() -> None:
    text = ("Загалом у повітряному просторі виявлено та супроводжено 300 засобів повітряного нападу: "
            "270 ударних БпЛА, 25 ракет та 5 керованих авіабомб.")
    assert _drafts(text) == [("RU", "launched", "total", 300), ("RU", "launched", "drones", 270),
                             ("RU", "launched", "missiles", 25), ("RU", "launched", "glide_bombs", 5)]


def test_both_missiles() -> None:
    text = "Противник запустив дві крилаті ракети по Одесі. Обидві ракети збито."
    assert _drafts(text) == [("RU", "launched", "cruise_missiles", 2), ("RU", "intercepted", "cruise_missiles", 2)]


def test_a_defence_ministry_list_with_a_distributive_figure() -> None:
    text = ("Минобороны: за ночь над регионами России сбиты 112 беспилотников ВСУ. "
            "Больше всего — 43 — над Брянской областью, по 15 над Курской и Орловской областями.")
    article = make_article(text, published=PUB)
    assert [(d.value, d.locations) for d in read_article(article).drafts] == [
        (112, []), (43, ["Bryansk Oblast"]), (15, ["Kursk Oblast"]), (15, ["Oryol Oblast"])]


def test_casualty_verbs_after_and_before_a_figure() -> None:
    assert _drafts("В результате удара дрона ВСУ погибла женщина, еще три человека ранены.") == [
        ("UA", "injured", None, 3), ("UA", "killed", None, 1)]
    assert _drafts("Российская армия ночью ударила по Харькову: погибли 4 человека, ранены 35.") == [
        ("RU", "killed", None, 4), ("RU", "injured", None, 35)]


def test_missile_numbers_in_the_instrumental() -> None:
    text = "Ночью Россия атаковала Украину 150 ударными дронами и тремя баллистическими ракетами."
    assert _drafts(text) == [("RU", "launched", "drones", 150), ("RU", "launched", "ballistic_missiles", 3)]


def test_all_of_them_downed() -> None:
    assert _drafts("Ворог випустив 8 крилатих ракет і 4 балістичні ракети. Усі крилаті ракети збито.") == [
        ("RU", "launched", "cruise_missiles", 8), ("RU", "launched", "ballistic_missiles", 4),
        ("RU", "intercepted", "cruise_missiles", 8)]
    assert _drafts("Вночі ВСУ атаковали Белгородскую область 14 беспилотниками, все они уничтожены.") == [
        ("UA", "launched", "drones", 14), ("UA", "intercepted", "drones", 14)]


def test_a_bare_figure_after_its_verb_counts_what_could_have_been_downed() -> None:
    assert _drafts("Уночі противник атакував 73 ударними БпЛА та 3 ракетами, збито 63.") == [
        ("RU", "launched", "drones", 73), ("RU", "launched", "missiles", 3), ("RU", "intercepted", "drones", 63)]
    assert _drafts("Уночі противник атакував Суми, вогнем знищено 4 дачних будинки.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("У Дніпрі від удару загинула людина, ще семеро поранених.", [("RU", "injured", None, 7), ("RU", "killed", None, 1)]),
    ("Після атаки дронів на Херсон загиблих двоє, поранених – 14.", [("RU", "killed", None, 2), ("RU", "injured", None, 14)]),
    ("Унаслідок обстрілу Херсона дроном поранено 62-річного чоловіка.", [("RU", "injured", None, 1)]),
])
def test_more_casualty_forms(text: str, expected: list[tuple]) -> None:
    assert _drafts(text) == expected


def test_a_place_after_a_later_figure_is_that_figure_s() -> None:
    text = "Над Брянской областью ПВО сбили 12 дронов ВСУ, еще 5 — над Курской областью."
    article = make_article(text, published=PUB)
    assert [(d.value, d.locations) for d in read_article(article).drafts] == [
        (12, ["Bryansk Oblast"]), (5, ["Kursk Oblast"])]


def test_one_weapon_downed_named_in_the_singular() -> None:
    assert _drafts("Над Курской областью сбит беспилотник ВСУ.") == [("UA", "intercepted", "drones", 1)]
    assert _drafts("Над Київщиною сили ППО знешкодили ворожу ракету.") == [("RU", "intercepted", "missiles", 1)]


def test_a_month_and_a_week_in_other_cases() -> None:
    article = make_article(
        "У вересні Росія випустила по Україні понад 5000 дронів. Цього тижня вона запустила 1500 дронів.",
        published=PUB)
    periods = [(str(d.period.start), str(d.period.end)) for d in read_article(article).drafts]
    assert periods == [("2025-09-01", "2025-09-30"), ("2025-10-06", "2025-10-12")]
