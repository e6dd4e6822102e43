"""The alerting service against a fake Alertmanager v2 endpoint (a real local HTTP server): a firing
alert is re-posted at the receiver's `resend_interval_s` without `endsAt`, the resolve carries
`endsAt`, and a resolved alert is not re-posted as firing (issue 16, Alertmanager)."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time

import pytest
from werkzeug import Request, Response

from schemas.events import DailyAggregate
from schemas.extraction import Attacker
from schemas.topics import STRIKES_DAILY
from tests.support.kafka_io import produce
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration

FIRST = dt.date(2025, 7, 1)
RESEND_S = 1.0


def daily(night: dt.date, launched: int) -> DailyAggregate:
    return DailyAggregate(start=night, end=night, attacker=Attacker.RU, weapon_class="drones",
                          launched=launched, intercepted=launched // 2, attacks=1,
                          updated_at=dt.datetime.now(dt.UTC))


class FakeAlertmanager:
    """Keeps every POSTed alert with the time it arrived, as Alertmanager's API would take it."""

    def __init__(self) -> None:
        self.posts: list[tuple[float, list[dict]]] = []
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        items = json.loads(request.get_data())
        with self.lock:
            self.posts.append((time.monotonic(), items))
        return Response("{}", status=200, content_type="application/json")

    def items(self, night: dt.date) -> list[tuple[float, dict]]:
        with self.lock:
            return [(t, i) for t, items in self.posts for i in items if i["labels"]["night"] == night.isoformat()]


def wait_for(check, timeout: float, what: str, proc: ServiceProcess) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}\n{proc.log()[-4000:]}")


def test_firing_alerts_are_resent_and_ends_at_comes_only_with_the_resolve(
    kafka_bootstrap, topic_prefix, service_env, tmp_path, httpserver
):
    am = FakeAlertmanager()
    httpserver.expect_request("/api/v2/alerts", method="POST").respond_with_handler(am)
    receivers = tmp_path / "receivers.yaml"
    receivers.write_text(
        "retry: {base_delay_s: 0.1, max_delay_s: 0.5, max_attempts: 20, timeout_s: 5}\n"
        "receivers:\n"
        f"  - {{name: am, format: alertmanager, url: '{httpserver.url_for('/')}', resend_interval_s: {RESEND_S},\n"
        "     generator_url: 'http://sw.example/alerts/{fingerprint}'}\n"
    )
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: drones_mass, detector: threshold, attacker: RU,"
                     " weapon_class: drones, params: {floor: 100}}\n")
    env = service_env | {"STRIKEWATCH_ALERTING_RECEIVERS": str(receivers),
                         "STRIKEWATCH_ALERTING_RULES": str(rules),
                         "STRIKEWATCH_ALERTING_BASELINE": str(tmp_path / "none.csv")}
    first, second = FIRST, FIRST + dt.timedelta(days=3)
    topic = topic_prefix + STRIKES_DAILY.name
    with ServiceProcess("services.alerting", env, tmp_path / "alerting.log") as alerting:
        alerting.wait_ready(timeout=90)
        produce(kafka_bootstrap, topic, [("1d/RU/drones", daily(first, 500))])
        wait_for(lambda: len(am.items(first)) >= 4, 60, "the alert and three re-sends", alerting)
        produce(kafka_bootstrap, topic, [("1d/RU/drones", daily(first + dt.timedelta(days=1), 50))])
        wait_for(lambda: any("endsAt" in i for _, i in am.items(first)), 60, "the resolve", alerting)
        # A later episode: once it has been re-sent twice, the first one has had its chances to
        # (wrongly) come back as firing.
        produce(kafka_bootstrap, topic, [("1d/RU/drones", daily(second, 600))])
        wait_for(lambda: len(am.items(second)) >= 3, 60, "the second episode and two re-sends", alerting)

    sent = am.items(first)
    resolved_at = next(k for k, (_, i) in enumerate(sent) if "endsAt" in i)
    firing, after = sent[:resolved_at], sent[resolved_at + 1:]
    assert len(firing) >= 4 and all("endsAt" not in i for _, i in firing)
    assert {i["labels"]["alertname"] for _, i in sent} == {"drones_mass"}
    assert {i["annotations"]["fingerprint"] for _, i in sent} == {firing[0][1]["annotations"]["fingerprint"]}
    assert firing[0][1]["generatorURL"] == f"http://sw.example/alerts/{firing[0][1]['annotations']['fingerprint']}"
    assert all("endsAt" in i for _, i in after)  # never firing again after its resolve
    assert all("endsAt" not in i for _, i in am.items(second))
    gaps = [b[0] - a[0] for a, b in zip(firing[1:], firing[2:], strict=False)]
    print(f"[alertmanager] {len(firing)} firing posts before the resolve; re-send gaps (s): "
          f"{', '.join(f'{g:.2f}' for g in gaps)} (configured {RESEND_S})")
