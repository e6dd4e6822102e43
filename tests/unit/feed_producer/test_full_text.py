"""Full text behind summary-only feed entries: trafilatura on the team's article page, the summary
as fallback (counted, logged), and the page fetched once per entry, not on every poll."""

import logging

import pytest

from services.feed_producer.feeds import parse_feed_entries
from services.feed_producer.full_text import extract_main_text, wants_full_text
from services.feed_producer.metrics import FULL_TEXT_FETCHES
from services.feed_producer.settings import FeedConfig
from tests.support.saved_site import DATA, SavedSite
from tests.unit.feed_producer.conftest import ATOM, RSS


def _count(feed: str, outcome: str) -> float:
    return FULL_TEXT_FETCHES.labels(feed, outcome)._value.get()


def test_main_text_of_an_article_page_without_navigation_sidebar_or_footer():
    text = extract_main_text((DATA / "articles" / "full_story.html").read_bytes(), "https://h.example/n")
    assert "Russia launched 52 attack drones and three cruise missiles" in text
    assert "destroyed 12 Ukrainian drones" in text
    for chrome in ("Subscribe now", "cookies", "Most read", "newsletter", "All rights reserved"):
        assert chrome not in text
    assert "\n\n" in text  # paragraphs stay apart, as everywhere in the project


def test_which_entries_are_summaries():
    rss_entries, _ = parse_feed_entries(RSS, "wire")
    atom_entries, _ = parse_feed_entries(ATOM, "atom")
    assert all(e.summary_only for e in rss_entries)  # <description> only
    assert not any(e.summary_only for e in atom_entries)  # Atom <content>
    entry = rss_entries[0]
    assert wants_full_text("auto", entry, 1000) and not wants_full_text("auto", entry, 10)
    assert not wants_full_text("off", entry, 1000)
    assert wants_full_text("always", atom_entries[0], 0)


@pytest.fixture
def site(httpserver) -> SavedSite:
    return SavedSite(httpserver)


def test_summary_feed_gets_full_text_and_keeps_summaries_where_pages_fail(make_producer, site, caplog):
    feed = FeedConfig(name="courier", url=site.feed_url, full_text="auto")
    producer, sink = make_producer([feed])
    before = {o: _count("courier", o) for o in ("extracted", "http_4xx", "robots_disallowed")}
    with caplog.at_level(logging.WARNING):
        assert producer.poll_due_feeds(now=0) == 3
    full, removed, locked = sink.articles
    assert "Two people were treated for minor injuries" in full.text and full.title.startswith("Night of")
    assert removed.text == "Summary of a story whose page now answers 404."
    assert locked.text == "Summary of a story in a section robots.txt closes to crawlers."
    assert {o: _count("courier", o) - before[o] for o in before} == {
        "extracted": 1,
        "http_4xx": 1,
        "robots_disallowed": 1,
    }
    assert "removed-story not used (http_4xx): keeping the feed's summary" in caplog.text
    assert site.requests_to("/members/locked-story") == []  # robots.txt said no: never asked
    # the next poll sees the same entries: no page is fetched again, nothing re-emitted
    site.server.clear_log()
    assert producer.poll_due_feeds(now=10_000) == 0
    assert [r.path for r, _ in site.server.log] == ["/feed.rss"]


def test_full_text_off_by_default_leaves_the_summary(make_producer, site):
    producer, sink = make_producer([FeedConfig(name="courier-off", url=site.feed_url)])
    assert producer.poll_due_feeds(now=0) == 3
    assert sink.articles[0].text == "Russia launched 52 drones overnight, the air force said."
    assert [r.path for r, _ in site.server.log] == ["/feed.rss"]


def test_a_page_that_is_not_html_keeps_the_summary(make_producer, httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/a.pdf").respond_with_data(b"%PDF-1.7", content_type="application/pdf")
    rss = RSS.replace(b"https://wire.example/a?utm_source=x#top", httpserver.url_for("/a.pdf").encode())
    rss = rss.replace(b"https://wire.example/b", httpserver.url_for("/a.pdf").encode() + b"?b")
    httpserver.expect_request("/w.rss").respond_with_data(rss, content_type="application/rss+xml")
    feed = FeedConfig(name="pdfs", url=httpserver.url_for("/w.rss"), full_text="auto")
    producer, sink = make_producer([feed])
    before = _count("pdfs", "not_html")
    producer.poll_due_feeds(now=0)
    assert sink.articles[0].text == "Russia launched 40 drones overnight, the air force said."
    assert _count("pdfs", "not_html") == before + 2
