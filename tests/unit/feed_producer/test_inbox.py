"""The safe inbox, on real files: no symlinks followed (reading or writing rejected/), files read
only once settled or renamed in, ignored names logged once, oversized files never read whole.

Time is a fake clock handed to the producer; no test sleeps."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import time
from pathlib import Path

import pytest

from services.feed_producer import inbox as inbox_module
from services.feed_producer.metrics import INBOX_FILES_IGNORED
from services.feed_producer.runner import Producer
from services.feed_producer.settings import FeedProducerSettings
from tests.unit.feed_producer.conftest import ListSink

ARTICLE = {"url": "https://wire.example/n", "title": "Night", "text": "Russia launched 40 drones."}


class Clock:
    """Wall clock the test moves by hand (starts at real now: file mtimes are real)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _ignored(reason: str) -> float:
    return INBOX_FILES_IGNORED.labels(reason)._value.get()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    path = tmp_path / "inbox"
    path.mkdir()
    return path


def _producer(settings: FeedProducerSettings, inbox: Path, settle: float, clock: Clock) -> tuple[Producer, ListSink]:
    sink = ListSink()
    s = settings.model_copy(update={"inbox_settle_seconds": settle})
    return Producer(s, sink, [], inbox, clock=clock), sink


def test_symlink_to_a_file_outside_is_refused_and_not_read(settings, inbox, tmp_path, caplog):
    secret = tmp_path / "secret.txt"
    secret.write_text("date 2025-09-20\nroot:x:0:0\n\nprivate line\n")
    (inbox / "passwd.txt").symlink_to(secret)
    (inbox / "ok.json").write_text(json.dumps(ARTICLE))
    producer, sink = _producer(settings, inbox, 0.0, Clock())
    before = _ignored("symlink")
    with caplog.at_level(logging.WARNING):
        assert producer.scan_inbox() == 1
        assert producer.scan_inbox() == 0
    assert [a.title for a in sink.articles] == ["Night"]
    assert sink.dead == []  # nothing of the target reached a dead letter either
    assert _ignored("symlink") == before + 1
    assert [r.getMessage() for r in caplog.records].count("inbox: ignoring passwd.txt (symlink)") == 1
    assert (inbox / "passwd.txt").is_symlink() and not (inbox / "rejected").exists()


def test_links_planted_in_rejected_are_not_written_through(settings, inbox, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me\n")
    rejected = inbox / "rejected"
    rejected.mkdir()
    (rejected / "bad.json.reason.txt").symlink_to(outside)
    (rejected / "bad.1.json").symlink_to(outside)
    (inbox / "bad.json").write_text("{nope")
    producer, sink = _producer(settings, inbox, 0.0, Clock())
    before = _ignored("planted_link")
    assert producer.scan_inbox() == 0
    assert outside.read_text() == "keep me\n"
    assert (rejected / "bad.json.reason.txt").is_symlink() and (rejected / "bad.1.json").is_symlink()
    assert (rejected / "bad.2.json").read_text() == "{nope"
    assert "invalid JSON" in (rejected / "bad.2.json.reason.txt").read_text()
    assert not (inbox / "bad.json").exists()
    assert _ignored("planted_link") == before + 2
    assert len(sink.dead) == 1


def test_rejected_folder_that_is_a_symlink_is_not_used(settings, inbox, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (inbox / "rejected").symlink_to(elsewhere)
    (inbox / "bad.json").write_text("{nope")
    producer, _ = _producer(settings, inbox, 0.0, Clock())
    before = _ignored("unsafe_rejected")
    assert producer.scan_inbox() == 0
    assert producer.scan_inbox() == 0  # not retried (and not logged again) while unchanged
    assert list(elsewhere.iterdir()) == []
    assert (inbox / "bad.json").read_text() == "{nope"
    assert _ignored("unsafe_rejected") == before + 1


def test_a_file_growing_across_scans_is_read_only_once_stable(settings, inbox):
    clock = Clock()
    producer, sink = _producer(settings, inbox, 60.0, clock)
    path = inbox / "night.json"
    body = json.dumps(ARTICLE).encode()
    path.write_bytes(body[:20])
    assert producer.scan_inbox() == 0
    clock.now += 30
    with path.open("ab") as f:
        f.write(body[20:])
    clock.now += 1
    assert producer.scan_inbox() == 0  # changed since the last scan: the settle time starts again
    assert sink.dead == [] and not (inbox / "rejected").exists()  # half-written, never rejected
    clock.now += 61
    assert producer.scan_inbox() == 1
    assert sink.articles[0].text == ARTICLE["text"]
    assert producer.scan_inbox() == 0


def test_a_file_renamed_in_from_a_temporary_name_is_read_at_once(settings, inbox):
    producer, sink = _producer(settings, inbox, 3600.0, Clock())
    for tmp in (inbox / "a.json.tmp", inbox / ".b.json"):
        tmp.write_text(json.dumps(ARTICLE | {"url": f"https://wire.example/{tmp.name}"}))
    assert producer.scan_inbox() == 0  # temporary names are never read
    (inbox / "a.json.tmp").rename(inbox / "a.json")
    (inbox / ".b.json").rename(inbox / "b.json")
    assert producer.scan_inbox() == 2  # same clock: renamed in, no settle wait
    assert {a.url for a in sink.articles} == {"https://wire.example/a.json.tmp", "https://wire.example/.b.json"}


def test_one_shot_scan_does_not_wait_for_settling(settings, inbox):
    (inbox / "a.json").write_text(json.dumps(ARTICLE))
    producer, _ = _producer(settings, inbox, 3600.0, Clock())
    assert producer.scan_inbox(settle=False) == 1


def test_dotfiles_and_unknown_names_are_logged_once(settings, inbox, caplog):
    (inbox / ".draft.txt").write_text("half")
    (inbox / "photo.png").write_bytes(b"\x89PNG")
    (inbox / "sub").mkdir()
    producer, _ = _producer(settings, inbox, 0.0, Clock())
    before = {r: _ignored(r) for r in ("dotfile", "unsupported_type", "not_regular")}
    with caplog.at_level(logging.INFO, logger="services.feed_producer.inbox"):
        for _ in range(3):
            assert producer.scan_inbox() == 0
    messages = [r.getMessage() for r in caplog.records]
    assert messages.count("inbox: ignoring .draft.txt (dotfile)") == 1
    assert messages.count("inbox: ignoring photo.png (unsupported_type)") == 1
    assert messages.count("inbox: ignoring sub (not_regular)") == 1
    assert {r: _ignored(r) - before[r] for r in before} == {"dotfile": 1, "unsupported_type": 1, "not_regular": 1}
    assert (inbox / ".draft.txt").exists() and (inbox / "photo.png").exists()


def test_an_oversized_file_is_rejected_without_being_read_whole(settings, inbox, monkeypatch):
    data = b"date 2025-09-20\nBig\n\n" + b"drones " * (1024 * 1024 // 7)
    assert len(data) > settings.max_body_bytes
    (inbox / "big.txt").write_bytes(data)

    def no_whole_read(fd: int, limit: int) -> bytes:
        raise AssertionError("an oversized file was read whole")

    monkeypatch.setattr(inbox_module, "_read_at_most", no_whole_read)
    producer, sink = _producer(settings, inbox, 0.0, Clock())
    assert producer.scan_inbox() == 0
    record, origin = sink.dead[0]
    head = base64.b64decode(record.value_b64)
    assert origin == "inbox" and record.error_type == "too_large"
    assert len(head) < len(data) and data.startswith(head)
    reason = (inbox / "rejected" / "big.txt.reason.txt").read_text()
    assert hashlib.sha256(data).hexdigest() in reason and str(len(data)) in reason
    assert (inbox / "rejected" / "big.txt").stat().st_size == len(data)
    restarted, sink2 = _producer(settings, inbox, 0.0, Clock())
    assert restarted.scan_inbox() == 0 and sink2.dead == []  # nothing left to crash a restart on


def test_a_fifo_is_never_opened(settings, inbox):
    os.mkfifo(inbox / "pipe.txt")
    producer, sink = _producer(settings, inbox, 0.0, Clock())
    before = _ignored("not_regular")
    assert producer.scan_inbox() == 0  # would block forever if opened for reading
    assert _ignored("not_regular") == before + 1 and sink.dead == []


def test_a_file_that_cannot_be_opened_is_logged_once_and_does_not_stop_the_scan(settings, inbox, monkeypatch, caplog):
    (inbox / "a.json").write_text(json.dumps(ARTICLE))
    (inbox / "b.json").write_text(json.dumps(ARTICLE | {"url": "https://wire.example/b"}))
    real_open = os.open

    def refuse_a(path, flags, *args, **kwargs):  # noqa: ANN001, ANN202 - os.open's signature
        if path == "a.json":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(inbox_module.os, "open", refuse_a)
    producer, sink = _producer(settings, inbox, 0.0, Clock())
    with caplog.at_level(logging.WARNING, logger="services.feed_producer.inbox"):
        assert producer.scan_inbox() == 1
        assert producer.scan_inbox() == 0
    assert [r.getMessage() for r in caplog.records].count("inbox: ignoring a.json (unreadable)") == 1
    assert sink.articles[0].url == "https://wire.example/b" and (inbox / "a.json").exists()
