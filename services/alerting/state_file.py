"""Loading and saving the alerting service's state: baseline CSV + JSON snapshot, atomically."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from services.alerting.engine import AlertEngine
from services.alerting.series import read_history_csv

log = logging.getLogger(__name__)


def load_state(engine: AlertEngine, baseline: Path, snapshot: Path) -> tuple[int, int]:
    """Baseline first, then the snapshot (stream figures win over baseline ones for a night).

    Returns (baseline nights, snapshot nights). A broken file is reported and skipped, never fatal:
    the service then starts with less history, which only delays rules that need it.
    """
    base = snap = 0
    if baseline.exists():
        try:
            for obs in read_history_csv(baseline):
                engine.history.update(obs)
                base += 1
        except (OSError, ValueError) as exc:
            log.error("baseline %s unreadable, ignored: %s", baseline, exc)
    else:
        log.info("no baseline at %s (load one with `strikewatch baseline import FILE.csv`)", baseline)
    if snapshot.exists():
        try:
            state: dict[str, Any] = json.loads(snapshot.read_text(encoding="utf-8"))
            engine.restore(state)
            snap = sum(len(n) for n in state.get("history", {}).values())
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.error("state snapshot %s unreadable, ignored: %s", snapshot, exc)
    return base, snap


def save_state(engine: AlertEngine, snapshot: Path) -> None:
    """Write the engine's snapshot now (see `write_snapshot`)."""
    write_snapshot(engine.snapshot(), snapshot)


def write_snapshot(state: dict[str, Any], snapshot: Path) -> None:
    """Write a snapshot atomically (temp file + rename) so a crash never leaves half a file."""
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    tmp = snapshot.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, snapshot)
