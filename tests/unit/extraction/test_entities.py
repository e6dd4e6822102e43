"""Entities: aliases and transliterations meet on one canonical name, with offsets and data."""

from __future__ import annotations

import pytest

from schemas.extraction import EntityType
from services.extraction.gazetteer import default_gazetteer, fold
from tests.support.extraction import run


def names(text: str, kind: EntityType | None = None) -> list[str]:
    return [e.name for e in run(text).entities if kind is None or e.type == kind]


@pytest.mark.parametrize("surface", ["Zelensky", "Zelenskyy", "Zelenskiy", "Volodymyr Zelenskyy"])
def test_zelensky_spellings_meet(surface: str) -> None:
    ents = run(f"President {surface} spoke in the evening.").entities
    assert [(e.name, e.text) for e in ents] == [("Volodymyr Zelenskyy", surface)]


@pytest.mark.parametrize(("a", "b", "canonical"), [
    ("Kyiv", "Kiev", "Kyiv"), ("Kharkiv", "Kharkov", "Kharkiv"), ("Odesa", "Odessa", "Odesa"),
    ("Shahed-136", "Geran-2", "Shahed-136"), ("Kh-101", "X-101", "Kh-101"), ("Kalibr", "Kalibr-NK", "Kalibr"),
    ("Kinzhal", "Kh-47M2", "Kinzhal"),
])
def test_aliases_meet(a: str, b: str, canonical: str) -> None:
    assert names(f"Reports mention {a} and also {b} today.") == [canonical, canonical]


def test_dnipro_city_versus_dnipropetrovsk_oblast() -> None:
    ents = run("Drones hit Dnipro and other towns in the Dnipropetrovsk region; Dnipropetrovsk saw fires.").entities
    assert [(e.name, e.kind) for e in ents] == [
        ("Dnipro", "city"), ("Dnipropetrovsk Oblast", "oblast"), ("Dnipropetrovsk Oblast", "oblast"),
    ]


def test_place_carries_kind_oblast_country_and_coordinates() -> None:
    (kharkiv,) = run("Explosions were heard in Kharkiv.").entities
    assert (kharkiv.kind, kharkiv.oblast, kharkiv.country) == ("city", "Kharkiv Oblast", "Ukraine")
    assert kharkiv.lat is not None and 49 < kharkiv.lat < 51 and 35 < kharkiv.lon < 37
    assert kharkiv.id and kharkiv.id.startswith("geonames:")
    (belgorod,) = run("Governor reports from the Belgorod region.").entities
    assert (belgorod.kind, belgorod.country, belgorod.id) == ("oblast", "Russia", "RU-BEL")


def test_offsets_point_at_the_surface_text() -> None:
    text = "Russia\u2019s Defence Ministry said Iskander-M missiles hit Kharkov."
    for e in run(text).entities:
        assert text[e.start:e.end] == e.text
    # the possessive names the country as well as the ministry
    assert names(text) == ["Russia", "Russian Ministry of Defence", "Iskander-M", "Kharkiv"]


def test_weapons_carry_their_class() -> None:
    ents = {e.name: e.weapon_class for e in run(
        "The Kinzhal, a Kalibr, a Shahed, an Iskander-M, a JDAM, a Kh-59, an F-16 and a Patriot.").entities}
    assert ents == {
        "Kinzhal": "aeroballistic missile", "Kalibr": "cruise missile", "Shahed-136": "attack drone",
        "Iskander-M": "ballistic missile", "JDAM": "glide bomb", "Kh-59": "guided air missile",
        "F-16": "aircraft", "Patriot": "air-defence system",
    }


def test_acronyms_need_their_case_and_words_their_boundaries() -> None:
    assert names("Let us meet the UN and US envoys; the un-named aide left.") == ["United Nations", "United States"]
    assert names("Russians and Ukrainians") == []  # demonyms are not places
    assert names("a patriot and a kievan") == []  # common words in lower case are not names


def test_organisations() -> None:
    text = "Ukraine's Air Force, NATO, the IAEA, Ukrenergo and the Russian Defence Ministry"
    assert names(text, EntityType.ORGANISATION) == [
        "Ukrainian Air Force", "NATO", "IAEA", "Ukrenergo", "Russian Ministry of Defence",
    ]
    assert names(text, EntityType.PLACE) == ["Ukraine"]


def test_class_words_are_not_weapon_entities() -> None:
    assert names("Guided aerial bombs, KABs, drones and ballistic missiles.") == []


def test_all_oblasts_and_crimea_are_known() -> None:
    oblasts = [e for e in default_gazetteer().entries if e.kind == "oblast" and e.country == "Ukraine"]
    assert len([o for o in oblasts if o.name.endswith("Oblast")]) == 24
    assert "Crimea" in {o.name for o in oblasts}


def test_fold_keeps_length() -> None:
    text = "İstanbul\u2019s KYIV\u2013Lviv"
    assert len(fold(text)) == len(text)


def test_listed_city_names_before_regions_are_oblasts() -> None:
    assert names("Drones were downed over the Bryansk, Kursk and Oryol regions.") == [
        "Bryansk Oblast", "Kursk Oblast", "Oryol Oblast"]
    assert names("Drones hit Bryansk and Kursk.") == ["Bryansk", "Kursk"]


@pytest.mark.parametrize("text", [
    "Drones hit Kyiv and other regions, including Sumy, Kharkiv, and Chernihiv, officials said.",
    "Drones hit the regions of Sumy, Kharkiv and Chernihiv.",
])
def test_listed_city_names_after_regions_are_oblasts(text: str) -> None:
    assert [n for n in names(text, EntityType.PLACE) if n != "Kyiv"] == [
        "Sumy Oblast", "Kharkiv Oblast", "Chernihiv Oblast"]


def test_a_city_after_the_regions_list_stays_a_city() -> None:
    assert names("Sirens sounded in several regions, including Kyiv. Kharkiv was quiet.", EntityType.PLACE) == [
        "Kyiv Oblast", "Kharkiv"]
