"""The receiver's store of accepted webhook-ids: pruning, persistence, torn writes, and the 400s
for signed but malformed bodies (in-process app)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from standardwebhooks.webhooks import Webhook

from services.webhook_receiver.seen import TOLERANCE_S, SeenIds
from services.webhook_receiver.server import create_receiver_app

T0 = 1_800_000_000.0


def test_prune_forgets_ids_past_the_window_only():
    seen = SeenIds(keep_s=600)
    assert seen.add("a", now=T0) and seen.add("b", now=T0 + 300)
    assert not seen.add("a", now=T0 + 10)
    assert seen.seen("a", now=T0 + 600) and not seen.seen("a", now=T0 + 601)
    assert seen.prune(now=T0 + 601) == 1
    assert len(seen) == 1 and seen.seen("b", now=T0 + 601)
    assert seen.add("a", now=T0 + 601)  # expired: new again


def test_the_window_never_drops_below_the_signature_tolerance():
    assert SeenIds(keep_s=1).keep_s == TOLERANCE_S


def test_capacity_drops_the_oldest():
    seen = SeenIds(capacity=2)
    for i, wid in enumerate("abc"):
        seen.add(wid, now=T0 + i)
    assert [w for w in "abc" if seen.seen(w, now=T0 + 3)] == ["b", "c"]


def test_a_new_instance_on_the_same_file_remembers_live_ids_and_drops_expired(tmp_path: Path):
    path = tmp_path / "receiver" / "seen_ids.jsonl"
    first = SeenIds(path, keep_s=TOLERANCE_S, fsync=False, now=T0)
    first.add("old", now=T0)
    first.add("recent", now=T0 + 200)
    first.close()
    again = SeenIds(path, keep_s=TOLERANCE_S, fsync=False, now=T0 + 400)
    assert again.seen("recent", now=T0 + 400) and not again.add("recent", now=T0 + 400)
    assert not again.seen("old", now=T0 + 400)
    again.close()
    # opening compacted the log: the expired id is gone from the file too
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == ["recent"]


def test_a_torn_last_line_is_skipped_and_later_appends_stay_readable(tmp_path: Path):
    path = tmp_path / "seen_ids.jsonl"
    path.write_text(json.dumps({"id": "kept", "at": T0}) + "\n" + '{"id": "tor', encoding="utf-8")
    seen = SeenIds(path, fsync=False, now=T0 + 1)
    assert seen.seen("kept", now=T0 + 1)
    seen.add("next", now=T0 + 2)
    seen.close()
    reread = SeenIds(path, fsync=False, now=T0 + 3)
    assert reread.seen("kept", now=T0 + 3) and reread.seen("next", now=T0 + 3) and len(reread) == 2
    reread.close()


def test_compaction_bounds_the_log_and_replaces_it_atomically(tmp_path: Path):
    path = tmp_path / "seen_ids.jsonl"
    seen = SeenIds(path, keep_s=TOLERANCE_S, fsync=False, now=T0)
    for i in range(3000):  # one id per second: about 300 live at any time
        seen.add(f"id-{i}", now=T0 + i)
    seen.close()
    lines = path.read_text().splitlines()
    assert len(lines) <= 1000 + 301
    assert not path.with_name(path.name + ".tmp").exists()
    reread = SeenIds(path, keep_s=TOLERANCE_S, fsync=False, now=T0 + 2999)
    assert reread.seen("id-2999", now=T0 + 2999) and not reread.seen("id-2000", now=T0 + 2999)
    reread.close()


SECRET = "whsec_" + base64.b64encode(os.urandom(24)).decode()


def signed(webhook_id: str, body: bytes, secret: str = SECRET) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC)
    return {"webhook-id": webhook_id, "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(secret).sign(webhook_id, now, body.decode()),
            "content-type": "application/json"}


async def test_signed_but_malformed_bodies_get_400_with_a_json_error():
    app = create_receiver_app(SECRET, quiet=True)
    bodies = {
        "array": b'[{"type": "strikewatch.alert.firing", "data": {}}]',
        "data-not-object": b'{"type": "strikewatch.alert.firing", "data": []}',
        "no-type": b'{"data": {"summary": "x"}}',
        "evidence-list": b'{"type": "t", "data": {"evidence": ["https://x.org"]}}',
        "urls-string": b'{"type": "t", "data": {"evidence": {"urls": "https://x.org"}}}',
        "invalid-json": b'{"type": "t", "data": {',
        "scalar": b"42",
        "deep": b"[" * 100_000 + b"]" * 100_000,
    }
    async with TestClient(TestServer(app)) as client:
        answers = {}
        for name, body in bodies.items():
            response = await client.post("/webhook", data=body, headers=signed(f"m-{name}", body))
            answers[name] = (response.status, (await response.json())["error"].startswith("malformed payload"))
        ok_body = b'{"type": "strikewatch.alert.firing", "data": {"summary": "fine"}}'
        ok = await client.post("/webhook", data=ok_body, headers=signed("m-ok", ok_body))
        unsigned = await client.post("/webhook", data=bodies["array"], headers={"content-type": "application/json"})
        metrics = await (await client.get("/metrics")).text()
    assert answers == {name: (400, True) for name in bodies}
    assert (ok.status, unsigned.status) == (204, 401)
    assert 'strikewatch_webhooks_received_total{outcome="malformed"}' in metrics
