"""The sample feed makes `make run` show alerts: offline, events -> nightly history -> backtest.

Runs the public offline commands (`strikewatch events`, `strikewatch backtest`) over the bundled
samples and checks the alerts samples/README.md promises: the drone spike and the 90-night record
on 2026-11-16, a spike but no record on 2026-11-18, the cruise-missile mass launch on 2026-11-16,
and nothing on the ordinary nights.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from pathlib import Path

import pytest

from services.cli import main

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = [str(ROOT / "samples" / "inbox"), str(ROOT / "samples" / "feeds")]


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def firing(tmp_path_factory) -> set[tuple[str, str]]:
    # capsys is function-scoped; this module-scoped fixture captures the CLI's output itself.
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["events", *SAMPLES]) == 0
    events = [e for e in _json_lines(out.getvalue()) if "event_id" in e]
    history = tmp_path_factory.mktemp("samples") / "history.csv"
    with history.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["date", "attacker", "weapon_class", "launched", "intercepted"])
        for event in events:
            if event["scope"] != "single_attack" or not event["date"]:
                continue
            for weapon_class in sorted(set(event["launched"]) | set(event["intercepted"]) - {"total"}):
                writer.writerow([event["date"], event["attacker"], weapon_class,
                                 event["launched"].get(weapon_class, ""),
                                 event["intercepted"].get(weapon_class, "")])
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["backtest", "--history", str(history)]) == 0
    return {(a["rule"], a["date"]) for a in _json_lines(out.getvalue()) if a["status"] == "firing"}


def test_record_night_fires_spike_and_record(firing):
    assert ("drones_spike", "2026-11-16") in firing
    assert ("drones_record_90d", "2026-11-16") in firing
    assert ("cruise_mass_launch", "2026-11-16") in firing


def test_second_wave_is_a_spike_but_not_a_record(firing):
    assert ("drones_spike", "2026-11-18") in firing
    assert ("drones_record_90d", "2026-11-18") not in firing


def test_ordinary_nights_stay_quiet(firing):
    assert {date for _, date in firing} == {"2026-11-16", "2026-11-18"}
