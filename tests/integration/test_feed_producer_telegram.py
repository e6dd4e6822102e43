"""The producer as users run it, on the team's saved pages served from a local HTTP server, into the
real broker: a Telegram channel (one article per post, an edit as a revision) and a summary-only
feed with full_text (the article page's text, and the summary where the page fails)."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW
from tests.support.kafka_io import read_models
from tests.support.processes import ServiceProcess
from tests.support.saved_site import CHANNEL, PREVIEW_PATH, SavedSite

pytestmark = pytest.mark.integration

POSTS_ON_TWO_PAGES = 9  # 101, 103, 104, 106 on the newest page; 96-100 on the next
FEED_ENTRIES = 3


def test_telegram_channel_and_full_text_feed_into_the_broker(
    kafka_bootstrap, topic_prefix, service_env, tmp_path, httpserver
):
    site = SavedSite(httpserver)
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(
        "feeds:\n"
        f"  - {{name: tg-test, kind: telegram, channel: {CHANNEL}, url: '{site.preview_url}',"
        " pages: 2, interval_seconds: 1}\n"
        f"  - {{name: courier, url: '{site.feed_url}', full_text: auto, interval_seconds: 1}}\n"
    )
    env = service_env | {
        "STRIKEWATCH_FEEDS_FILE": str(feeds),
        "STRIKEWATCH_HOST_MIN_INTERVAL_SECONDS": "0.02",
    }
    topic, dlq = topic_prefix + ARTICLES_RAW.name, topic_prefix + ARTICLES_RAW.dlq
    expected = POSTS_ON_TWO_PAGES + FEED_ENTRIES
    with ServiceProcess("services.feed_producer", env, tmp_path / "producer.log") as proc:
        proc.wait_for_log("feed producer ready", timeout=60)
        first = read_models(kafka_bootstrap, topic, Article, expected, timeout=60)
        dead = read_models(kafka_bootstrap, dlq, DeadLetter, 1, timeout=30)
        site.newest = "page_newest_edited.html"  # post 104 edited, post 108 published
        after_edit = read_models(kafka_bootstrap, topic, Article, expected + 2, timeout=60)
        metrics = httpx.get(f"http://127.0.0.1:{env['STRIKEWATCH_WEB_PORT']}/metrics", timeout=5).text
    log = proc.log()

    posts = [a for a in first if a.feed == "tg-test"]
    assert len(first) == expected and len(posts) == POSTS_ON_TWO_PAGES
    assert len({a.id for a in posts}) == POSTS_ON_TWO_PAGES  # one article per post
    assert sorted(int(a.url.rsplit("/", 1)[1]) for a in posts) == [96, 97, 98, 99, 100, 101, 103, 104, 106]
    summary = next(a for a in posts if a.url == f"https://t.me/{CHANNEL}/101")
    assert summary.published_at.isoformat() == "2026-11-14T06:05:12+00:00" and "52 ударними БпЛА" in summary.text
    assert [r.args.get("before") for r in site.requests_to(PREVIEW_PATH)][:2] == [None, "101"]
    assert "96" not in [r.args.get("before") for r in site.requests_to(PREVIEW_PATH)]  # depth 2

    # the edit: the same article id again with the corrected text, and the new post
    revised = [a for a in after_edit[expected:] if a.url == f"https://t.me/{CHANNEL}/104"]
    original = next(a for a in posts if a.url == f"https://t.me/{CHANNEL}/104")
    assert len(revised) == 1 and revised[0].id == original.id and "ще 8 ударних" in revised[0].text
    assert any(a.url == f"https://t.me/{CHANNEL}/108" for a in after_edit[expected:])

    # full text where the page is there, the summary where it is gone or closed by robots.txt
    courier = {a.title: a for a in first if a.feed == "courier"}
    assert "Two people were treated for minor injuries" in courier["Night of drones over the test oblasts"].text
    assert courier["Story that was taken down"].text == "Summary of a story whose page now answers 404."
    assert courier["Story behind a robots.txt rule"].text.startswith("Summary of a story in a section")
    assert site.requests_to("/members/locked-story") == []
    assert 'strikewatch_full_text_fetches_total{feed="courier",outcome="extracted"} 1.0' in metrics
    assert 'strikewatch_full_text_fetches_total{feed="courier",outcome="http_4xx"} 1.0' in metrics
    assert 'strikewatch_full_text_fetches_total{feed="courier",outcome="robots_disallowed"} 1.0' in metrics
    assert "removed-story not used (http_4xx): keeping the feed's summary" in log

    # the post with an unreadable time: a dead letter naming it, counted
    assert dead[0].error_type == "bad_entry"
    assert json.loads(base64.b64decode(dead[0].value_b64))["data_post"] == f"{CHANNEL}/107"
    assert 'strikewatch_dead_letters_total{reason="bad_entry",service="feed_producer",topic="tg-test"}' in metrics
