"""The Grafana dashboard, checked structurally (Grafana is not packaged for Debian).

Its queries are evaluated against a real Prometheus in tests/e2e/test_pipeline_e2e.py; here: the one
file serves both file provisioning (fixed uid, `id: null`) and import through the UI (`__inputs`
asks for the Prometheus datasource, whose uid is nowhere hard-wired: every panel reads the
`datasource` variable), the template variables (service, attacker, weapon class) reach the
queries, counters are shown as `increase(...[$__range])` (a restart resets them), the panels where
a level means something have thresholds, the layout fits the grid, the two rows hold the panels
the issue asks for, every query reads only catalogued metrics and parses as PromQL.
"""

from __future__ import annotations

import json
import re
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
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
# Panels that show volumes or the war's figures, where no level is good or bad in itself.
NO_THRESHOLD_PANELS = {"Records in per stage", "Records out per stage", "Articles ingested per feed",
                       "Drones, latest night", "Missiles, latest night",
                       "Launched over the last 7 nights, by weapon class", "Attacks by oblast, last 30 nights"}


@pytest.fixture(scope="module")
def dashboard() -> dict:
    return load_dashboard()


def _panels(dashboard: dict) -> list[dict]:
    out = []
    for panel in dashboard["panels"]:
        out.append(panel)
        out.extend(panel.get("panels", []))
    return out


def _variables(dashboard: dict) -> dict[str, dict]:
    return {v["name"]: v for v in dashboard["templating"]["list"]}


def test_loads_through_file_provisioning(dashboard):
    assert dashboard["uid"] == "strikewatch" and dashboard["id"] is None
    assert dashboard["schemaVersion"] >= 36 and dashboard["title"]
    provider = yaml.safe_load(PROVIDERS.read_text(encoding="utf-8"))["providers"][0]
    assert provider["type"] == "file" and provider["options"]["path"] == "/var/lib/grafana/dashboards"
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro" in compose["services"]["grafana"]["volumes"]
    # Provisioning does not resolve ${DS_...}: the provisioned Prometheus must be the default one,
    # which the datasource variable falls back to.
    (source,) = yaml.safe_load(DATASOURCES.read_text(encoding="utf-8"))["datasources"]
    assert source["type"] == "prometheus" and source["isDefault"] is True


def test_imports_through_the_ui_with_inputs(dashboard):
    """Dashboards > Import reads `__inputs`, asks for a Prometheus datasource and replaces
    `${DS_PROMETHEUS}`; the only place it appears is the datasource variable's default."""
    (source_input,) = dashboard["__inputs"]
    assert source_input == {**source_input, "name": "DS_PROMETHEUS", "type": "datasource", "pluginId": "prometheus"}
    required = {(r["type"], r["id"]) for r in dashboard["__requires"]}
    assert {("grafana", "grafana"), ("datasource", "prometheus")} <= required
    panel_types = {p["type"] for p in _panels(dashboard) if p["type"] != "row"}
    assert panel_types <= {r["id"] for r in dashboard["__requires"] if r["type"] == "panel"}
    text = DASHBOARD.read_text(encoding="utf-8")
    assert text.count("${DS_PROMETHEUS}") == 1
    variable = _variables(dashboard)["datasource"]
    assert variable["type"] == "datasource" and variable["query"] == "prometheus"
    assert variable["current"]["value"] == "${DS_PROMETHEUS}"


def test_no_datasource_uid_is_hard_wired(dashboard):
    source = yaml.safe_load(DATASOURCES.read_text(encoding="utf-8"))["datasources"][0]
    assert f'"uid": "{source["uid"]}"' not in DASHBOARD.read_text(encoding="utf-8")
    for panel in _panels(dashboard):
        if panel["type"] == "row":
            continue
        assert panel["datasource"] == DATASOURCE, panel["title"]
        assert panel["targets"], f"{panel['title']} has no query"
        for target in panel["targets"]:
            assert target["datasource"] == DATASOURCE, panel["title"]
            assert target["expr"].strip() and target["refId"]
    for variable in _variables(dashboard).values():
        if variable["type"] == "query":
            assert variable["datasource"] == DATASOURCE, variable["name"]


@pytest.mark.parametrize(("name", "metric", "label"), [
    ("service", "strikewatch_service_up", "service"),
    ("attacker", "strikewatch_aggregation_watermark_timestamp_seconds", "attacker"),
    ("weapon_class", "strikewatch_strikes_launched_last_7_nights", "weapon_class"),
])
def test_template_variables_list_catalogued_label_values(dashboard, name, metric, label):
    variable = _variables(dashboard)[name]
    assert variable["type"] == "query" and variable["multi"] and variable["includeAll"]
    assert variable["allValue"] == ".*", "All must be a regex that matches every value"
    assert variable["definition"] == variable["query"]["query"] == f"label_values({metric}, {label})"
    entry = load_catalogue()[metric]
    assert label in entry.labels, f"{metric} has no label {label}"


def test_variables_filter_the_panels_that_carry_their_label(dashboard):
    catalogue = load_catalogue()
    used = {"service": 0, "attacker": 0, "weapon_class": 0}
    for query in panel_queries(dashboard):
        for variable in used:
            if f"${variable}" in query.expr:
                used[variable] += 1
                assert re.search(rf'\b(\w+)=~"\${variable}"', query.expr), query.expr
        for metric in query.metrics():
            entry = catalogue.get(metric)
            if entry is not None and "attacker" in entry.labels:
                assert 'attacker=~"$attacker"' in query.expr, f"{query.panel}: {query.expr}"
            if entry is not None and "service" in entry.labels:
                assert 'service=~"$service"' in query.expr or metric.startswith("strikewatch_alert"), query.expr
    assert all(used.values()), f"variables no panel uses: {[v for v, n in used.items() if not n]}"


def test_counters_are_shown_as_increases_over_the_range(dashboard):
    """A raw counter falls to 0 when its service restarts; rate() or increase() absorb resets."""
    catalogue = load_catalogue()
    for query in panel_queries(dashboard):
        for metric in query.metrics():
            entry = catalogue.get(metric)
            if entry is None or entry.type != "counter":
                continue
            assert re.search(rf"(increase|rate)\({metric}(\{{[^}}]*\}})?\[\$__(range|rate_interval)\]\)",
                             query.expr), f"{query.panel}: raw counter in {query.expr}"
    instant_counters = [q for q in panel_queries(dashboard) if "increase(" in q.expr]
    assert instant_counters and all("[$__range]" in q.expr for q in instant_counters)


def test_panels_with_a_meaningful_level_have_thresholds(dashboard):
    with_thresholds = 0
    for panel in _panels(dashboard):
        if panel["type"] == "row" or panel["title"] in NO_THRESHOLD_PANELS:
            continue
        steps = panel["fieldConfig"]["defaults"].get("thresholds", {}).get("steps", [])
        assert len(steps) >= 2, f"{panel['title']}: no threshold"
        assert steps[0]["value"] is None and all(
            a["value"] < b["value"] for a, b in zip(steps[1:], steps[2:], strict=False)), panel["title"]
        with_thresholds += 1
    assert with_thresholds >= 8


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
        "strikewatch_strikes_launched_last_night", "strikewatch_strikes_launched_last_7_nights",
        "strikewatch_missiles_launched_last_7_nights", "strikewatch_strikes_interception_ratio",
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
