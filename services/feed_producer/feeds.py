"""Parsing feed documents (RSS 2.0, Atom, JSON Feed) into articles; pure, no network.

feedparser reads RSS and Atom. Before it sees a document, defusedxml parses it with entity
declarations forbidden, so an entity-expansion bomb is rejected instead of expanded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import defusedxml.ElementTree as DefusedET
import feedparser
from defusedxml import DefusedXmlException

from schemas.article import Article
from services.common.article_files import build_article


class FeedError(Exception):
    """A feed that could not be read; `kind` is a bounded metric label, `body` the unreadable input
    (for its dead letter) when there was one."""

    def __init__(self, kind: str, message: str, body: bytes | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.body = body


def _is_json(data: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return data.lstrip()[:1] in (b"{", b"[")


def _parse_json_feed(data: bytes) -> list[dict[str, Any]]:
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedError("malformed", f"invalid JSON Feed: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise FeedError("malformed", "JSON Feed has no 'items' list")
    items = []
    for item in doc["items"]:
        if not isinstance(item, dict):
            continue
        items.append(
            {
                "url": item.get("url") or item.get("external_url"),
                "title": item.get("title") or "",
                "text": item.get("content_text") or item.get("content_html") or item.get("summary") or "",
                "published": item.get("date_published") or item.get("date_modified"),
                "summary_only": not (item.get("content_text") or item.get("content_html")),
            }
        )
    return items


def _check_xml_safe(data: bytes) -> None:
    try:
        DefusedET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FeedError("xml_bomb", f"forbidden XML construct: {exc}") from exc
    except DefusedET.ParseError as exc:
        raise FeedError("malformed", f"malformed XML: {exc}") from exc


def _entry_text(entry: Any) -> str:
    if entry.get("content"):
        return max((c.get("value", "") for c in entry["content"]), key=len)
    return entry.get("summary") or entry.get("description") or ""


def _entry_published(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed is None:
        return None
    return datetime(*parsed[:6], tzinfo=UTC)


def _parse_xml_feed(data: bytes) -> list[dict[str, Any]]:
    _check_xml_safe(data)
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise FeedError("malformed", f"unreadable feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("malformed", "not an RSS or Atom feed")
    return [
        {
            "url": e.get("link"),
            "title": e.get("title", ""),
            "text": _entry_text(e),
            "published": _entry_published(e),
            "summary_only": not e.get("content"),
        }
        for e in parsed.entries
    ]


RejectedEntry = tuple[dict[str, Any], str]
"""A feed entry that could not become an article, and why."""


@dataclass(frozen=True)
class FeedEntry:
    """An article of a feed, and whether the entry carried only a summary (no full-content
    element: RSS description, Atom summary, JSON Feed summary), for full-text fetching."""

    article: Article
    summary_only: bool


def parse_feed_entries(
    data: bytes, feed: str, content_type: str | None = None
) -> tuple[list[FeedEntry], list[RejectedEntry]]:
    """Entries of a feed document in document order, plus the entries rejected with a reason."""
    raw_items = _parse_json_feed(data) if _is_json(data, content_type) else _parse_xml_feed(data)
    fetched_at = datetime.now(UTC)
    entries: list[FeedEntry] = []
    rejected: list[RejectedEntry] = []
    for item in raw_items:
        if not (item.get("text") or "").strip() and not (item.get("title") or "").strip():
            rejected.append((item, "entry has neither text nor title"))
            continue
        text = item.get("text") or item.get("title") or ""
        try:
            article = build_article(
                feed=feed,
                url=item.get("url"),
                title=item.get("title") or "",
                text=text,
                published=item.get("published"),
                fetched_at=fetched_at,
            )
        except (ValueError, TypeError, OverflowError) as exc:
            rejected.append((item, f"invalid entry: {exc}"))
            continue
        entries.append(FeedEntry(article, bool(item.get("summary_only"))))
    return entries, rejected


def parse_feed(
    data: bytes, feed: str, content_type: str | None = None
) -> tuple[list[Article], list[RejectedEntry]]:
    """Articles of a feed document in document order, plus the entries rejected with a reason."""
    entries, rejected = parse_feed_entries(data, feed, content_type)
    return [e.article for e in entries], rejected
