"""Receivers from YAML: where alerts go, in which format, with which secret and filters.

Secrets never live in the file: a receiver names the env var that holds its Standard Webhooks
secret (`whsec_...`). A generic receiver whose secret variable is unset is disabled with a clear
error at start (alerts still go to the `alerts` topic); nothing is ever sent unsigned. To rotate a
secret, put the new and the old one in the variable side by side (space-separated): every
request then carries one signature per secret (the Standard Webhooks header allows several), so
the receiver verifies with either while it moves over; then drop the old one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field
from standardwebhooks.webhooks import Webhook

from schemas.alerts import SEVERITY_ORDER, Alert, AlertStatus, Severity

DEFAULT_RECEIVERS = Path(__file__).with_name("receivers.yaml")


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_severity: Severity = Severity.INFO
    attackers: list[str] | None = None
    oblasts: list[str] | None = Field(default=None, description="only these oblasts' series")
    rules: list[str] | None = None

    def accepts(self, alert: Alert) -> bool:
        if SEVERITY_ORDER[alert.severity] < SEVERITY_ORDER[self.min_severity]:
            return False
        if self.attackers is not None and alert.attacker not in self.attackers:
            return False
        if self.oblasts is not None and alert.oblast not in self.oblasts:
            return False
        return self.rules is None or alert.rule in self.rules


class RetryPolicy(BaseModel):
    """Exponential backoff with jitter; the budget is whichever of attempts/elapsed ends first.

    The defaults outlast a 10-minute outage: 0.5, 1, 2 ... capped at 60 s, for up to 30 min.
    """

    model_config = ConfigDict(extra="forbid")

    base_delay_s: float = Field(default=0.5, gt=0)
    multiplier: float = Field(default=2.0, ge=1)
    max_delay_s: float = Field(default=60.0, gt=0)
    jitter: float = Field(default=0.5, ge=0, le=1, description="fraction of each delay drawn at random")
    max_attempts: int = Field(default=60, ge=1)
    max_elapsed_s: float = Field(default=1800.0, gt=0)
    max_retry_after_s: float = Field(default=600.0, gt=0, description="cap on a server's Retry-After")
    timeout_s: float = Field(default=10.0, gt=0, description="per request")


class Receiver(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]+$")
    url: str | None = None
    url_env: str | None = Field(default=None, description="env var holding the URL (overrides url)")
    format: Literal["generic", "slack", "alertmanager"] = "generic"
    secret_env: str | None = Field(default=None, description="env var holding the whsec_ secret")
    send_resolved: bool = True
    filters: Filters = Field(default_factory=Filters)
    concurrency: int = Field(default=1, ge=1, le=32, description="parallel requests to this receiver")
    queue_size: int = Field(default=10_000, ge=1,
                            description="pending deliveries at most (more are dead-lettered)")
    resend_interval_s: float = Field(
        default=60.0, gt=0, le=3600, description="alertmanager: every firing alert is posted again this "
        "often (Alertmanager resolves an alert not re-sent within its resolve_timeout, 5 min by default)")
    generator_url: str = Field(
        default="http://127.0.0.1:6069/#alerts", description="alertmanager generatorURL; may use "
        "{fingerprint}, {rule}, {series} and {night}")

    def resolved_url(self) -> str | None:
        if self.url_env and os.environ.get(self.url_env):
            return os.environ[self.url_env]
        return self.url

    def secret(self) -> str | None:
        return os.environ.get(self.secret_env) if self.secret_env else None

    def secrets(self) -> list[str]:
        """Every secret in the variable (several, space-separated, while one is rotated)."""
        return (self.secret() or "").split()

    def problem(self) -> str | None:
        """Why this receiver cannot be used as configured (None when it can)."""
        if not self.resolved_url():
            return f"receiver {self.name}: no url (set url, or the env var {self.url_env})"
        if self.format == "generic":
            if not self.secret_env:
                return f"receiver {self.name}: generic receivers need secret_env (payloads are always signed)"
            if not self.secrets():
                return (f"receiver {self.name}: env var {self.secret_env} is unset; set it to the "
                        "receiver's whsec_ secret. Receiver disabled, alerts stay on the alerts topic")
            for secret in self.secrets():
                try:
                    Webhook(secret)
                except Exception as exc:  # noqa: BLE001 - a malformed secret is a config error
                    return (f"receiver {self.name}: env var {self.secret_env} holds a secret that is not "
                            f"whsec_<base64> ({type(exc).__name__}); receiver disabled")
        return None

    def wants(self, alert: Alert) -> bool:
        if alert.status is AlertStatus.RESOLVED and not self.send_resolved:
            return False
        return self.filters.accepts(alert)


class ReceiverSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    retry: RetryPolicy = Field(default_factory=RetryPolicy)
    receivers: list[Receiver] = Field(default_factory=list)

    def by_name(self, name: str) -> Receiver | None:
        return next((r for r in self.receivers if r.name == name), None)


def load_receivers(path: Path | str | None = None) -> ReceiverSet:
    source = Path(path) if path else DEFAULT_RECEIVERS
    return ReceiverSet.model_validate(yaml.safe_load(source.read_text(encoding="utf-8")) or {})
