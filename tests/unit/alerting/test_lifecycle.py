"""Rules from YAML, series selection, and the firing -> resolved lifecycle of the engine."""

import datetime as dt
import re
from typing import get_args

import pytest
from pydantic import ValidationError

from schemas.alerts import AlertEvidence, AlertStatus, Severity
from services.alerting.detectors import DETECTORS, REQUIRED, parameters
from services.alerting.engine import AlertEngine
from services.alerting.lifecycle import fingerprint
from services.alerting.rules import DEFAULT_RULES, DetectorName, Rule, RuleSet, load_rules
from services.alerting.series import HistoryStore, SeriesKey
from tests.support.alerting import DRONES, at, night, obs

# Fourteen calm nights alternating 99 and 149 (median 124, spike score of 999 = 6.99 by hand).
CALM = [99.0, 149.0] * 7


def warm(engine: AlertEngine, values: list[float] = CALM) -> None:
    for i, v in enumerate(values):
        assert engine.observe(obs(i, v), at(i)) == []


def test_default_rules_file_loads_and_selects_series():
    rules = load_rules()
    names = {r.name for r in rules.for_series(DRONES)}
    assert {"drones_spike", "drones_record_90d", "drones_escalation"} <= names
    assert "oblast_drones_spike" not in names  # national series only
    oblast = {r.name for r in rules.for_series(SeriesKey("RU", "drones", "Kyiv Oblast"))}
    assert oblast == {"oblast_drones_spike"}
    ballistic = {r.name for r in rules.for_series(SeriesKey("RU", "ballistic_missiles"))}
    assert "ballistic_mass_launch" in ballistic


def test_rule_validation_rejects_unknown_params_and_duplicates(tmp_path):
    with pytest.raises(ValidationError):
        Rule(name="x", detector="spike", params={"windw": 28})
    with pytest.raises(ValidationError):
        Rule(name="x", detector="threshold")
    with pytest.raises(ValidationError):
        RuleSet(rules=[Rule(name="a", detector="record"), Rule(name="a", detector="record")])
    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - {name: only_kyiv, detector: threshold, oblast: Kyiv Oblast,\n"
                    "     params: {floor: 5}}\n")
    rules = load_rules(path)
    assert rules.for_series(SeriesKey("RU", "drones", "Kyiv Oblast"))
    assert not rules.for_series(SeriesKey("RU", "drones", "Lviv Oblast"))
    assert not rules.for_series(DRONES)


def test_rules_take_the_detectors_defaults_from_their_signatures():
    """A default is written once, in the detector: the history a rule asks for follows it."""
    assert set(get_args(DetectorName)) == set(DETECTORS)
    assert Rule(name="s", detector="spike").history_nights() == parameters("spike")["window"] == 28
    assert Rule(name="s", detector="spike", params={"window": 7}).history_nights() == 7
    assert Rule(name="r", detector="record").history_nights() == 90
    assert Rule(name="r", detector="record", params={"window": None}).history_nights() is None
    assert Rule(name="e", detector="escalation").history_nights() == 28 + 14 - 1
    with pytest.raises(ValidationError, match="threshold needs params.floor"):
        Rule(name="t", detector="threshold")


def test_the_rules_file_header_shows_the_detectors_defaults():
    header = DEFAULT_RULES.read_text(encoding="utf-8").split("\nrules:")[0]
    blocks = dict(re.findall(r"^#   (\w+) +(.*(?:\n#  {10,}.*)*)", header, re.MULTILINE))
    for name in DETECTORS:
        shown = {k: v for k, v in parameters(name).items() if v is not REQUIRED}
        for key, default in shown.items():
            text = "null" if default is None else str(default)
            assert re.search(rf"\b{key} {re.escape(text)}\b", blocks[name]), (name, key, default)

def test_spike_fires_once_then_resolves(spike_rules):
    engine = AlertEngine(spike_rules)
    warm(engine)
    fired = engine.observe(obs(14, 999), at(14))
    assert len(fired) == 1
    alert = fired[0]
    assert alert.status is AlertStatus.FIRING and alert.severity is Severity.CRITICAL  # score 6.99 >= 6
    assert alert.fingerprint == fingerprint("drones_spike", "RU/drones", night(14))
    assert alert.value == 999 and alert.baseline == 124 and alert.score == pytest.approx(6.9863, abs=1e-3)
    assert alert.webhook_id == f"{alert.fingerprint}-firing"
    # The same figure again changes nothing; a re-evaluation within the repeat interval sends nothing.
    assert engine.observe(obs(14, 999), at(14)) == []
    resolved = engine.observe(obs(15, 120), at(15))
    assert [a.status for a in resolved] == [AlertStatus.RESOLVED]
    assert resolved[0].fingerprint == alert.fingerprint and resolved[0].last_date == night(14)
    assert resolved[0].webhook_id == f"{alert.fingerprint}-resolved"
    assert engine.book.open == {}


def test_value_below_rule_floor_never_fires():
    rules = RuleSet(rules=[Rule(name="s", detector="spike", min_value=100)])
    engine = AlertEngine(rules)
    warm(engine, [5.0, 7.0] * 7)
    assert engine.observe(obs(14, 90), at(14)) == []  # a huge score, but 90 < 100


def test_sustained_episode_keeps_one_fingerprint_and_repeats_after_interval(spike_rules):
    engine = AlertEngine(spike_rules)
    warm(engine)
    first = engine.observe(obs(14, 999), at(14))[0]
    # Next night is high again (still a spike against a median of 124): same episode, and a day
    # has passed (> 4 h repeat interval), so a numbered repeat with the same fingerprint.
    repeat = engine.observe(obs(15, 1200), at(15))
    assert len(repeat) == 1
    assert repeat[0].fingerprint == first.fingerprint and repeat[0].repeat == 1
    assert repeat[0].value == 1200 and repeat[0].last_date == night(15)
    assert repeat[0].webhook_id == f"{first.fingerprint}-firing-r1"


def test_revised_figure_resolves_the_same_night(spike_rules):
    engine = AlertEngine(spike_rules)
    warm(engine)
    fired = engine.observe(obs(14, 999), at(14))
    corrected = engine.observe(obs(14, 130), at(14) + dt.timedelta(hours=2))
    assert [a.status for a in corrected] == [AlertStatus.RESOLVED]
    assert corrected[0].fingerprint == fired[0].fingerprint


def test_quiet_night_without_figure_resolves_sparse_series():
    ballistic = SeriesKey("RU", "ballistic_missiles")
    rules = RuleSet(rules=[Rule(name="b", detector="threshold", weapon_class="ballistic_missiles",
                                params={"floor": 10})])
    engine = AlertEngine(rules)
    assert [a.status for a in engine.observe(obs(0, 12, ballistic), at(0))] == [AlertStatus.FIRING]
    # Night 1 has no ballistic figure at all; the first figure of night 2 (any series) closes it.
    out = engine.observe(obs(2, 300), at(2))
    assert [a.status for a in out] == [AlertStatus.RESOLVED]
    assert out[0].last_date == night(0)


def test_late_firing_night_just_before_an_episode_starts_it_earlier(spike_rules):
    engine = AlertEngine(spike_rules)
    warm(engine, CALM + [120.0, 130.0])
    [first] = engine.observe(obs(17, 999), at(17))  # an open episode from night 17
    late = engine.observe(obs(16, 2000), at(18))  # night 16 revised upwards a day later
    # Nights 16 and 17 both fire: one episode from 16 (the same as if 16 had come first); the
    # episode announced from 17 is resolved as merged into it.
    assert [(a.status, a.date) for a in late] == [(AlertStatus.RESOLVED, night(17)),
                                                 (AlertStatus.FIRING, night(16))]
    assert "merged into the episode from" in late[0].summary and late[0].fingerprint == first.fingerprint
    assert late[1].fingerprint == fingerprint("drones_spike", "RU/drones", night(16))
    assert (late[1].last_date, late[1].value) == (night(17), 2000)
    assert engine.episodes() == {("drones_spike", "RU/drones", night(16), "critical")}
    # The same figure again changes nothing.
    assert engine.observe(obs(16, 2000), at(18)) == []


def test_revised_figure_of_an_evaluated_night_is_an_update_of_its_episode(spike_rules):
    engine = AlertEngine(spike_rules)
    warm(engine)
    [fired] = engine.observe(obs(14, 999), at(14))
    [update] = engine.observe(obs(14, 1500), at(14) + dt.timedelta(minutes=5))
    assert (update.status, update.fingerprint, update.repeat, update.value) == (
        AlertStatus.FIRING, fired.fingerprint, 1, 1500)
    assert update.webhook_id == f"{fired.fingerprint}-firing-r1"


def test_a_new_record_on_a_later_night_is_announced_as_a_new_record():
    rules = RuleSet(rules=[Rule(name="rec", detector="record", weapon_class="drones",
                                params={"window": None, "min_history": 3})])
    engine = AlertEngine(rules)
    for i, v in enumerate([100, 120, 110]):
        engine.observe(obs(i, v), at(i))
    [record] = engine.observe(obs(3, 200), at(3))
    later = engine.observe(obs(4, 300), at(4))
    # Night 4 beats night 3: the episode of night 3 is over, night 4 is its own (new fingerprint).
    assert [(a.status, a.date, a.value) for a in later] == [
        (AlertStatus.RESOLVED, night(3), 200), (AlertStatus.FIRING, night(4), 300)]
    assert later[0].fingerprint == record.fingerprint != later[1].fingerprint


def test_out_of_order_nights_fire_once_history_is_complete(spike_rules):
    engine = AlertEngine(spike_rules)
    # The spike night arrives first, with too little history: nothing yet.
    assert engine.observe(obs(14, 999), at(14)) == []
    assert engine.observe(obs(15, 120), at(14)) == []
    out: list = []
    for i, v in enumerate(CALM):  # the fortnight before it arrives late
        out += engine.observe(obs(i, v), at(15))
    assert [(a.status, a.date) for a in out] == [(AlertStatus.FIRING, night(14)), (AlertStatus.RESOLVED, night(14))]
    assert out[0].value == 999 and out[0].baseline == 124
    # A late revision of a calm night re-checks night 14, which is not notified again.
    assert engine.observe(obs(3, 100), at(16)) == []


def test_evidence_lookup_is_attached(spike_rules):
    evidence = AlertEvidence(event_ids=["ev1"], urls=["https://example.org/a"], sentences=["999 drones."])
    engine = AlertEngine(spike_rules, evidence=lambda series, n: evidence if n == night(14) else None)
    warm(engine)
    assert engine.observe(obs(14, 999), at(14))[0].evidence == evidence


def test_snapshot_restores_history_and_open_alerts(spike_rules):
    engine = AlertEngine(spike_rules)
    warm(engine)
    fired = engine.observe(obs(14, 999), at(14))[0]
    again = AlertEngine(spike_rules)
    again.restore(engine.snapshot())
    assert again.history.trailing(DRONES, night(14), "launched", 28) == CALM
    resolved = again.observe(obs(15, 120), at(15))
    assert [(a.status, a.fingerprint) for a in resolved] == [(AlertStatus.RESOLVED, fired.fingerprint)]


def test_history_uses_known_nights_in_the_calendar_window():
    store = HistoryStore()
    store.update(obs(0, 5))
    store.update(obs(3, 7))
    store.update(obs(9, 1))
    assert store.trailing(DRONES, night(4), "launched", None) == [5, 7]
    assert store.trailing(DRONES, night(4), "launched", 2) == [7]
    assert store.later_nights(DRONES, night(0), 5) == [night(3)]
    assert store.trailing(SeriesKey("UA", "drones"), night(4), "launched", 28) == []
