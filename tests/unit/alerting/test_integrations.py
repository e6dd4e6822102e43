"""Issue 16, alert integrations: Slack text escaped (a hostile article cannot ping the channel)
with blocks; Standard Webhooks secret rotation (two signatures side by side); Alertmanager items
with generatorURL and endsAt only on resolve; re-sends of firing alerts to a real local server."""

import base64
import datetime as dt
import json

import httpx
import pytest
from aiohttp.test_utils import TestClient, TestServer
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from werkzeug import Request, Response

from schemas.alerts import Alert, AlertEvidence, AlertStatus, Severity
from services.alerting.delivery import ReceiverWorker
from services.alerting.formats import (
    alertmanager_item,
    attempt_headers,
    render_body,
    sign_headers,
    slack_payload,
)
from services.alerting.receivers import Receiver, RetryPolicy
from services.alerting.resend import resend_firing
from services.webhook_receiver.server import create_receiver_app

OLD = "whsec_" + base64.b64encode(b"rotation-old-secret-00000000").decode()
NEW = "whsec_" + base64.b64encode(b"rotation-new-secret-11111111").decode()
NOW = dt.datetime(2025, 9, 8, 8, tzinfo=dt.UTC)
HOSTILE = "<!channel> 810 drones & <@U024BE7LH> <https://evil.example|click> > quoted"


def alert(status: AlertStatus = AlertStatus.FIRING, **kw) -> Alert:
    return Alert(fingerprint="00000000000000aa", rule="drones_spike", series="RU/drones", attacker="RU",
                 weapon_class="drones", date=dt.date(2025, 9, 7), status=status, severity=Severity.CRITICAL,
                 value=810, baseline=94, score=5.2, summary=f"drones_spike on RU/drones: {HOSTILE}",
                 fired_at=dt.datetime(2025, 9, 7, 8, tzinfo=dt.UTC), **kw)


def test_slack_escapes_article_text_everywhere_and_sends_blocks():
    hostile = alert(evidence=AlertEvidence(urls=["https://x.example/a?b=1&c=<2>|x"], sentences=[HOSTILE]))
    payload = slack_payload(hostile)
    texts = [payload["text"]] + [json.dumps(b) for b in payload["blocks"]]
    for text in texts:
        for control in ("<!channel>", "<@U024BE7LH>", "<https://evil.example|click>"):
            assert control not in text
    assert "&lt;!channel&gt; 810 drones &amp; &lt;@U024BE7LH&gt;" in payload["text"]
    assert "> &lt;!channel&gt;" in payload["text"]  # our quote marker stays, theirs is escaped
    assert "<https://x.example/a?b=1&amp;c=&lt;2&gt;%7Cx|source>" in payload["text"]
    kinds = [b["type"] for b in payload["blocks"]]
    assert kinds == ["header", "section", "section", "context"]
    receiver = Receiver(name="slack", url="http://127.0.0.1:1/slack", format="slack")
    _, body = render_body(receiver, hostile, NOW)
    assert json.loads(body) == payload


def test_two_secrets_sign_twice_and_either_verifies(monkeypatch):
    monkeypatch.setenv("ROTATING_SECRET", f"{NEW} {OLD}")
    receiver = Receiver(name="analysts", url="http://127.0.0.1:1/hook", secret_env="ROTATING_SECRET")
    assert receiver.problem() is None
    a = alert()
    _, body = render_body(receiver, a, NOW)
    now = dt.datetime.now(dt.UTC)
    headers = attempt_headers(receiver, a, body, now)
    assert len(headers["webhook-signature"].split(" ")) == 2
    for secret in (OLD, NEW):  # a receiver not yet moved over, and one already moved
        assert Webhook(secret).verify(body, headers)["data"]["fingerprint"] == a.fingerprint
    other = "whsec_" + base64.b64encode(b"some-third-secret-2222222222").decode()
    with pytest.raises(WebhookVerificationError):
        Webhook(other).verify(body, headers)
    monkeypatch.setenv("ROTATING_SECRET", "  ")
    assert "is unset" in (receiver.problem() or "")


async def test_local_receiver_accepts_either_of_two_secrets():
    server = TestServer(create_receiver_app(f"{NEW} {OLD}", quiet=True))
    async with TestClient(server) as client:
        for n, secret in enumerate((OLD, NEW)):
            target = Receiver(name="r", url="http://x/hook", secret_env="ONE_SECRET")
            a = alert().model_copy(update={"fingerprint": f"{n:016x}"})
            _, body = render_body(target, a, NOW)
            headers = sign_headers(secret, a.webhook_id, body, dt.datetime.now(dt.UTC))
            answer = await client.post("/webhook", data=body, headers=headers)
            assert answer.status == 204
        stranger = "whsec_" + base64.b64encode(b"some-third-secret-2222222222").decode()
        headers = sign_headers(stranger, "x-1", body, dt.datetime.now(dt.UTC))
        assert (await client.post("/webhook", data=body, headers=headers)).status == 401


def test_alertmanager_items_have_generator_url_and_ends_at_only_when_resolved():
    firing = alertmanager_item(alert(), NOW, "https://sw.example/alerts/{fingerprint}?night={night}")
    assert "endsAt" not in firing
    assert firing["generatorURL"] == "https://sw.example/alerts/00000000000000aa?night=2025-09-07"
    resolved = alertmanager_item(alert(AlertStatus.RESOLVED, resolved_at=NOW), NOW)
    assert resolved["endsAt"] == "2025-09-08T08:00:00Z"


async def test_resend_posts_every_firing_alert_the_receiver_wants(httpserver):
    posted: list[list[dict]] = []

    def keep(request: Request) -> Response:
        posted.append(json.loads(request.get_data()))
        return Response(status=200)

    httpserver.expect_request("/api/v2/alerts", method="POST").respond_with_handler(keep)
    receiver = Receiver(name="am", url=httpserver.url_for("/"), format="alertmanager")
    async with httpx.AsyncClient() as client:
        async def failed(record):  # pragma: no cover - nothing fails here
            raise AssertionError(record)

        worker = ReceiverWorker(receiver, RetryPolicy(), client, failed)
        two = [alert(), alert().model_copy(update={"fingerprint": "00000000000000bb", "rule": "other"})]
        assert await resend_firing(worker, lambda now: two) == 2
        assert await resend_firing(worker, lambda now: []) == 0
    assert len(posted) == 1
    assert [item["labels"]["alertname"] for item in posted[0]] == ["drones_spike", "other"]
    assert all("endsAt" not in item for item in posted[0])
