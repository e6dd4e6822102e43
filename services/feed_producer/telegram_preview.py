"""Reading a Telegram channel's public web preview (`https://t.me/s/<channel>`); pure, no network.

The preview is the HTML page Telegram serves without an account or API key: about 20 posts,
oldest first, each a `div.tgme_widget_message[data-post="<channel>/<id>"]` whose own text is the
`.tgme_widget_message_text` not inside a quoted reply or a link preview, whose time is the footer's
`a.tgme_widget_message_date > time[datetime]`, and a `a.tme_messages_more[data-before]` link to
older posts. BeautifulSoup (already a dependency, for feed HTML) reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Tag

from schemas.article import Article
from services.common.article_files import build_article, parse_published
from services.common.normalise import clean_html_text
from services.feed_producer.feeds import FeedError, RejectedEntry

POST_URL = "https://t.me/{post}"
TITLE_MAX_CHARS = 140
_DATA_POST = re.compile(r"^([A-Za-z0-9_]{3,64})/(\d{1,12})$")
_NOT_OWN_TEXT = ["tgme_widget_message_reply", "tgme_widget_message_link_preview", "tgme_widget_message_poll"]
"""Containers whose text is someone else's (the replied-to post, a linked page's blurb)."""
DLQ_HTML_CHARS = 8000


@dataclass
class PreviewPage:
    """One preview page: its posts as (post id, article), bad posts, and where older posts are."""

    posts: list[tuple[int, Article]] = field(default_factory=list)
    rejected: list[RejectedEntry] = field(default_factory=list)
    before: int | None = None
    """Ask `?before=<this>` for older posts; None at the channel's first post."""
    without_text: int = 0
    """Posts that are no article: service messages, photos or stickers without a caption."""


def page_url(preview_url: str, before: int | None) -> str:
    """The preview URL asking for posts older than `before` (the newest posts when None)."""
    parts = urlsplit(preview_url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "before"]
    if before is not None:
        query.append(("before", str(before)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def title_of(text: str) -> str:
    """A post has no title: its first line stands in (cut at a word near TITLE_MAX_CHARS)."""
    first = text.split("\n", 1)[0].strip()
    if len(first) <= TITLE_MAX_CHARS:
        return first
    cut = first[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:-") + "…"


def _own_text_markup(message: Tag) -> str:
    blocks = [
        t
        for t in message.select(".tgme_widget_message_text")
        if t.find_parent(class_=_NOT_OWN_TEXT) is None
    ]
    return "<br/><br/>".join(t.decode_contents() for t in blocks)


def _published(message: Tag) -> datetime | None:
    for stamp in message.select(".tgme_widget_message_date time[datetime]"):
        if stamp.find_parent(class_=_NOT_OWN_TEXT) is None:
            return parse_published(stamp["datetime"])
    return None


def _before(soup: BeautifulSoup) -> int | None:
    more = soup.select_one("a.tme_messages_more[data-before]")
    value = str(more["data-before"]) if more is not None else ""
    return int(value) if value.isdigit() else None


def _post(message: Tag, feed: str, fetched_at: datetime | None) -> tuple[int, Article] | str | None:
    """(id, article); a reason string for a post that cannot be read; None for a post without text."""
    data_post = str(message.get("data-post", ""))
    match = _DATA_POST.match(data_post)
    if match is None:
        return f"post has no valid data-post ({data_post[:80]!r})"
    if "service_message" in (message.get("class") or []):
        return None
    text = clean_html_text(_own_text_markup(message))
    if not text:
        return None
    try:
        published = _published(message)
    except (ValueError, OverflowError) as exc:
        return f"post {data_post}: unreadable time: {exc}"
    if published is None:
        return f"post {data_post}: no time"
    article = build_article(
        feed=feed,
        url=POST_URL.format(post=data_post),
        title=title_of(text),
        text=text,
        published=published,
        fetched_at=fetched_at,
    )
    return int(match.group(2)), article


def parse_preview(data: bytes, feed: str, fetched_at: datetime | None = None) -> PreviewPage:
    """The posts of one preview page; raises FeedError when the page is no channel preview (a
    channel without a public preview answers with its landing page)."""
    soup = BeautifulSoup(data, "html.parser")
    messages = soup.select("div.tgme_widget_message[data-post]")
    if not messages and soup.select_one(".tgme_channel_history") is None:
        raise FeedError("malformed", "not a Telegram channel preview (no message history)", data)
    page = PreviewPage(before=_before(soup))
    for message in messages:
        post = _post(message, feed, fetched_at)
        if post is None:
            page.without_text += 1
        elif isinstance(post, str):
            item = {"data_post": message.get("data-post"), "html": str(message)[:DLQ_HTML_CHARS]}
            page.rejected.append((item, post))
        else:
            page.posts.append(post)
    return page
