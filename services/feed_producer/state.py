"""What the producer already emitted, per feed, kept in a JSON state file across restarts.

Each feed remembers every emitted version, `article id#content hash` (bounded, oldest forgotten
first), so a restart does not re-emit a whole feed, while an article updated at the same URL (new
text, same id) is emitted again for dedup to mark as a revision. Versions, not the latest hash per
id: two inbox files holding two versions of one URL (v1.json, v2.json) would otherwise each look
new on every scan and be re-emitted forever. HTTP validators (ETag / Last-Modified) live here too.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from schemas.article import Article
from services.feed_producer.fetch import Validators


def content_hash(article: Article) -> str:
    """Hash of what a reader sees; a change means a revision."""
    return hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()[:24]


def version_key(article: Article) -> str:
    return f"{article.id}#{content_hash(article)}"


@dataclass
class FeedState:
    """One feed's memory."""

    emitted: OrderedDict[str, str] = field(default_factory=OrderedDict)
    validators: Validators = field(default_factory=Validators)

    def is_new(self, article: Article) -> bool:
        return version_key(article) not in self.emitted

    def has_article(self, article_id: str) -> bool:
        """Was any version of this article emitted (a linear scan: called a few times per poll)?"""
        prefix = f"{article_id}#"
        return any(key.startswith(prefix) for key in self.emitted)

    def remember(self, article: Article, limit: int) -> None:
        self._remember(version_key(article), content_hash(article), limit)

    def first_rejection(self, raw: bytes, limit: int) -> bool:
        """True the first time this rejected entry is seen: a bad post on a channel page that has
        no ETag would otherwise be dead-lettered again on every poll."""
        digest = hashlib.sha256(raw).hexdigest()[:24]
        key = f"rejected#{digest}"
        if key in self.emitted:
            return False
        self._remember(key, digest, limit)
        return True

    def _remember(self, key: str, value: str, limit: int) -> None:
        self.emitted[key] = value
        self.emitted.move_to_end(key)
        while len(self.emitted) > limit:
            self.emitted.popitem(last=False)


class ProducerState:
    """All feeds' memory; `save()` writes atomically (temp file + rename)."""

    def __init__(self, path: Path, limit: int = 5000) -> None:
        self.path, self.limit = path, limit
        self.feeds: dict[str, FeedState] = {}
        if path.exists():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # an unreadable state file means starting afresh, never crashing
        for name, raw in data.get("feeds", {}).items():
            v = raw.get("validators", {})
            self.feeds[name] = FeedState(
                OrderedDict(raw.get("emitted", [])), Validators(v.get("etag"), v.get("last_modified"))
            )

    def feed(self, name: str) -> FeedState:
        return self.feeds.setdefault(name, FeedState())

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "feeds": {
                name: {
                    "emitted": list(state.emitted.items()),
                    "validators": {
                        "etag": state.validators.etag,
                        "last_modified": state.validators.last_modified,
                    },
                }
                for name, state in self.feeds.items()
            }
        }
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, self.path)
