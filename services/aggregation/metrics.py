"""Domain metrics of the aggregation service (Prometheus conventions, bounded labels only).

Labels are closed sets: route (4), outcome (2), attacker (2), weapon class (8), window (3), and on
the one per-region gauge the regions of regions.yaml (46; only those with an attack in the last 30
days, kept afterwards so they fall back to 0). No date or event id label.

The trailing-window figures are one gauge per measure and window, each labelled only by what can
be added up: `sum()` over a gauge's labels is a meaningful total. Weapon classes nest (`total` =
drones + missiles; `missiles` >= the sum of its four types, resolve.py rule 4), so the disjoint top
classes (`strikewatch_strikes_*`) and the missile types (`strikewatch_missiles_*`) are separate
metrics and the precomputed `total` is not exported: sum the classes instead. Attacks and
casualties belong to an attack, not to a weapon, so they are labelled by attacker only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from prometheus_client import Counter, Gauge, Histogram

from schemas import domain
from schemas.domain import SeriesKey
from services.aggregation.windows import (
    INTERCEPTED_RATED,
    RATED,
    TOTAL,
    WINDOWS,
    Book,
    Row,
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
WINDOW_NAMES = {"1d": "last_night", "7d": "last_7_nights", "30d": "last_30_nights"}
"""Trailing window -> metric name suffix (the window ends on the attacker's watermark date)."""
WINDOW_TEXT = {"1d": "the latest night", "7d": "the last 7 nights", "30d": "the last 30 nights"}
WEAPON_MEASURES = tuple(m.value for m in domain.WEAPON_MEASURES)
TOP_CLASSES = tuple(c.value for c in domain.TOP_CLASSES)
"""Disjoint classes: their sum is every weapon counted (the Air Force's total leaves out glide bombs)."""
MISSILE_TYPES = tuple(c.value for c in domain.MISSILE_PARTS)
"""Disjoint parts of `missiles` (which also counts missiles reported without a type)."""
ATTACK_MEASURES = {"attacks": ("strikewatch_attacks", "Attacks reported"),
                   "killed": ("strikewatch_people_killed", "People reported killed"),
                   "injured": ("strikewatch_people_injured", "People reported injured")}

STRIKES = {
    (measure, window): Gauge(
        f"strikewatch_strikes_{measure}_{name}",
        f"Weapons reported {measure} nationwide over {WINDOW_TEXT[window]} up to the watermark date, "
        f"by top weapon class ({', '.join(TOP_CLASSES)}; disjoint)", ["attacker", "weapon_class"])
    for measure in WEAPON_MEASURES for window, name in WINDOW_NAMES.items()
}
MISSILES = {
    (measure, window): Gauge(
        f"strikewatch_missiles_{measure}_{name}",
        f"Missiles reported {measure} nationwide over {WINDOW_TEXT[window]} up to the watermark date, "
        "by missile type (parts of the missiles class)", ["attacker", "weapon_class"])
    for measure in WEAPON_MEASURES for window, name in WINDOW_NAMES.items()
}
ATTACKS = {
    (measure, window): Gauge(f"{prefix}_{name}", f"{text} nationwide over {WINDOW_TEXT[window]} up to the "
                             "watermark date", ["attacker"])
    for measure, (prefix, text) in ATTACK_MEASURES.items() for window, name in WINDOW_NAMES.items()
}
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
    """Publish trailing-window totals as gauges: each figure in the one gauge where it adds up."""
    for (window, wclass), row in totals.items():
        if wclass == TOTAL:
            for measure in ATTACK_MEASURES:
                ATTACKS[(measure, window)].labels(attacker).set(row.get(measure, 0))
        family = STRIKES if wclass in TOP_CLASSES else MISSILES if wclass in MISSILE_TYPES else None
        for measure in WEAPON_MEASURES if family is not None else ():
            family[(measure, window)].labels(attacker, wclass).set(row.get(measure, 0))
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
