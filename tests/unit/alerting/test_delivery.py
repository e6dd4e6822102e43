"""Delivery against a real local HTTP server (pytest-httpserver): signatures, retries, outage, DLQ.

Backoff sleeps are replaced by a recorder (the delays are asserted, not waited for), so the
tests are fast and the retry schedule itself is what gets checked.
"""

import asyncio
import base64
import datetime as dt
import json
import random
import threading
import time

import pytest
from standardwebhooks.webhooks import Webhook
from werkzeug import Request, Response

from schemas.alerts import Alert, AlertStatus, FailedDelivery, Severity
from services.alerting.delivery import Dispatcher, backoff_delay, classify, parse_retry_after
from services.alerting.formats import alertmanager_alerts, render_body
from services.alerting.receivers import Filters, Receiver, RetryPolicy

SECRET = "whsec_" + base64.b64encode(b"unit-test-secret-0123456789ab").decode()
FAST = RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, jitter=0.0, max_attempts=5, timeout_s=2.0)


def make_alert(n: int = 0, status: AlertStatus = AlertStatus.FIRING, **kw) -> Alert:
    return Alert(
        fingerprint=f"{n:016x}", rule="drones_spike", series="RU/drones", attacker="RU",
        weapon_class="drones", date=dt.date(2025, 9, 7), status=status,
        severity=kw.pop("severity", Severity.WARNING), value=810, baseline=94, score=3.4,
        summary="drones_spike on RU/drones: 810", fired_at=dt.datetime(2025, 9, 7, 8, tzinfo=dt.UTC), **kw,
    )


class Recorder:
    """The receiver's side: verifies, dedupes by webhook-id, and scripts failures."""

    def __init__(self, script: list[tuple[int, dict]] | None = None) -> None:
        self.script = list(script or [])
        self.requests: list[dict] = []
        self.accepted: dict[str, dict] = {}
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        headers = dict(request.headers)
        body = request.get_data()
        with self.lock:
            self.requests.append({"headers": headers, "body": body})
            if self.script:
                status, extra = self.script.pop(0)
                return Response("scripted", status=status, headers=extra)
            payload = Webhook(SECRET).verify(body, headers)  # raises on a bad signature
            self.accepted.setdefault(headers["Webhook-Id"], payload)
        return Response(status=204)


class Sleeps:
    def __init__(self, then=None) -> None:
        self.delays: list[float] = []
        self.then = then

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)
        if self.then:
            self.then(len(self.delays))
        await asyncio.sleep(0)


def receiver(httpserver, **kw) -> Receiver:
    return Receiver(name="analysts", url=httpserver.url_for("/hook"), secret_env="TEST_WEBHOOK_SECRET", **kw)


@pytest.fixture(autouse=True)
def _secret(monkeypatch):
    monkeypatch.setenv("TEST_WEBHOOK_SECRET", SECRET)


async def run(receivers, alerts, policy=FAST, sleeps=None) -> list[FailedDelivery]:
    failed: list[FailedDelivery] = []

    async def on_failed(record: FailedDelivery) -> None:
        failed.append(record)

    dispatcher = Dispatcher(receivers, policy, on_failed, sleep=sleeps or Sleeps(), rng=random.Random(1))
    dispatcher.start()
    for alert in alerts:
        dispatcher.submit(alert)
    await dispatcher.join()
    await dispatcher.close()
    return failed


async def test_signed_payload_verifies_with_standardwebhooks(httpserver):
    rec = Recorder()
    httpserver.expect_request("/hook", method="POST").respond_with_handler(rec)
    alert = make_alert(1)
    assert await run([receiver(httpserver)], [alert]) == []
    assert list(rec.accepted) == [f"{alert.fingerprint}-firing"]
    payload = rec.accepted[alert.webhook_id]
    assert payload["type"] == "strikewatch.alert.firing"
    assert Alert.model_validate(payload["data"]) == alert
    headers = rec.requests[0]["headers"]
    assert abs(int(headers["Webhook-Timestamp"]) - time.time()) < 300
    assert headers["Idempotency-Key"] == alert.webhook_id
    with pytest.raises(Exception, match="signature"):
        Webhook("whsec_" + base64.b64encode(b"another-secret-xxxxxxxxxxxx").decode()).verify(
            rec.requests[0]["body"], headers)


async def test_retries_5xx_and_429_honouring_retry_after(httpserver):
    rec = Recorder([(503, {}), (429, {"Retry-After": "7"}), (500, {})])
    httpserver.expect_request("/hook").respond_with_handler(rec)
    sleeps = Sleeps()
    alert = make_alert(2)
    assert await run([receiver(httpserver)], [alert], sleeps=sleeps) == []
    assert len(rec.requests) == 4
    assert {r["headers"]["Webhook-Id"] for r in rec.requests} == {alert.webhook_id}  # same id each retry
    # Backoff 0.01, then max(0.02, Retry-After 7) = 7, then 0.04 (jitter 0 in this policy).
    assert sleeps.delays == pytest.approx([0.01, 7.0, 0.04])
    assert list(rec.accepted) == [alert.webhook_id]


async def test_no_retry_on_4xx_goes_to_dlq(httpserver):
    rec = Recorder([(400, {})])
    httpserver.expect_request("/hook").respond_with_handler(rec)
    failed = await run([receiver(httpserver)], [make_alert(3)])
    assert len(rec.requests) == 1
    assert [(f.receiver, f.attempts, f.last_status) for f in failed] == [("analysts", 1, 400)]
    assert "HTTP 400" in failed[0].last_error


async def test_budget_used_up_goes_to_dlq_with_last_error(httpserver):
    rec = Recorder([(502, {})] * 10)
    httpserver.expect_request("/hook").respond_with_handler(rec)
    failed = await run([receiver(httpserver)], [make_alert(4)])
    assert len(rec.requests) == FAST.max_attempts
    assert failed[0].attempts == FAST.max_attempts and failed[0].last_status == 502
    assert failed[0].alert == make_alert(4)


async def test_outage_then_recovery_delivers_each_alert_exactly_once(httpserver):
    """The receiver is down (connection refused) for a while, then comes back: every alert
    arrives, in order, and the receiver accepts each webhook-id once."""
    rec = Recorder()
    httpserver.expect_request("/hook").respond_with_handler(rec)
    target = receiver(httpserver)
    httpserver.stop()  # down: connection refused

    def come_back(n_sleeps: int) -> None:
        if n_sleeps == 4:
            httpserver.start()

    alerts = [make_alert(10 + i) for i in range(5)] + [make_alert(10, AlertStatus.RESOLVED)]
    policy = RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, jitter=0.5, max_attempts=50, timeout_s=2)
    failed = await run([target], alerts, policy=policy, sleeps=Sleeps(come_back))
    assert failed == []
    # Each alert has its own retry schedule, so they may land in any order, except that an
    # episode's resolved never overtakes its firing.
    assert sorted(rec.accepted) == sorted(a.webhook_id for a in alerts)
    order = list(rec.accepted)
    assert order.index(alerts[0].webhook_id) < order.index(alerts[-1].webhook_id)
    assert len(rec.requests) == len(alerts)


async def test_a_failing_alert_does_not_hold_up_later_ones(httpserver):
    """Alert X gets 503 on every attempt; Y and Z, queued after it for the same receiver, are
    delivered while X waits for its retries (a head-of-line queue would wait for X first)."""
    x, y, z = make_alert(60), make_alert(61), make_alert(62)
    rec = Recorder()

    def handler(request: Request) -> Response:
        if request.headers["Webhook-Id"] == x.webhook_id:
            with rec.lock:
                rec.requests.append({"headers": dict(request.headers), "body": request.get_data()})
            return Response("down for this one", status=503)
        return rec(request)

    httpserver.expect_request("/hook").respond_with_handler(handler)
    others_in = asyncio.Event()

    async def backoff(delay: float) -> None:
        # X's backoff lasts until Y and Z are in (bounded, so a regression fails instead of hanging).
        if not others_in.is_set():
            for _ in range(500):
                if {y.webhook_id, z.webhook_id} <= set(rec.accepted):
                    others_in.set()
                    break
                await asyncio.sleep(0.01)

    failed = await run([receiver(httpserver)], [x, y, z], sleeps=backoff)
    assert others_in.is_set()
    assert sorted(rec.accepted) == sorted([y.webhook_id, z.webhook_id])
    assert [(f.alert.webhook_id, f.attempts) for f in failed] == [(x.webhook_id, FAST.max_attempts)]


async def test_lost_response_is_retried_with_the_same_id_and_deduped(httpserver):
    """The receiver got the alert but its answer never came back (timeout): the retry carries
    the same webhook-id, so the receiver keeps one copy."""
    rec = Recorder()
    first = threading.Event()

    def slow_once(request: Request) -> Response:
        response = rec(request)
        if not first.is_set():
            first.set()
            time.sleep(0.5)
        return response

    httpserver.expect_request("/hook").respond_with_handler(slow_once)
    policy = RetryPolicy(base_delay_s=0.01, max_delay_s=0.05, jitter=0, max_attempts=5, timeout_s=0.2)
    alert = make_alert(20)
    assert await run([receiver(httpserver)], [alert], policy=policy) == []
    # (The test server is single-threaded, so a retry may also queue behind the slow answer.)
    assert len(rec.requests) >= 2
    assert {r["headers"]["Webhook-Id"] for r in rec.requests} == {alert.webhook_id}
    assert list(rec.accepted) == [alert.webhook_id]


async def test_filters_and_disabled_receivers(httpserver, monkeypatch):
    rec = Recorder()
    httpserver.expect_request("/hook").respond_with_handler(rec)
    critical_only = receiver(httpserver, filters=Filters(min_severity=Severity.CRITICAL, attackers=["RU"]))
    monkeypatch.delenv("NO_SUCH_SECRET", raising=False)
    unsigned = Receiver(name="nosecret", url=httpserver.url_for("/hook"), secret_env="NO_SUCH_SECRET")
    alerts = [make_alert(30), make_alert(31, severity=Severity.CRITICAL)]
    assert await run([critical_only, unsigned], alerts) == []
    assert list(rec.accepted) == [alerts[1].webhook_id]
    assert "NO_SUCH_SECRET" in (unsigned.problem() or "")


async def test_slack_and_alertmanager_formats(httpserver):
    seen: list[tuple[str, dict]] = []

    def keep(request: Request) -> Response:
        seen.append((request.path, json.loads(request.get_data())))
        return Response(status=200)

    httpserver.expect_request("/slack").respond_with_handler(keep)
    httpserver.expect_request("/api/v2/alerts").respond_with_handler(keep)
    slack = Receiver(name="slack", url=httpserver.url_for("/slack"), format="slack")
    am = Receiver(name="am", url=httpserver.url_for("/"), format="alertmanager")
    resolved = make_alert(40, AlertStatus.RESOLVED, resolved_at=dt.datetime(2025, 9, 8, 8, tzinfo=dt.UTC))
    assert await run([slack, am], [resolved]) == []
    by_path = dict(seen)
    assert "resolved" in by_path["/slack"]["text"] and "810" in by_path["/slack"]["text"]
    [posted] = by_path["/api/v2/alerts"]
    assert posted["labels"]["alertname"] == "drones_spike" and posted["labels"]["night"] == "2025-09-07"
    assert posted["endsAt"] == "2025-09-08T08:00:00Z"
    assert alertmanager_alerts(make_alert(41), dt.datetime.now(dt.UTC))[0].get("endsAt") is None


def test_retry_helpers():
    policy = RetryPolicy(base_delay_s=1, multiplier=2, max_delay_s=10, jitter=0.5)
    rng = random.Random(7)
    delays = [backoff_delay(policy, n, rng) for n in range(1, 7)]
    caps = [1, 2, 4, 8, 10, 10]
    assert all(cap * 0.5 <= d <= cap for d, cap in zip(delays, caps, strict=True))
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 01 Jan 2025 00:00:30 GMT", now) == 30
    assert parse_retry_after("soon") is None
    assert [classify(s) for s in (204, 302, 404, 429, 503)] == [
        ("ok", False), ("http_4xx", False), ("http_4xx", False), ("http_429", True), ("http_5xx", True)]


def test_body_is_identical_across_attempts():
    target = Receiver(name="x", url="http://127.0.0.1:1/hook", secret_env="TEST_WEBHOOK_SECRET")
    alert = make_alert(50)
    url, body = render_body(target, alert, dt.datetime(2025, 9, 7, tzinfo=dt.UTC))
    assert url.endswith("/hook") and json.loads(body)["data"]["fingerprint"] == alert.fingerprint
