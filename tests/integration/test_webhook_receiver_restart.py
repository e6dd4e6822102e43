"""`python -m services.webhook_receiver` as a real process: an id accepted before a restart (TERM
or kill -9) is still refused as a replay after it, and a signed JSON array gets a 400, not a 500.
No broker needed."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import signal
import time
from pathlib import Path

import httpx
from standardwebhooks.webhooks import Webhook

from services.runtime.broker import free_port
from tests.support.processes import ServiceProcess

BODY = json.dumps({"type": "strikewatch.alert.firing", "timestamp": "2026-11-16T06:00:00Z", "data": {
    "status": "firing", "severity": "critical", "date": "2026-11-16", "rule": "drones_spike",
    "summary": "drones_spike on RU/drones: 734 launched", "evidence": {"urls": ["https://x.org/1"]}}}).encode()


def signed(secret: str, webhook_id: str, body: bytes) -> dict[str, str]:
    now = dt.datetime.now(dt.UTC)
    return {"webhook-id": webhook_id, "webhook-timestamp": str(int(now.timestamp())),
            "webhook-signature": Webhook(secret).sign(webhook_id, now, body.decode()),
            "content-type": "application/json"}


def serving(proc: ServiceProcess, port: int, timeout: float = 30.0) -> ServiceProcess:
    """Wait until /health answers (the log line comes just before the socket is bound)."""
    proc.wait_for_log("webhook receiver on", timeout=timeout)
    deadline = time.monotonic() + timeout
    while True:
        try:
            if proc.get(port, "/health").status_code == 200:
                return proc
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
        if proc.proc is not None and proc.proc.poll() is not None:
            raise RuntimeError(f"receiver exited:\n{proc.log()[-3000:]}")
        time.sleep(0.1)


def test_replays_are_refused_across_restarts_and_a_signed_array_is_a_400(tmp_path: Path):
    secret = "whsec_" + base64.b64encode(os.urandom(32)).decode()  # generated here, never committed
    port = free_port()
    env = {"STRIKEWATCH_WEBHOOK_SECRET": secret, "STRIKEWATCH_WEB_PORT": str(port),
           "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"), "STRIKEWATCH_LOG_LEVEL": "INFO"}
    url = f"http://127.0.0.1:{port}/webhook"

    def start(n: int) -> ServiceProcess:
        return serving(ServiceProcess("services.webhook_receiver", env, tmp_path / f"receiver-{n}.log").start(), port)

    first_headers = signed(secret, "wh-before-restart", BODY)
    proc = start(1)
    try:
        assert httpx.post(url, content=BODY, headers=first_headers).status_code == 204
        assert httpx.post(url, content=BODY, headers=first_headers).status_code == 200  # same process
    finally:
        assert proc.stop() is not None  # SIGTERM

    proc = start(2)
    try:
        replay = httpx.post(url, content=BODY, headers=first_headers)  # the captured request, verbatim
        assert (replay.status_code, replay.json()) == (200, {"duplicate": "wh-before-restart"})
        fresh = signed(secret, "wh-after-restart", BODY)
        assert httpx.post(url, content=BODY, headers=fresh).status_code == 204
        array = json.dumps([json.loads(BODY)]).encode()
        bad = httpx.post(url, content=array, headers=signed(secret, "wh-array", array))
        assert bad.status_code == 400 and bad.json()["error"].startswith("malformed payload")
        unsigned = httpx.post(url, content=array, headers={"content-type": "application/json"})
        assert unsigned.status_code == 401
        metrics = proc.get(port, "/metrics").text
        assert 'strikewatch_webhooks_received_total{outcome="malformed"} 1.0' in metrics
        assert proc.proc is not None and proc.proc.poll() is None  # still serving, nothing crashed
        os.killpg(proc.proc.pid, signal.SIGKILL)  # no shutdown hook: what was fsynced is all there is
        proc.proc.wait()
    finally:
        proc.stop()

    proc = start(3)
    try:
        for webhook_id, headers in (("wh-before-restart", first_headers), ("wh-after-restart", fresh)):
            again = httpx.post(url, content=BODY, headers=headers)
            assert (again.status_code, again.json()) == (200, {"duplicate": webhook_id})
        assert "remembering 2 accepted webhook-id(s)" in proc.log()
    finally:
        proc.stop()
    printed = "".join(p.read_text() for p in sorted(tmp_path.glob("receiver-*.log")))
    assert printed.count("[critical] FIRING 2026-11-16") == 2  # each id printed once, restarts included
    assert secret not in printed
