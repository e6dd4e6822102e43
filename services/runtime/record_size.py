"""The one size policy: every limit on a record's size follows `STRIKEWATCH_MAX_RECORD_BYTES`.

`max_record_bytes` bounds the encoded value our code sends. The clients' and the broker's limits
(kafka-python's and faust's `max_request_size`, faust's fetch size, `max.message.bytes` of the
topics we create) are that plus `RECORD_OVERHEAD_BYTES` for the key, headers and batch framing, so
a value that passes our check is never refused by a client or the broker. A larger input is cut to
a bounded dead-letter record (size, sha256, the head of the bytes), which always fits.
"""

from __future__ import annotations

DEFAULT_MAX_RECORD_BYTES = 1024 * 1024
"""1 MiB: what a stock broker and faust's producer accept, so nothing else needs changing."""
MIN_MAX_RECORD_BYTES = 64 * 1024
RECORD_OVERHEAD_BYTES = 16 * 1024
"""Room above the value for key (capped at `KEY_HEAD_BYTES` in dead letters), headers, framing."""
DEAD_LETTER_HEAD_CAP = 256 * 1024
"""A dead letter never copies more of the input than this, whatever the maximum."""
DEAD_LETTER_RESERVE_BYTES = 32 * 1024
"""Room in a dead letter for everything but the copied head: error text (4,000 characters, at most
6 bytes each once JSON-escaped = 24,000), source, key head, field names."""
KEY_HEAD_BYTES = 1024
SOURCE_MAX_CHARS = 1000
TOO_LARGE = "too_large"


def client_limit(max_record_bytes: int) -> int:
    """The request/fetch/topic limit that lets a value of `max_record_bytes` through with its key."""
    return max_record_bytes + RECORD_OVERHEAD_BYTES


def dead_letter_head_bytes(max_record_bytes: int) -> int:
    """How many input bytes a dead letter copies: base64 grows them by 4/3, the rest is reserved."""
    room = max(0, max_record_bytes - DEAD_LETTER_RESERVE_BYTES) * 3 // 4
    return min(DEAD_LETTER_HEAD_CAP, room)


def too_large(size: int, max_record_bytes: int) -> bool:
    """True when an encoded value of `size` bytes may not be sent."""
    return size > max_record_bytes


def too_large_reason(what: str, size: int, max_record_bytes: int) -> str:
    """The human-readable reason of a `too_large` dead letter."""
    return f"{what} is {size} bytes, over the maximum record size of {max_record_bytes} bytes"
