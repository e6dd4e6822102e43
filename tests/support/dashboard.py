"""The Grafana dashboard's panel queries, as PromQL that Prometheus's HTTP API can evaluate.

Grafana replaces `$__rate_interval`, `$__interval` and `$__range` before it sends a query; the
tests do the same with fixed windows (the e2e run is a few minutes long), so every panel's
expression is checked exactly as written in the JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.common.checkout import CHECKOUT

ROOT = CHECKOUT
DASHBOARD = ROOT / "deploy" / "grafana" / "dashboards" / "strikewatch.json"
ALL_VALUE = ".*"  # the dashboard variables' allValue
METRIC_NAME = re.compile(r"\b(strikewatch_[a-z0-9_]+|up)\b(?!\s*\()")


@dataclass(frozen=True)
class PanelQuery:
    row: str
    panel: str
    ref_id: str
    expr: str
    legend: str

    def promql(self, rate_interval: str = "1m", range_: str = "5m") -> str:
        """The expression as Grafana sends it, every template variable ($attacker, ...) at "All"."""
        expr = (self.expr.replace("$__rate_interval", rate_interval).replace("$__interval", rate_interval)
                .replace("$__range", range_))
        return re.sub(r"\$\{?([A-Za-z_]\w*)\}?", ALL_VALUE, expr)

    def metrics(self) -> set[str]:
        """Metric names the expression reads (series names, not functions or label values)."""
        without_labels = re.sub(r"\{[^}]*\}", "", self.expr)
        names = set(METRIC_NAME.findall(without_labels))
        return {n.removesuffix("_bucket") if n.endswith("_bucket") else n for n in names}


def load_dashboard(path: Path = DASHBOARD) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def panel_queries(dashboard: dict[str, Any]) -> list[PanelQuery]:
    """Every target of every panel, in layout order, with the title of the row it sits in."""
    out: list[PanelQuery] = []
    row = ""
    for panel in dashboard["panels"]:
        if panel["type"] == "row":
            row = panel["title"]
            nested = panel.get("panels", [])  # a collapsed row keeps its panels inside
        else:
            nested = [panel]
        for p in nested:
            for target in p.get("targets", []):
                out.append(PanelQuery(row, p["title"], target["refId"], target["expr"],
                                      target.get("legendFormat", "")))
    return out
