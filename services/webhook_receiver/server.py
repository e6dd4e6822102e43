"""The local webhook receiver used by `make run`, tests and the bench.

It does what an analyst's endpoint must do with our webhooks: verify the Standard Webhooks
signature (shared secret, +-5 min timestamp tolerance, constant-time compare: all in the
`standardwebhooks` package), drop a webhook-id it has already accepted (retries and
redeliveries reuse the id), and answer 2xx quickly. Each new alert is printed as one line.
"""

from __future__ import annotations

import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, generate_latest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

log = logging.getLogger(__name__)

RECEIVED = Counter(
    "strikewatch_webhooks_received",
    "Webhook requests by outcome (accepted, duplicate, bad_signature, bad_payload)", ["outcome"],
)
for _outcome in ("accepted", "duplicate", "bad_signature", "bad_payload"):
    RECEIVED.labels(_outcome)

OnAlert = Callable[[str, dict[str, Any], float], None]


def alert_line(payload: dict[str, Any]) -> str:
    """One readable line per alert."""
    data = payload.get("data", {})
    status = str(data.get("status", "?")).upper()
    severity = data.get("severity", "?")
    evidence = data.get("evidence") or {}
    urls = evidence.get("urls") or []
    source = f" | {urls[0]}" if urls else ""
    summary = data.get("summary") or f"{data.get('rule')} on {data.get('series')}: {data.get('value')}"
    return f"[{severity}] {status} {data.get('date')} {summary}{source}"


class SeenIds:
    """Accepted webhook-ids, oldest dropped past `capacity` (the sender's retry window is far
    shorter than what 100k alerts take to arrive)."""

    def __init__(self, capacity: int = 100_000) -> None:
        self.capacity = capacity
        self._ids: OrderedDict[str, None] = OrderedDict()

    def add(self, webhook_id: str) -> bool:
        """True if new."""
        if webhook_id in self._ids:
            return False
        self._ids[webhook_id] = None
        if len(self._ids) > self.capacity:
            self._ids.popitem(last=False)
        return True


def create_receiver_app(
    secret: str, *, on_alert: OnAlert | None = None, jsonl: Path | None = None, quiet: bool = False,
) -> web.Application:
    """The aiohttp app: POST /webhook (any path but /metrics and /health), GET /metrics, /health."""
    verifier = Webhook(secret)
    seen = SeenIds()
    sink = jsonl.open("a", encoding="utf-8") if jsonl else None

    async def receive(request: web.Request) -> web.Response:
        body = await request.read()
        received_at = time.time()
        try:
            payload = verifier.verify(body, dict(request.headers))
        except WebhookVerificationError as exc:
            RECEIVED.labels("bad_signature").inc()
            log.warning("rejected webhook (%s) from %s", exc, request.remote)
            return web.json_response({"error": str(exc)}, status=401)
        except (ValueError, UnicodeDecodeError) as exc:
            RECEIVED.labels("bad_payload").inc()
            return web.json_response({"error": f"bad payload: {exc}"}, status=400)
        webhook_id = request.headers["webhook-id"]
        if not seen.add(webhook_id):
            RECEIVED.labels("duplicate").inc()
            return web.json_response({"duplicate": webhook_id}, status=200)
        RECEIVED.labels("accepted").inc()
        if not quiet:
            print(alert_line(payload), flush=True)
        if sink:
            sink.write(json.dumps({"webhook_id": webhook_id, "received_at": received_at,
                                   "payload": payload}) + "\n")
            sink.flush()
        if on_alert:
            on_alert(webhook_id, payload, received_at)
        return web.Response(status=204)

    async def metrics(request: web.Request) -> web.Response:
        return web.Response(body=generate_latest(REGISTRY),
                            content_type=CONTENT_TYPE_LATEST.split(";")[0])

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"service": "webhook_receiver", "status": "ok", "ready": True})

    async def close_sink(app: web.Application) -> None:
        if sink:
            sink.close()

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/health", health)
    app.router.add_post("/{tail:.*}", receive)
    app.on_cleanup.append(close_sink)
    return app
