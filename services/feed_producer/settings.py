"""Feed producer settings (`STRIKEWATCH_*`) and the feeds.yaml format."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from services.runtime.settings import RuntimeSettings


class FeedProducerSettings(RuntimeSettings):
    """Limits and paths of the producer; feeds themselves come from feeds.yaml and the CLI."""

    feeds_file: Path = Path("feeds.yaml")
    inbox_scan_seconds: float = 1.0
    request_timeout_seconds: float = 15.0
    max_body_bytes: int = 10 * 1024 * 1024
    backoff_base_seconds: float = 30.0
    backoff_max_seconds: float = 3600.0
    remembered_per_feed: int = 5000
    user_agent: str = "StrikeWatch/0.1 (+https://github.com/strikewatch)"

    @property
    def state_file(self) -> Path:
        return self.data_dir / "feed_producer_state.json"


class FeedConfig(BaseModel):
    """One polled feed (RSS 2.0, Atom or JSON Feed; http(s) URL, file:// URL or local path)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    url: str
    interval_seconds: float = Field(default=300.0, gt=0)


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
