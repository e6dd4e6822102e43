"""Tables of the API as CSV, flattened the way a spreadsheet wants them: one row per item, nested
counts as `launched.drones` columns, lists of words joined by `; `."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any


def flatten(item: Mapping[str, Any], prefix: str = "", skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in item.items():
        if name in skip:
            continue
        column = f"{prefix}{name}"
        if isinstance(value, Mapping):
            out |= flatten(value, f"{column}.")
        elif isinstance(value, list):
            scalar = all(not isinstance(v, Mapping | list) for v in value)
            out[column] = "; ".join(str(v) for v in value) if scalar else json.dumps(value)
        else:
            out[column] = "" if value is None else value
    return out


def to_csv(items: Iterable[Mapping[str, Any]], skip: frozenset[str] = frozenset()) -> str:
    """CSV text with a header of every column any item has (first-seen order)."""
    rows = [flatten(item, skip=skip) for item in items]
    columns: dict[str, None] = {}
    for row in rows:
        columns |= dict.fromkeys(row)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), restval="", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
