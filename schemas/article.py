"""The article: one per fetched news item, keyed by its stable id (topic `articles.raw`)."""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import Field

from schemas.base import Message, UtcDatetime

ARTICLE_SCHEMA_VERSION = 1


def article_id_for(canonical_url: str | None, normalised_text: str) -> str:
    """Stable id: sha256 of the canonical URL, or of the normalised text when there is no URL."""
    basis = f"url:{canonical_url}" if canonical_url else f"text:{normalised_text}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


class Article(Message):
    """A news article as ingested: text already normalised (HTML stripped, NFC, whitespace)."""

    schema_version: Literal[1] = ARTICLE_SCHEMA_VERSION
    id: str = Field(min_length=1, max_length=128, description="sha256 of canonical URL or text")
    feed: str = Field(min_length=1, description="configured feed name (bounded set)")
    url: str | None = Field(default=None, description="canonical URL, utm_* and fragment dropped")
    outlet: str | None = Field(default=None, description="publisher, e.g. the URL's host")
    title: str = ""
    text: str = Field(min_length=1)
    published_at: UtcDatetime | None = None
    fetched_at: UtcDatetime
    language: str = Field(default="en", min_length=2, max_length=8)
