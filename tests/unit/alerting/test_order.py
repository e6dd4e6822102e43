"""Order independence (issue 11 item 6): the same nights fed in any order end in the same alert
episodes (rule, series, first night, severity), and the notifications sent along the way leave
every receiver with the final state of each episode."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from schemas.alerts import Alert, AlertStatus
from services.alerting.engine import AlertEngine
from services.alerting.rules import Rule, RuleSet
from services.alerting.series import Observation, SeriesKey
from tests.support.alerting import night

DRONES = SeriesKey("RU", "drones")
BALLISTIC = SeriesKey("RU", "ballistic_missiles")
T0 = dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC)
NIGHTS = 36

RULES = RuleSet(repeat_interval_s=3600, rules=[
    Rule(name="spike", detector="spike", weapon_class="drones", min_value=50, critical_score=5.0,
         params={"window": 10, "min_history": 5}),
    Rule(name="record", detector="record", weapon_class="drones", params={"window": None, "min_history": 5}),
    Rule(name="escalation", detector="escalation", weapon_class="drones", severity="info", min_value=30,
         params={"reference": 8, "run": 4, "min_history": 5}),
    Rule(name="mass", detector="threshold", weapon_class="ballistic_missiles", critical_score=2.0,
         params={"floor": 10}),
])

drone_nights = st.lists(st.one_of(st.none(), st.integers(0, 120), st.integers(200, 900)),
                        min_size=NIGHTS, max_size=NIGHTS)
ballistic_nights = st.lists(st.one_of(st.none(), st.none(), st.integers(0, 40)), min_size=NIGHTS, max_size=NIGHTS)


def observations(drones: list[int | None], ballistic: list[int | None]) -> list[Observation]:
    out = [Observation(DRONES, night(i), {"launched": v}) for i, v in enumerate(drones) if v is not None]
    return out + [Observation(BALLISTIC, night(i), {"launched": v}) for i, v in enumerate(ballistic)
                  if v is not None]


def feed(obs: list[Observation]) -> tuple[AlertEngine, list[Alert]]:
    engine = AlertEngine(RULES)
    sent: list[Alert] = []
    for i, o in enumerate(obs):
        sent += engine.observe(o, T0 + dt.timedelta(minutes=i))
    return engine, sent


def check_notifications(engine: AlertEngine, sent: list[Alert]) -> None:
    """Unique webhook-ids; the last notification of each fingerprint is the episode's final state."""
    ids = [a.webhook_id for a in sent]
    assert len(ids) == len(set(ids))
    last = {a.fingerprint: a for a in sent}
    final = {ep.fingerprint: ep for ep in engine.book.all()}
    for fp, ep in final.items():
        want = AlertStatus.FIRING if ep.open else AlertStatus.RESOLVED
        assert (last[fp].status, last[fp].value, last[fp].severity, last[fp].date) == (
            want, ep.value, ep.severity, ep.start)
    for fp in set(last) - set(final):  # announced, then gone (merged or withdrawn): resolved
        assert last[fp].status is AlertStatus.RESOLVED


@settings(max_examples=60, deadline=None)
@given(drone_nights, ballistic_nights, st.randoms(use_true_random=False))
def test_episodes_do_not_depend_on_arrival_order(drones, ballistic, rng):
    obs = observations(drones, ballistic)
    in_order, sent = feed(sorted(obs, key=lambda o: (o.night, str(o.series))))
    shuffled = list(obs)
    rng.shuffle(shuffled)
    any_order, sent_shuffled = feed(shuffled)
    assert any_order.episodes() == in_order.episodes()
    assert {ep.fingerprint: ep.open for ep in any_order.book.all()} == {
        ep.fingerprint: ep.open for ep in in_order.book.all()}
    check_notifications(in_order, sent)
    check_notifications(any_order, sent_shuffled)


def test_the_readme_spike_is_critical_whatever_the_order():
    """A fixed case: a critical spike after a calm fortnight, nights arriving newest first."""
    calm = [99, 149] * 7
    values = [*calm, 999, 120]
    obs = [Observation(DRONES, night(i), {"launched": v}) for i, v in enumerate(values)]
    forward, _ = feed(obs)
    backward, _ = feed(list(reversed(obs)))
    assert ("spike", "RU/drones", night(14), "critical") in forward.episodes()
    assert backward.episodes() == forward.episodes()


def test_snapshot_restore_keeps_judging_the_same_way():
    values = [*([99, 149] * 7), 999, 1200, 120]
    obs = [Observation(DRONES, night(i), {"launched": v}) for i, v in enumerate(values)]
    whole, _ = feed(obs)
    half, _ = feed(obs[:15])
    again = AlertEngine(RULES)
    again.restore(half.snapshot())
    for i, o in enumerate(obs[15:]):
        again.observe(o, T0 + dt.timedelta(hours=i))
    assert again.episodes() == whole.episodes()


def test_a_snapshot_of_the_previous_format_still_loads():
    """{"history", "episodes": {"open": [...], "closed": [...]}} as written before this engine."""
    calm = {(dt.date(2025, 3, 1) + dt.timedelta(days=i)).isoformat(): {"launched": [99.0, 149.0][i % 2]}
            for i in range(14)}
    old = {
        "history": {"RU/drones": calm | {"2025-03-15": {"launched": 999.0}}},
        "episodes": {"open": [{
            "rule": "spike", "series": "RU/drones", "start": "2025-03-15", "last": "2025-03-15",
            "value": 999.0, "baseline": 124.0, "score": 7.0, "severity": "critical",
            "fired_at": "2025-03-15T08:00:00+00:00", "last_sent_at": "2025-03-15T08:00:00+00:00",
            "repeats": 2, "evidence": {}}], "closed": ["00000000000000aa"]},
    }
    engine = AlertEngine(RULES)
    engine.restore(old)
    assert ("spike", "RU/drones", night(14), "critical") in engine.episodes()
    # Episodes of the calm fortnight that are over were told before (or never will be): adopted
    # silently, so the next night resolves the open one and announces nothing from the past.
    out = engine.observe(Observation(DRONES, night(15), {"launched": 120}), T0)
    assert [(a.rule, a.status, a.date) for a in out if a.date < night(14)] == []
    assert ("spike", AlertStatus.RESOLVED, night(14)) in [(a.rule, a.status, a.date) for a in out]
