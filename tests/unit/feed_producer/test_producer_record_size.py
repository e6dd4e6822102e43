"""The producer under the one size policy: an oversized input is a bounded dead letter, not a send."""

from __future__ import annotations

import base64
import hashlib
import json

from services.feed_producer.runner import Producer
from tests.unit.feed_producer.conftest import ListSink

MAX = 70_000


def _producer(settings, inbox=None):
    sink = ListSink()
    return Producer(settings.model_copy(update={"max_record_bytes": MAX}), sink, [], inbox), sink


def test_an_oversized_stdin_record_is_dead_lettered_and_the_next_one_flows(settings):
    producer, sink = _producer(settings)
    big = json.dumps({"title": "huge", "text": "Drones. " * 20_000, "published": "2025-09-22"}).encode()
    small = json.dumps({"title": "small", "text": "Four drones hit Sumy.", "published": "2025-09-22"}).encode()
    assert producer.emit_jsonl([big, small]) == (1, 0)
    assert [a.title for a in sink.articles] == ["small"]
    [(record, origin)] = sink.dead
    assert origin == "stdin" and record.error_type == "too_large" and record.value_truncated
    assert record.value_size > MAX and len(record.model_dump_json().encode()) <= MAX
    head = base64.b64decode(record.value_b64)
    assert head.startswith(b'{') and b'"title":"huge"' in head and len(head) < record.value_size
    assert producer.emit_jsonl([big]) == (0, 0) and len(sink.dead) == 1  # remembered: once only


def test_inbox_limit_follows_the_maximum_and_rejects_with_size_and_digest(settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = b"date 2025-09-22\nBig\n\n" + b"x" * (MAX + 10)
    (inbox / "big.txt").write_bytes(data)
    (inbox / "ok.txt").write_text("date 2025-09-22\nSumy attacked\n\nFour drones hit Sumy overnight.\n")
    producer, sink = _producer(settings, inbox)
    assert producer.scan_inbox(settle=False) == 1
    [(record, origin)] = sink.dead
    assert origin == "inbox" and record.error_type == "too_large"
    assert record.value_size == len(data) and record.value_sha256 == hashlib.sha256(data).hexdigest()
    assert len(record.model_dump_json().encode()) <= MAX
    assert (inbox / "rejected" / "big.txt").exists() and (inbox / "rejected" / "big.txt.reason.txt").exists()


def test_an_inbox_file_within_the_byte_limit_whose_record_grows_too_large_is_rejected(settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = b"date 2025-09-22\nQuotes\n\n" + b'"' * 40_000  # each quote doubles once JSON-escaped
    (inbox / "quotes.txt").write_bytes(data)
    producer, sink = _producer(settings, inbox)
    assert producer.scan_inbox(settle=False) == 0 and sink.articles == []
    [(record, _)] = sink.dead
    assert record.error_type == "too_large" and "over the maximum record size" in record.error
    assert (inbox / "rejected" / "quotes.txt.reason.txt").exists()
