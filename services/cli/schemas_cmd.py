"""`strikewatch schemas export|check`: JSON Schema files for consumers in other languages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import schemas
from schemas.topics import TOPICS
from services.cli.errors import UsageError

DEFAULT_DIR = Path(schemas.__file__).parent / "json"


def render_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, one file per topic value model."""
    out: dict[str, str] = {}
    for model in {spec.model for spec in TOPICS.values()}:
        schema = model.model_json_schema()
        out[f"{model.__name__}.json"] = json.dumps(schema, indent=2, sort_keys=True) + "\n"
    topics = {
        name: {
            "key": s.key, "value": s.model.__name__, "partitions": s.partitions,
            "cleanup_policy": s.cleanup_policy, "retention_ms": s.retention_ms, "dlq": s.dlq,
            "description": s.description,
        }
        for name, s in sorted(TOPICS.items())
    }
    out["topics.json"] = json.dumps(topics, indent=2, sort_keys=True) + "\n"
    return out


def _export(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    target.mkdir(parents=True, exist_ok=True)
    rendered = render_schemas()
    for stale in target.glob("*.json"):
        if stale.name not in rendered:
            stale.unlink()
    for name, text in rendered.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(rendered)} schema files to {target}")
    return 0


def _check(args: argparse.Namespace) -> int:
    target = Path(args.dir)
    if not target.is_dir():  # a mistyped --dir is the user's mistake, not "every schema drifted"
        raise UsageError(f"--dir {target}: no such folder")
    rendered = render_schemas()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in target.glob("*.json")}
    drift = sorted(n for n in rendered.keys() | on_disk.keys() if rendered.get(n) != on_disk.get(n))
    if drift:
        print(f"strikewatch schemas check: schemas drifted from the models: {', '.join(drift)}; "
              "run 'strikewatch schemas export'", file=sys.stderr)
        return 1
    print(f"{len(rendered)} schema files match the models")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `schemas export` and `schemas check`."""
    parser = subparsers.add_parser("schemas", help="export or check the JSON Schemas of all topics")
    sub = parser.add_subparsers(dest="action", required=True)
    export = sub.add_parser("export", help="write JSON Schema files under schemas/json/")
    export.add_argument("--dir", default=str(DEFAULT_DIR),
                        help="folder to write (default schemas/json/ of the checkout)")
    export.set_defaults(func=_export)
    check = sub.add_parser("check", help="fail when schemas/json/ differs from the models")
    check.add_argument("--dir", default=str(DEFAULT_DIR),
                       help="folder to compare with the models (default schemas/json/ of the checkout)")
    check.set_defaults(func=_check)
