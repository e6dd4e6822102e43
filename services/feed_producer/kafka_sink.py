"""The producer's only Kafka code: articles and dead letters out, with acks=all and retries."""

from __future__ import annotations

import logging

from kafka import KafkaProducer

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW
from services.runtime.metrics import DEAD_LETTERS, MESSAGES_OUT, OVERSIZED_RECORDS
from services.runtime.record_size import TOO_LARGE, too_large, too_large_reason
from services.runtime.settings import RuntimeSettings
from services.runtime.streams import dead_letter_for

log = logging.getLogger(__name__)
SERVICE = "feed_producer"


class KafkaArticleSink:
    """Keys each article by its id. Idempotence is off on purpose: Tansu's memory engine has been
    seen answering OutOfOrderSequenceNumber after idle producers (see docs/runtime.md); acks=all
    with retries and one request in flight keeps order without it."""

    def __init__(self, settings: RuntimeSettings) -> None:
        self.settings = settings
        self.topic = settings.topic_name(ARTICLES_RAW)
        self.dlq_topic = settings.topic_name(ARTICLES_RAW.dlq or "articles.raw.dlq")
        self.producer = KafkaProducer(
            bootstrap_servers=settings.bootstrap_list(),
            acks="all",
            retries=10,
            enable_idempotence=False,
            max_in_flight_requests_per_connection=1,
            linger_ms=5,
            max_request_size=settings.kafka_limit_bytes,  # the one size policy (record_size.py)
            client_id="strikewatch-feed-producer",
        )

    def send(self, article: Article) -> None:
        """Produce one article (timestamped with its publication time when known). The runner has
        checked its size; one that is still too large (a caller that did not) is dead-lettered
        here rather than failing the send with MessageSizeTooLargeError."""
        value = article.model_dump_json().encode()
        if too_large(len(value), self.settings.max_record_bytes):
            reason = too_large_reason(f"article {article.id}", len(value), self.settings.max_record_bytes)
            OVERSIZED_RECORDS.labels(SERVICE, ARTICLES_RAW.name).inc()
            log.error("not sent: %s", reason, extra={"reason": TOO_LARGE})
            self.dead_letter(
                dead_letter_for(SERVICE, ARTICLES_RAW.name, value, reason, TOO_LARGE,
                                key=article.id.encode(), max_record_bytes=self.settings.max_record_bytes),
                ARTICLES_RAW.name,
            )
            return
        ts = int(article.published_at.timestamp() * 1000) if article.published_at else None
        self.producer.send(self.topic, key=article.id.encode(), value=value, timestamp_ms=ts)
        MESSAGES_OUT.labels(SERVICE, ARTICLES_RAW.name).inc()

    def dead_letter(self, record: DeadLetter, origin: str) -> None:
        """Produce a dead-letter record; `origin` (feed name, 'inbox', 'stdin') labels the metric.
        Records from `dead_letter_for` always fit (it copies a bounded head)."""
        self.producer.send(self.dlq_topic, key=None, value=record.model_dump_json().encode())
        DEAD_LETTERS.labels(SERVICE, origin, record.error_type).inc()
        MESSAGES_OUT.labels(SERVICE, ARTICLES_RAW.dlq or "").inc()

    def flush(self, timeout: float = 30.0) -> None:
        self.producer.flush(timeout=timeout)

    def close(self) -> None:
        self.producer.flush(timeout=10)
        self.producer.close(timeout=10)
