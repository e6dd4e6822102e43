"""argparse types that refuse an out-of-range value with argparse's own one-line error."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

Number = TypeVar("Number", int, float)


def similarity_threshold(text: str) -> float:
    """A similarity threshold in [0, 1): datasketch's LSH cannot band for a threshold of 1."""
    value = _number(text, float)
    if not 0.0 <= value < 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not in [0, 1)")
    return value


def at_least(minimum: int) -> Callable[[str], int]:
    """A whole number >= minimum (a count, a size)."""

    def parse(text: str) -> int:
        value = _number(text, int)
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{text} is below the minimum {minimum}")
        return value

    parse.__name__ = f"integer >= {minimum}"  # what argparse names in "invalid <type> value"
    return parse


def positive_float(text: str) -> float:
    """A number > 0 (seconds to wait)."""
    value = _number(text, float)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text} is not above 0")
    return value


def port(text: str) -> int:
    """A TCP port, 1-65535."""
    value = _number(text, int)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{text} is not a port (1-65535)")
    return value


def bootstrap_servers(text: str) -> str:
    """Kafka's `host:port[,host:port...]` (an IPv6 host in brackets); refused before any client
    tries it, since kafka-python and our broker probe raise a bare ValueError on a bad one."""
    for entry in text.split(","):
        host, sep, number = entry.strip().rpartition(":")
        if not sep or not host.strip("[]") or not number.isdigit() or not 1 <= int(number) <= 65535:
            where = f" (in {text!r})" if "," in text else ""
            raise argparse.ArgumentTypeError(f"{entry.strip()!r} is not host:port{where}")
    return text


def _number(text: str, kind: type[Number]) -> Number:
    try:
        return kind(text)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
