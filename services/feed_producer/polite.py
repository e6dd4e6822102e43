"""Every network request of the producer goes through here: one per host at a time and no faster
than the per-host rate limit (or the site's Crawl-delay), with the producer's timeout and size
limit (`fetch.fetch`), and robots.txt asked first for pages we crawl (Telegram previews, articles).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx

from services.feed_producer.feeds import FeedError
from services.feed_producer.fetch import FetchResult, Validators, fetch, is_local
from services.feed_producer.host_rate import HostRateLimiter, host_of
from services.feed_producer.robots import ROBOTS_MAX_BYTES, RobotsCache, origin_of
from services.feed_producer.settings import FeedProducerSettings


class PoliteFetcher:
    """Feeds, crawled pages and robots.txt files, all rate-limited per host."""

    def __init__(
        self,
        client: httpx.Client,
        settings: FeedProducerSettings,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client, self.settings = client, settings
        self.limiter = HostRateLimiter(settings.host_min_interval_seconds, clock, sleep)
        self.robots = RobotsCache(
            self._download_robots,
            settings.user_agent,
            settings.robots_cache_seconds,
            settings.robots_retry_seconds,
            clock,
        )

    def _get(self, url: str, validators: Validators, max_bytes: int) -> FetchResult:
        self.limiter.wait(host_of(url), self.robots.crawl_delay(url))
        return fetch(
            self.client, url, validators, max_bytes=max_bytes, timeout=self.settings.request_timeout_seconds
        )

    def _download_robots(self, url: str) -> bytes:
        return self._get(url, Validators(), ROBOTS_MAX_BYTES).body or b""

    def feed(self, url: str, validators: Validators) -> FetchResult:
        """A feed someone subscribed to: rate-limited but not subject to robots.txt, which governs
        crawling (feed readers, Google's Feedfetcher among them, do the same). Local files too."""
        if is_local(url):
            return fetch(
                self.client,
                url,
                validators,
                max_bytes=self.settings.max_body_bytes,
                timeout=self.settings.request_timeout_seconds,
            )
        return self._get(url, validators, self.settings.max_body_bytes)

    def page(self, url: str, validators: Validators | None = None) -> FetchResult:
        """A page we crawl: http(s) only (a feed's link must not read local files), robots.txt first."""
        try:
            parts = urlsplit(url)
        except ValueError as exc:  # e.g. an unclosed IPv6 bracket in a feed entry's link
            raise FeedError("bad_url", f"unreadable URL {url[:200]!r}: {exc}") from exc
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FeedError("bad_url", f"not an http(s) URL: {url[:200]!r}")
        if not self.robots.allowed(url):
            raise FeedError("robots_disallowed", f"{origin_of(url)}/robots.txt disallows {url}")
        return self._get(url, validators or Validators(), self.settings.max_body_bytes)
