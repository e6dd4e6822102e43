"""The trailing-window gauges after the split of `strikewatch_strikes_trailing` (issue 16): every
gauge's labels are disjoint, so `sum()` over one is a real total, as Prometheus's practices ask."""

from __future__ import annotations

from prometheus_client import REGISTRY

from schemas.extraction import WeaponClass
from services.aggregation import metrics
from tests.support.metrics_catalogue import load_catalogue

ATTACKER = "test_attacker"  # a label value no other test sets


def _value(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, {"attacker": ATTACKER, **labels})


def _publish() -> None:
    # One night: 100 drones (90 intercepted), 12 missiles of which 5 cruise and 3 ballistic (4 untyped).
    night = {
        "drones": {"launched": 100, "intercepted": 90, "attacks": 1},
        "missiles": {"launched": 12, "intercepted": 8, "attacks": 1},
        "cruise_missiles": {"launched": 5, "intercepted": 5, "attacks": 1},
        "ballistic_missiles": {"launched": 3, "intercepted": 1, "attacks": 1},
        "total": {"launched": 112, "intercepted": 98, "attacks": 1, "killed": 2, "injured": 7},
    }
    metrics.set_trailing(ATTACKER, {(window, wclass): row for window in ("1d", "7d", "30d")
                                    for wclass, row in night.items()})


def test_sum_over_the_classes_is_the_total_and_total_is_not_exported() -> None:
    _publish()
    launched = [_value("strikewatch_strikes_launched_last_night", weapon_class=c) or 0
                for c in metrics.TOP_CLASSES]
    assert sum(launched) == 112  # the precomputed total, now by sum()
    assert _value("strikewatch_strikes_launched_last_night", weapon_class="total") is None
    assert _value("strikewatch_strikes_launched_last_night", weapon_class="cruise_missiles") is None


def test_missile_types_are_their_own_gauge_and_never_exceed_missiles() -> None:
    _publish()
    types = [_value("strikewatch_missiles_launched_last_7_nights", weapon_class=c) or 0
             for c in metrics.MISSILE_TYPES]
    assert sum(types) == 8 <= _value("strikewatch_strikes_launched_last_7_nights", weapon_class="missiles")
    assert _value("strikewatch_missiles_launched_last_7_nights", weapon_class="missiles") is None


def test_attacks_and_casualties_are_per_attacker_not_per_weapon() -> None:
    _publish()
    assert REGISTRY.get_sample_value("strikewatch_attacks_last_30_nights", {"attacker": ATTACKER}) == 1
    assert REGISTRY.get_sample_value("strikewatch_people_killed_last_night", {"attacker": ATTACKER}) == 2
    assert REGISTRY.get_sample_value("strikewatch_people_injured_last_7_nights", {"attacker": ATTACKER}) == 7


def test_no_gauge_mixes_measures_or_windows_and_each_is_catalogued() -> None:
    catalogue = load_catalogue()
    gauges = [*metrics.STRIKES.values(), *metrics.MISSILES.values(), *metrics.ATTACKS.values()]
    assert len({g._name for g in gauges}) == len(gauges) == 4 * 3 * 2 + 3 * 3
    for gauge in gauges:
        assert not {"measure", "window"} & set(gauge._labelnames), gauge._name
        entry = catalogue[gauge._name]
        assert entry.type == "gauge" and entry.labels == frozenset(gauge._labelnames)
    assert "strikewatch_strikes_trailing" not in catalogue
    covered = set(metrics.TOP_CLASSES) | set(metrics.MISSILE_TYPES) | {WeaponClass.TOTAL.value}
    assert covered == {c.value for c in WeaponClass}, "every class lands in exactly one gauge family"
