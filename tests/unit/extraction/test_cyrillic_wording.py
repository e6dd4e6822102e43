"""Ukrainian and Russian wording the fixed formats vary: an adjective between a count and its
noun, a model named as the noun, a verb before 'N з них', an aside between a figure and its verb,
'зафиксировали' (seen, so launched) and 'заглушены' (jammed, so lost), and Ukraine's military
quoted in Russian as the source of Russia's attack. Texts are ours."""

from __future__ import annotations

import pytest

from services.extraction.extractor import read_article
from tests.support.extraction import article as make_article

PUB = "2026-03-02T06:00:00+00:00"


def _drafts(text: str) -> list[tuple]:
    return [(d.attacker.value, d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value,
             d.weapon_model) for d in read_article(make_article(text, published=PUB)).drafts]


@pytest.mark.parametrize(("text", "expected"), [
    ("Вночі росіяни запустили 25 іранських безпілотників типу Shahed.",
     [("RU", "launched", "drones", 25, "Shahed-136")]),
    ("Ворог випустив по Миколаєву чотири Калібри.", [("RU", "launched", "cruise_missiles", 4, "Kalibr")]),
    ("Россия выпустила 3 Искандера по Харькову.", [("RU", "launched", "ballistic_missiles", 3, "Iskander-M")]),
    ("Вночі ворог запустив 30 безпілотників. Силам ППО вдалося збити 26 з них.",
     [("RU", "launched", "drones", 30, None), ("RU", "intercepted", "drones", 26, None)]),
    ("Ще п'ятеро, серед них дитина, отримали поранення.", [("RU", "injured", None, 5, None)]),
    ("Над Крымом зафиксировали семь БПЛА, пять сбиты силами ПВО, два заглушены средствами РЭБ.",
     [("UA", "launched", "drones", 7, None), ("UA", "intercepted", "drones", 5, None),
      ("UA", "lost", "drones", 2, None)]),
    ("К утру были сбиты 40 БПЛА, заявляют украинские военные.", [("RU", "intercepted", "drones", 40, None)]),
    ("«Зафиксировано попадание 12 ударных дронов», - сказано в сводке ВСУ.", [("RU", "hit", "drones", 12, None)]),
])
def test_wording(text: str, expected: list[tuple]) -> None:
    assert _drafts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Обійшлося без жертв, постраждалим надають допомогу.", [("RU", "killed", None, 0, None)]),
    ("Атака обошлась без жертв и пострадавших, выбиты окна.",
     [("UA", "killed", None, 0, None), ("UA", "injured", None, 0, None)]),
])
def test_no_victims_beside_told_hurt_is_no_dead_only(text: str, expected: list[tuple]) -> None:
    assert _drafts(text) == expected


def test_a_bare_missile_is_of_the_one_class_named_before() -> None:
    text = "Росіяни крилатими ракетами атакували область. Одну ракету сили ППО збили, ще 5 – влучили."
    assert [(m, c, v) for _a, m, c, v, _mod in _drafts(text)] == [
        ("intercepted", "cruise_missiles", 1), ("hit", "cruise_missiles", 5)]


def test_two_classes_named_leave_a_bare_missile_open() -> None:
    text = "Ворог випустив 3 балістичні ракети та 20 крилатих ракет. Збито 18 ракет."
    assert _drafts(text)[-1] == ("RU", "intercepted", "missiles", 18, None)


def test_part_of_a_figure_said_to_be_one_model() -> None:
    assert _drafts("Ворог атакував 60 дронами, близько 40 із них – шахеди.") == [
        ("RU", "launched", "drones", 60, None), ("RU", "launched", "drones", 40, "Shahed-136")]


def test_weapons_that_broke_through_hit() -> None:
    assert _drafts("Три БпЛА і дві ракети прорвалися крізь протиповітряну оборону.") == [
        ("RU", "hit", "drones", 3, None), ("RU", "hit", "missiles", 2, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("У Сумах дрон влучив у багатоповерхівку.", [("RU", "hit", "drones", 1, None)]),
    ("Ракета влучила в склад на околиці Одеси.", [("RU", "hit", "missiles", 1, None)]),
    ("В Белгороде беспилотник атаковал автомобиль, выбиты стёкла.", [("UA", "launched", "drones", 1, None)]),
])
def test_one_weapon_in_the_singular_that_hit_or_attacked(text: str, expected: list[tuple]) -> None:
    assert _drafts(text) == expected
