"""The alerting service on a real broker: a DailyAggregate spike -> `alerts` + a signed webhook
received by the local receiver (a separate process that verifies and dedupes); a dead-lettered
delivery replayed by `strikewatch alerts redeliver`."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schemas.alerts import Alert, AlertStatus, FailedDelivery
from schemas.events import AttackEvent, DailyAggregate, EventSource
from schemas.extraction import Attacker
from schemas.topics import ALERTS, ALERTS_DLQ, STRIKES_DAILY, STRIKES_EVENTS
from services.runtime.broker import free_port
from tests.support.kafka_io import produce, read_models
from tests.support.processes import ROOT, ServiceProcess

pytestmark = pytest.mark.integration

SECRET = "whsec_" + base64.b64encode(b"integration-test-secret-000").decode()
FIRST = dt.date(2025, 3, 1)
SPIKE_NIGHT = FIRST + dt.timedelta(days=14)


def write_baseline(path: Path) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "attacker", "weapon_class", "launched", "intercepted"])
        for i in range(14):
            night = (FIRST + dt.timedelta(days=i)).isoformat()
            writer.writerow([night, "RU", "drones", (99, 149)[i % 2], 90])


def daily(night: dt.date, launched: int) -> DailyAggregate:
    return DailyAggregate(start=night, end=night, attacker=Attacker.RU, weapon_class="drones",
                          launched=launched, intercepted=launched - 50, attacks=1,
                          updated_at=dt.datetime.now(dt.UTC))


def received(path: Path, count: int, timeout: float = 60.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    rows: list[dict] = []
    while time.monotonic() < deadline:
        if path.exists():
            rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
            if len(rows) >= count:
                break
        time.sleep(0.1)
    return rows


def test_spike_reaches_the_webhook_receiver_and_redeliver_replays_the_dlq(
    kafka_bootstrap, topic_prefix, service_env, tmp_path
):
    baseline = tmp_path / "baseline.csv"
    write_baseline(baseline)
    hook_port = free_port()
    jsonl = tmp_path / "received.jsonl"
    receivers = tmp_path / "receivers.yaml"
    receivers.write_text(
        "retry: {base_delay_s: 0.05, max_delay_s: 0.2, max_attempts: 3, timeout_s: 5}\n"
        "receivers:\n"
        "  - {name: local, url_env: STRIKEWATCH_WEBHOOK_URL, secret_env: STRIKEWATCH_WEBHOOK_SECRET}\n"
    )
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: drones_spike, detector: spike, attacker: RU, weapon_class: drones,\n"
                     "     critical_score: 6.0, min_value: 100}\n")
    common = {"STRIKEWATCH_WEBHOOK_SECRET": SECRET,
              "STRIKEWATCH_WEBHOOK_URL": f"http://127.0.0.1:{hook_port}/webhook"}
    receiver_env = service_env | common | {"STRIKEWATCH_WEB_PORT": str(hook_port),
                                           "STRIKEWATCH_WEBHOOK_RECEIVER_JSONL": str(jsonl)}
    alerting_env = service_env | common | {"STRIKEWATCH_ALERTING_BASELINE": str(baseline),
                                           "STRIKEWATCH_ALERTING_RECEIVERS": str(receivers),
                                           "STRIKEWATCH_ALERTING_RULES": str(rules)}
    hook = ServiceProcess("services.webhook_receiver", receiver_env, tmp_path / "receiver.log")
    alerting = ServiceProcess("services.alerting", alerting_env, tmp_path / "alerting.log")
    with hook, alerting:
        hook.wait_for_log("webhook receiver on", timeout=30)
        alerting.wait_ready(timeout=60)
        event = AttackEvent(
            event_id="ev-1", attacker=Attacker.RU, date=SPIKE_NIGHT, launched={"drones": 999},
            sources=[EventSource(article_id="a1", url="https://example.org/a1", claim_id="c1",
                                 measure="launched", weapon_class="drones", value=999)],
            updated_at=dt.datetime.now(dt.UTC),
        )
        produce(kafka_bootstrap, topic_prefix + STRIKES_EVENTS.name, [(event.event_id, event)])
        produce(kafka_bootstrap, topic_prefix + STRIKES_DAILY.name, [
            ("1d/spike", daily(SPIKE_NIGHT, 999)),
            ("1d/bad", b'{"window": "1d"}'),  # bad input: dead-lettered by the runtime, not fatal
            ("1d/next", daily(SPIKE_NIGHT + dt.timedelta(days=1), 120)),
        ])
        rows = received(jsonl, 2)
        alerts = read_models(kafka_bootstrap, topic_prefix + ALERTS.name, Alert, 2, timeout=60)
        assert len(alerts) == 2, f"alerts: {alerts}\n--- alerting log:\n{alerting.log()[-4000:]}"

        # A delivery that failed earlier: redeliver replays it with its original webhook-id.
        late = alerts[0].model_copy(update={"fingerprint": "00000000deadbeef"})
        failed = FailedDelivery(receiver="local", alert=late, attempts=3, last_error="HTTP 503",
                                last_status=503, failed_at=dt.datetime.now(dt.UTC))
        produce(kafka_bootstrap, topic_prefix + ALERTS_DLQ.name, [(late.fingerprint, failed)])
        redeliver = subprocess.run(
            [sys.executable, "-m", "services.cli", "alerts", "redeliver", "--receivers", str(receivers),
             "--idle-timeout", "15"],
            cwd=ROOT, env=dict(os.environ) | alerting_env, capture_output=True, text=True,
            timeout=60,
        )
        rows = received(jsonl, 3)
        metrics = alerting.get(int(service_env["STRIKEWATCH_WEB_PORT"]), "/metrics").text

    assert [(a.status, a.rule, a.date) for a in alerts] == [
        (AlertStatus.FIRING, "drones_spike", SPIKE_NIGHT),
        (AlertStatus.RESOLVED, "drones_spike", SPIKE_NIGHT),
    ]
    assert alerts[0].value == 999 and alerts[0].baseline == 124
    ids = [r["webhook_id"] for r in rows]
    assert ids[:2] == [f"{alerts[0].fingerprint}-firing", f"{alerts[0].fingerprint}-resolved"]
    assert rows[0]["payload"]["data"]["series"] == "RU/drones"
    assert redeliver.returncode == 0, redeliver.stdout + redeliver.stderr
    assert ids[2] == "00000000deadbeef-firing"
    assert 'strikewatch_alerts_total{rule="drones_spike",severity="critical",status="firing"} 1.0' in metrics
    assert 'strikewatch_alert_deliveries_total{outcome="delivered",receiver="local"} 2.0' in metrics
    assert "dead-lettered" in alerting.log()
