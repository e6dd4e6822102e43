"""Structured logging: plain lines for people, JSON lines for machines (STRIKEWATCH_LOG_JSON)."""

from __future__ import annotations

import json
import logging
import logging.config
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

_STD_ATTRS = set(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record; extra= fields are kept as keys."""

    def format(self, record: logging.LogRecord) -> str:  # noqa: D102
        payload = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload |= {k: v for k, v in record.__dict__.items() if k not in _STD_ATTRS}
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


REPEAT_WINDOW_SECONDS = 10.0
"""A warning or error repeated within this window is written once, with a count of the rest."""
MAX_TRACKED_MESSAGES = 1000
"""Distinct messages remembered by the repeat filter (the oldest is forgotten first)."""


@dataclass
class _Window:
    opened: float
    suppressed: int = 0


class RepeatFilter(logging.Filter):
    """Rate-limits repeated warnings and errors: one line per message per window, with a count.

    Why: while the broker is away aiokafka logs every failed connect and fetch, ~270 ERROR lines a
    second (issue 11 item 5), which buries the one line that says what happened and fills disks.
    A message is its logger, level and format string (not the formatted text, so "node 1" and
    "node 2" of one template count together). The first record of a window passes; the others are
    counted and dropped; the first one after the window passes carrying `repeated=<count>` and a
    "(N more like this in the last Ts)" suffix. Records below WARNING always pass."""

    def __init__(self, window: float = REPEAT_WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic,
                 min_level: int = logging.WARNING) -> None:
        super().__init__()
        self.window, self.clock, self.min_level = window, clock, min_level
        self._windows: dict[tuple[str, int, str], _Window] = {}

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: D102
        if record.levelno < self.min_level or self.window <= 0:
            return True
        key = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        window = self._windows.get(key)
        if window is not None and now - window.opened < self.window:
            window.suppressed += 1
            return False
        if window is not None and window.suppressed:
            lasted = now - window.opened
            record.msg = f"{record.msg} ({window.suppressed} more like this in the last {lasted:.0f}s)"
            record.repeated = window.suppressed
        self._windows.pop(key, None)
        self._windows[key] = _Window(now)
        if len(self._windows) > MAX_TRACKED_MESSAGES:
            self._windows.pop(next(iter(self._windows)))
        return True


NOISY_LIBRARIES = ("faust", "mode", "aiokafka", "kafka", "httpx")
"""Libraries that narrate every start step at INFO; a user watching a service wants its own lines."""


def logging_config(level: str = "INFO", json_lines: bool = False, quiet_libraries: bool = True,
                   repeat_window: float = REPEAT_WINDOW_SECONDS) -> dict:
    """One dictConfig for the process; faust is handed the same one, so its worker keeps it."""
    level = level.upper()
    loggers: dict[str, dict[str, str]] = {}
    if quiet_libraries:
        loggers = {name: {"level": "WARNING"} for name in NOISY_LIBRARIES}
        loggers["faust.worker"] = {"level": level}  # keeps its one-line "Ready"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": f"{__name__}.JsonFormatter"},
            "plain": {"format": "%(asctime)s %(levelname)-5s %(name)s: %(message)s"},
        },
        "filters": {"repeats": {"()": f"{__name__}.RepeatFilter", "window": repeat_window}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json" if json_lines else "plain",
                       "filters": ["repeats"]}
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": loggers,
    }


def configure_logging(level: str = "INFO", json_lines: bool = False, quiet_libraries: bool = True,
                      repeat_window: float = REPEAT_WINDOW_SECONDS) -> None:
    """Install the process's logging configuration (idempotent)."""
    logging.config.dictConfig(logging_config(level, json_lines, quiet_libraries, repeat_window))
