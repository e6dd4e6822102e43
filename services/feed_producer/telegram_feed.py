"""Polling a Telegram channel's preview: the newest page conditionally, then older pages while they
may hold posts not seen yet, up to the feed's depth.

An older page is asked for only when the oldest post of the page before it is new to us (there may
be a gap behind it): the first poll reads the whole depth, later polls usually one page. Edits show
up as changed text at the same post URL, which the producer emits again as a revision. A failing
older page ends the paging (reported in `older_error`) but keeps what was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from schemas.article import Article
from services.feed_producer.feeds import FeedError, RejectedEntry
from services.feed_producer.fetch import Validators
from services.feed_producer.polite import PoliteFetcher
from services.feed_producer.settings import FeedConfig
from services.feed_producer.state import FeedState
from services.feed_producer.telegram_preview import PreviewPage, page_url, parse_preview


@dataclass
class ChannelPoll:
    """What one poll of a channel read: articles oldest post first, bad posts, new validators."""

    articles: list[Article] = field(default_factory=list)
    rejected: list[RejectedEntry] = field(default_factory=list)
    validators: Validators = field(default_factory=Validators)
    pages: int = 0
    older_error: FeedError | None = None


def _may_have_unseen_older(page: PreviewPage, state: FeedState) -> bool:
    if page.before is None:
        return False
    if not page.posts:
        return True
    _, oldest = min(page.posts, key=lambda p: p[0])
    return not state.has_article(oldest.id)


def poll_channel(fetcher: PoliteFetcher, feed: FeedConfig, state: FeedState, depth: int) -> ChannelPoll:
    """Read up to `depth` preview pages of `feed`; raises FeedError when the newest page fails."""
    first = fetcher.page(feed.url, state.validators)
    poll = ChannelPoll(validators=first.validators)
    if first.body is None:
        return poll
    fetched_at = datetime.now(UTC)
    page = parse_preview(first.body, feed.name, fetched_at)
    pages, poll.pages = [page], 1
    while poll.pages < depth and _may_have_unseen_older(page, state):
        try:
            older = fetcher.page(page_url(feed.url, page.before))
            page = parse_preview(older.body or b"", feed.name, fetched_at)
        except FeedError as exc:
            poll.older_error = exc
            break
        pages.append(page)
        poll.pages += 1
    posts: dict[int, Article] = {}
    for read in pages:
        poll.rejected.extend(read.rejected)
        for post_id, article in read.posts:
            posts.setdefault(post_id, article)
    poll.articles = [posts[i] for i in sorted(posts)]
    return poll
