"""Durable delivery on the real broker: alerts pending while the receiver is down survive a kill -9
and a SIGTERM of the alerting service, and each reaches the receiver exactly once, with the
webhook-id it was first sent with, once the receiver is back (issue 11 item 3)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import signal
import time
import uuid
from pathlib import Path

import pytest

from schemas.alerts import Alert, AlertStatus
from schemas.events import DailyAggregate
from schemas.extraction import Attacker
from schemas.topics import ALERTS, ALERTS_OUTBOX, STRIKES_DAILY
from services.alerting.outbox import pending_entries, read_outbox
from services.alerting.settings import AlertingSettings
from services.runtime.broker import free_port
from services.runtime.topics_admin import list_topics
from tests.support.kafka_io import produce, read_models, read_records
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration

SECRET = "whsec_" + base64.b64encode(b"outbox-restart-test-secret-0").decode()
FIRST = dt.date(2025, 6, 1)
LAUNCHED = [500, 50, 600, 50, 700, 50]  # fire, resolve, fire, resolve, fire, resolve
EXPECTED = len(LAUNCHED)


def daily(night: dt.date, launched: int) -> DailyAggregate:
    return DailyAggregate(start=night, end=night, attacker=Attacker.RU, weapon_class="drones",
                          launched=launched, intercepted=launched // 2, attacks=1,
                          updated_at=dt.datetime.now(dt.UTC))


def wait_until(check, timeout: float, what: str, logs: ServiceProcess | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    tail = logs.log()[-4000:] if logs else ""
    raise AssertionError(f"timed out waiting for {what}\n{tail}")


def accepted(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["webhook_id"] for line in path.read_text().splitlines() if line.strip()]


def test_pending_deliveries_survive_kill_and_term_and_arrive_once(
    kafka_bootstrap, topic_prefix, service_env, tmp_path
):
    hook_port = free_port()
    jsonl = tmp_path / "received.jsonl"
    receivers = tmp_path / "receivers.yaml"
    receivers.write_text(
        "retry: {base_delay_s: 0.2, max_delay_s: 1, max_attempts: 100000, max_elapsed_s: 3600,"
        " timeout_s: 5}\n"
        "receivers:\n"
        "  - {name: local, url_env: STRIKEWATCH_WEBHOOK_URL, secret_env: STRIKEWATCH_WEBHOOK_SECRET}\n"
    )
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: drones_mass, detector: threshold, attacker: RU,"
                     " weapon_class: drones, params: {floor: 100}}\n")
    common = {"STRIKEWATCH_WEBHOOK_SECRET": SECRET,
              "STRIKEWATCH_WEBHOOK_URL": f"http://127.0.0.1:{hook_port}/webhook"}
    alerting_env = service_env | common | {"STRIKEWATCH_ALERTING_RECEIVERS": str(receivers),
                                           "STRIKEWATCH_ALERTING_RULES": str(rules),
                                           "STRIKEWATCH_ALERTING_BASELINE": str(tmp_path / "none.csv")}
    receiver_env = service_env | common | {"STRIKEWATCH_WEB_PORT": str(hook_port),
                                           "STRIKEWATCH_DATA_DIR": str(tmp_path / "receiver-data"),
                                           "STRIKEWATCH_WEBHOOK_RECEIVER_JSONL": str(jsonl)}
    outbox_topic = topic_prefix + ALERTS_OUTBOX.name

    def pending_ids() -> list[str]:
        records = read_records(kafka_bootstrap, outbox_topic, 3 * EXPECTED, timeout=3)
        return sorted(e.alert.webhook_id for e in pending_entries((r.key, r.value) for r in records))

    def alerting(run: str) -> ServiceProcess:
        return ServiceProcess("services.alerting", alerting_env, tmp_path / f"alerting-{run}.log")

    # 1. The receiver is down; six notifications are decided and fail their first attempts.
    first = alerting("1").start()
    try:
        first.wait_ready(timeout=90)
        # One key: one partition, so the nights arrive in order.
        produce(kafka_bootstrap, topic_prefix + STRIKES_DAILY.name,
                [("1d/RU/drones", daily(FIRST + dt.timedelta(days=i), n)) for i, n in enumerate(LAUNCHED)])
        alerts = read_models(kafka_bootstrap, topic_prefix + ALERTS.name, Alert, EXPECTED, timeout=60)
        assert len(alerts) == EXPECTED, first.log()[-4000:]
        expected_ids = sorted(a.webhook_id for a in alerts)
        wait_until(lambda: pending_ids() == expected_ids, 60, "all six in the outbox", first)
        wait_until(lambda: "failed (ConnectError" in first.log(), 60, "a failed attempt", first)
        # 2. kill -9 while all six are pending.
        os.killpg(first.proc.pid, signal.SIGKILL)
        first.proc.wait(10)
    finally:
        first.stop()
    assert pending_ids() == expected_ids

    # 3. Restarted, still no receiver: the outbox is resumed; then stopped with SIGTERM.
    with alerting("2") as second:
        second.wait_for_log(f"delivery outbox: {EXPECTED} pending deliveries resumed", timeout=90)
        wait_until(lambda: "failed (ConnectError" in second.log(), 60, "a retry after the restart", second)
    assert second.proc.returncode is not None
    assert pending_ids() == expected_ids

    # 4. The receiver is back and alerting starts a third time: every alert arrives once.
    hook = ServiceProcess("services.webhook_receiver", receiver_env, tmp_path / "receiver.log")
    with hook, alerting("3") as third:
        hook.wait_for_log("webhook receiver on", timeout=30)
        third.wait_for_log(f"delivery outbox: {EXPECTED} pending deliveries resumed", timeout=90)
        wait_until(lambda: len(accepted(jsonl)) >= EXPECTED, 60, "every alert at the receiver", third)
        wait_until(lambda: pending_ids() == [], 60, "the outbox to be cleared (tombstones)", third)
        metrics = hook.get(hook_port, "/metrics").text

    ids = accepted(jsonl)
    assert sorted(ids) == expected_ids  # each exactly once, with its original webhook-id
    assert [a.status for a in alerts] == [AlertStatus.FIRING, AlertStatus.RESOLVED] * 3
    assert 'strikewatch_webhooks_received_total{outcome="accepted"} 6.0' in metrics


def test_a_missing_outbox_topic_is_created_at_start(kafka_bootstrap):
    """A cluster set up before `alerts.outbox` existed: the service creates it and reads it empty."""
    settings = AlertingSettings(kafka_bootstrap_servers=kafka_bootstrap, topic_prefix=f"t{uuid.uuid4().hex[:10]}.")
    name = settings.topic_name(ALERTS_OUTBOX)
    assert name not in list_topics(kafka_bootstrap)
    pending = wait_until(lambda: _read_or_none(settings), 60, "the outbox to be readable")
    assert pending == ["empty"]
    assert name in list_topics(kafka_bootstrap)


def _read_or_none(settings: AlertingSettings) -> list[str] | None:
    try:
        return [e.key for e in read_outbox(settings, idle_timeout_s=3)] or ["empty"]
    except RuntimeError:  # created, but not in the broker's metadata yet
        return None
