"""Exit codes of `strikewatch` and the one stderr line that reports a user's mistake.

A mistake on the command line (an option out of range, a file or folder that is missing, empty,
unreadable or malformed, an output path that cannot be written) is the user's to fix: one line
naming the command and the cause, never a traceback, and the same exit code whichever command
read the bad file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import ValidationError

EXIT_OK = 0
EXIT_FAILED = 1
"""The command ran and reports a failure: schemas drifted, texts missing, a broker died or did
not answer."""
EXIT_USAGE = 2
"""What was given is wrong: an option, an input file or folder (missing, empty, unreadable,
malformed), or an output path that cannot be written. argparse uses 2 for its own errors too."""
EXIT_INTERRUPTED = 130
"""Ctrl-C (128 + SIGINT), as shells report it."""

EXIT_CODES: Mapping[int, str] = {
    EXIT_OK: "success",
    EXIT_FAILED: "the command ran and found a problem (drift, missing texts, broker error)",
    EXIT_USAGE: "bad input: an option out of range, a missing, empty, unreadable or malformed "
                "file or folder, an output that cannot be written",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


class UsageError(Exception):
    """A user's mistake found by a command; main() prints it as one line and exits EXIT_USAGE."""


# Exceptions that mean "the input the user gave is wrong", whichever module raised them.
# ValueError is not among them: a bare ValueError may be a bug, and a bug keeps its traceback.
USER_ERRORS: tuple[type[BaseException], ...] = (
    UsageError, OSError, UnicodeError, yaml.YAMLError, ValidationError, json.JSONDecodeError,
)


def one_line(exc: BaseException) -> str:
    """The exception as one line: a file and position where known, the first validation error."""
    if isinstance(exc, ValidationError):
        errors = exc.errors()
        first = errors[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or exc.title
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        return _flat(f"{where}: {first.get('msg', '')}{more}")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark: Any = exc.problem_mark
        where = f"{mark.name}:{mark.line + 1}:{mark.column + 1}: " if mark is not None else ""
        return _flat(f"{where}invalid YAML: {exc.problem or exc.context}")
    if isinstance(exc, OSError) and exc.strerror:
        return _flat(f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror)
    return _flat(str(exc) or type(exc).__name__)


def _flat(text: str) -> str:
    return " ".join(text.split())
