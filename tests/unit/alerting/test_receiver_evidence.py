"""The local webhook receiver (verify, dedupe, print) and the evidence cache."""

import base64
import datetime as dt
import json

from aiohttp.test_utils import TestClient, TestServer
from standardwebhooks.webhooks import Webhook

from schemas.events import AttackEvent, EventSource
from schemas.extraction import Attacker
from services.alerting.evidence import EvidenceCache
from services.alerting.series import SeriesKey
from services.webhook_receiver.server import create_receiver_app

SECRET = "whsec_" + base64.b64encode(b"receiver-unit-test-secret-01").decode()


def signed(webhook_id: str, payload: dict, secret: str = SECRET) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload).encode()
    now = dt.datetime.now(dt.UTC)
    signature = Webhook(secret).sign(webhook_id, now, body.decode())
    return body, {"webhook-id": webhook_id, "webhook-timestamp": str(int(now.timestamp())),
                  "webhook-signature": signature, "content-type": "application/json"}


async def test_receiver_verifies_dedupes_and_prints(capsys, tmp_path):
    seen: list[str] = []
    jsonl = tmp_path / "got.jsonl"
    app = create_receiver_app(SECRET, on_alert=lambda wid, p, t: seen.append(wid), jsonl=jsonl)
    payload = {"type": "strikewatch.alert.firing", "data": {
        "status": "firing", "severity": "critical", "date": "2025-09-07", "rule": "drones_spike",
        "summary": "drones_spike on RU/drones: 810 launched", "evidence": {"urls": ["https://x.org/1"]}}}
    async with TestClient(TestServer(app)) as client:
        body, headers = signed("fp-firing", payload)
        first = await client.post("/webhook", data=body, headers=headers)
        again = await client.post("/webhook", data=body, headers=headers)
        forged_body, forged = signed("fp2-firing", payload, "whsec_" + base64.b64encode(b"x" * 24).decode())
        bad = await client.post("/webhook", data=forged_body, headers=forged)
        tampered = await client.post("/webhook", data=body.replace(b"810", b"811"), headers=headers)
        metrics = await (await client.get("/metrics")).text()
    assert (first.status, again.status, bad.status, tampered.status) == (204, 200, 401, 401)
    assert seen == ["fp-firing"]
    line = capsys.readouterr().out.strip()
    assert line == "[critical] FIRING 2025-09-07 drones_spike on RU/drones: 810 launched | https://x.org/1"
    assert [json.loads(r)["webhook_id"] for r in jsonl.read_text().splitlines()] == ["fp-firing"]
    assert 'strikewatch_webhooks_received_total{outcome="duplicate"}' in metrics


def event(event_id: str, night: dt.date, sources: list[EventSource]) -> AttackEvent:
    return AttackEvent(event_id=event_id, attacker=Attacker.RU, date=night, sources=sources,
                       updated_at=dt.datetime.now(dt.UTC))


def source(n: int, weapon_class: str, location: str = "", superseded: bool = False) -> EventSource:
    return EventSource(article_id=f"a{n}", url=f"https://x.org/{n}", claim_id=f"c{n}", measure="launched",
                       weapon_class=weapon_class, value=n, location=location, superseded=superseded,
                       text=f"sentence {n}.")


def test_evidence_cache_matches_series_and_night():
    night = dt.date(2025, 9, 7)
    cache = EvidenceCache(keep_nights=30)
    cache.add(event("e1", night, [source(1, "drones"), source(2, "cruise_missiles"),
                                  source(3, "drones", superseded=True), source(4, "drones", "Kyiv Oblast")]))
    national = cache.lookup(SeriesKey("RU", "drones"), night)
    assert national is not None and national.event_ids == ["e1"]
    assert national.urls == ["https://x.org/1", "https://x.org/4"]
    assert national.sentences == ["sentence 1.", "sentence 4."]
    kyiv = cache.lookup(SeriesKey("RU", "drones", "Kyiv Oblast"), night)
    assert kyiv is not None and kyiv.urls == ["https://x.org/4"]
    assert cache.lookup(SeriesKey("RU", "ballistic_missiles"), night) is None
    assert cache.lookup(SeriesKey("RU", "drones"), night - dt.timedelta(days=1)) is None
    cache.add(event("e2", night + dt.timedelta(days=40), [source(5, "drones")]))
    assert cache.lookup(SeriesKey("RU", "drones"), night) is None  # older than keep_nights: dropped
