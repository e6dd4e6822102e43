"""`strikewatch eval dedup|extract`: quality of a stage on its labelled set.

Each target lives in `services/offline/` (`<stage>_eval.py`, it runs a service's core) and exposes
`add_arguments(parser)` and `main(args) -> int`; imported lazily so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib

TARGETS = {
    "dedup": ("services.offline.dedup_eval", "precision/recall of duplicate and near-duplicate verdicts"),
    "extract": ("services.offline.extraction_eval", "P/R/F1 of strike figures, entities, dates, scope"),
}


def _runner(module_name: str):  # noqa: ANN202 - returns the argparse callback
    def run(args: argparse.Namespace) -> int:
        return int(importlib.import_module(module_name).main(args) or 0)

    return run


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `eval <target>` for every stage that ships an evaluation module."""
    parser = subparsers.add_parser("eval", help="measure a stage's quality on its labelled set")
    sub = parser.add_subparsers(dest="target", required=True)
    for name, (module_name, help_text) in TARGETS.items():
        target = sub.add_parser(name, help=help_text)
        try:
            importlib.import_module(module_name).add_arguments(target)
        except ModuleNotFoundError:
            target.description = "(not built yet)"
        target.set_defaults(func=_runner(module_name))
