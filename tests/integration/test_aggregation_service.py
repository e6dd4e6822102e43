"""The aggregation service on a real broker: claims in -> events and daily windows out, late
claims in their own windows, restart with state recovered, redelivered claims change nothing."""

from __future__ import annotations

import base64
import datetime as dt
import time

import pytest

from schemas.deadletter import DeadLetter
from schemas.events import AttackEvent, DailyAggregate
from schemas.extraction import ClaimGroup, ClaimMessage
from schemas.topics import STRIKES_CLAIMS, STRIKES_DAILY, STRIKES_EVENTS
from tests.support.claims import batches, claim
from tests.support.kafka_io import produce, read_models, read_raw
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration

NIGHT = dt.date(2025, 7, 9)
YEAR_AGO = dt.date(2024, 7, 12)


def _claims() -> list[ClaimMessage]:
    return [
        claim(539, article="kyiv-indep", outlet="kyivindependent.com"),
        claim(11, weapon_class="missiles", article="kyiv-indep", outlet="kyivindependent.com"),
        claim(550, weapon_class="total", article="wire", outlet="reuters.com"),
        claim(805, date=NIGHT + dt.timedelta(days=1), article="wire2", outlet="reuters.com"),
        claim(810, date=NIGHT + dt.timedelta(days=1), article="af", outlet="mil.gov.ua"),
        claim(700, measure="intercepted", date=NIGHT + dt.timedelta(days=1), article="af",
              outlet="mil.gov.ua"),
        claim(728, is_reference=True, article="ref"),
        claim(40, date=None, article="undated"),
        # a replayed article about a night a year before everything else: must land in its windows
        claim(120, date=YEAR_AGO, article="archive", outlet="ukrinform.net"),
    ]


def _contents(records: list[bytes]) -> set[str]:
    """The distinct event versions on the topic, without the time each was resolved at."""
    return {AttackEvent.model_validate_json(r).model_dump_json(exclude={"updated_at"}) for r in records}


def _latest(models: list, key) -> dict:
    out: dict = {}
    for m in models:
        out[key(m)] = m
    return out


def _events(bootstrap: str, topic: str, min_count: int) -> dict[str, AttackEvent]:
    return _latest(read_models(bootstrap, topic, AttackEvent, min_count, timeout=30), lambda e: e.event_id)


def _claims_counted(metrics: str, outcome: str) -> float:
    prefix = f'strikewatch_aggregation_claims_total{{outcome="{outcome}",route="event"}} '
    return sum(float(line[len(prefix):]) for line in metrics.splitlines() if line.startswith(prefix))


def test_claims_to_events_and_windows_with_restart(kafka_bootstrap, topic_prefix, service_env, tmp_path):
    claims_t, events_t, daily_t = (topic_prefix + s.name
                                   for s in (STRIKES_CLAIMS, STRIKES_EVENTS, STRIKES_DAILY))
    port = int(service_env["STRIKEWATCH_WEB_PORT"])
    msgs = _claims()
    records = [*batches(msgs), ("broken", b"{not json")]
    with ServiceProcess("services.aggregation", service_env, tmp_path / "agg1.log") as proc:
        proc.wait_ready(timeout=60)
        produce(kafka_bootstrap, claims_t, records)
        # events are republished on every change: wait for the final state of each night
        deadline = time.monotonic() + 40
        while True:
            events = _events(kafka_bootstrap, events_t, 1)
            final = events.get("RU-2025-07-10")
            if (final and final.launched.get("drones") == 810 and "RU-2024-07-12" in events
                    and events.get("RU-2025-07-09", final).launched.get("total") == 550):
                break
            assert time.monotonic() < deadline, f"events not final: {events}"
            time.sleep(0.5)
        # the broken record may sit on another partition than the claims: wait for its dead letter
        read_raw(kafka_bootstrap, topic_prefix + STRIKES_CLAIMS.dlq, 1, timeout=30)
        published_before = _contents(read_raw(kafka_bootstrap, events_t, 10_000, timeout=3))
        api_event = proc.get(port, "/api/events/RU-2025-07-09").json()
        api_days = proc.get(
            port, "/api/days?from=2025-07-07&to=2025-07-13&window=7d&weapon_class=drones").json()
        api_old = proc.get(port, f"/api/days?from={YEAR_AGO}&to={YEAR_AGO}&weapon_class=drones").json()
        set_aside = proc.get(port, "/api/set-aside").json()
        metrics = proc.get(port, "/metrics").text

    assert set(events) == {"RU-2025-07-09", "RU-2025-07-10", "RU-2024-07-12"}
    assert events["RU-2025-07-09"].launched == {"drones": 539, "missiles": 11, "total": 550}
    assert len(events["RU-2025-07-09"].sources) == 3
    assert api_event["launched"]["total"] == 550
    assert [(r["start"], r["launched"], r["attacks"], r["interception_rate"]) for r in api_days["rows"]] == [
        ("2025-07-07", 539 + 810, 2, round(700 / 810, 4))]
    assert [(r["start"], r["launched"]) for r in api_old["rows"]] == [("2024-07-12", 120)]
    assert {c["route"] for c in set_aside["claims"]} == {"reference", "undated"}
    dlq = 'strikewatch_dead_letters_total{reason="validation",service="aggregation",topic="strikes.claims"}'
    assert f"{dlq} 1.0" in metrics

    daily = _latest(read_models(kafka_bootstrap, daily_t, DailyAggregate, 1, timeout=10),
                    lambda a: (a.window, a.start, a.attacker, a.weapon_class, a.oblast))
    assert daily[("1d", NIGHT, "RU", "drones", None)].launched == 539
    assert daily[("7d", dt.date(2025, 7, 7), "RU", "total", None)].launched == 550 + 810
    assert daily[("1d", YEAR_AGO, "RU", "drones", None)].launched == 120  # the late replay landed

    # restart: state comes back from the changelogs; the same claims again change nothing
    with ServiceProcess("services.aggregation", service_env, tmp_path / "agg2.log") as proc:
        proc.wait_ready(timeout=60)
        assert proc.get(port, "/api/events/RU-2025-07-10").json()["launched"]["drones"] == 810
        produce(kafka_bootstrap, claims_t, batches(msgs))
        # At-least-once: claims whose offsets the first process had not committed yet may be read
        # again too, so count at least the 7 re-sent ones, and require that none changed anything.
        deadline = time.monotonic() + 30
        while _claims_counted(metrics := proc.get(port, "/metrics").text, "unchanged") < 7:
            assert time.monotonic() < deadline, "\n".join(
                line for line in metrics.splitlines() if "aggregation_claims_total" in line)
            time.sleep(0.5)
        assert _claims_counted(metrics, "changed") == 0
    # A replayed article re-sends its events (a crash may have lost the first send, settle.py),
    # but every version on the topic is one that was there before: nothing changed.
    assert _contents(read_raw(kafka_bootstrap, events_t, 10_000, timeout=3)) == published_before


def test_a_group_that_fails_in_a_batch_is_dead_lettered_and_the_rest_of_the_batch_lands(
        kafka_bootstrap, topic_prefix, service_env, tmp_path):
    """Stage 2 settles claim groups in batches (runtime consume_batches): one group that cannot
    be settled (a reference claim routes to no event) makes the batch fail; its groups are then
    handled alone, the failing one goes to the dead-letter topic, the others count."""
    by_attacker = f"{topic_prefix}strikewatch-aggregation-{topic_prefix.strip('.')}-claims-by-attacker"
    events_t = topic_prefix + STRIKES_EVENTS.name
    port = int(service_env["STRIKEWATCH_WEB_PORT"])
    good = [ClaimGroup(claims=[claim(100 + n, date=NIGHT + dt.timedelta(days=n))]) for n in range(3)]
    bad = ClaimGroup(claims=[claim(5, is_reference=True)])
    with ServiceProcess("services.aggregation", service_env, tmp_path / "agg.log") as proc:
        proc.wait_ready(timeout=60)
        produce(kafka_bootstrap, by_attacker, [("RU", g) for g in (good[0], bad, good[1], good[2])])
        events = _events(kafka_bootstrap, events_t, 3)
        dlq = read_models(kafka_bootstrap, topic_prefix + STRIKES_CLAIMS.dlq, DeadLetter, 1, timeout=30)
        metrics = proc.get(port, "/metrics").text
    assert {e.event_id: e.launched["drones"] for e in events.values()} == {
        f"RU-{NIGHT + dt.timedelta(days=n)}": 100 + n for n in range(3)}
    assert [(d.error_type, ClaimGroup.model_validate_json(base64.b64decode(d.value_b64))) for d in dlq] == [
        ("processing", bad)]
    assert "NoEventError" in dlq[0].error
    assert 'strikewatch_dead_letters_total{reason="processing",service="aggregation"' in metrics
