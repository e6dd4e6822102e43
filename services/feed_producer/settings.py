"""Feed producer settings (`STRIKEWATCH_*`) and the feeds.yaml format."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from services.runtime.settings import RuntimeSettings

FeedKind = Literal["feed", "telegram"]
"""`feed`: RSS 2.0, Atom or JSON Feed. `telegram`: a channel's public web preview (t.me/s/<channel>)."""

FullText = Literal["off", "auto", "always"]
"""Fetching the article page behind a feed entry: `off`; `auto` when the entry carries only a short
summary (no full-content element); `always` for every entry with an http(s) link."""

TELEGRAM_PREVIEW = "https://t.me/s/{channel}"


class FeedProducerSettings(RuntimeSettings):
    """Limits and paths of the producer; feeds themselves come from feeds.yaml and the CLI."""

    feeds_file: Path = Path("feeds.yaml")
    inbox_scan_seconds: float = 1.0
    inbox_settle_seconds: float = Field(default=2.0, ge=0)
    """An inbox file is read once its size and mtime have not changed for this long, or at once
    when it was renamed in (write `name.tmp` or `.name`, then rename): no half-written reads."""
    request_timeout_seconds: float = 15.0
    max_body_bytes: int = 10 * 1024 * 1024
    """Largest feed body or article page read (a feed holds many articles, so it may exceed one
    record); inbox files are held to `inbox_max_bytes`."""
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    remembered_per_feed: int = 5000
    user_agent: str = "StrikeWatch/0.1 (+https://github.com/strikewatch)"
    host_min_interval_seconds: float = Field(default=1.0, ge=0)
    """Per-host rate limit: at least this long between two requests to one host (a robots.txt
    Crawl-delay that asks for more wins)."""
    robots_cache_seconds: float = Field(default=3600.0, gt=0)
    robots_retry_seconds: float = Field(default=300.0, gt=0)
    """How soon to ask again for a robots.txt that could not be read (5xx, timeout): until then
    that host's pages are not fetched (RFC 9309 section 2.3.1.4)."""
    telegram_pages: int = Field(default=3, ge=1, le=50)
    """Default depth of a telegram feed: preview pages (about 20 posts each) read per poll."""
    full_text: FullText = "off"
    """Default for feeds that do not set `full_text` (off keeps the sample and tests offline)."""
    full_text_summary_max_chars: int = Field(default=1000, ge=0)
    """`auto`: an entry without a full-content element whose text is shorter than this is a summary."""

    @property
    def inbox_max_bytes(self) -> int:
        """Largest inbox file read: it follows the one maximum record size (a file becomes one
        article record), so a larger file goes to rejected/ instead of failing to send."""
        return min(self.max_body_bytes, self.max_record_bytes)

    @property
    def state_file(self) -> Path:
        return self.data_dir / "feed_producer_state.json"


class FeedConfig(BaseModel):
    """One polled feed: RSS/Atom/JSON Feed (http(s) URL, file:// URL or local path) or a Telegram
    channel's web preview (`kind: telegram`, `channel`, optionally `url` of the preview)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    kind: FeedKind = "feed"
    url: str = ""
    channel: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_]{3,64}$")
    interval_seconds: float = Field(default=300.0, gt=0)
    enabled: bool = True
    pages: int | None = Field(default=None, ge=1, le=50)
    """telegram: preview pages per poll (default STRIKEWATCH_TELEGRAM_PAGES)."""
    full_text: FullText | None = None
    """feed: fetch article pages (default STRIKEWATCH_FULL_TEXT)."""

    @model_validator(mode="after")
    def _kind_fields(self) -> Self:
        if self.kind == "telegram":
            if not self.channel:
                raise ValueError(f"telegram feed {self.name!r} needs a channel")
            if self.full_text not in (None, "off"):
                raise ValueError(f"telegram feed {self.name!r}: full_text is for feeds, posts are whole")
            self.url = self.url or TELEGRAM_PREVIEW.format(channel=self.channel)
            if urlsplit(self.url).scheme not in ("http", "https"):
                raise ValueError(f"telegram feed {self.name!r}: url must be http(s)")
        else:
            if not self.url:
                raise ValueError(f"feed {self.name!r} needs a url")
            if self.channel or self.pages:
                raise ValueError(f"feed {self.name!r}: channel and pages are for kind telegram")
        return self


class FeedsFile(BaseModel):
    """The feeds.yaml document."""

    model_config = ConfigDict(extra="forbid")

    feeds: list[FeedConfig] = Field(default_factory=list)
    inbox: Path | None = None


def load_feeds_file(path: Path) -> FeedsFile:
    """Parse feeds.yaml; relative paths in it are relative to the file's folder."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    doc = FeedsFile.model_validate(data)
    base = path.resolve().parent
    for feed in doc.feeds:
        if "://" not in feed.url and not Path(feed.url).is_absolute():
            feed.url = str(base / feed.url)
    if doc.inbox is not None and not doc.inbox.is_absolute():
        doc.inbox = base / doc.inbox
    return doc
