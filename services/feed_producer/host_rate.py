"""A per-host rate limit: one request to a host at most every `interval` seconds.

The producer is one thread polling feeds in turn, so waiting here simply slows that loop; a
Telegram channel's pages and a feed's article pages on one site are then spread out in time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    """The rate-limited unit: host and port, lowercased."""
    return urlsplit(url).netloc.lower()


class HostRateLimiter:
    """Remembers when each host may next be asked; `wait` sleeps until then and books the next slot."""

    def __init__(
        self,
        interval: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval, self.clock, self.sleep = interval, clock, sleep
        self.next_allowed: dict[str, float] = {}

    def wait(self, host: str, min_interval: float = 0.0) -> float:
        """Block until `host` may be asked again; returns the seconds waited.

        `min_interval` raises the gap for this host (a robots.txt Crawl-delay)."""
        now = self.clock()
        due = self.next_allowed.get(host, now)
        waited = max(0.0, due - now)
        if waited:
            self.sleep(waited)
        self.next_allowed[host] = now + waited + max(self.interval, min_interval)
        return waited
