"""The one size policy: limits derived from one maximum, dead letters that always fit."""

from __future__ import annotations

import base64
import hashlib

import pytest

from services.runtime.app import faust_options
from services.runtime.record_size import (
    DEAD_LETTER_HEAD_CAP,
    client_limit,
    dead_letter_head_bytes,
    too_large,
)
from services.runtime.settings import RuntimeSettings
from services.runtime.streams import dead_letter_for

MB = 1024 * 1024


def test_size_check_is_strictly_over_the_maximum():
    assert not too_large(MB, MB) and too_large(MB + 1, MB)


@pytest.mark.parametrize("maximum", [64 * 1024, 100_000, MB, 8 * MB])
def test_dead_letter_of_a_5mb_input_fits_under_the_maximum(maximum):
    value = bytes(range(256)) * (5 * MB // 256)
    key = b"k" * 100_000
    record = dead_letter_for("dedup", "x" * 5000, value, "\x01" * 10_000, "too_large", key=key,
                             max_record_bytes=maximum)
    encoded = record.model_dump_json().encode()
    assert len(encoded) <= maximum
    assert record.value_size == len(value) and record.value_truncated
    assert record.value_sha256 == hashlib.sha256(value).hexdigest()
    head = base64.b64decode(record.value_b64)
    assert head == value[: len(head)] and len(head) == dead_letter_head_bytes(maximum)


def test_small_inputs_are_copied_whole_and_heads_are_capped():
    record = dead_letter_for("dedup", "articles.raw", b"{bad", "nope", "decode")
    assert base64.b64decode(record.value_b64) == b"{bad" and not record.value_truncated
    assert record.value_size == 4
    assert dead_letter_head_bytes(64 * MB) == DEAD_LETTER_HEAD_CAP


def test_head_only_callers_keep_the_whole_inputs_size_and_digest():
    record = dead_letter_for("feed_producer", "inbox/x", b"head", "big", "too_large",
                             value_size=20 * MB, value_sha256="ab" * 32)
    assert record.value_size == 20 * MB and record.value_sha256 == "ab" * 32 and record.value_truncated


def test_every_client_limit_follows_the_one_maximum(monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_MAX_RECORD_BYTES", str(2 * MB))
    settings = RuntimeSettings()
    opts = faust_options("dedup", settings)
    assert settings.kafka_limit_bytes == client_limit(2 * MB) > 2 * MB
    assert opts["producer_max_request_size"] == opts["consumer_max_fetch_size"] == settings.kafka_limit_bytes


def test_maximum_below_the_floor_is_refused(monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_MAX_RECORD_BYTES", "1000")
    with pytest.raises(ValueError):
        RuntimeSettings()
