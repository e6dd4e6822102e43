"""One table for the runs on several brokers: a value column and a ratio column per broker.

Pure functions (no broker, no clock): the merge, the ratio and the layout are unit-tested.
A row marked `vs_passthrough` gets its ratio to the pass-through agent measured on the same broker
in the same run; a row marked `library` needs no broker, is measured once and shown once.
"""

from __future__ import annotations

import math
from typing import Any

Row = dict[str, Any]
PASSTHROUGH_ROW = "pass-through agent (reference) throughput on broker"


def ratio(value: float, reference: float | None) -> float | None:
    """value / reference; None when there is no usable reference or value (failed or missing)."""
    if not reference or not math.isfinite(reference) or reference <= 0:
        return None
    if value is None or not math.isfinite(value):
        return None
    return round(value / reference, 3)


def merge(runs: dict[str, list[Row]], passthrough: dict[str, float | None]) -> list[Row]:
    """Rows of every broker's run, matched by name, in first-seen order. Each merged row has
    name, unit, target, notes, `library`, and `brokers`: {broker: {"value", "ratio"}} (a broker
    that did not report a row is absent from its `brokers`)."""
    merged: dict[str, Row] = {}
    for broker, rows in runs.items():
        for r in rows:
            m = merged.setdefault(r["name"], {
                "name": r["name"], "unit": r["unit"], "target": r.get("target"), "notes": r.get("notes", ""),
                "library": bool(r.get("library")), "brokers": {},
            })
            rel = r.get("vs_passthrough") or r["name"] == PASSTHROUGH_ROW
            m["brokers"][broker] = {
                "value": r["value"],
                "ratio": ratio(r["value"], passthrough.get(broker)) if rel else None,
                "notes": r.get("notes", ""),
            }
    for m in merged.values():
        notes = {b: cell["notes"] for b, cell in m["brokers"].items() if cell["notes"]}
        if len(set(notes.values())) > 1:  # e.g. "1998/2000 outputs" on one broker only
            m["notes"] = "; ".join(f"{b}: {n}" for b, n in notes.items())
    return list(merged.values())


def _num(value: float | None, fmt: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return format(value, fmt)


def render(merged: list[Row], brokers: list[str]) -> str:
    """The table as text: library rows carry one value (under the first broker, marked `lib`)."""
    width = max([len("benchmark")] + [len(r["name"]) for r in merged])
    head = f"{'benchmark'.ljust(width)}  {'unit':<11}"
    for b in brokers:
        head += f" {b:>12} {'/pt':>6}"
    head += f"  {'target':<8} notes"
    lines = [head, "-" * len(head)]
    for r in merged:
        line = f"{r['name'].ljust(width)}  {r['unit']:<11}"
        if r["library"]:
            only = next(iter(r["brokers"].values()))
            line += f" {_num(only['value'], ',.3f'):>12} {'lib':>6}" + " " * (20 * (len(brokers) - 1))
        else:
            for b in brokers:
                cell = r["brokers"].get(b)
                value = _num(cell["value"], ",.3f") if cell else "-"
                rel = _num(cell["ratio"], ".2f") if cell else "-"
                line += f" {value:>12} {rel:>6}"
        line += f"  {r['target'] or '':<8} {r['notes']}"
        lines.append(line.rstrip())
    return "\n".join(lines)
