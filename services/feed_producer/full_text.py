"""The full text of a summary-only feed entry: its article page, fetched politely (robots.txt,
per-host rate limit, the producer's timeout and size limit), main text extracted by trafilatura.

trafilatura only extracts here; it never downloads (its own fetcher would bypass our limits). Any
failure keeps the feed's summary as the article's text, counted per outcome and logged: the entry
is never dropped and the producer never stops for it.
"""

from __future__ import annotations

import logging

import trafilatura

from schemas.article import Article
from services.common.normalise import normalise_text
from services.feed_producer.feeds import FeedEntry, FeedError
from services.feed_producer.metrics import FULL_TEXT_FETCHES
from services.feed_producer.polite import PoliteFetcher
from services.feed_producer.settings import FullText

log = logging.getLogger(__name__)
EXTRACTED = "extracted"


def extract_main_text(html: bytes, url: str | None = None) -> str:
    """The page's main text without navigation, comments or boilerplate ('' when none is found)."""
    text = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_precision=True
    )
    # trafilatura's txt output is one paragraph a line; the project's texts keep a blank line between
    return normalise_text((text or "").replace("\n", "\n\n"))


def wants_full_text(mode: FullText, entry: FeedEntry, summary_max_chars: int) -> bool:
    """Should this entry's article page be fetched under the feed's `full_text` mode?"""
    if mode == "off" or not entry.article.url:
        return False
    if mode == "always":
        return True
    return entry.summary_only and len(entry.article.text) < summary_max_chars


def _is_html(content_type: str | None) -> bool:
    return content_type is None or "html" in content_type.lower()


class FullTextFetcher:
    """Replaces a summary with the article page's main text, or keeps it and says why."""

    def __init__(self, fetcher: PoliteFetcher) -> None:
        self.fetcher = fetcher

    def _page_text(self, url: str) -> tuple[str, str]:
        """(outcome, text): text only when the outcome is EXTRACTED."""
        try:
            result = self.fetcher.page(url)
        except FeedError as exc:
            return exc.kind, ""
        if result.body is None or not _is_html(result.content_type):
            return "not_html", ""
        try:
            text = extract_main_text(result.body, url)
        except Exception:  # lxml/trafilatura on a hostile page: keep the summary, never crash
            log.exception("full text: extracting %s failed", url)
            return "extract_error", ""
        return (EXTRACTED, text) if text else ("empty", "")

    def complete(self, feed: str, article: Article) -> Article:
        """The article with its page's main text, or unchanged (the summary) when that fails or
        is shorter than the summary."""
        outcome, text = self._page_text(article.url) if article.url else ("no_url", "")
        if outcome == EXTRACTED and len(text) < len(article.text):
            outcome = "shorter_than_summary"
        FULL_TEXT_FETCHES.labels(feed, outcome).inc()
        if outcome != EXTRACTED:
            log.warning(
                "full text of %s not used (%s): keeping the feed's summary",
                article.url,
                outcome,
                extra={"feed": feed, "kind": outcome},
            )
            return article
        return article.model_copy(update={"text": text})
