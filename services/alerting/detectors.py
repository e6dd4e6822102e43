"""The detectors: pure statistics on one nightly count series, no I/O, no Kafka.

Every detector takes tonight's count and the trailing history (oldest first, tonight excluded)
and returns a `DetectorResult` with the score and the baseline it compared against, so an alert can
say *why* it fired. Parameters and defaults follow the study in docs (nightly counts with a
coefficient of variation near 50 %: a single night stands out only at ~3-4x the trailing median),
which is why the spike test works on log1p counts with a robust centre and spread.
"""

from __future__ import annotations

import functools
import inspect
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

MAD_TO_Z = 0.6745
"""Iglewicz-Hoaglin factor: 0.6745 * (x - median) / MAD is a z-score for normal data."""
MAD_TO_SIGMA = 1.4826
"""1 / 0.6745: MAD times this estimates the standard deviation of normal data."""


@dataclass(frozen=True)
class DetectorResult:
    """A detector's answer for one night; `reason` explains a non-firing answer in words.
    (Not called Verdict: that word is dedup's decision, in schemas.domain.)"""

    fired: bool
    value: float
    baseline: float | None = None
    score: float | None = None
    limit: float | None = None
    reason: str = ""


def median_abs_deviation(values: Sequence[float]) -> tuple[float, float]:
    """(median, MAD) of `values`; MAD = median of |x - median|."""
    centre = statistics.median(values)
    return centre, statistics.median(abs(v - centre) for v in values)


def modified_z(value: float, history: Sequence[float], mad_floor: float) -> tuple[float, float]:
    """(M, median) with M = 0.6745 * (value - median(history)) / max(MAD, mad_floor)."""
    centre, mad = median_abs_deviation(history)
    return MAD_TO_Z * (value - centre) / max(mad, mad_floor), centre


def spike(
    value: float,
    history: Sequence[float],
    *,
    window: int = 28,
    threshold: float = 3.0,
    min_history: int = 14,
    mad_floor: float = 0.05,
) -> DetectorResult:
    """Modified z-score of log1p(value) against log1p of the trailing `window` nights.

    The MAD floor (log units) keeps a flat history (MAD = 0) from turning any change into an
    infinite score. The baseline reported is the median of the raw trailing counts.
    """
    trailing = list(history[-window:]) if window > 0 else []
    if len(trailing) < min_history:
        return DetectorResult(False, value, reason=f"{len(trailing)} nights of history < {min_history}")
    score, _ = modified_z(math.log1p(value), [math.log1p(v) for v in trailing], mad_floor)
    baseline = statistics.median(trailing)
    return DetectorResult(score > threshold, value, baseline=baseline, score=score, limit=threshold)


def record(
    value: float, history: Sequence[float], *, window: int | None = 90, min_history: int = 14,
) -> DetectorResult:
    """`value` exceeds the maximum of the trailing `window` nights (all history when None)."""
    trailing = list(history if window is None else history[-window:])
    if len(trailing) < min_history:
        return DetectorResult(False, value, reason=f"{len(trailing)} nights of history < {min_history}")
    previous = max(trailing)
    return DetectorResult(value > previous, value, baseline=previous, score=value - previous, limit=previous)


def ewma(values: Sequence[float], lam: float, start: float) -> float:
    """S_t = lam * y_t + (1 - lam) * S_(t-1), from S_0 = start, over `values` in order."""
    level = start
    for v in values:
        level = lam * v + (1 - lam) * level
    return level


def escalation(
    value: float,
    history: Sequence[float],
    *,
    lam: float = 0.3,
    limit_sigmas: float = 3.0,
    reference: int = 28,
    run: int = 14,
    min_history: int = 14,
    sigma_floor: float = 0.05,
) -> DetectorResult:
    """EWMA chart on log1p counts for sustained rises.

    The EWMA runs over the last `run` nights (tonight included), started at the centre of the
    `reference` nights before them; it fires when it exceeds
    centre + L * sigma * sqrt(lam / (2 - lam)) (the asymptotic EWMA control limit). Centre and
    sigma are robust (median, 1.4826 * MAD) so one record night in the reference does not blind
    the chart for a month. With lam = 0.3, S weighs the last ~6 nights, so one big night moves S
    by only 30 % of its jump: it takes a run of high nights (or a huge single one) to cross.
    """
    logs = [math.log1p(v) for v in history]
    recent = logs[-(run - 1):] if run > 1 else []
    ref = logs[: len(logs) - len(recent)][-reference:]
    if len(ref) < min_history:
        return DetectorResult(False, value, reason=f"{len(ref)} reference nights < {min_history}")
    centre, mad = median_abs_deviation(ref)
    sigma = max(MAD_TO_SIGMA * mad, sigma_floor)
    level = ewma([*recent, math.log1p(value)], lam, centre)
    limit = centre + limit_sigmas * sigma * math.sqrt(lam / (2 - lam))
    return DetectorResult(
        level > limit, value, baseline=math.expm1(centre), score=(level - centre) / sigma,
        limit=math.expm1(limit), reason="" if level > limit else "EWMA below its control limit",
    )


def threshold(value: float, history: Sequence[float] = (), *, floor: float) -> DetectorResult:
    """An absolute floor: for sparse series (ballistic missiles) where MAD is usually 0."""
    score = value / floor if floor else None
    return DetectorResult(value >= floor, value, baseline=floor, score=score, limit=floor)


DETECTORS: dict[str, Callable[..., DetectorResult]] = {
    "spike": spike, "record": record, "escalation": escalation, "threshold": threshold,
}
"""The detectors a rule may name."""

REQUIRED = inspect.Parameter.empty
"""The default of a parameter a rule must give (threshold's floor)."""


@functools.cache
def parameters(name: str) -> dict[str, Any]:
    """A detector's keyword parameters and their defaults (REQUIRED when it has none).

    Read from the function's signature, so a default is written once, in the detector: rule
    validation and the history a rule needs follow it."""
    return {p.name: p.default for p in inspect.signature(DETECTORS[name]).parameters.values()
            if p.kind is inspect.Parameter.KEYWORD_ONLY}
