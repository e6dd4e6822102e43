"""Payloads per receiver format: Standard Webhooks JSON, Slack text + blocks, Alertmanager v2 alerts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from standardwebhooks.webhooks import Webhook

from schemas.alerts import Alert, AlertStatus
from services.alerting.receivers import Receiver

ALERTMANAGER_PATH = "/api/v2/alerts"
SLACK_SOURCES = 3
SLACK_SENTENCES = 2
SLACK_SECTION_MAX = 3000
"""Slack's limit on a section block's text."""


def _z(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def generic_body(alert: Alert, now: dt.datetime) -> bytes:
    """The Standard Webhooks envelope: {type, timestamp, data}."""
    payload = {
        "type": f"strikewatch.alert.{alert.status.value}",
        "timestamp": _z(now),
        "data": alert.model_dump(mode="json"),
    }
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign_headers(secrets: str | list[str], webhook_id: str, body: bytes, now: dt.datetime) -> dict[str, str]:
    """webhook-id / -timestamp / -signature for this attempt (the timestamp is the attempt's).

    One `v1,` signature per secret, space-separated as the Standard Webhooks spec allows, so a
    secret can be rotated with the old and the new one side by side."""
    keys = secrets.split() if isinstance(secrets, str) else secrets
    when = now.astimezone(dt.UTC)
    text = body.decode("utf-8")
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": " ".join(Webhook(key).sign(webhook_id, when, text) for key in keys),
    }


def slack_escape(text: str) -> str:
    """Slack's three control characters as entities (api.slack.com, "Escaping text"): text from
    articles can then never become a mention (`<!channel>`), a link or a user ping."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(url: str) -> str:
    # '|' ends the URL part of a Slack link; escaped like the rest it cannot open a second one.
    return f"<{slack_escape(url).replace('|', '%7C')}|source>"


def slack_text(alert: Alert) -> str:
    """The notification text (also the fallback of the blocks): everything from outside escaped."""
    icon = ":white_check_mark:" if alert.status is AlertStatus.RESOLVED else ":rotating_light:"
    lines = [f"{icon} *[{alert.severity.value.upper()}] {alert.status.value}* {slack_escape(alert.summary)}"]
    lines += [_slack_link(url) for url in alert.evidence.urls[:SLACK_SOURCES]]
    lines += [f"> {slack_escape(s)}" for s in alert.evidence.sentences[:SLACK_SENTENCES]]
    return "\n".join(lines)


def slack_payload(alert: Alert) -> dict[str, Any]:
    """`text` (notifications, old clients) plus Block Kit blocks: a header, the summary, the
    evidence quotes and the source links. Block text is mrkdwn, escaped the same way."""
    icon = ":white_check_mark:" if alert.status is AlertStatus.RESOLVED else ":rotating_light:"
    title = f"{alert.severity.value.upper()} {alert.status.value}: {alert.rule} on {alert.series}"
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"{title}"[:150], "emoji": True}},
        {"type": "section", "text": {"type": "mrkdwn",
                                     "text": f"{icon} {slack_escape(alert.summary)}"[:SLACK_SECTION_MAX]}},
    ]
    quotes = [f"> {slack_escape(s)}" for s in alert.evidence.sentences[:SLACK_SENTENCES]]
    if quotes:
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                                                   "text": "\n".join(quotes)[:SLACK_SECTION_MAX]}})
    links = [_slack_link(url) for url in alert.evidence.urls[:SLACK_SOURCES]]
    if links:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": " · ".join(links)}]})
    return {"text": slack_text(alert), "blocks": blocks}


def alertmanager_item(alert: Alert, now: dt.datetime, generator_url: str = "") -> dict[str, Any]:
    """One postable alert. Labels identify it (one Alertmanager alert per episode); `endsAt` only
    when resolved: a firing alert stays firing as long as it is re-sent (see the re-sender)."""
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
    item: dict[str, Any] = {"labels": labels, "annotations": annotations, "startsAt": _z(alert.fired_at)}
    if generator_url:
        item["generatorURL"] = generator_url.format(
            fingerprint=alert.fingerprint, rule=alert.rule, series=alert.series, night=alert.date.isoformat())
    if alert.status is AlertStatus.RESOLVED:
        item["endsAt"] = _z(alert.resolved_at or now)
    return item


def alertmanager_alerts(alert: Alert, now: dt.datetime, generator_url: str = "") -> list[dict[str, Any]]:
    return [alertmanager_item(alert, now, generator_url)]


def alertmanager_url(receiver: Receiver) -> str:
    url = receiver.resolved_url() or ""
    return url if url.rstrip("/").endswith(ALERTMANAGER_PATH) else url.rstrip("/") + ALERTMANAGER_PATH


def render_body(receiver: Receiver, alert: Alert, now: dt.datetime) -> tuple[str, bytes]:
    """(url, body) for a receiver; the body is built once and kept identical across retries."""
    url = receiver.resolved_url() or ""
    match receiver.format:
        case "generic":
            return url, generic_body(alert, now)
        case "slack":
            return url, json.dumps(slack_payload(alert)).encode("utf-8")
        case "alertmanager":
            body = alertmanager_alerts(alert, now, receiver.generator_url)
            return alertmanager_url(receiver), json.dumps(body).encode("utf-8")
    raise ValueError(f"unknown format {receiver.format}")


def attempt_headers(receiver: Receiver, alert: Alert, body: bytes, now: dt.datetime) -> dict[str, str]:
    """Headers of one attempt: a fresh signature timestamp, the same webhook-id every time."""
    headers = {"content-type": "application/json", "idempotency-key": alert.webhook_id}
    secrets = receiver.secrets()
    if secrets:
        headers |= sign_headers(secrets, alert.webhook_id, body, now)
    elif receiver.format != "generic":
        headers["webhook-id"] = alert.webhook_id
    return headers
