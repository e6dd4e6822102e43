"""A telegram feed polled from saved preview pages on a local server: depth, gaps, edits, 304."""

import base64
import json

import pytest

from services.feed_producer.metrics import FETCH_ERRORS
from services.feed_producer.settings import FeedConfig
from tests.support.saved_site import CHANNEL, DATA, PREVIEW_PATH, SavedSite


@pytest.fixture
def site(httpserver) -> SavedSite:
    return SavedSite(httpserver)


def _telegram(site: SavedSite, name: str, pages: int) -> FeedConfig:
    return FeedConfig(name=name, kind="telegram", channel=CHANNEL, url=site.preview_url, pages=pages)


def _befores(site: SavedSite) -> list[str | None]:
    return [r.args.get("before") for r in site.requests_to(PREVIEW_PATH)]


def test_first_poll_reads_back_to_the_configured_depth_oldest_post_first(make_producer, site):
    producer, sink = make_producer([_telegram(site, "tg-depth", pages=2)])
    assert producer.poll_due_feeds(now=0) == 9
    assert _befores(site) == [None, "101"]  # page 3 (?before=96) is past the depth
    ids = [int(a.url.rsplit("/", 1)[1]) for a in sink.articles]
    assert ids == [96, 97, 98, 99, 100, 101, 103, 104, 106]
    assert {a.feed for a in sink.articles} == {"tg-depth"}
    assert len({a.id for a in sink.articles}) == 9


def test_an_edit_is_emitted_again_as_a_revision_and_older_pages_are_not_reread(make_producer, site):
    producer, sink = make_producer([_telegram(site, "tg-edit", pages=3)])
    assert producer.poll_due_feeds(now=0) == 14
    site.newest = "page_newest_edited.html"
    assert producer.poll_due_feeds(now=10_000) == 2
    revised, new = sink.articles[-2:]
    first_104 = next(a for a in sink.articles if a.url.endswith("/104"))
    assert revised.id == first_104.id and "ще 8 ударних БпЛА" in revised.text and "ще 6" in first_104.text
    assert new.url == "https://t.me/strikewatch_test/108"
    # the newest page's oldest post (101) was known: no older page asked for on the second poll
    assert _befores(site) == [None, "101", "96", None]


def test_unchanged_newest_page_is_a_304_and_emits_nothing(make_producer, site):
    producer, sink = make_producer([_telegram(site, "tg-304", pages=1)])
    assert producer.poll_due_feeds(now=0) == 4
    assert producer.poll_due_feeds(now=10_000) == 0
    second = site.requests_to(PREVIEW_PATH)[-1]
    assert second.headers.get("If-None-Match") == '"page_newest.html"'


def test_bad_post_is_dead_lettered_once_and_the_rest_emitted(make_producer, site):
    producer, sink = make_producer([_telegram(site, "tg-bad", pages=1)])
    producer.poll_due_feeds(now=0)
    site.newest = "page_newest_edited.html"  # fetched and read again, 107 still unreadable
    assert producer.poll_due_feeds(now=10_000) == 2
    [(record, origin)] = sink.dead
    assert origin == "tg-bad" and record.error_type == "bad_entry"
    assert json.loads(base64.b64decode(record.value_b64))["data_post"] == "strikewatch_test/107"


def test_a_failing_older_page_keeps_the_posts_read_and_is_counted(make_producer, site):
    producer, sink = make_producer([_telegram(site, "tg-short", pages=4)])
    before = FETCH_ERRORS.labels("tg-short", "http_4xx")._value.get()
    assert producer.poll_due_feeds(now=0) == 14  # ?before=91 is not served: 404
    assert FETCH_ERRORS.labels("tg-short", "http_4xx")._value.get() == before + 1
    assert producer.schedules["tg-short"].failures == 0


def test_a_channel_without_preview_fails_malformed_with_a_dead_letter_and_backs_off(make_producer, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    landing = (DATA / "telegram" / "landing_page.html").read_bytes()
    httpserver.expect_request("/s/private").respond_with_data(landing, content_type="text/html")
    feed = FeedConfig(name="tg-private", kind="telegram", channel="private", url=httpserver.url_for("/s/private"))
    producer, sink = make_producer([feed])
    assert producer.poll_due_feeds(now=0) == 0
    assert producer.schedules["tg-private"].failing_kind == "malformed"
    [(record, _)] = sink.dead
    assert record.error_type == "malformed" and base64.b64decode(record.value_b64) == landing


def test_robots_txt_that_disallows_the_preview_stops_the_feed(make_producer, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /s/\n")
    feed = FeedConfig(name="tg-robots", kind="telegram", channel="x_chan", url=httpserver.url_for("/s/x_chan"))
    producer, sink = make_producer([feed])
    assert producer.poll_due_feeds(now=0) == 0
    assert producer.schedules["tg-robots"].failing_kind == "robots_disallowed"
    assert [r.path for r, _ in httpserver.log] == ["/robots.txt"]
