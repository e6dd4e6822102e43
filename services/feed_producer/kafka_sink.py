"""The producer's only Kafka code: articles and dead letters out, with acks=all and retries."""

from __future__ import annotations

import logging
import time
from typing import Any

from kafka import KafkaProducer
from kafka.errors import KafkaTimeoutError

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW
from services.runtime.metrics import DEAD_LETTERS, MESSAGES_OUT, OVERSIZED_RECORDS
from services.runtime.record_size import TOO_LARGE, too_large, too_large_reason
from services.runtime.settings import RuntimeSettings
from services.runtime.streams import dead_letter_for

log = logging.getLogger(__name__)
SERVICE = "feed_producer"
CLOSE_SECONDS = 10.0  # waited for the broker when the producer stops
FLUSH_STEP_SECONDS = 5.0  # one wait for the broker inside a flush; then failed sends are re-sent
PRUNE_AT = 1000  # pending sends kept before the delivered ones are dropped from the list


class BrokerUnavailable(TimeoutError):
    """The broker stayed away longer than STRIKEWATCH_BROKER_OUTAGE_SECONDS: articles not sent."""


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
        # what was sent since the last flush: re-sent when a broker outage failed it, so an article
        # the producer remembers as emitted is on the broker (no silent loss across an outage)
        self._pending: list[tuple[str, bytes | None, bytes, Any]] = []

    def send(self, article: Article) -> None:
        """Produce one article. The runner has
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
        # (the record's timestamp is the send time: a publication time weeks old would let the
        # broker's time-based retention delete the article before anyone read it)
        self._send(self.topic, article.id.encode(), value)
        MESSAGES_OUT.labels(SERVICE, ARTICLES_RAW.name).inc()

    def _send(self, topic: str, key: bytes | None, value: bytes) -> None:
        self._pending.append((topic, key, value, self.producer.send(topic, key=key, value=value)))
        if len(self._pending) >= PRUNE_AT:  # a long replay flushes once, at its end
            self._pending = [p for p in self._pending if not (p[3].is_done and p[3].succeeded())]

    def dead_letter(self, record: DeadLetter, origin: str) -> None:
        """Produce a dead-letter record; `origin` (feed name, 'inbox', 'stdin') labels the metric.
        Records from `dead_letter_for` always fit (it copies a bounded head)."""
        self._send(self.dlq_topic, None, record.model_dump_json().encode())
        DEAD_LETTERS.labels(SERVICE, origin, record.error_type).inc()
        MESSAGES_OUT.labels(SERVICE, ARTICLES_RAW.dlq or "").inc()

    def flush(self, timeout: float | None = None) -> None:
        """Return once every record sent since the last flush is on the broker. A broker outage
        is ridden out: sends it failed are sent again, until it has lasted `timeout` (default
        STRIKEWATCH_BROKER_OUTAGE_SECONDS), and then BrokerUnavailable says so."""
        limit = self.settings.broker_outage_seconds if timeout is None else timeout
        deadline = time.monotonic() + limit
        while self._pending:
            try:
                self.producer.flush(timeout=max(0.1, min(FLUSH_STEP_SECONDS, deadline - time.monotonic())))
            except KafkaTimeoutError:
                pass  # (still waiting for the broker)
            left = []
            for topic, key, value, future in self._pending:
                if not future.is_done:
                    left.append((topic, key, value, future))
                elif future.failed():
                    left.append((topic, key, value, self.producer.send(topic, key=key, value=value)))
            waiting = len(left)
            self._pending = left
            if not waiting:
                return
            if time.monotonic() >= deadline:
                raise BrokerUnavailable(
                    f"the broker did not take {waiting} records in {limit:.0f} s"
                    " (STRIKEWATCH_BROKER_OUTAGE_SECONDS); they were not sent and are sent again on restart"
                )
            log.warning("broker unreachable: %d records waiting to be sent again", waiting)

    def close(self) -> None:
        """Stop, giving the broker a last CLOSE_SECONDS; records it did not take are abandoned
        (the producer did not save them as emitted: they are sent again on restart)."""
        try:
            self.producer.flush(timeout=CLOSE_SECONDS)
            self.producer.close(timeout=CLOSE_SECONDS)
        except KafkaTimeoutError:
            log.warning("closing with %d records the broker did not take", len(self._pending))
            try:
                self.producer.close(timeout=0)
            except KafkaTimeoutError:
                pass  # (abandoned, as said)
