"""Alerts (`alerts`) and undeliverable alerts (`alerts.dlq`)."""

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
    repeat: int = Field(default=0, ge=0)

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
