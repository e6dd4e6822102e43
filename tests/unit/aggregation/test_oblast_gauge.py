"""The per-region attack gauge: trailing windows from the day book, bounded to known regions."""

from __future__ import annotations

import datetime as dt

from prometheus_client import REGISTRY

from schemas.domain import SeriesKey
from services.aggregation.metrics import set_oblast_trailing
from services.aggregation.windows import TOTAL


def _gauge(oblast: str, window: str) -> float | None:
    return REGISTRY.get_sample_value(
        "strikewatch_strikes_oblast_attacks", {"attacker": "RU", "oblast": oblast, "window": window})


def test_attacks_per_region_over_trailing_windows():
    end = dt.date(2026, 11, 16)
    book = {
        SeriesKey("RU", TOTAL, "Kharkiv Oblast").row_key(end): {"attacks": 1},
        SeriesKey("RU", TOTAL, "Kharkiv Oblast").row_key(end - dt.timedelta(days=3)): {"attacks": 2},
        SeriesKey("RU", TOTAL, "Odesa Oblast").row_key(end - dt.timedelta(days=20)): {"attacks": 1},
    }
    set_oblast_trailing(book, "RU", ["Kharkiv Oblast", "Odesa Oblast", "Lviv Oblast"], end)
    assert [_gauge("Kharkiv Oblast", w) for w in ("1d", "7d", "30d")] == [1, 3, 3]
    assert [_gauge("Odesa Oblast", w) for w in ("1d", "7d", "30d")] == [0, 0, 1]
    assert _gauge("Lviv Oblast", "30d") is None  # never attacked: no series

    later = end + dt.timedelta(days=40)
    set_oblast_trailing(book, "RU", ["Kharkiv Oblast", "Odesa Oblast", "Lviv Oblast"], later)
    assert _gauge("Kharkiv Oblast", "30d") == 0  # shown once, so it falls back to 0
