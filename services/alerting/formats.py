"""Payloads per receiver format: Standard Webhooks JSON, Slack text, Alertmanager v2 alerts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from standardwebhooks.webhooks import Webhook

from schemas.alerts import Alert, AlertStatus
from services.alerting.receivers import Receiver

ALERTMANAGER_PATH = "/api/v2/alerts"


def generic_body(alert: Alert, now: dt.datetime) -> bytes:
    """The Standard Webhooks envelope: {type, timestamp, data}."""
    payload = {
        "type": f"strikewatch.alert.{alert.status.value}",
        "timestamp": now.isoformat().replace("+00:00", "Z"),
        "data": alert.model_dump(mode="json"),
    }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_headers(secret: str, webhook_id: str, body: bytes, now: dt.datetime) -> dict[str, str]:
    """webhook-id / -timestamp / -signature for this attempt (the timestamp is the attempt's)."""
    signature = Webhook(secret).sign(webhook_id, now.astimezone(dt.UTC), body.decode("utf-8"))
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }


def slack_text(alert: Alert) -> str:
    icon = ":white_check_mark:" if alert.status is AlertStatus.RESOLVED else ":rotating_light:"
    lines = [f"{icon} *[{alert.severity.value.upper()}] {alert.status.value}* {alert.summary}"]
    lines += [f"<{url}|source>" for url in alert.evidence.urls[:3]]
    lines += [f"> {s}" for s in alert.evidence.sentences[:2]]
    return "\n".join(lines)


def alertmanager_alerts(alert: Alert, now: dt.datetime) -> list[dict[str, Any]]:
    """One postable alert. Labels identify it (one Alertmanager alert per episode)."""
    labels = {
        "alertname": alert.rule, "severity": alert.severity.value, "series": alert.series,
        "attacker": alert.attacker, "weapon_class": alert.weapon_class, "night": alert.date.isoformat(),
    }
    if alert.oblast:
        labels["oblast"] = alert.oblast
    annotations = {"summary": alert.summary, "value": f"{alert.value:g}",
                   "fingerprint": alert.fingerprint}
    if alert.baseline is not None:
        annotations["baseline"] = f"{alert.baseline:g}"
    if alert.evidence.urls:
        annotations["sources"] = " ".join(alert.evidence.urls[:5])
    item: dict[str, Any] = {
        "labels": labels, "annotations": annotations,
        "startsAt": alert.fired_at.isoformat().replace("+00:00", "Z"),
    }
    if alert.status is AlertStatus.RESOLVED:
        item["endsAt"] = (alert.resolved_at or now).isoformat().replace("+00:00", "Z")
    return [item]


def render_body(receiver: Receiver, alert: Alert, now: dt.datetime) -> tuple[str, bytes]:
    """(url, body) for a receiver; the body is built once and kept identical across retries."""
    url = receiver.resolved_url() or ""
    match receiver.format:
        case "generic":
            return url, generic_body(alert, now)
        case "slack":
            return url, json.dumps({"text": slack_text(alert)}).encode("utf-8")
        case "alertmanager":
            if not url.rstrip("/").endswith(ALERTMANAGER_PATH):
                url = url.rstrip("/") + ALERTMANAGER_PATH
            return url, json.dumps(alertmanager_alerts(alert, now)).encode("utf-8")
    raise ValueError(f"unknown format {receiver.format}")


def attempt_headers(receiver: Receiver, alert: Alert, body: bytes, now: dt.datetime) -> dict[str, str]:
    """Headers of one attempt: a fresh signature timestamp, the same webhook-id every time."""
    headers = {"content-type": "application/json", "idempotency-key": alert.webhook_id}
    secret = receiver.secret()
    if secret:
        headers |= sign_headers(secret, alert.webhook_id, body, now)
    elif receiver.format != "generic":
        headers["webhook-id"] = alert.webhook_id
    return headers
