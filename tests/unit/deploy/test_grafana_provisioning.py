"""Grafana file provisioning, checked the way Grafana resolves a provisioned dashboard's datasources.

File provisioning stores the dashboard JSON as it is: `__inputs` and `${DS_...}` are resolved only
by the UI's import wizard (grafana/grafana#10786, open). So every datasource reference the
provisioned copy holds must resolve on its own against the provisioned datasources:
- a literal uid must be a provisioned datasource's uid (or one of Grafana's built-ins);
- `${name}` must be a dashboard variable of type datasource; Grafana (Scenes `MultiValueVariable`,
  and the older `validateVariableSelectionState`) selects the variable's stored `current` by value
  (a uid), then by text (a datasource name), and only then falls back to the first datasource of
  the type. The fallback is not accepted here: with a second Prometheus it would pick either.
Grafana is not run here (no Debian package, no Docker): the files are read as compose mounts them.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from services.common.checkout import CHECKOUT

GRAFANA_SERVICE = "grafana"
PROVISIONING_MOUNT = "/etc/grafana/provisioning"
# Grafana's own pseudo-datasources, valid in any instance without provisioning.
BUILT_IN_UIDS = frozenset({"-- Grafana --", "grafana", "-- Mixed --", "-- Dashboard --"})
VARIABLE_REF = re.compile(r"^\$(?:\{(\w+)(?::\w+)?\}|(\w+))$")  # $name, ${name}, ${name:format}


@dataclass(frozen=True)
class Datasource:
    name: str
    type: str
    uid: str
    is_default: bool


def _mounts() -> dict[str, Path]:
    """Container path -> checkout path, from the grafana service's bind mounts in docker-compose.yml."""
    compose = yaml.safe_load((CHECKOUT / "docker-compose.yml").read_text(encoding="utf-8"))
    mounts = {}
    for volume in compose["services"][GRAFANA_SERVICE]["volumes"]:
        source, target = volume.split(":")[:2]
        if source.startswith("./"):
            mounts[target] = CHECKOUT / source
    return mounts


def _on_host(container_path: str, mounts: dict[str, Path]) -> Path:
    for target, source in mounts.items():
        if container_path == target or container_path.startswith(target + "/"):
            return source / container_path.removeprefix(target).lstrip("/")
    raise AssertionError(f"{container_path} is not mounted into the grafana service")


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"})


def provisioned_datasources(provisioning: Path) -> list[Datasource]:
    out = []
    for path in _yaml_files(provisioning / "datasources"):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("datasources", []):
            fields = {key: str(entry.get(key, "")) for key in ("name", "type", "uid")}
            # Grafana expands $VAR in provisioning files; a reference could not be checked here.
            assert all(value and "$" not in value for value in fields.values()), f"{path.name}: {entry}"
            out.append(Datasource(**fields, is_default=bool(entry.get("isDefault"))))
    return out


def provisioned_dashboards(provisioning: Path, mounts: dict[str, Path]) -> dict[str, dict]:
    """Every dashboard JSON a file provider loads, by its path in the checkout."""
    out = {}
    for path in _yaml_files(provisioning / "dashboards"):
        for provider in yaml.safe_load(path.read_text(encoding="utf-8")).get("providers", []):
            if provider.get("type", "file") != "file":
                continue
            folder = _on_host(provider["options"]["path"], mounts)
            for file in sorted(folder.rglob("*.json")):
                out[str(file.relative_to(CHECKOUT))] = json.loads(file.read_text(encoding="utf-8"))
    return out


def _datasource_refs(node: Any, where: str) -> Iterator[tuple[str, Any]]:
    """(where, ref) for every `datasource` field in panels, targets, variables and annotations."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "datasource":
                yield where, value
            elif not key.startswith("__"):  # __inputs/__requires describe the import, not references
                yield from _datasource_refs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            label = item.get("title") or item.get("name") or item.get("refId") if isinstance(item, dict) else None
            yield from _datasource_refs(item, f"{where}[{label or i}]")


def _select(variable: dict, sources: list[Datasource]) -> Datasource | None:
    """The datasource Grafana selects for a datasource variable: stored value (uid), then text (name)."""
    current = variable.get("current") or {}
    of_type = [s for s in sources if s.type == variable.get("query")]
    by_value = [s for s in of_type if s.uid == current.get("value")]
    by_text = [s for s in of_type if s.name == current.get("text")]
    return (by_value or by_text or [None])[0]


def unresolved(dashboard: dict, sources: list[Datasource]) -> list[str]:
    """The references in a provisioned dashboard that no provisioned datasource satisfies."""
    problems = []
    variables = {v["name"]: v for v in dashboard.get("templating", {}).get("list", [])}
    for name, variable in variables.items():
        if variable.get("type") == "datasource" and _select(variable, sources) is None:
            problems.append(f"variable {name}: current {variable.get('current')} names no provisioned "
                            f"{variable.get('query')} datasource (Grafana would take whichever comes first)")
    by_uid = {s.uid: s for s in sources}
    for where, ref in _datasource_refs(dashboard, "dashboard"):
        if ref is None:
            continue
        if isinstance(ref, str):  # pre-8.3 style: a datasource name
            ref = {"uid": ref} if VARIABLE_REF.match(ref) else {"name": ref}
        if "name" in ref:
            if not any(s.name == ref["name"] for s in sources):
                problems.append(f"{where}: no provisioned datasource named {ref['name']!r}")
            continue
        uid, kind = ref.get("uid"), ref.get("type")
        if uid is None:  # Grafana's default datasource
            if not any(s.is_default and kind in (None, s.type) for s in sources):
                problems.append(f"{where}: no provisioned default {kind} datasource")
            continue
        match = VARIABLE_REF.match(uid)
        if match:
            name = match.group(1) or match.group(2)
            variable = variables.get(name)
            if variable is None or variable.get("type") != "datasource":
                problems.append(f"{where}: {uid} is not a datasource variable (provisioning resolves no "
                                "__inputs)")
            elif kind not in (None, variable.get("query")):
                problems.append(f"{where}: {kind} query on the {variable.get('query')} variable {name}")
            continue
        if uid in BUILT_IN_UIDS:
            continue
        source = by_uid.get(uid)
        if source is None:
            problems.append(f"{where}: no provisioned datasource has uid {uid!r}")
        elif kind not in (None, source.type):
            problems.append(f"{where}: uid {uid!r} is a {source.type} datasource, not {kind}")
    return problems


@pytest.fixture(scope="module")
def mounts() -> dict[str, Path]:
    return _mounts()


@pytest.fixture(scope="module")
def sources(mounts) -> list[Datasource]:
    return provisioned_datasources(_on_host(PROVISIONING_MOUNT, mounts))


@pytest.fixture(scope="module")
def dashboards(mounts) -> dict[str, dict]:
    return provisioned_dashboards(_on_host(PROVISIONING_MOUNT, mounts), mounts)


def test_the_provisioned_files_are_found(sources, dashboards):
    assert [s.type for s in sources] == ["prometheus"]
    assert "deploy/grafana/dashboards/strikewatch.json" in dashboards


def test_every_provisioned_dashboard_resolves_its_datasources(sources, dashboards):
    for path, dashboard in dashboards.items():
        refs = list(_datasource_refs(dashboard, "dashboard"))
        assert len(refs) > 20, f"{path}: the walk missed the panels' references"
        assert unresolved(dashboard, sources) == [], path


def test_the_datasource_variable_selects_the_provisioned_prometheus_by_name(sources, dashboards):
    """The `${DS_PROMETHEUS}` left in `current.value` by design (the import wizard replaces it)
    never matches a uid, so the text must be the provisioned datasource's name."""
    (prometheus,) = sources
    for dashboard in dashboards.values():
        for variable in dashboard["templating"]["list"]:
            if variable["type"] == "datasource":
                assert _select(variable, sources) == prometheus
                assert variable["current"]["text"] == prometheus.name
                import_input = {i["name"]: i for i in dashboard.get("__inputs", [])}
                placeholder = re.fullmatch(r"\$\{(\w+)\}", variable["current"]["value"])
                if placeholder:  # what the import wizard fills in must be declared for it
                    assert import_input[placeholder.group(1)]["pluginId"] == variable["query"]


def _panel_target(dashboard: dict) -> dict:
    panel = next(p for p in dashboard["panels"] if p["type"] != "row")
    return panel["targets"][0]


@pytest.mark.parametrize(("breakage", "expected"), [
    ("import placeholder in a query", "${DS_PROMETHEUS} is not a datasource variable"),
    ("hard-wired unknown uid", "no provisioned datasource has uid 'prometheus-prod'"),
    ("variable names another datasource", "names no provisioned prometheus datasource"),
    ("datasource renamed", "names no provisioned prometheus datasource"),
    ("query variable on an undefined variable", "$ds is not a datasource variable"),
])
def test_a_reference_provisioning_cannot_resolve_is_reported(sources, dashboards, breakage, expected):
    dashboard = copy.deepcopy(dashboards["deploy/grafana/dashboards/strikewatch.json"])
    broken_sources = list(sources)
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    if breakage == "import placeholder in a query":
        _panel_target(dashboard)["datasource"] = {"type": "prometheus", "uid": "${DS_PROMETHEUS}"}
    elif breakage == "hard-wired unknown uid":
        _panel_target(dashboard)["datasource"] = {"type": "prometheus", "uid": "prometheus-prod"}
    elif breakage == "variable names another datasource":
        variables["datasource"]["current"]["text"] = "Mimir"
    elif breakage == "datasource renamed":
        broken_sources = [Datasource("Prom", s.type, s.uid, s.is_default) for s in sources]
    else:
        variables["service"]["datasource"] = {"type": "prometheus", "uid": "$ds"}
    assert any(expected in problem for problem in unresolved(dashboard, broken_sources)), breakage
