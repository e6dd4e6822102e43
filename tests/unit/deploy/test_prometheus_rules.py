"""Prometheus configs and ops rules through promtool (Debian's `prometheus` package ships it).

`promtool check config` validates both scrape configs (and the rule files they load),
`check rules` the rules, and `test rules` runs deploy/prometheus/rules_test.yml: every alert has a
case that fires and a look-alike that must not. Skipped, with the reason, only where promtool is
not installed (`apt-get install prometheus`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
PROM_DIR = ROOT / "deploy" / "prometheus"
ALERTMANAGER_CONFIG = ROOT / "deploy" / "alertmanager" / "alertmanager.yml"
REQUIRED_ALERTS = {
    "StrikeWatchServiceDown",
    "StrikeWatchConsumerLagGrowing",
    "StrikeWatchDeadLetters",
    "StrikeWatchWebhookDeliveriesFailing",
    "StrikeWatchNoArticlesIngested",
    "StrikeWatchDeadLettersGrowing",
    "StrikeWatchFeedStale",
    "StrikeWatchWatermarkStalled",
}
RULE_TESTS = ("rules_test.yml", "rules_test_days.yml")  # the second evaluates every 15 m (3-day alerts)
RUNBOOK = ROOT / "docs" / "runbook.md"
DASHBOARD_URL = "http://127.0.0.1:3000/d/strikewatch/strikewatch?var-service="

needs_promtool = pytest.mark.skipif(
    shutil.which("promtool") is None,
    reason="promtool not on PATH (install Debian's `prometheus` package: apt-get install prometheus)",
)


def _run(*args: str, cwd: Path = PROM_DIR) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, timeout=60)


def _rule_test_cases() -> list[dict]:
    docs = [yaml.safe_load((PROM_DIR / name).read_text(encoding="utf-8")) for name in RULE_TESTS]
    return [case for doc in docs for t in doc["tests"] for case in t.get("alert_rule_test", [])]


def _rules() -> list[dict]:
    doc = yaml.safe_load((PROM_DIR / "rules.yml").read_text(encoding="utf-8"))
    return [rule for group in doc["groups"] for rule in group["rules"]]


@needs_promtool
@pytest.mark.parametrize("config", ["prometheus.yml", "local.yml"])
def test_promtool_check_config(config):
    result = _run("promtool", "check", "config", config)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "rules.yml" in result.stdout, "the config loads the rule file"


@needs_promtool
def test_promtool_check_rules():
    result = _run("promtool", "check", "rules", "rules.yml")
    assert result.returncode == 0, result.stdout + result.stderr


@needs_promtool
def test_promtool_test_rules():
    result = _run("promtool", "test", "rules", *RULE_TESTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("SUCCESS") == len(RULE_TESTS)


@needs_promtool
def test_rule_tests_catch_a_broken_rule(tmp_path):
    """The unit tests have teeth: loosening one threshold makes `promtool test rules` fail."""
    broken = (PROM_DIR / "rules.yml").read_text(encoding="utf-8").replace("> 1800", "> 3600")
    (tmp_path / "rules.yml").write_text(broken, encoding="utf-8")
    shutil.copy(PROM_DIR / "rules_test.yml", tmp_path / "rules_test.yml")
    result = _run("promtool", "test", "rules", "rules_test.yml", cwd=tmp_path)
    assert result.returncode != 0
    assert "StrikeWatchNoArticlesIngested" in result.stdout + result.stderr


def test_required_ops_alerts_are_defined_and_tested():
    names = {rule["alert"] for rule in _rules()}
    assert REQUIRED_ALERTS <= names, f"missing: {sorted(REQUIRED_ALERTS - names)}"
    tested = {case["alertname"] for case in _rule_test_cases()}
    assert names <= tested, f"alerts without a promtool test: {sorted(names - tested)}"


def test_every_alert_has_severity_and_summary():
    for rule in _rules():
        assert rule["labels"]["severity"] in {"warning", "critical"}, rule["alert"]
        assert rule["annotations"]["summary"] and rule["annotations"]["description"], rule["alert"]


@pytest.mark.skipif(shutil.which("amtool") is None,
                    reason="amtool not on PATH (Debian package prometheus-alertmanager)")
def test_amtool_check_alertmanager_config():
    result = _run("amtool", "check-config", str(ALERTMANAGER_CONFIG))
    assert result.returncode == 0, result.stdout + result.stderr


def _anchor(heading: str) -> str:
    """GitHub's anchor of a markdown heading."""
    return re.sub(r"[^a-z0-9 _-]", "", heading.strip().lower()).replace(" ", "-")


def test_every_alert_links_its_runbook_section_and_the_dashboard():
    anchors = {_anchor(line.lstrip("#")) for line in RUNBOOK.read_text(encoding="utf-8").splitlines()
               if line.startswith("## ")}
    for rule in _rules():
        runbook = rule["annotations"]["runbook_url"]
        path, _, anchor = runbook.partition("#")
        assert path == "docs/runbook.md" and anchor in anchors, f"{rule['alert']}: {runbook}"
        assert anchor == rule["alert"].lower()
        assert rule["annotations"]["dashboard"].startswith(DASHBOARD_URL), rule["alert"]


def test_every_alert_carries_a_service_label():
    """Alertmanager groups by (alertname, service); an alert without `service` lands in one
    catch-all group. The label comes from the rule, the `by (service)` of its expression, the
    series (strikewatch_service_ready), or for `up` from its job (job names = service names)."""
    fired = {}
    for case in _rule_test_cases():
        for alert in case.get("exp_alerts", []):
            fired.setdefault(case["alertname"], []).append(alert["exp_labels"])
    assert set(fired) == {rule["alert"] for rule in _rules()}, "every alert has a firing case"
    for name, label_sets in fired.items():
        for labels in label_sets:
            assert labels.get("service"), f"{name} fires without a service label: {labels}"
    down = next(r for r in _rules() if r["alert"] == "StrikeWatchServiceDown")
    assert 'label_replace(up == 0, "service", "$1", "job", "(.+)")' in down["expr"]
    alertmanager = yaml.safe_load(ALERTMANAGER_CONFIG.read_text(encoding="utf-8"))
    assert alertmanager["route"]["group_by"] == ["alertname", "service"]
    assert all("service" in rule["equal"] for rule in alertmanager["inhibit_rules"])


@needs_promtool
@pytest.mark.parametrize(("alert", "old", "new"), [
    ("StrikeWatchDeadLettersGrowing", "> 0.05 *", "> 0.5 *"),
    ("StrikeWatchFeedStale", "timestamp_seconds > 3600", "timestamp_seconds > 7200"),
    ("StrikeWatchWatermarkStalled", "> 3 * 86400", "> 4 * 86400"),
])
def test_new_rule_tests_catch_a_loosened_threshold(tmp_path, alert, old, new):
    text = (PROM_DIR / "rules.yml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (tmp_path / "rules.yml").write_text(text.replace(old, new), encoding="utf-8")
    test_file = "rules_test_days.yml" if alert == "StrikeWatchWatermarkStalled" else "rules_test.yml"
    shutil.copy(PROM_DIR / test_file, tmp_path / test_file)
    result = _run("promtool", "test", "rules", test_file, cwd=tmp_path)
    assert result.returncode != 0 and alert in result.stdout + result.stderr
