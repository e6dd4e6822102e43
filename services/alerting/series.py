"""Daily series (attacker x weapon class [x oblast]) and their nightly history.

The history is what every detector looks back on: the *known* nights of a series inside the
calendar window before a night. A night with no figure is left out rather than counted as 0:
figures arrive out of order (a late article about last Friday), and a spike night seen before
its neighbours must not be compared with a run of invented zeros. Quiet nights of sparse series
(ballistic missiles) become known zeros when the engine closes them (engine.close_quiet_nights).
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from schemas.domain import SeriesKey

HISTORY_COLUMNS = ("date", "attacker", "weapon_class", "launched", "intercepted")
"""Columns of a history CSV (`strikewatch baseline import`, `strikewatch backtest`); `oblast`
is an optional extra column."""


@dataclass(frozen=True)
class Observation:
    """One night of one series: the measures the aggregation published (launched, intercepted...)."""

    series: SeriesKey
    night: dt.date
    measures: dict[str, float]


class HistoryStore:
    """Nightly measures per series, in memory; serialisable to plain JSON for snapshots.

    Each series keeps its nights sorted too (bisect), so a trailing window costs its own length,
    not a sort of the whole history: re-evaluating every later night after a late figure stays
    linear in the nights it looks at.
    """

    def __init__(self) -> None:
        self._data: dict[SeriesKey, dict[dt.date, dict[str, float]]] = {}
        self._sorted: dict[SeriesKey, list[dt.date]] = {}

    def __len__(self) -> int:
        return sum(len(n) for n in self._data.values())

    def series(self) -> list[SeriesKey]:
        return sorted(self._data, key=str)

    def update(self, obs: Observation) -> bool:
        """Store the night's measures (replacing earlier ones); True if anything changed."""
        nights = self._data.setdefault(obs.series, {})
        old = nights.get(obs.night)
        new = {k: float(v) for k, v in obs.measures.items()}
        if old == new:
            return False
        if old is None:
            bisect.insort(self._sorted.setdefault(obs.series, []), obs.night)
        nights[obs.night] = new
        return True

    def has(self, series: SeriesKey, night: dt.date) -> bool:
        return night in self._data.get(series, {})

    def value(self, series: SeriesKey, night: dt.date, measure: str) -> float | None:
        entry = self._data.get(series, {}).get(night)
        return None if entry is None else entry.get(measure, 0.0)

    def nights(self, series: SeriesKey) -> list[dt.date]:
        return list(self._sorted.get(series, []))

    def trailing(self, series: SeriesKey, night: dt.date, measure: str, nights: int | None) -> list[float]:
        """Values of the known nights among the `nights` calendar nights before `night` (all
        earlier nights if None), oldest first."""
        known = self._data.get(series, {})
        days = self._sorted.get(series, [])
        lo = 0 if nights is None else bisect.bisect_left(days, night - dt.timedelta(days=nights))
        hi = bisect.bisect_left(days, night)
        return [known[day].get(measure, 0.0) for day in days[lo:hi]]

    def later_nights(self, series: SeriesKey, night: dt.date, nights: int | None) -> list[dt.date]:
        """Known nights after `night`, up to `nights` calendar nights later (all if None), in order."""
        days = self._sorted.get(series, [])
        lo = bisect.bisect_right(days, night)
        hi = len(days) if nights is None else bisect.bisect_right(days, night + dt.timedelta(days=nights))
        return days[lo:hi]

    def to_json(self) -> dict[str, dict[str, dict[str, float]]]:
        return {
            str(k): {d.isoformat(): m for d, m in sorted(nights.items())} for k, nights in self._data.items()
        }

    @classmethod
    def from_json(cls, data: dict[str, dict[str, dict[str, float]]]) -> HistoryStore:
        store = cls()
        for key, nights in data.items():
            series = SeriesKey.parse(key)
            for day, measures in nights.items():
                store.update(Observation(series, dt.date.fromisoformat(day), measures))
        return store


def read_history_csv(path: Path) -> Iterator[Observation]:
    """Observations from a history CSV; a malformed row raises ValueError naming its line."""
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in HISTORY_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            try:
                night = dt.date.fromisoformat(row["date"].strip())
                measures = {m: float(row[m] or 0) for m in ("launched", "intercepted")}
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{path}:{line}: {exc}") from exc
            oblast = (row.get("oblast") or "").strip() or None
            yield Observation(SeriesKey(row["attacker"].strip(), row["weapon_class"].strip(), oblast),
                              night, measures)


def write_history_csv(path: Path, observations: Iterable[Observation]) -> int:
    """Write observations as a history CSV (with an oblast column); returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*HISTORY_COLUMNS, "oblast"])
        for obs in observations:
            writer.writerow([
                obs.night.isoformat(), obs.series.attacker, obs.series.weapon_class,
                _num(obs.measures.get("launched", 0)), _num(obs.measures.get("intercepted", 0)),
                obs.series.oblast or "",
            ])
            rows += 1
    return rows


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
