"""Feed producer metrics (feed names are a bounded, configured set, so they may be labels)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ARTICLES_EMITTED = Counter("strikewatch_articles_emitted", "Articles produced to Kafka, per feed", ["feed"])
FETCH_ERRORS = Counter(
    "strikewatch_feed_fetch_errors",
    "Failed fetches or unreadable inputs, per feed and kind",
    ["feed", "kind"],
)
FETCH_SECONDS = Histogram(
    "strikewatch_feed_fetch_seconds",
    "Time to fetch and parse one feed",
    ["feed"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
LAST_SUCCESS = Gauge(
    "strikewatch_feed_last_success_timestamp_seconds", "Unix time of the last successful fetch", ["feed"]
)
LAST_EMITTED = Gauge(
    "strikewatch_last_article_emitted_timestamp_seconds", "Unix time the producer last emitted an article"
)


def init_feed_metrics(feeds: list[str], inbox: bool) -> None:
    """Create each feed's series at 0 up front: a burst right after start (the inbox's first scan)
    would otherwise appear in its first scrape already counted, and rate() would never show it."""
    for feed in feeds:
        ARTICLES_EMITTED.labels(feed)
        FETCH_SECONDS.labels(feed)
    if inbox:
        ARTICLES_EMITTED.labels("inbox")
FULL_TEXT_FETCHES = Counter(
    "strikewatch_full_text_fetches",
    "Article pages fetched for a feed's summary-only entries, per feed and outcome "
    "(extracted, or why the summary was kept)",
    ["feed", "outcome"],
)
INBOX_FILES_IGNORED = Counter(
    "strikewatch_inbox_files_ignored",
    "Inbox names not read (or not moved), counted once per name: symlink, not_regular, dotfile, "
    "temporary, unsupported_type, unreadable, unsafe_rejected, planted_link",
    ["reason"],
)
