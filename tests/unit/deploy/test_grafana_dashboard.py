"""The provisioned Grafana dashboard, checked structurally (Grafana is not packaged for Debian).

Its queries are evaluated against a real Prometheus in tests/e2e/test_pipeline_e2e.py; here: the
file loads through file provisioning as is (fixed uid, `id: null`, no `__inputs` / `${DS_...}`
placeholders of an "export for sharing"), every panel and target uses the provisioned datasource
uid, the layout fits the 24-column grid without overlaps, the two rows hold the panels the issue
asks for, every query reads only catalogued metrics (docs/metrics.md) and parses as PromQL.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.support.dashboard import DASHBOARD, load_dashboard, panel_queries
from tests.support.metrics_catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[3]
DATASOURCES = ROOT / "deploy" / "grafana" / "provisioning" / "datasources" / "prometheus.yml"
PROVIDERS = ROOT / "deploy" / "grafana" / "provisioning" / "dashboards" / "strikewatch.yml"


@pytest.fixture(scope="module")
def dashboard() -> dict:
    return load_dashboard()


def _panels(dashboard: dict) -> list[dict]:
    out = []
    for panel in dashboard["panels"]:
        out.append(panel)
        out.extend(panel.get("panels", []))
    return out


def test_loads_through_file_provisioning_as_is(dashboard):
    text = DASHBOARD.read_text(encoding="utf-8")
    assert dashboard["uid"] == "strikewatch" and dashboard["id"] is None
    assert "__inputs" not in dashboard and "__requires" not in dashboard
    assert "${DS_" not in text and "${" not in text
    assert dashboard["schemaVersion"] >= 36 and dashboard["title"]
    provider = yaml.safe_load(PROVIDERS.read_text(encoding="utf-8"))["providers"][0]
    assert provider["type"] == "file" and provider["options"]["path"] == "/var/lib/grafana/dashboards"
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro" in compose["services"]["grafana"]["volumes"]


def test_every_panel_and_target_uses_the_provisioned_datasource(dashboard):
    source = yaml.safe_load(DATASOURCES.read_text(encoding="utf-8"))["datasources"][0]
    expected = {"type": source["type"], "uid": source["uid"]}
    for panel in _panels(dashboard):
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == expected, panel["title"]
        assert panel["targets"], f"{panel['title']} has no query"
        for target in panel["targets"]:
            assert target.get("datasource", expected) == expected, panel["title"]
            assert target["expr"].strip() and target["refId"]


def test_layout_fits_the_grid_without_overlaps(dashboard):
    panels = _panels(dashboard)
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    cells: dict[tuple[int, int], str] = {}
    for panel in panels:
        g = panel["gridPos"]
        assert 0 <= g["x"] and g["x"] + g["w"] <= 24 and g["h"] > 0, panel["title"]
        for x in range(g["x"], g["x"] + g["w"]):
            for y in range(g["y"], g["y"] + g["h"]):
                assert (x, y) not in cells, f"{panel['title']} overlaps {cells[(x, y)]}"
                cells[(x, y)] = panel["title"]


def test_rows_hold_the_pipeline_and_war_panels(dashboard):
    by_row: dict[str, set[str]] = {}
    for query in panel_queries(dashboard):
        by_row.setdefault(query.row, set()).update(query.metrics())
    assert list(by_row) == ["Pipeline", "War"]
    assert {
        "strikewatch_messages_in_total", "strikewatch_consumer_lag", "strikewatch_processing_seconds",
        "strikewatch_dead_letters_total", "strikewatch_alert_deliveries_total",
    } <= by_row["Pipeline"]
    assert {
        "strikewatch_strikes_trailing", "strikewatch_strikes_interception_ratio",
        "strikewatch_strikes_oblast_attacks", "strikewatch_alerts_firing",
    } <= by_row["War"]
    war = " ".join(q.expr for q in panel_queries(dashboard) if q.row == "War")
    assert 'weapon_class="drones"' in war and 'weapon_class="missiles"' in war


def test_queries_read_only_catalogued_metrics(dashboard):
    catalogue = load_catalogue()
    for query in panel_queries(dashboard):
        unknown = {m for m in query.metrics() if m != "up" and m not in catalogue}
        assert not unknown, f"{query.panel}: {sorted(unknown)} not in docs/metrics.md"


@pytest.mark.skipif(shutil.which("promtool") is None,
                    reason="promtool not on PATH (install Debian's `prometheus` package)")
def test_queries_parse_as_promql(dashboard, tmp_path):
    # promtool has no offline query parser; a recording rule per query gets the same parser.
    rules = [{"record": f"dashboard:panel_{i}", "expr": q.promql()}
             for i, q in enumerate(panel_queries(dashboard))]
    path = tmp_path / "dashboard_queries.yml"
    path.write_text(json.dumps({"groups": [{"name": "dashboard", "rules": rules}]}))
    result = subprocess.run(["promtool", "check", "rules", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
