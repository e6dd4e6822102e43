"""The domain vocabulary, declared once: what the services count and how they name a series.

Every service and the JSON Schemas speak these words; before this module the measure groups, the
missile classes, the invasion date and two different series keys were written again in each
service, free to drift apart. The wire enums stay in the schema that carries them
(`schemas.extraction`: `Attacker`, `Measure`, `WeaponClass`; `schemas.dedup`: `Verdict`) and the
calendar words in `schemas.calendar`; they are re-exported here so a service imports its
vocabulary from one place.

`Verdict` means one thing: dedup's decision about an article (unique, duplicate, near duplicate,
revision). A detector's outcome in alerting is not a verdict.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from schemas.calendar import KYIV, MONTHS, WEEKDAYS
from schemas.dedup import Verdict
from schemas.extraction import Attacker, Measure, WeaponClass

__all__ = [
    "AGGREGATE_MEASURES", "ATTACKS", "CASUALTY_MEASURES", "COVERAGE_START", "FULL_SCALE_INVASION", "KYIV",
    "MISSILE_CLASSES", "MISSILE_PARTS", "MONTHS", "NATIONWIDE", "TOP_CLASSES", "WEAPON_MEASURES", "WEEKDAYS",
    "Attacker", "Measure", "SeriesKey", "Verdict", "WeaponClass",
]

# --------------------------------------------------------------------------- dates

FULL_SCALE_INVASION = dt.date(2022, 2, 24)
"""The start of Russia's full-scale invasion of Ukraine: 'since the start of the invasion' periods
begin here."""

COVERAGE_START = FULL_SCALE_INVASION
"""The earliest attack date counted by default, and the day the aggregation's fixed blocks of days
are counted from."""

# --------------------------------------------------------------------------- measures

WEAPON_MEASURES: tuple[Measure, ...] = (Measure.LAUNCHED, Measure.INTERCEPTED, Measure.LOST, Measure.HIT)
"""Measures that count weapons (a weapon class applies)."""

CASUALTY_MEASURES: tuple[Measure, ...] = (Measure.KILLED, Measure.INJURED)
"""Measures that count people (no weapon class)."""

ATTACKS = "attacks"
"""Aggregate-only measure: how many attacks (events) a day or window holds."""

AGGREGATE_MEASURES: tuple[str, ...] = (*(m.value for m in (*WEAPON_MEASURES, *CASUALTY_MEASURES)), ATTACKS)
"""The measures of a daily aggregate (`strikes.daily`), in the order they are shown and stored."""

# --------------------------------------------------------------------------- weapon classes

MISSILE_PARTS: tuple[WeaponClass, ...] = (
    WeaponClass.BALLISTIC_MISSILES, WeaponClass.CRUISE_MISSILES,
    WeaponClass.AEROBALLISTIC_MISSILES, WeaponClass.GUIDED_AIR_MISSILES,
)
"""Disjoint parts of `missiles` (which also counts missiles reported without a type)."""

MISSILE_CLASSES: frozenset[WeaponClass] = frozenset({WeaponClass.MISSILES, *MISSILE_PARTS})
"""Every class a figure about 'missiles' may have: the generic class and its parts."""

TOP_CLASSES: tuple[WeaponClass, ...] = (WeaponClass.DRONES, WeaponClass.MISSILES, WeaponClass.GLIDE_BOMBS)
"""Disjoint classes: their sum is every weapon counted (the Air Force's total leaves out glide bombs)."""

# --------------------------------------------------------------------------- series

NATIONWIDE = "*"
"""How a nationwide series is written in keys (row, topic and cursor keys); in a SeriesKey it is None."""


@functools.total_ordering
@dataclass(frozen=True)
class SeriesKey:
    """One daily series: attacker x weapon class x oblast (None = nationwide).

    Written `attacker/weapon_class[/oblast]` for people (rules, history files, the API's alert
    series) and `date|attacker|class|oblast` as a row key, with `*` for nationwide. An oblast
    given as `*` or "" is stored as None, so a key read back from a row equals the one written.
    Keys sort as their row keys do (nationwide where `*` sorts): None cannot be compared with a
    region name, and aggregation sorts the series it touches and serves."""

    attacker: str
    weapon_class: str
    oblast: str | None = None

    def __post_init__(self) -> None:
        if self.oblast in (NATIONWIDE, ""):
            object.__setattr__(self, "oblast", None)  # frozen: the one place a field is normalised

    def _order(self) -> tuple[str, str, str]:
        return self.attacker, self.weapon_class, self.oblast or NATIONWIDE

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, SeriesKey):
            return NotImplemented
        return self._order() < other._order()

    def __str__(self) -> str:
        return "/".join([self.attacker, self.weapon_class] + ([self.oblast] if self.oblast else []))

    @classmethod
    def parse(cls, text: str) -> SeriesKey:
        """`attacker/weapon_class[/oblast]`; ValueError naming the text otherwise."""
        parts = text.split("/", 2)
        if len(parts) < 2:
            raise ValueError(f"series {text!r} is not attacker/weapon_class[/oblast]")
        return cls(parts[0], parts[1], parts[2] if len(parts) == 3 else None)

    def row_key(self, day: dt.date) -> str:
        return f"{day.isoformat()}|{self.attacker}|{self.weapon_class}|{self.oblast or NATIONWIDE}"

    def topic_key(self, window: str, start: dt.date) -> str:
        return (f"{window}/{start.isoformat()}/{self.attacker}/{self.weapon_class}/"
                f"{self.oblast or NATIONWIDE}")

    @classmethod
    def from_row_key(cls, key: str) -> tuple[dt.date, SeriesKey] | None:
        """`date|attacker|class|oblast` -> (date, series); None for keys that are no row."""
        parts = key.split("|")
        if len(parts) != 4:
            return None
        return dt.date.fromisoformat(parts[0]), cls(parts[1], parts[2], parts[3])
