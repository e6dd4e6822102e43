"""Ukrainian and Russian: the language of an article, and names in their case forms meeting the
same canonical entities as English ones. Sentences are ours."""

from __future__ import annotations

import pytest

from services.extraction.cyrillic.forms import case_forms
from services.extraction.gazetteer import default_gazetteer
from services.extraction.language import detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Збито/подавлено 747 ворожих БпЛА", "uk"),
    ("В селе Малиновка Белгородского района дрон атаковал автомобиль. Водитель получил ранения, "
     "его доставили в городскую больницу.", "ru"),  # no letter of either alphabet's own, but no 'і' in 100 letters
    ("Уничтожены и перехвачены 121 украинский беспилотник", "ru"),
    ("Russia launched 810 drones overnight", "en"),
    ("Russia said Kyiv (Київ) was hit overnight by drones", "en"),
    ("12 345", "en"),
])
def test_language_from_the_alphabet(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_case_forms_agree_in_every_case() -> None:
    assert {"Брянської області", "Брянською областю", "Брянській області"} <= case_forms("Брянська область", "uk")
    assert {"Брянской области", "Брянской областью"} <= case_forms("Брянская область", "ru")
    assert {"Сумах", "Сум"} <= case_forms("Суми", "uk")  # a plural town keeps its number


@pytest.mark.parametrize(("text", "names"), [
    ("У ніч на 7 вересня противник атакував Харківщину та Київ.", ["Kharkiv Oblast", "Kyiv"]),
    ("Над Брянской областью и в Курске уничтожены беспилотники.", ["Bryansk Oblast", "Kursk"]),
    ("Ворог застосував ракети Х-101 та Кинджал, а також шахедів.", ["Kh-101", "Kinzhal", "Shahed-136"]),
])
def test_cyrillic_names_meet_the_english_canonicals(text: str, names: list[str]) -> None:
    mentions, _ = default_gazetteer().scan(text)
    assert [m.entry.name for m in mentions] == names
