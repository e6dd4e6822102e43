"""Alerts (`alerts`), their pending deliveries (`alerts.outbox`) and undeliverable ones (`alerts.dlq`)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import Field

from schemas.base import Message, UtcDatetime

ALERTS_SCHEMA_VERSION = 1


class AlertStatus(StrEnum):
    FIRING = "firing"
    RESOLVED = "resolved"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


SEVERITY_ORDER = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}


class AlertEvidence(Message):
    """What backs the alert: the attack events of that night and the sources' urls and sentences."""

    event_ids: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    sentences: list[str] = Field(default_factory=list)


class Alert(Message):
    """A rule's verdict on one series, from the night it started; fingerprint = (rule, series, night).

    An episode starts on `date` and lasts while following nights keep firing (`last_date`); it is
    `resolved` on the first night evaluated back to normal. `repeat` counts re-notifications of an
    unchanged firing alert after the repeat interval (0 = the lifecycle change itself).
    """

    schema_version: Literal[1] = ALERTS_SCHEMA_VERSION
    fingerprint: str
    rule: str
    series: str = Field(description="e.g. 'RU/drones' or 'RU/drones/Kyiv Oblast'")
    attacker: str = ""
    weapon_class: str = ""
    oblast: str | None = None
    date: dt.date
    last_date: dt.date | None = None
    status: AlertStatus
    severity: Severity
    value: float
    baseline: float | None = None
    score: float | None = None
    summary: str = ""
    evidence: AlertEvidence = Field(default_factory=AlertEvidence)
    fired_at: UtcDatetime
    resolved_at: UtcDatetime | None = None
    repeat: int = Field(default=0, ge=0, description=(
        "earlier notifications of this episode with the same status: repeats and updates of a "
        "firing episode, or a second resolve of a re-opened one (0 = the first)"))

    @property
    def webhook_id(self) -> str:
        """Idempotency key on the receiver's side: the same on every retry of this notification."""
        suffix = f"-r{self.repeat}" if self.repeat else ""
        return f"{self.fingerprint}-{self.status.value}{suffix}"


class FailedDelivery(Message):
    """An alert that used up its retry budget for one receiver (`alerts.dlq`)."""

    schema_version: Literal[1] = ALERTS_SCHEMA_VERSION
    receiver: str
    alert: Alert
    attempts: int
    last_error: str
    last_status: int | None = Field(default=None, description="last HTTP status, None for network errors")
    failed_at: UtcDatetime


class OutboxEntry(Message):
    """A notification still to be delivered to one receiver (`alerts.outbox`, compacted).

    Keyed by `outbox_key(receiver, webhook_id)`; a tombstone (null value) under the same key once
    it was delivered or dead-lettered. What is left on the topic after a crash is what the alerting
    service delivers again when it starts, with the same webhook-id.
    """

    schema_version: Literal[1] = ALERTS_SCHEMA_VERSION
    receiver: str
    alert: Alert
    queued_at: UtcDatetime = Field(description="when the notification was first queued: the retry "
                                   "budget (max_elapsed_s) counts from here, across restarts")

    @property
    def key(self) -> str:
        return outbox_key(self.receiver, self.alert.webhook_id)


def outbox_key(receiver: str, webhook_id: str) -> str:
    """`<receiver>|<webhook-id>`: receiver names never hold '|' (their pattern forbids it)."""
    return f"{receiver}|{webhook_id}"
