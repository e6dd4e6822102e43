"""`strikewatch backtest` and `strikewatch baseline import`, through the real CLI entry point."""

import csv
import json
from pathlib import Path

from services.cli import main

SAMPLE = Path(__file__).resolve().parents[3] / "samples" / "history" / "nightly_2025.csv"
FIELDS = ["fingerprint", "rule", "series", "date", "value", "baseline", "severity", "status"]


def write_history(path: Path, drones: list[int]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["date", "attacker", "weapon_class", "launched", "intercepted"])
        for i, v in enumerate(drones):
            writer.writerow([f"2025-03-{i + 1:02d}", "RU", "drones", v, v // 2])


def run_backtest(capsys, history: Path, *extra: str) -> list[dict]:
    assert main(["backtest", "--history", str(history), *extra]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_backtest_prints_one_line_per_alert_change(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text("rules:\n  - {name: spike, detector: spike, attacker: RU, weapon_class: drones}\n")
    history = tmp_path / "h.csv"
    write_history(history, [99, 149] * 7 + [999, 120])  # night 15 = 2025-03-15 is the spike
    rows = run_backtest(capsys, history, "--rules", str(rules))
    assert [r["status"] for r in rows] == ["firing", "resolved"]
    assert list(rows[0])[: len(FIELDS)] == FIELDS
    firing = rows[0]
    assert (firing["rule"], firing["series"], firing["date"]) == ("spike", "RU/drones", "2025-03-15")
    assert (firing["value"], firing["baseline"], firing["severity"]) == (999, 124, "warning")
    assert rows[1]["fingerprint"] == firing["fingerprint"]


def test_backtest_is_deterministic_and_flags_the_sample_record_night(capsys):
    rows = run_backtest(capsys, SAMPLE)
    assert rows == run_backtest(capsys, SAMPLE)
    with SAMPLE.open() as handle:
        drones = [r for r in csv.DictReader(handle) if r["weapon_class"] == "drones"]
    top = max(drones, key=lambda r: int(r["launched"]))
    records = [r for r in rows if r["rule"] == "drones_record_all_time" and r["status"] == "firing"]
    assert records[-1]["date"] == top["date"] and records[-1]["value"] == int(top["launched"])
    # Every firing alert is resolved by the end of a history that ends on calm nights, or is last.
    fired = {r["fingerprint"] for r in rows if r["status"] == "firing"}
    resolved = {r["fingerprint"] for r in rows if r["status"] == "resolved"}
    assert resolved <= fired


def test_backtest_reports_a_bad_file(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("date,attacker,weapon_class,launched,intercepted\nnot-a-date,RU,drones,1,1\n")
    assert main(["backtest", "--history", str(bad)]) == 2
    assert "bad.csv:2" in capsys.readouterr().err


def test_baseline_import_merges_into_the_data_dir(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path / "var"))
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_history(first, [10, 20, 30])
    write_history(second, [11])  # revises 2025-03-01 only
    assert main(["baseline", "import", str(first)]) == 0
    assert main(["baseline", "import", str(second)]) == 0
    target = tmp_path / "var" / "alerting" / "baseline.csv"
    with target.open() as handle:
        rows = {r["date"]: int(r["launched"]) for r in csv.DictReader(handle)}
    assert rows == {"2025-03-01": 11, "2025-03-02": 20, "2025-03-03": 30}
    assert str(target) in capsys.readouterr().out


def test_negative_counts_in_a_history_are_refused_in_one_line(tmp_path, capsys):
    history = tmp_path / "h.csv"
    write_history(history, [99, -5, 120])
    assert main(["backtest", "--history", str(history)]) == 2
    assert main(["baseline", "import", str(history), "--to", str(tmp_path / "b.csv")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 2 and all("h.csv:3: launched, intercepted must be a count >= 0" in x for x in lines)
    assert not (tmp_path / "b.csv").exists()
