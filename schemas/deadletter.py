"""Dead-letter record: what a service could not process, with the original bytes and the reason."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from schemas.base import Message, UtcDatetime

DEAD_LETTER_SCHEMA_VERSION = 1


class DeadLetter(Message):
    """One rejected input. `value_b64` holds the exact original bytes so it can be replayed, unless
    `value_truncated`: then only their head (an input over the maximum record size cannot be copied
    whole), with `value_size` and `value_sha256` of the whole."""

    schema_version: Literal[1] = DEAD_LETTER_SCHEMA_VERSION
    service: str = Field(description="service that rejected the input")
    source: str = Field(description="source topic, feed name or file path")
    partition: int | None = None
    offset: int | None = None
    key_b64: str | None = None
    value_b64: str = Field(description="original bytes, base64 (only their head when value_truncated)")
    value_size: int | None = Field(default=None, description="length of the original bytes")
    value_sha256: str | None = Field(default=None, description="sha256 of the original bytes, hex")
    value_truncated: bool = Field(default=False, description="value_b64 holds only the head")
    error_type: str = Field(description="short machine-readable reason, e.g. 'validation'")
    error: str = Field(description="human-readable error message")
    failed_at: UtcDatetime
