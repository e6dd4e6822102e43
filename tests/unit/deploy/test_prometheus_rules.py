"""Prometheus configs and ops rules through promtool (Debian's `prometheus` package ships it).

`promtool check config` validates both scrape configs (and the rule files they load),
`check rules` the rules, and `test rules` runs deploy/prometheus/rules_test.yml: every alert has a
case that fires and a look-alike that must not. Skipped, with the reason, only where promtool is
not installed (`apt-get install prometheus`).
"""

from __future__ import annotations

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
}

needs_promtool = pytest.mark.skipif(
    shutil.which("promtool") is None,
    reason="promtool not on PATH (install Debian's `prometheus` package: apt-get install prometheus)",
)


def _run(*args: str, cwd: Path = PROM_DIR) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, cwd=cwd, timeout=60)


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
    result = _run("promtool", "test", "rules", "rules_test.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


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
    tests = yaml.safe_load((PROM_DIR / "rules_test.yml").read_text(encoding="utf-8"))
    tested = {case["alertname"] for t in tests["tests"] for case in t.get("alert_rule_test", [])}
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
