"""The Air Force table check (issue 13): an Air Force nightly summary, or a piece retelling it,
against the nightly table compiled from the Air Force's posts.

No annotator stands between the two: the figures we extract for the night (launched, intercepted
and lost per weapon class) are compared with the table's launched, destroyed and not_reach_goal
for the same night and class. The project ships its own excerpt of the table (the nights it needs,
`tests/data/extraction/airforce_nights.csv`); this module reads that excerpt and compares.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from schemas.extraction import Attacker, Measure, Scope, StrikeClaim, WeaponClass

MISSILE_CLASSES = frozenset(
    {
        WeaponClass.BALLISTIC_MISSILES,
        WeaponClass.CRUISE_MISSILES,
        WeaponClass.AEROBALLISTIC_MISSILES,
        WeaponClass.GUIDED_AIR_MISSILES,
    }
)
TABLE_COLUMN = {
    Measure.LAUNCHED: "launched",
    Measure.INTERCEPTED: "destroyed",
    Measure.LOST: "not_reach_goal",
}
"""our measure -> the table's column: 'destroyed' is shot down, 'not_reach_goal' lost to jamming"""
AIR_FORCE_NAMED = re.compile(
    r"повітрян\w*\s+сил\w*|воздушн\w*\s+сил\w*\s+(?:всу|украины|зсу)|командуванн\w*\s+повітрян\w*"
    r"|ігнат\w*|игнат\w*|kpszsu",
    re.IGNORECASE,
)
"""a piece that names the Air Force (or its spokesman) as its source retells its summary"""


@dataclass(frozen=True, slots=True)
class NightRow:
    """One weapon model of one night, as the table gives it (None: the table gives no figure)."""

    night: dt.date  # the morning the attack ended
    model: str
    weapon_class: WeaponClass
    launched: int | None
    destroyed: int | None
    not_reach_goal: int | None


class ExcerptError(ValueError):
    """The excerpt file is malformed (a missing column or a non-number figure)."""


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def load_nights(path: Path) -> dict[dt.date, list[NightRow]]:
    """The excerpt's rows by night."""
    out: dict[dt.date, list[NightRow]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for i, raw in enumerate(csv.DictReader(f), start=2):
            try:
                row = NightRow(
                    night=dt.date.fromisoformat(raw["night"]),
                    model=raw["model"],
                    weapon_class=WeaponClass(raw["weapon_class"]),
                    launched=_int(raw["launched"]),
                    destroyed=_int(raw["destroyed"]),
                    not_reach_goal=_int(raw["not_reach_goal"]),
                )
            except (KeyError, ValueError) as exc:
                raise ExcerptError(f"{path}:{i}: {exc}") from exc
            out.setdefault(row.night, []).append(row)
    return out


def _covers(table_class: WeaponClass, claim_class: WeaponClass) -> bool:
    """Does a claim of `claim_class` count the table's `table_class` ('missiles' all missiles,
    'total' everything)?"""
    return (
        claim_class == WeaponClass.TOTAL
        or claim_class == table_class
        or (claim_class == WeaponClass.MISSILES and table_class in MISSILE_CLASSES)
    )


def table_figure(rows: Sequence[NightRow], measure: Measure, weapon_class: WeaponClass) -> int | None:
    """The night's figure for a measure and class: the sum over the models the class covers;
    None when the table gives none of them."""
    column = TABLE_COLUMN[measure]
    values = [getattr(r, column) for r in rows if _covers(r.weapon_class, weapon_class)]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One figure of one night: ours (None: not extracted) against the table's."""

    article_id: str
    night: dt.date
    weapon_class: WeaponClass
    measure: Measure
    ours: int | None
    table: int | None

    @property
    def verdict(self) -> str:
        if self.ours is None:
            return "not extracted"
        if self.table is None:
            return "not in table"
        return "match" if self.ours == self.table else "differs"


def _nightly(claims: Iterable[StrikeClaim]) -> list[StrikeClaim]:
    """Russia's launched/intercepted/lost figures of single nights (no references, no totals)."""
    return [
        c
        for c in claims
        if c.attacker == Attacker.RU
        and c.measure in TABLE_COLUMN
        and c.scope == Scope.SINGLE_ATTACK
        and not c.is_reference
        and c.weapon_class is not None
        and c.date is not None
    ]


def night_of(claims: Iterable[StrikeClaim]) -> dt.date | None:
    """The night a piece reports: the date most of its nightly figures carry."""
    dates = Counter(c.date for c in _nightly(claims))
    return dates.most_common(1)[0][0] if dates else None


def compare(article_id: str, claims: Sequence[StrikeClaim], rows: Sequence[NightRow]) -> list[Comparison]:
    """Our figures for the night against the table's, per measure and weapon class. Where a piece
    gives several figures of one class (the nation's and a region's), the largest is the
    nation's; each class the table lists but we did not extract is shown as not extracted."""
    night = rows[0].night
    ours: dict[tuple[Measure, WeaponClass], int] = {}
    for c in _nightly(claims):
        if c.date == night and c.weapon_class is not None:
            key = (c.measure, c.weapon_class)
            ours[key] = max(ours.get(key, 0), c.value)
    out = [
        Comparison(article_id, night, cls, measure, value, table_figure(rows, measure, cls))
        for (measure, cls), value in ours.items()
    ]
    stated = {(c.measure, c.weapon_class) for c in out}
    for measure in (Measure.LAUNCHED, Measure.INTERCEPTED):
        for cls in dict.fromkeys(r.weapon_class for r in rows):
            covered = any(m == measure and _covers(cls, k) for m, k in stated)
            if not covered and (figure := table_figure(rows, measure, cls)) is not None:
                out.append(Comparison(article_id, night, cls, measure, None, figure))
    return out
