import base64
import json
import random
from pathlib import Path

from services.feed_producer.metrics import ARTICLES_EMITTED, FETCH_ERRORS
from services.feed_producer.runner import backoff_seconds
from services.feed_producer.settings import FeedConfig, load_feeds_file
from tests.unit.feed_producer.conftest import BOMB, RSS


def _metric(counter, *labels) -> float:
    return counter.labels(*labels)._value.get()


def test_feed_is_emitted_once_and_state_survives_restart(make_producer, tmp_path):
    feed_file = tmp_path / "wire.rss"
    feed_file.write_bytes(RSS)
    producer, sink = make_producer([FeedConfig(name="wire-a", url=str(feed_file))])
    before = _metric(ARTICLES_EMITTED, "wire-a")
    assert producer.poll_due_feeds(now=0) == 2
    assert producer.poll_due_feeds(now=10_000) == 0  # unchanged file: 304-like, nothing re-emitted
    producer.close()
    again, sink2 = make_producer([FeedConfig(name="wire-a", url=str(feed_file))])
    feed_file.write_bytes(RSS + b"\n")  # touched: fetched again, but nothing is new
    assert again.poll_due_feeds(now=0) == 0
    assert sink2.articles == []
    assert _metric(ARTICLES_EMITTED, "wire-a") - before == 2


def test_changed_text_at_same_url_is_emitted_again_as_revision_candidate(make_producer, tmp_path):
    feed_file = tmp_path / "wire.rss"
    feed_file.write_bytes(RSS)
    producer, sink = make_producer([FeedConfig(name="wire-b", url=str(feed_file))])
    producer.poll_due_feeds(now=0)
    feed_file.write_bytes(RSS.replace(b"40 drones", b"45 drones"))
    assert producer.poll_due_feeds(now=10_000) == 1
    assert sink.articles[-1].id == sink.articles[0].id and "45 drones" in sink.articles[-1].text


def test_bad_feed_is_counted_dead_lettered_backed_off_and_others_go_on(make_producer, tmp_path):
    good, evil = tmp_path / "good.rss", tmp_path / "evil.rss"
    good.write_bytes(RSS)
    evil.write_bytes(BOMB)
    producer, sink = make_producer(
        [FeedConfig(name="evil", url=str(evil)), FeedConfig(name="good", url=str(good))]
    )
    errors_before = _metric(FETCH_ERRORS, "evil", "xml_bomb")
    assert producer.poll_due_feeds(now=0) == 2
    assert _metric(FETCH_ERRORS, "evil", "xml_bomb") == errors_before + 1
    record, origin = sink.dead[0]
    assert origin == "evil" and base64.b64decode(record.value_b64) == BOMB and record.error_type == "xml_bomb"
    schedule = producer.schedules["evil"]
    assert 5 <= schedule.next_due <= 10  # backoff base 10 s with jitter in [0.5, 1]
    assert producer.poll_due_feeds(now=1) == 0  # still backing off: not fetched again
    assert _metric(FETCH_ERRORS, "evil", "xml_bomb") == errors_before + 1


def test_missing_and_oversized_feeds_are_errors_not_crashes(make_producer, tmp_path, settings):
    big = tmp_path / "big.rss"
    big.write_bytes(b"x" * (settings.max_body_bytes + 1))
    producer, sink = make_producer(
        [
            FeedConfig(name="gone", url=str(tmp_path / "nope.rss")),
            FeedConfig(name="big", url=str(big)),
        ]
    )
    assert producer.poll_due_feeds(now=0) == 0
    assert producer.schedules["gone"].failing_kind == "not_found"
    assert producer.schedules["big"].failing_kind == "too_large"


def test_backoff_grows_exponentially_up_to_the_cap():
    rng = random.Random(1)
    delays = [backoff_seconds(n, 10, 100, rng) for n in range(1, 7)]
    caps = [10, 20, 40, 80, 100, 100]
    assert all(c / 2 <= d <= c for d, c in zip(delays, caps, strict=True))


def test_inbox_reads_txt_json_jsonl_and_rejects_unreadable_files(make_producer, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("date 2025-09-20\nTitle A\n\nRussia launched 12 drones at Sumy.\n")
    (inbox / "b.json").write_text(
        json.dumps({"url": "https://x.example/b", "title": "B", "text": "Body B", "published": "2025-09-21"})
    )
    (inbox / "c.jsonl").write_text('{"title": "C1", "text": "one"}\n{"title": "C2", "text": "two"}\n')
    (inbox / "bad.txt").write_bytes(b"\xff\xfe\xfa not utf-8")
    (inbox / "bad.json").write_text("{nope")
    (inbox / "photo.png").write_bytes(b"\x89PNG")
    producer, sink = make_producer(inbox=inbox)
    assert producer.scan_inbox() == 4
    assert {a.title for a in sink.articles} == {"Title A", "B", "C1", "C2"}
    a = next(a for a in sink.articles if a.title == "Title A")
    assert a.published_at.date().isoformat() == "2025-09-20" and a.url is None
    rejected = inbox / "rejected"
    assert sorted(p.name for p in rejected.iterdir()) == sorted(
        [
            "bad.txt",
            "bad.txt.reason.txt",
            "bad.json",
            "bad.json.reason.txt",
        ]
    )
    assert (inbox / "photo.png").exists()  # unknown extensions are ignored (logged once), left in place
    assert "not UTF-8" in (rejected / "bad.txt.reason.txt").read_text()
    assert {base64.b64decode(d.value_b64) for d, _ in sink.dead} >= {b"\xff\xfe\xfa not utf-8", b"{nope"}
    assert producer.scan_inbox() == 0  # nothing new on the next scan


def test_jsonl_replay_rejects_bad_lines_with_their_bytes(make_producer):
    producer, sink = make_producer()
    lines = [
        b'{"url": "https://r.example/1", "title": "R1", "text": "t1"}\n',
        b"not json\n",
        b'{"title": "no text"}\n',
    ]
    assert producer.emit_jsonl(lines) == (1, 2)
    assert [base64.b64decode(d.value_b64) for d, _ in sink.dead] == [b"not json\n", b'{"title": "no text"}\n']


def test_feeds_yaml_paths_are_relative_to_the_file(tmp_path: Path):
    (tmp_path / "feeds.yaml").write_text(
        "feeds:\n  - name: s\n    url: f/s.rss\n    interval_seconds: 60\ninbox: in\n"
    )
    doc = load_feeds_file(tmp_path / "feeds.yaml")
    assert doc.feeds[0].url == str(tmp_path / "f" / "s.rss") and doc.inbox == tmp_path / "in"
