"""Structured logging: plain lines for people, JSON lines for machines (STRIKEWATCH_LOG_JSON)."""

from __future__ import annotations

import json
import logging
import logging.config
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


NOISY_LIBRARIES = ("faust", "mode", "aiokafka", "kafka", "httpx")
"""Libraries that narrate every start step at INFO; a user watching a service wants its own lines."""


def logging_config(level: str = "INFO", json_lines: bool = False, quiet_libraries: bool = True) -> dict:
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
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": "json" if json_lines else "plain"}
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": loggers,
    }


def configure_logging(level: str = "INFO", json_lines: bool = False, quiet_libraries: bool = True) -> None:
    """Install the process's logging configuration (idempotent)."""
    logging.config.dictConfig(logging_config(level, json_lines, quiet_libraries))
