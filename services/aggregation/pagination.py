"""Cursor pagination over an ordered list: the cursor is the sort key of the last item sent.

A key cursor, not an offset: while the pipeline runs, events are inserted between pages, and an
offset would then repeat or skip items; the key of the last item seen stays a valid position.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
Key = list[str]


class BadCursor(ValueError):
    """A cursor this API did not make (400, not a crash)."""


def encode_cursor(key: Key) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Key:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(f"cursor is not one this API made: {exc}") from None
    if not isinstance(key, list) or not all(isinstance(k, str) for k in key):
        raise BadCursor("cursor is not one this API made")
    return key


def paginate(items: Sequence[T], key: Callable[[T], Key], limit: int, cursor: str | None,
             descending: bool = False) -> tuple[list[T], str | None]:
    """One page of `items` (already in `key` order, ascending or descending) after `cursor`;
    returns the page and the next cursor (None on the last page). Keys must be unique."""
    if cursor:
        after = decode_cursor(cursor)
        items = [i for i in items if (key(i) < after if descending else key(i) > after)]
    page = list(items[:limit])
    more = len(items) > limit
    return page, encode_cursor(key(page[-1])) if more and page else None
