"""robots.txt rules per site, cached, read as RFC 9309 says.

protego (Scrapy's parser) rather than the stdlib's urllib.robotparser: the stdlib applies the first
matching rule in file order and knows no wildcards, so `Allow: /` before `Disallow: /s/` would let
us fetch what the site forbids; protego applies the longest match, wildcards and Crawl-delay.
Unreadable files follow the RFC: 4xx (none there) allows everything; 5xx, timeouts and network
errors disallow the site until `retry_seconds` have passed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego

from services.feed_producer.feeds import FeedError

log = logging.getLogger(__name__)
ROBOTS_MAX_BYTES = 512 * 1024
"""RFC 9309: crawlers must read at least 500 KiB; a larger file counts as unreadable."""


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


@dataclass
class _Rules:
    parser: Protego | None
    """None: everything allowed (no robots.txt); `allow_all=False` with None: nothing allowed."""
    allow_all: bool
    expires: float


class RobotsCache:
    """`allowed(url)`: may `user_agent` fetch it? Fetches each site's robots.txt via `download`
    (which applies the producer's timeout and rate limit) at most once per `ttl` seconds."""

    def __init__(
        self,
        download: Callable[[str], bytes],
        user_agent: str,
        ttl: float,
        retry_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.download, self.ttl, self.retry_seconds, self.clock = download, ttl, retry_seconds, clock
        self.agent = user_agent.split("/", 1)[0]
        self.sites: dict[str, _Rules] = {}

    def _rules(self, url: str) -> _Rules:
        origin = origin_of(url)
        rules = self.sites.get(origin)
        now = self.clock()
        if rules is not None and rules.expires > now:
            return rules
        try:
            body = self.download(origin + "/robots.txt")
            rules = _Rules(Protego.parse(body.decode("utf-8", errors="replace")), True, now + self.ttl)
        except FeedError as exc:
            if exc.kind == "http_4xx":
                rules = _Rules(None, True, now + self.ttl)
            else:
                log.warning(
                    "robots.txt of %s unreadable (%s: %s): not fetching from it for %.0fs",
                    origin,
                    exc.kind,
                    exc,
                    self.retry_seconds,
                )
                rules = _Rules(None, False, now + self.retry_seconds)
        self.sites[origin] = rules
        return rules

    def allowed(self, url: str) -> bool:
        rules = self._rules(url)
        if rules.parser is None:
            return rules.allow_all
        return bool(rules.parser.can_fetch(url, self.agent))

    def crawl_delay(self, url: str) -> float:
        """The site's Crawl-delay for us (0 when none), from rules already read."""
        rules = self.sites.get(origin_of(url))
        if rules is None or rules.parser is None:
            return 0.0
        return float(rules.parser.crawl_delay(self.agent) or 0.0)
