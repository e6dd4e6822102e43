"""Interception rate: only attacks that report both launched and intercepted count, so it is <= 1."""

from __future__ import annotations

import datetime as dt

from schemas.domain import SeriesKey
from services.aggregation.windows import INTERCEPTED_RATED, RATED, _figures_rows, aggregate


def test_intercepts_without_a_launch_figure_do_not_inflate_the_rate():
    with_both = _figures_rows("RU", None, {"launched": {"drones": 100}, "intercepted": {"drones": 90},
                                         "lost": {}, "hit": {}}, None, None)
    only_intercepts = _figures_rows("RU", None, {"launched": {}, "intercepted": {"drones": 58},
                                               "lost": {}, "hit": {}}, None, None)
    key = SeriesKey("RU", "drones")
    row = {m: with_both[key].get(m, 0) + only_intercepts[key].get(m, 0) for m in with_both[key]}
    assert row[RATED] == 100 and row[INTERCEPTED_RATED] == 90 and row["intercepted"] == 148
    agg = aggregate("7d", dt.date(2026, 11, 16), dt.date(2026, 11, 22), key, row)
    assert agg.interception_rate == 0.9 and agg.intercepted == 148
