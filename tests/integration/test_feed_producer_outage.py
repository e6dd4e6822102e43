"""The feed producer rides out a broker outage (issue 11 item 5): articles sent while the broker is
away reach it once it is back, nothing the producer counts as emitted is dropped, and an outage
longer than STRIKEWATCH_BROKER_OUTAGE_SECONDS ends with BrokerUnavailable, not a traceback.

Each test starts a memory broker of its own (the session broker must not be stopped)."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime

import pytest

from schemas.article import Article
from schemas.topics import ARTICLES_RAW
from services.feed_producer.kafka_sink import BrokerUnavailable, KafkaArticleSink
from services.runtime.broker import EmbeddedBroker, free_port
from services.runtime.settings import RuntimeSettings
from tests.support.kafka_io import read_models

pytestmark = pytest.mark.integration

OUTAGE_SECONDS = 4.0  # how long the test keeps the broker away while the producer flushes


def _article(n: int) -> Article:
    now = datetime.now(UTC)
    return Article(id=f"outage-{n}", feed="test", url=f"https://example.org/outage/{n}",
                   title=f"Story {n}", text=f"Report {n}: {uuid.uuid4().hex}",
                   published_at=datetime(2022, 3, 1, tzinfo=UTC), fetched_at=now)


def test_articles_sent_during_an_outage_reach_the_broker_once_it_is_back() -> None:
    port, prefix = free_port(), f"out{uuid.uuid4().hex[:6]}."
    settings = RuntimeSettings(kafka_bootstrap_servers=f"127.0.0.1:{port}", topic_prefix=prefix,
                               broker_outage_seconds=120)
    brokers = [EmbeddedBroker(port, topic_prefix=prefix).start()]
    sink = KafkaArticleSink(settings)
    try:
        sink.send(_article(0))
        sink.flush()
        brokers[-1].stop()  # the memory broker forgets article 0: only what follows is checked
        for n in range(1, 6):
            sink.send(_article(n))
        flushed = threading.Event()
        worker = threading.Thread(target=lambda: (sink.flush(), flushed.set()), daemon=True)
        worker.start()
        time.sleep(OUTAGE_SECONDS)
        assert not flushed.is_set(), "flush returned while the broker was away"
        brokers.append(EmbeddedBroker(port, topic_prefix=prefix).start())
        worker.join(timeout=120)
        assert flushed.is_set(), "flush never returned after the broker came back"
        got = read_models(settings.kafka_bootstrap_servers, settings.topic_name(ARTICLES_RAW), Article, 5)
        assert sorted(a.id for a in got) == [f"outage-{n}" for n in range(1, 6)]
    finally:
        sink.close()
        brokers[-1].stop()


def test_an_outage_longer_than_the_limit_is_one_clear_error() -> None:
    port = free_port()
    broker = EmbeddedBroker(port).start()
    sink = KafkaArticleSink(RuntimeSettings(kafka_bootstrap_servers=f"127.0.0.1:{port}", broker_outage_seconds=1))
    try:
        broker.stop()
        sink.send(_article(1))
        with pytest.raises(BrokerUnavailable, match="did not take 1 records"):
            sink.flush()
    finally:
        broker = EmbeddedBroker(port).start()  # (back, so the sink closes cleanly)
        sink.close()
        broker.stop()
