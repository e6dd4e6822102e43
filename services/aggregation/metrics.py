"""Domain metrics of the aggregation service (Prometheus conventions, bounded labels only).

Labels are closed sets: route (4), outcome (2), attacker (2), weapon class (8), measure (7),
window (3), and on the one per-region gauge the regions of regions.yaml (46; only those with an
attack in the last 30 days, kept afterwards so they fall back to 0). No date or event id label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from prometheus_client import Counter, Gauge, Histogram

from services.aggregation.windows import (
    INTERCEPTED_RATED,
    MEASURES,
    RATED,
    TOTAL,
    WINDOWS,
    Book,
    Row,
    SeriesKey,
    sum_rows,
)

CLAIMS = Counter(
    "strikewatch_aggregation_claims",
    "Claims read, by route (event, period, reference, undated) and outcome (changed, unchanged)",
    ["route", "outcome"],
)
DAY_SECONDS = 86400
LATE_CLAIMS = Histogram(
    "strikewatch_aggregation_claim_lateness_seconds",
    "How far (whole days, in seconds) a claim's attack date lies before the attacker's watermark",
    buckets=tuple(d * DAY_SECONDS for d in (0, 1, 2, 7, 30, 90, 365, 1000)),
)
EVENT_UPDATES = Counter(
    "strikewatch_aggregation_event_updates", "Events republished because they changed", ["attacker", "scope"]
)
DAILY_UPDATES = Counter(
    "strikewatch_aggregation_daily_updates", "Window aggregates republished", ["window"]
)
EXPIRED_ROWS = Counter(
    "strikewatch_aggregation_expired_rows", "Day rows dropped by the event-time retention"
)
WATERMARK = Gauge(
    "strikewatch_aggregation_watermark_timestamp_seconds",
    "Newest attack date seen (event time, midnight UTC) per attacker", ["attacker"],
)
TRAILING = Gauge(
    "strikewatch_strikes_trailing",
    "Nationwide totals over the trailing window ending on the watermark date",
    ["attacker", "weapon_class", "measure", "window"],
)
INTERCEPTION = Gauge(
    "strikewatch_strikes_interception_ratio",
    "Intercepted / launched over the trailing window ending on the watermark date",
    ["attacker", "weapon_class", "window"],
)

OBLAST_ATTACKS = Gauge(
    "strikewatch_strikes_oblast_attacks",
    "Attacks reported per region over the trailing window ending on the watermark date",
    ["attacker", "oblast", "window"],
)
_oblasts_shown: set[tuple[str, str]] = set()


def set_watermark(attacker: str, day: dt.date) -> None:
    WATERMARK.labels(attacker).set(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())


def set_trailing(attacker: str, totals: Mapping[tuple[str, str], Row]) -> None:
    """Publish trailing-window totals as gauges."""
    for (window, wclass), row in totals.items():
        for measure in MEASURES:
            TRAILING.labels(attacker, wclass, measure, window).set(row.get(measure, 0))
        rated = row.get(RATED, 0)
        if rated:
            INTERCEPTION.labels(attacker, wclass, window).set(row.get(INTERCEPTED_RATED, 0) / rated)


def set_oblast_trailing(book: Book, attacker: str, regions: Iterable[str], end: dt.date) -> None:
    """Publish per-region attack counts over the trailing windows (the dashboard's map/bars)."""
    for oblast in regions:
        counts = {window: sum_rows(book, SeriesKey(attacker, TOTAL, oblast),
                                   end - dt.timedelta(days=days - 1), end).get("attacks", 0)
                  for window, days in WINDOWS.items()}
        if not any(counts.values()) and (attacker, oblast) not in _oblasts_shown:
            continue
        _oblasts_shown.add((attacker, oblast))
        for window, count in counts.items():
            OBLAST_ATTACKS.labels(attacker, oblast, window).set(count)
