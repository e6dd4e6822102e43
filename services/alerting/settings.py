"""Alerting service settings (`STRIKEWATCH_ALERTING_*`) and where its files live."""

from __future__ import annotations

from pathlib import Path

from services.runtime.settings import RuntimeSettings


class AlertingSettings(RuntimeSettings):
    alerting_rules: Path | None = None
    """Rules YAML (default: services/alerting/rules.yaml)."""
    alerting_receivers: Path | None = None
    """Receivers YAML (default: services/alerting/receivers.yaml)."""
    alerting_baseline: Path | None = None
    """History CSV loaded at start (default: <data_dir>/alerting/baseline.csv, written by
    `strikewatch baseline import`)."""
    alerting_snapshot_every_s: float = 1.0
    """How often, at most, the state (history seen on the stream + open alerts) is saved."""

    def alerting_dir(self) -> Path:
        return self.data_dir / "alerting"

    def baseline_path(self) -> Path:
        return self.alerting_baseline or self.alerting_dir() / "baseline.csv"

    def state_path(self) -> Path:
        return self.alerting_dir() / "state.json"
