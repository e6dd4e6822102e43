"""The local webhook receiver used by `make run`, tests and the bench.

It does what an analyst's endpoint must do with our webhooks: verify the Standard Webhooks
signature (shared secret, +-5 min timestamp tolerance, constant-time compare: all in the
`standardwebhooks` package), drop a webhook-id it has already accepted (retries and
redeliveries reuse the id; `python -m services.webhook_receiver` keeps the ids in a file, so a
restart does not reopen the replay window), answer a signed but malformed body with 400, and
answer 2xx quickly. Each new alert is printed as one line.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, generate_latest
from pydantic import BaseModel, ValidationError
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from services.webhook_receiver.seen import SeenIds

DEFAULT_KEEP_S = 1800.0
"""How long accepted ids are remembered: the alerting sender's default retry budget
(`max_elapsed_s`), which covers the 5-minute signature tolerance too."""

log = logging.getLogger(__name__)

RECEIVED = Counter(
    "strikewatch_webhooks_received",
    "Webhook requests by outcome (accepted, duplicate, bad_signature, bad_payload, malformed)",
    ["outcome"],
)
for _outcome in ("accepted", "duplicate", "bad_signature", "bad_payload", "malformed"):
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


class _Evidence(BaseModel):
    urls: list[Any] | None = None


class _AlertData(BaseModel):
    evidence: _Evidence | None = None


class _Envelope(BaseModel):
    """The shape `alert_line` and the sinks rely on; anything else in the body is passed through."""

    type: str
    data: _AlertData


def malformed_reason(payload: Any) -> str | None:
    """Why a signed, parsed body is not a StrikeWatch webhook envelope (None if it is one)."""
    try:
        _Envelope.model_validate(payload)
    except ValidationError as exc:
        first = exc.errors(include_input=False, include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "body"
        return f"{where}: {first['msg']}"[:200]
    return None


def _verify_any(verifiers: list[Webhook], body: bytes, headers: dict[str, str]) -> None:
    """Passes when any of our secrets verifies (one is being rotated: old and new side by side,
    while the sender may sign with either or both); raises the last failure otherwise."""
    failure: WebhookVerificationError | None = None
    for verifier in verifiers:
        try:
            verifier.verify(body, headers, json_parse=False)
            return
        except WebhookVerificationError as exc:
            failure = exc
    if failure is not None:
        raise failure


def create_receiver_app(
    secret: str, *, on_alert: OnAlert | None = None, jsonl: Path | None = None, quiet: bool = False,
    seen: SeenIds | None = None,
) -> web.Application:
    """The aiohttp app: POST /webhook (any path but /metrics and /health), GET /metrics, /health.

    `secret` may hold several whsec_ secrets, space-separated (rotation): a request verified by
    any of them is accepted.

    `seen` is the store of accepted webhook-ids (pass a file-backed one so a restart does not
    reopen the replay window); by default memory-only, kept for the sender's retry budget.
    """
    verifiers = [Webhook(key) for key in secret.split()]
    if not verifiers:
        raise ValueError("no webhook secret given")
    seen = seen if seen is not None else SeenIds(keep_s=DEFAULT_KEEP_S)
    sink = jsonl.open("a", encoding="utf-8") if jsonl else None

    async def receive(request: web.Request) -> web.Response:
        body = await request.read()
        received_at = time.time()
        try:
            _verify_any(verifiers, body, dict(request.headers))
        except WebhookVerificationError as exc:
            RECEIVED.labels("bad_signature").inc()
            log.warning("rejected webhook (%s) from %s", exc, request.remote)
            return web.json_response({"error": str(exc)}, status=401)
        except (ValueError, UnicodeDecodeError) as exc:  # unparseable signature headers, non-UTF-8
            RECEIVED.labels("bad_payload").inc()
            return web.json_response({"error": f"bad payload: {exc}"}, status=400)
        # Signed by the sender from here on: a bad body is its bug, told with a 400 (no retry)
        # and counted, never a 500 that the sender would retry for half an hour.
        try:
            payload = json.loads(body)
            reason = malformed_reason(payload)
        except (ValueError, RecursionError) as exc:  # RecursionError: absurdly deep nesting
            reason = f"invalid JSON: {exc}"[:200]
        if reason is not None:
            RECEIVED.labels("malformed").inc()
            log.warning("signed webhook %s is malformed: %s", request.headers.get("webhook-id"), reason)
            return web.json_response({"error": f"malformed payload: {reason}"}, status=400)
        webhook_id = request.headers["webhook-id"]
        if seen.seen(webhook_id, received_at):
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
        seen.add(webhook_id, received_at)  # after handling: a crash before this means a retry, not a loss
        return web.Response(status=204)

    async def metrics(request: web.Request) -> web.Response:
        return web.Response(body=generate_latest(REGISTRY),
                            content_type=CONTENT_TYPE_LATEST.split(";")[0])

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"service": "webhook_receiver", "status": "ok", "ready": True})

    async def close_sink(app: web.Application) -> None:
        if sink:
            sink.close()
        seen.close()

    app = web.Application()
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/health", health)
    app.router.add_post("/{tail:.*}", receive)
    app.on_cleanup.append(close_sink)
    return app
