"""The producer as users run it: served RSS/Atom feeds and an inbox into the real broker."""

from __future__ import annotations

import base64
import time

import httpx
import pytest

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW
from tests.support.kafka_io import read_models
from tests.support.processes import ServiceProcess
from tests.unit.feed_producer.conftest import ATOM, RSS

pytestmark = pytest.mark.integration


def test_producer_ingests_served_feeds_and_inbox(kafka_bootstrap, topic_prefix, service_env, tmp_path, httpserver):
    httpserver.expect_request("/wire.rss").respond_with_data(RSS, content_type="application/rss+xml",
                                                              headers={"ETag": '"v1"'})
    httpserver.expect_request("/atom.xml").respond_with_data(ATOM, content_type="application/atom+xml")
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "one.txt").write_text("date 2025-09-22\nSumy attacked\n\nFour drones hit Sumy overnight.\n")
    (inbox / "junk.json").write_text("[1, 2")
    secret = tmp_path / "secret.txt"
    secret.write_text("date 2025-09-22\nSecret title\n\nnot for the inbox\n")
    (inbox / "link.txt").symlink_to(secret)  # refused: never read, never dead-lettered
    (inbox / ".draft.txt").write_text("half written")  # a temporary name: left alone
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "feeds:\n"
        f"  - {{name: wire, url: '{httpserver.url_for('/wire.rss')}', interval_seconds: 1}}\n"
        f"  - {{name: atom, url: '{httpserver.url_for('/atom.xml')}', interval_seconds: 1}}\n"
        f"  - {{name: broken, url: '{httpserver.url_for('/broken')}', interval_seconds: 1}}\n"
        "inbox: inbox\n"
    )
    env = service_env | {"STRIKEWATCH_FEEDS_FILE": str(feeds)}
    port = int(env["STRIKEWATCH_WEB_PORT"])
    with ServiceProcess("services.feed_producer", env, tmp_path / "producer.log") as proc:
        proc.wait_for_log("feed producer ready", timeout=60)
        articles = read_models(kafka_bootstrap, topic_prefix + ARTICLES_RAW.name, Article, 4, timeout=30)
        dead = read_models(kafka_bootstrap, topic_prefix + ARTICLES_RAW.dlq, DeadLetter, 1, timeout=20)
        metrics = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        proc.wait_for_log("feed broken failed (http_5xx)", timeout=10)
        deadline = time.monotonic() + 10
        while len([r for r, _ in httpserver.log if r.path == "/wire.rss"]) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
    assert sorted(a.title for a in articles) == sorted(
        ["Drones hit Odesa port", "Budget talks", "Kharkiv struck by glide bombs", "Sumy attacked"]
    )
    assert {a.feed for a in articles} == {"wire", "atom", "inbox"}
    assert base64.b64decode(dead[0].value_b64) == b"[1, 2" and dead[0].error_type == "unreadable_file"
    assert (inbox / "rejected" / "junk.json.reason.txt").exists()
    assert (inbox / "link.txt").is_symlink() and (inbox / ".draft.txt").exists()
    assert 'strikewatch_inbox_files_ignored_total{reason="symlink"} 1.0' in metrics
    assert 'strikewatch_inbox_files_ignored_total{reason="dotfile"} 1.0' in metrics
    assert 'strikewatch_articles_emitted_total{feed="wire"} 2.0' in metrics
    assert 'strikewatch_feed_fetch_errors_total{feed="broken",kind="http_5xx"}' in metrics
    # conditional GET: after the first poll the producer sends the ETag back
    wire_requests = [r for r, _ in httpserver.log if r.path == "/wire.rss"]
    assert len(wire_requests) >= 2 and wire_requests[1].headers.get("If-None-Match") == '"v1"'
