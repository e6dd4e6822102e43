"""The producer's loop: poll each feed on its interval, watch the inbox, emit what is new.

Pure of Kafka: it talks to a `Sink` (the Kafka sink in production, a list in unit tests).
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW
from services.common.article_files import (
    ArticleFileError,
    build_article,
    read_article_file,
)
from services.feed_producer.feeds import FeedEntry, FeedError, RejectedEntry, parse_feed_entries
from services.feed_producer.fetch import Validators
from services.feed_producer.full_text import FullTextFetcher, wants_full_text
from services.feed_producer.inbox import InboxFile, InboxWatch
from services.feed_producer.metrics import (
    ARTICLES_EMITTED,
    FETCH_ERRORS,
    FETCH_SECONDS,
    LAST_EMITTED,
    LAST_SUCCESS,
)
from services.feed_producer.polite import PoliteFetcher
from services.feed_producer.settings import FeedConfig, FeedProducerSettings
from services.feed_producer.state import FeedState, ProducerState
from services.feed_producer.telegram_feed import poll_channel
from services.runtime.metrics import OVERSIZED_RECORDS
from services.runtime.record_size import TOO_LARGE, dead_letter_head_bytes, too_large, too_large_reason
from services.runtime.streams import dead_letter_for

log = logging.getLogger(__name__)
SERVICE = "feed_producer"


class Sink(Protocol):
    def send(self, article: Article) -> None: ...
    def dead_letter(self, record: DeadLetter, origin: str) -> None: ...
    def flush(self, timeout: float | None = None) -> None: ...


@dataclass
class FeedSchedule:
    """When a feed is next due, and how it has been failing (for backoff and log-once)."""

    feed: FeedConfig
    next_due: float = 0.0
    failures: int = 0
    failing_kind: str | None = None


Polled = tuple[int, list[RejectedEntry], Validators]
"""One poll of a feed: articles emitted, entries rejected, the validators for the next poll."""


def backoff_seconds(failures: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter: uniform(0.5, 1) x min(cap, base x 2^(failures-1))."""
    delay = min(cap, base * (2 ** max(0, failures - 1)))
    return delay * (0.5 + 0.5 * (rng or random).random())


@dataclass
class Producer:
    """Emits new articles from feeds, the inbox and streams into a sink, remembering what it sent."""

    settings: FeedProducerSettings
    sink: Sink
    feeds: list[FeedConfig] = field(default_factory=list)
    inbox: Path | None = None
    clock: Callable[[], float] = time.time
    """Wall clock of the inbox's settle time (tests pass their own)."""
    state: ProducerState = field(init=False)
    schedules: dict[str, FeedSchedule] = field(init=False)

    def __post_init__(self) -> None:
        self.state = ProducerState(self.settings.state_file, self.settings.remembered_per_feed)
        self.schedules = {f.name: FeedSchedule(f) for f in self.feeds}
        self.client = httpx.Client(
            headers={"User-Agent": self.settings.user_agent}, follow_redirects=True, max_redirects=5
        )
        self.fetcher = PoliteFetcher(self.client, self.settings)
        self.full_text = FullTextFetcher(self.fetcher)
        self.inbox_watch = (
            InboxWatch(
                self.inbox,
                self.settings.inbox_settle_seconds,
                self.settings.inbox_max_bytes,
                head_bytes=dead_letter_head_bytes(self.settings.max_record_bytes),
                clock=self.clock,
            )
            if self.inbox is not None
            else None
        )

    # -- emitting -------------------------------------------------------------------------------
    def _emit(self, feed: str, articles: Iterable[Article], announce: bool = True) -> int:
        state = self.state.feed(feed)
        n = 0
        for article in articles:
            if not state.is_new(article):
                continue
            if self._oversized(feed, article) is not None:
                state.remember(article, self.settings.remembered_per_feed)  # dead-lettered once
                continue
            self.sink.send(article)
            state.remember(article, self.settings.remembered_per_feed)
            ARTICLES_EMITTED.labels(feed).inc()
            n += 1
        if n and announce:
            self._announce(feed, n)
        return n

    def _announce(self, feed: str, n: int) -> None:
        self.sink.flush()
        LAST_EMITTED.set_to_current_time()
        log.info("emitted %d new articles from %s", n, feed, extra={"feed": feed, "count": n})

    def _reject(
        self,
        origin: str,
        source: str,
        data: bytes,
        kind: str,
        reason: str,
        *,
        size: int | None = None,
        sha256: str | None = None,
    ) -> None:
        """Dead-letter an input; the record copies only a bounded head (`size`/`sha256` describe
        the whole when `data` is already just its head)."""
        FETCH_ERRORS.labels(origin, kind).inc()
        record = dead_letter_for(SERVICE, source, data, reason, kind, value_size=size, value_sha256=sha256,
                                 max_record_bytes=self.settings.max_record_bytes)
        self.sink.dead_letter(record, origin)

    def _oversized(self, origin: str, article: Article) -> str | None:
        """Dead-letter an article whose record would exceed STRIKEWATCH_MAX_RECORD_BYTES (its send
        would fail, and again on every restart); returns the reason, None when it fits."""
        data = article.model_dump_json().encode()
        if not too_large(len(data), self.settings.max_record_bytes):
            return None
        reason = too_large_reason(f"article {article.id} ({article.url or article.title[:80]})", len(data),
                                  self.settings.max_record_bytes)
        OVERSIZED_RECORDS.labels(SERVICE, origin).inc()
        log.warning("not sent: %s", reason, extra={"feed": origin, "reason": TOO_LARGE})
        self._reject(origin, ARTICLES_RAW.name, data, TOO_LARGE, reason)
        return reason

    # -- feeds ----------------------------------------------------------------------------------
    def _emit_entries(self, feed: FeedConfig, entries: list[FeedEntry]) -> int:
        """Emit new entries, with their article page's text where the feed asks for it. The entry
        as the feed gave it is remembered too, so the page is fetched once, not on every poll."""
        state = self.state.feed(feed.name)
        mode = feed.full_text or self.settings.full_text
        emitted = 0
        for entry in entries:
            if not state.is_new(entry.article):
                continue
            article = entry.article
            if wants_full_text(mode, entry, self.settings.full_text_summary_max_chars):
                article = self.full_text.complete(feed.name, article)
            emitted += self._emit(feed.name, [article], announce=False)
            state.remember(entry.article, self.settings.remembered_per_feed)
        if emitted:
            self._announce(feed.name, emitted)
        return emitted

    def _poll_document(self, feed: FeedConfig, state: FeedState) -> Polled:
        result = self.fetcher.feed(feed.url, state.validators)
        if result.body is None:
            return 0, [], result.validators
        try:
            entries, rejected = parse_feed_entries(result.body, feed.name, result.content_type)
        except FeedError as exc:
            exc.body = result.body
            raise
        return self._emit_entries(feed, entries), rejected, result.validators

    def _poll_telegram(self, feed: FeedConfig, state: FeedState) -> Polled:
        poll = poll_channel(self.fetcher, feed, state, feed.pages or self.settings.telegram_pages)
        if (exc := poll.older_error) is not None:
            FETCH_ERRORS.labels(feed.name, exc.kind).inc()
            if exc.body is not None:
                self._dead_letter_body(feed, exc)
            log.warning(
                "feed %s: older page %d failed (%s): %s; keeping the %d posts read",
                feed.name,
                poll.pages + 1,
                exc.kind,
                exc,
                len(poll.articles),
                extra={"feed": feed.name, "kind": exc.kind},
            )
        return self._emit(feed.name, poll.articles), poll.rejected, poll.validators

    def _dead_letter_body(self, feed: FeedConfig, exc: FeedError) -> None:
        body = exc.body or b""
        self.sink.dead_letter(
            dead_letter_for(SERVICE, feed.url, body, str(exc), exc.kind,
                            max_record_bytes=self.settings.max_record_bytes),
            feed.name,
        )

    def poll_feed(self, schedule: FeedSchedule, now: float | None = None) -> int:
        """Fetch and emit one feed; on failure count, log once per kind, and back off."""
        feed = schedule.feed
        now = time.monotonic() if now is None else now
        state = self.state.feed(feed.name)
        started = time.perf_counter()
        try:
            poll = self._poll_telegram if feed.kind == "telegram" else self._poll_document
            emitted, rejected, validators = poll(feed, state)
            for item, reason in rejected:
                raw = json.dumps(item, default=str).encode()
                if state.first_rejection(raw, self.settings.remembered_per_feed):
                    self._reject(feed.name, feed.url, raw, "bad_entry", reason)
            state.validators = validators
        except FeedError as exc:
            schedule.failures += 1
            FETCH_ERRORS.labels(feed.name, exc.kind).inc()
            if exc.kind in ("malformed", "xml_bomb") and exc.body is not None:
                self._dead_letter_body(feed, exc)
            delay = backoff_seconds(
                schedule.failures, self.settings.backoff_base_seconds, self.settings.backoff_max_seconds
            )
            if schedule.failing_kind != exc.kind:
                log.warning(
                    "feed %s failed (%s): %s; retrying in %.0fs",
                    feed.name,
                    exc.kind,
                    exc,
                    delay,
                    extra={"feed": feed.name, "kind": exc.kind},
                )
            schedule.failing_kind = exc.kind
            schedule.next_due = now + delay
            return 0
        finally:
            FETCH_SECONDS.labels(feed.name).observe(time.perf_counter() - started)
        if schedule.failing_kind is not None:
            log.info("feed %s recovered after %d failures", feed.name, schedule.failures)
        schedule.failures, schedule.failing_kind = 0, None
        schedule.next_due = now + feed.interval_seconds
        LAST_SUCCESS.labels(feed.name).set_to_current_time()
        self.state.save()
        return emitted

    def poll_due_feeds(self, now: float | None = None) -> int:
        now = time.monotonic() if now is None else now
        return sum(self.poll_feed(s, now) for s in self.schedules.values() if s.next_due <= now)

    # -- inbox ----------------------------------------------------------------------------------
    def scan_inbox(self, *, settle: bool = True) -> int:
        """Emit articles from new or changed, settled inbox files; move unreadable and oversized
        ones to rejected/ (see inbox.py for what is read and when). `settle=False` reads files
        without waiting for them to settle (one-shot runs)."""
        if self.inbox_watch is None:
            return 0
        emitted = 0
        for item in self.inbox_watch.scan(settle=settle):
            source = str(self.inbox_watch.root / item.name)
            if item.oversized is not None:
                OVERSIZED_RECORDS.labels(SERVICE, "inbox").inc()
                self._reject("inbox", source, item.data, TOO_LARGE, f"{source}: {item.oversized}",
                             size=item.size, sha256=item.sha256)
                self._move_rejected(item, item.oversized)
                continue
            try:
                articles = read_article_file(Path(source), feed="inbox", data=item.data)
            except ArticleFileError as exc:
                self._reject("inbox", source, item.data, "unreadable_file", str(exc))
                self._move_rejected(item, str(exc))
                continue
            if (big := self._first_oversized(articles)) is not None:
                # within the byte limit, but JSON escaping made its record too large
                OVERSIZED_RECORDS.labels(SERVICE, "inbox").inc()
                self._reject("inbox", source, item.data, TOO_LARGE, f"{source}: {big}")
                self._move_rejected(item, big)
                continue
            emitted += self._emit("inbox", articles, announce=False)
            self.inbox_watch.handled(item)
        if emitted:
            self._announce("inbox", emitted)
            self.state.save()
        return emitted

    def _first_oversized(self, articles: list[Article]) -> str | None:
        """The reason the first article over the maximum record size is, or None."""
        for article in articles:
            size = len(article.model_dump_json().encode())
            if too_large(size, self.settings.max_record_bytes):
                return too_large_reason(f"its article {article.id}", size, self.settings.max_record_bytes)
        return None

    def _move_rejected(self, item: InboxFile, reason: str) -> None:
        if self.inbox_watch is None:  # only inbox files are moved, and only when there is an inbox
            raise RuntimeError(f"cannot reject inbox file {item.name}: the producer has no inbox")
        self.inbox_watch.handled(item)
        moved = self.inbox_watch.move_rejected(item, reason)
        if moved is not None:
            log.warning("rejected inbox file %s: %s", item.name, reason, extra={"feed": "inbox"})

    # -- streams --------------------------------------------------------------------------------
    def emit_jsonl(self, lines: Iterable[bytes], origin: str = "stdin") -> tuple[int, int]:
        """Emit one article per JSON line (replaying archives); returns (emitted, rejected)."""
        emitted = rejected = 0
        for n, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
                if not isinstance(rec, dict):
                    raise ValueError("line is not a JSON object")
                article = build_article(
                    feed=str(rec.get("feed") or origin),
                    url=rec.get("url"),
                    title=str(rec.get("title") or ""),
                    text=str(rec.get("text") or ""),
                    published=rec.get("published") or rec.get("published_at"),
                )
            except (ValueError, TypeError, OverflowError) as exc:
                self._reject(origin, f"{origin}:{n}", raw, "bad_record", f"line {n}: {exc}")
                rejected += 1
                continue
            emitted += self._emit(origin, [article], announce=False)
        if emitted:
            self._announce(origin, emitted)
        self.state.save()
        return emitted, rejected

    def run(self, stop: StopFlag) -> None:
        """Loop until `stop` is set: due feeds, then the inbox, then a short sleep."""
        while not stop.is_set():
            self.poll_due_feeds()
            self.scan_inbox()
            stop.wait(self.settings.inbox_scan_seconds)

    def close(self) -> None:
        self.client.close()
        self.state.save()


class StopFlag(Protocol):
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...
