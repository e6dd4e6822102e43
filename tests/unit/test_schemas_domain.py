"""The domain vocabulary has one definition (schemas/domain.py, schemas/calendar.py), and the one
SeriesKey reads and writes the forms both services use."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from schemas.domain import (
    AGGREGATE_MEASURES,
    CASUALTY_MEASURES,
    MISSILE_CLASSES,
    MISSILE_PARTS,
    TOP_CLASSES,
    WEAPON_MEASURES,
    Measure,
    SeriesKey,
    WeaponClass,
)
from services.common.checkout import CHECKOUT

VOCABULARY_FILES = {"schemas/domain.py", "schemas/calendar.py", "schemas/dedup.py"}  # dedup.py: Verdict
RESTATED = {
    "the invasion date": re.compile(r"date\(\s*2022,\s*2,\s*24\s*\)"),
    "the Kyiv time zone": re.compile(r"ZoneInfo\(\s*[\"']Europe/Kyiv"),
    "a SeriesKey type": re.compile(r"^class SeriesKey\b", re.MULTILINE),
    "a Verdict type": re.compile(r"^class Verdict\b", re.MULTILINE),
    "the aggregate measures": re.compile(r"\"injured\",\s*\"attacks\"\)"),
    "the weapon measures": re.compile(r"Measure\.LOST,\s*Measure\.HIT\)"),
    "the missile parts": re.compile(r"BALLISTIC_MISSILES\W+(?:WeaponClass\.)?CRUISE_MISSILES"),
    "English month names": re.compile(r"[\"']january[\"'],\s*[\"']february", re.IGNORECASE),
    "English month abbreviations": re.compile(r"[\"']jan[\"'],\s*[\"']feb", re.IGNORECASE),
}
PENDING: set[tuple[str, str]] = set()
"""Restatements still to be replaced by imports (path, what); empty: every item has one definition."""


def _restatements() -> set[tuple[str, str]]:
    found = set()
    for path in sorted([*CHECKOUT.glob("services/**/*.py"), *CHECKOUT.glob("schemas/*.py")]):
        rel = path.relative_to(CHECKOUT).as_posix()
        if rel in VOCABULARY_FILES:
            continue
        text = path.read_text(encoding="utf-8")
        found |= {(rel, what) for what, pattern in RESTATED.items() if pattern.search(text)}
    return found


def test_the_vocabulary_is_not_declared_again_in_a_service():
    extra = _restatements() - PENDING
    assert not extra, f"import these from schemas.domain / schemas.calendar instead: {sorted(extra)}"


def test_a_pending_duplicate_that_is_gone_leaves_the_pending_list():
    pending = {(path, what) for path, what in PENDING if (CHECKOUT / path).exists()}
    gone = pending - _restatements()
    assert not gone, f"fixed: remove from PENDING in this test: {sorted(gone)}"


def test_groups_partition_what_they_group():
    assert set(WEAPON_MEASURES) | set(CASUALTY_MEASURES) == set(Measure)
    assert AGGREGATE_MEASURES[:6] == tuple(m.value for m in Measure)
    assert MISSILE_CLASSES == {WeaponClass.MISSILES, *MISSILE_PARTS}
    assert not set(TOP_CLASSES) & set(MISSILE_PARTS)


@pytest.mark.parametrize(("key", "text", "row"), [
    (SeriesKey("RU", "drones"), "RU/drones", "2025-07-09|RU|drones|*"),
    (SeriesKey("RU", "total", "Kharkiv Oblast"), "RU/total/Kharkiv Oblast", "2025-07-09|RU|total|Kharkiv Oblast"),
])
def test_series_key_forms_round_trip(key, text, row):
    day = dt.date(2025, 7, 9)
    assert str(key) == text and SeriesKey.parse(text) == key
    assert key.row_key(day) == row and SeriesKey.from_row_key(row) == (day, key)
    assert key.topic_key("7d", day).endswith("/" + (key.oblast or "*"))


def test_series_key_refuses_what_is_no_key():
    with pytest.raises(ValueError, match="attacker/weapon_class"):
        SeriesKey.parse("RU")
    assert SeriesKey.from_row_key("__watermark__") is None


def test_nationwide_written_as_a_star_is_the_same_key():
    assert SeriesKey("RU", "drones", "*") == SeriesKey("RU", "drones", "") == SeriesKey("RU", "drones")
    assert SeriesKey("RU", "drones", "*").oblast is None


def test_series_keys_sort_as_their_row_keys_do():
    """Nationwide (None) sorts with regions where `*` sorts, so aggregation can sort mixed keys."""
    day = dt.date(2025, 7, 9)
    keys = [SeriesKey("RU", "total", "Kharkiv Oblast"), SeriesKey("RU", "drones", "Lviv Oblast"),
            SeriesKey("RU", "total"), SeriesKey("RU", "drones"), SeriesKey("UA", "drones")]
    assert [k.row_key(day) for k in sorted(keys)] == sorted(k.row_key(day) for k in keys)
    assert sorted([(day, keys[0]), (day, keys[2])]) == [(day, keys[2]), (day, keys[0])]
