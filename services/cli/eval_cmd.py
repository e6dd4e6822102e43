"""`strikewatch eval dedup|extract`: quality of a stage on its labelled set.

Each target lives in `services/offline/` (`<stage>_eval.py`, it runs a service's core) and exposes
`add_arguments(parser)` and `main(args) -> int`; imported lazily so `--help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from services.cli.errors import UsageError, one_line

TARGETS = {
    "dedup": ("services.offline.dedup_eval", "precision/recall of duplicate and near-duplicate verdicts"),
    "extract": ("services.offline.extraction_eval", "P/R/F1 of strike figures, entities, dates, scope"),
}


EVAL_SET_OPTIONS = ("set", "corpus", "texts", "gold")
"""Options of the evaluation modules that name a labelled set to read."""


def _runner(module_name: str, parser: argparse.ArgumentParser):  # noqa: ANN202 - the argparse callback
    def run(args: argparse.Namespace) -> int:
        given = []  # sets the user named instead of the packaged ones
        for option in EVAL_SET_OPTIONS:
            value = getattr(args, option, None)
            if value is not None and not Path(value).exists():
                raise UsageError(f"--{option} {value}: no such file or folder (the labelled set to score)")
            if value is not None and Path(value).is_dir() and not any(Path(value).iterdir()):
                raise UsageError(f"--{option} {value}: an empty folder (the labelled set to score)")
            if value is not None and value != parser.get_default(option):
                given.append(f"--{option} {value}")
        try:
            return int(importlib.import_module(module_name).main(args) or 0)
        except (KeyError, TypeError, ValueError) as exc:
            if not given:
                raise  # the packaged sets are tested: this is a bug, keep its traceback
            raise UsageError(f"{' '.join(given)}: not a labelled set of this format "
                             f"({type(exc).__name__}: {one_line(exc)})") from exc

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
        target.set_defaults(func=_runner(module_name, target))
