"""Ukrainian and Russian casualty phrasing: one victim without a number word, people who sought
medical help, the hospitalised part of a toll, a later toll replacing the earlier one. Texts are
ours."""

from __future__ import annotations

import pytest

from tests.support.extraction import claims

PUB = "2025-09-07T06:00:00+00:00"


def _brief(text: str) -> list[tuple[str, int]]:
    return [(c.measure.value, c.value) for c in claims(text, published=PUB)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Внаслідок атаки дрона на Суми загинув чоловік. Ще одна жінка загинула у Конотопі.",
     [("killed", 1), ("killed", 1)]),
    ("У лікарні помер чоловік, поранений під час атаки дронів на Херсон.", [("killed", 1)]),
    ("Після удару по Запоріжжю легкі поранення дістала 40-річна жінка.", [("injured", 1)]),
    ("Через удар дрона по Херсону ще троє людей зазнали поранень.", [("injured", 3)]),
    ("Після атаки на Київ близько 20 людей звернулися по медичну допомогу.", [("injured", 20)]),
    ("В Белгороде после атаки ВСУ за медицинской помощью обратились семь человек.", [("injured", 7)]),
])
def test_victims_and_help(text: str, expected: list[tuple[str, int]]) -> None:
    assert _brief(text) == expected


def test_the_hospitalised_are_part_of_the_toll() -> None:
    text = ("Внаслідок удару по Києву постраждали 20 людей. "
            "У лікарнях міста перебувають 9 поранених, один чоловік – у тяжкому стані.")
    assert _brief(text) == [("injured", 20)]


def test_one_named_among_the_counted_is_no_new_victim() -> None:
    text = "В Курске пострадали пять человек, в частности травмирован подросток."
    assert _brief(text) == [("injured", 5)]


def test_a_later_toll_replaces_the_earlier_one() -> None:
    text = ("Утром в Одессе после атаки дронов известно о четырех пострадавших. "
            "Позже количество пострадавших возросло до 9 человек.")
    assert _brief(text) == [("injured", 9)]


def test_of_them_children_is_part_of_the_toll_but_of_them_drones_are_counted() -> None:
    assert _brief("В Харькове пострадали 11 человек, из них трое детей.") == [("injured", 11)]
    assert _brief("Ворог запустив 30 дронів. З них 25 були знищені.") == [("launched", 30), ("intercepted", 25)]


def test_victims_listed_by_age() -> None:
    text = "У Чугуєві постраждали 34-річний, 58-річний чоловіки і 71-річна жінка."
    assert _brief(text) == [("injured", 3)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Унаслідок атаки дрона на Бучу загинули чоловік і жінка.", [("killed", 2)]),
    ("В Рыльске осколочные ранения получил 40-летний пожарный.", [("injured", 1)]),
    ("В Белгороде пострадали четыре человека, один человек - в тяжелом.", [("injured", 4)]),
])
def test_pairs_occupations_and_conditions(text: str, expected: list[tuple[str, int]]) -> None:
    assert _brief(text) == expected


def test_one_more_drone_hit_its_target() -> None:
    got = _brief("Три БпЛА збили сили ППО, ще два поцілили по об'єкту інфраструктури.")
    assert got == [("intercepted", 3), ("hit", 2)]
