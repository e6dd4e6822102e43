"""Detector maths against values worked out by hand (the arithmetic is spelled out in comments)."""

import math

import pytest

from services.alerting import detectors

# Fourteen nights: seven of 99 and seven of 149, so log1p gives ln 100 and ln 150.
# Median of 14 log values = mean of the 7th and 8th = (ln 100 + ln 150) / 2 = 4.807903.
# Every deviation is |ln 150 - ln 100| / 2 = ln(1.5) / 2 = 0.202733, so MAD = 0.202733.
TWO_LEVELS = [99.0, 149.0] * 7


def test_modified_z_two_level_history():
    score, centre = detectors.modified_z(math.log(1000), [math.log1p(v) for v in TWO_LEVELS], 0.05)
    assert centre == pytest.approx(4.807903, abs=1e-5)
    # 0.6745 * (6.907755 - 4.807903) / 0.202733 = 0.6745 * 10.35776 = 6.98630
    assert score == pytest.approx(6.98630, abs=1e-4)


def test_spike_fires_and_reports_raw_median():
    verdict = detectors.spike(999, TWO_LEVELS)
    assert verdict.fired
    assert verdict.score == pytest.approx(6.98630, abs=1e-4)
    assert verdict.baseline == 124.0  # (99 + 149) / 2


def test_spike_below_threshold():
    # 299 -> ln 300 = 5.703782; 0.6745 * (5.703782 - 4.807903) / 0.202733 = 2.98063 < 3
    verdict = detectors.spike(299, TWO_LEVELS)
    assert not verdict.fired
    assert verdict.score == pytest.approx(2.98063, abs=1e-4)


def test_spike_mad_floor_on_flat_history():
    flat = [9.0] * 20  # log1p = ln 10, MAD = 0 -> floor 0.05 applies
    # 10 -> 0.6745 * ln(11/10) / 0.05 = 0.6745 * 0.0953102 / 0.05 = 1.28573
    quiet = detectors.spike(10, flat)
    assert not quiet.fired and quiet.score == pytest.approx(1.28573, abs=1e-4)
    # 12 -> 0.6745 * ln(13/10) / 0.05 = 0.6745 * 0.262364 / 0.05 = 3.53929
    loud = detectors.spike(12, flat)
    assert loud.fired and loud.score == pytest.approx(3.53929, abs=1e-4)


def test_spike_needs_min_history():
    verdict = detectors.spike(10_000, TWO_LEVELS[:13])
    assert not verdict.fired
    assert verdict.score is None and "13 nights" in verdict.reason


def test_spike_looks_only_at_the_trailing_window():
    # Twelve old nights of 5000 fall outside the 28-night window; only the two levels remain
    # (28 nights of 99/149 alternating: same median and MAD as above).
    history = [5000.0] * 12 + TWO_LEVELS * 2
    assert detectors.spike(999, history).score == pytest.approx(6.98630, abs=1e-4)


def test_record_window_and_all_history():
    history = [100.0] + [5.0, 9.0, 7.0]
    assert not detectors.record(8, history, window=3, min_history=3).fired
    hit = detectors.record(10, history, window=3, min_history=3)
    assert hit.fired and hit.baseline == 9.0 and hit.score == 1.0
    assert not detectors.record(10, history, window=None, min_history=3).fired  # 100 is the record
    assert not detectors.record(9, history, window=3, min_history=3).fired  # equal is no record
    assert not detectors.record(10, history, window=3, min_history=5).fired  # too little history


def test_ewma_recursion():
    # S1 = 0.5*4 + 0.5*0 = 2; S2 = 0.5*8 + 0.5*2 = 5
    assert detectors.ewma([4.0, 8.0], 0.5, 0.0) == pytest.approx(5.0)


# Escalation: reference = the two-level fortnight (centre 4.807903, MAD 0.202733,
# sigma = 1.4826 * 0.202733 = 0.300571). Limit = 4.807903 + 3 * 0.300571 * sqrt(0.3 / 1.7)
# = 4.807903 + 0.901714 * 0.420084 = 5.186698. A run of nights at 299 (ln 300 = 5.703782):
# S1 = 0.3*5.703782 + 0.7*4.807903 = 5.076667; S2 = 5.264801; S3 = 5.396496.
def test_escalation_needs_a_sustained_rise():
    one_night = detectors.escalation(299, TWO_LEVELS, run=1)
    assert not one_night.fired
    assert one_night.score == pytest.approx((5.076667 - 4.807903) / 0.300571, abs=1e-4)
    assert one_night.limit == pytest.approx(math.expm1(5.186698), rel=1e-5)
    three_nights = detectors.escalation(299, [*TWO_LEVELS, 299, 299], run=3)
    assert three_nights.fired
    assert three_nights.score == pytest.approx((5.396496 - 4.807903) / 0.300571, abs=1e-4)
    assert three_nights.baseline == pytest.approx(math.expm1(4.807903), rel=1e-5)  # ~ 122.47


def test_escalation_needs_reference_history():
    assert not detectors.escalation(299, [*TWO_LEVELS[:10], 299, 299], run=3).fired


def test_threshold_floor():
    assert detectors.threshold(10, floor=10).fired
    assert not detectors.threshold(9, floor=10).fired
