from __future__ import annotations

from pathlib import Path

import pytest

from schemas.article import Article
from schemas.deadletter import DeadLetter
from services.feed_producer.runner import Producer
from services.feed_producer.settings import FeedConfig, FeedProducerSettings

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title><link>https://wire.example</link>
<item><title>Drones hit Odesa port</title><link>https://wire.example/a?utm_source=x#top</link>
<guid>a</guid><pubDate>Sat, 20 Sep 2025 06:10:00 GMT</pubDate>
<description>&lt;p&gt;Russia launched 40 drones overnight, the &lt;b&gt;air force&lt;/b&gt; said.&lt;/p&gt;</description></item>
<item><title>Budget talks</title><link>https://wire.example/b</link><guid>b</guid>
<pubDate>Sat, 20 Sep 2025 08:00:00 GMT</pubDate><description>Parliament debated a 5% rise.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title><id>urn:x</id>
<updated>2025-09-21T07:00:00Z</updated>
<entry><title>Kharkiv struck by glide bombs</title><link href="https://atom.example/k"/><id>urn:k</id>
<updated>2025-09-21T07:00:00Z</updated><content type="html">Three people were injured in Kharkiv.</content></entry>
</feed>"""

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>&lol3;</title><description>x</description></item></channel></rss>"""


class ListSink:
    """A sink that keeps what would have gone to Kafka."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.dead: list[tuple[DeadLetter, str]] = []

    def send(self, article: Article) -> None:
        self.articles.append(article)

    def dead_letter(self, record: DeadLetter, origin: str) -> None:
        self.dead.append((record, origin))

    def flush(self, timeout: float = 30.0) -> None:
        pass


@pytest.fixture
def settings(tmp_path: Path) -> FeedProducerSettings:
    return FeedProducerSettings(
        data_dir=tmp_path / "state",
        request_timeout_seconds=1.0,
        max_body_bytes=64 * 1024,
        backoff_base_seconds=10.0,
        backoff_max_seconds=100.0,
        host_min_interval_seconds=0.0,
        inbox_settle_seconds=0.0,  # files are complete when written here; test_inbox.py sets its own
    )


@pytest.fixture
def make_producer(settings):
    def make(feeds: list[FeedConfig] | None = None, inbox: Path | None = None) -> tuple[Producer, ListSink]:
        sink = ListSink()
        return Producer(settings, sink, feeds or [], inbox), sink

    return make
