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


class AlertEvidence(Message):
    event_ids: list[str] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    sentences: list[str] = Field(default_factory=list)


class Alert(Message):
    """A rule's verdict on one night of one series; fingerprint = (rule, series, night)."""

    schema_version: Literal[1] = ALERTS_SCHEMA_VERSION
    fingerprint: str
    rule: str
    series: str = Field(description="e.g. 'RU/drones' or 'RU/drones/Kyiv Oblast'")
    date: dt.date
    status: AlertStatus
    severity: Severity
    value: float
    baseline: float | None = None
    score: float | None = None
    summary: str = ""
    evidence: AlertEvidence = Field(default_factory=AlertEvidence)
    fired_at: UtcDatetime


class FailedDelivery(Message):
    """An alert that used up its retry budget for one receiver (`alerts.dlq`)."""

    schema_version: Literal[1] = ALERTS_SCHEMA_VERSION
    receiver: str
    alert: Alert
    attempts: int
    last_error: str
    failed_at: UtcDatetime
