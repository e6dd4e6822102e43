"""Villages the gazetteer does not list, named after their kind in Ukrainian and Russian: the
nominative after the kind word, transliterated, up to the district named after it; an adjective
in another case is no name. Texts are ours."""

from __future__ import annotations

import pytest

from services.extraction.extractor import extract
from tests.support.extraction import article as make_article


def _places(text: str) -> set[str]:
    entities = extract(make_article(text, published="2026-03-02T06:00:00+00:00")).entities
    return {e.name for e in entities if e.type.value == "place"}


@pytest.mark.parametrize(("text", "place"), [
    ("У селі Вербівка Балаклійської громади уламки дрона пошкодили будинок.", "Verbivka"),
    ("В селе Малиновка Белгородского района дрон атаковал автомобиль, выбиты окна.", "Malinovka"),
    ("Внаслідок удару по с. Зелений Гай поранено чоловіка.", "Zelenyi Hai"),
    ("В хуторе Лески беспилотник повредил сарай, выбиты стёкла.", "Leski"),
])
def test_a_village_after_its_kind(text: str, place: str) -> None:
    assert place in _places(text)


def test_an_adjective_in_another_case_is_no_place() -> None:
    assert not {"Sosnovskom", "Sosnovskoi"} & _places("В поселке Сосновском дрон повредил крышу, выбиты окна.")
