"""Building articles for extraction tests."""

from __future__ import annotations

from datetime import UTC, datetime

from schemas.article import Article
from schemas.extraction import Extraction, StrikeClaim
from services.extraction.extractor import extract


def article(text: str, published: str | None = "2025-09-20T08:30:00+00:00", title: str = "") -> Article:
    """An article as the feed gives it; `published=None` for a page that gives no date."""
    return Article(
        id="t1", feed="test", text=text, title=title,
        published_at=datetime.fromisoformat(published) if published else None,
        fetched_at=datetime(2025, 9, 20, tzinfo=UTC),
    )


def run(text: str, **kw: str | None) -> Extraction:
    return extract(article(text, **kw))


def claims(text: str, **kw: str | None) -> list[StrikeClaim]:
    return run(text, **kw).strikes


def brief(text: str, **kw: str | None) -> list[tuple]:
    """(attacker, measure, class, value) per claim: the core of a claim, for compact asserts."""
    return [(c.attacker.value, c.measure.value, c.weapon_class.value if c.weapon_class else None, c.value)
            for c in claims(text, **kw)]
