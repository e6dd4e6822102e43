"""Poison records for `articles.raw`, and a future-dated article for the inbox (our own text).

Kinds, in turn: random bytes, a valid article's JSON cut short, wrong types, an unknown schema
version, unicode and control characters in every field; one in LARGE_EVERY is large: a value just
under the record limit (valid JSON, not an article) or 1-5 MB (the broker refuses those: counted as
refused, they never enter the pipeline). Seeded, so two runs send the same records.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

from services.runtime.record_size import DEFAULT_MAX_RECORD_BYTES

KINDS = ("random_bytes", "truncated_json", "wrong_types", "wrong_version", "control_chars")
LARGE_EVERY = 250
"""One record in this many is a large one (near the limit, or megabytes), alternately: a suite of
10,000 sends 40 of them (~60 MB), not thousands."""

_VALID = {"schema_version": 1, "id": "poison-template", "feed": "inbox", "title": "Night report",
          "text": "Overnight 12 drones were launched; 10 were downed.",
          "fetched_at": "2026-11-20T06:00:00Z", "published_at": "2026-11-20T05:00:00Z"}


def _record(kind: str, n: int, rng: random.Random) -> bytes:
    if kind == "random_bytes":
        return rng.randbytes(rng.randint(1, 2048))
    if kind == "truncated_json":
        text = json.dumps(_VALID | {"id": f"poison-{n}"}).encode()
        return text[: rng.randint(1, len(text) - 1)]
    if kind == "wrong_types":
        return json.dumps(_VALID | {"id": n, "text": ["not", "a", "string"], "fetched_at": 17}).encode()
    if kind == "wrong_version":
        return json.dumps(_VALID | {"id": f"poison-{n}", "schema_version": 99}).encode()
    if kind == "near_limit":
        return json.dumps({"filler": "x" * (DEFAULT_MAX_RECORD_BYTES - 64)}).encode()
    if kind == "megabytes":
        return b"{" + b"7" * rng.randint(1, 5) * 1024 * 1024
    # unicode and control characters everywhere, still no article: the text field is missing
    weird = "".join(chr(rng.choice([0, 7, 27, 0x202E, 0xFEFF, 0x1F4A5, 0xFFFD, 0x0410])) for _ in range(64))
    return json.dumps({"id": weird, "feed": weird, "title": weird}).encode("utf-8", "surrogatepass")


def poison_records(count: int, seed: int = 11) -> Iterator[tuple[str, bytes]]:
    """(key, value) pairs, the kinds in turn."""
    rng = random.Random(seed)
    for n in range(count):
        if n % LARGE_EVERY == LARGE_EVERY - 1:
            kind = "near_limit" if (n // LARGE_EVERY) % 2 == 0 else "megabytes"
        else:
            kind = KINDS[n % len(KINDS)]
        yield f"poison-{kind}-{n}", _record(kind, n, rng)


def is_refused_by_broker(value: bytes) -> bool:
    """The broker refuses records over the topic's max.message.bytes (the one size policy)."""
    return len(value) > DEFAULT_MAX_RECORD_BYTES + 16 * 1024


FUTURE_ARTICLE = (
    "2099-06-01-future-night.txt",
    b"date 2099-06-01\n120 drones overnight, 100 downed\n\nOvernight Russia launched 120 attack drones "
    b"at Ukraine, the Air Force said. Air defence units downed 100 of them.\n",
)
"""An inbox file dated in 2099 (issue 11 item 2): it must not move the watermark or expire history."""
