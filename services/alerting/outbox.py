"""Pending deliveries kept on Kafka (`alerts.outbox`), so they survive kill -9 and SIGTERM.

Why a compacted topic and not a local file: the alert that needs delivering is decided from
records of `strikes.daily`, whose offsets Kafka holds; writing the delivery to Kafka (acked) before
those offsets are committed keeps both on one durable store, with no file to fsync or to lose
with a container. Each notification for each receiver is one record keyed
`<receiver>|<webhook-id>`; a tombstone (null value) under the same key ends it once it was
delivered or dead-lettered. Compaction keeps the topic at about the size of what is pending.

On start the service reads the topic from the beginning to its end (the latest record per key
wins) and delivers what is still pending with the same webhook-id, so a receiver that did get it
before the crash drops the copy. Reading is done with kafka-python in a thread, outside the faust
consumer group, by assigning the partitions by hand (no group join, quick on every broker).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from pydantic import ValidationError

from schemas.alerts import OutboxEntry
from schemas.topics import ALERTS_OUTBOX
from services.alerting import metrics
from services.alerting.delivery import delivery_order
from services.alerting.settings import AlertingSettings
from services.alerting.topic_reader import read_until_end

log = logging.getLogger(__name__)

SEND_RETRY_MAX_S = 5.0
"""Cap on the pause between attempts of an outbox write while the broker does not answer."""


def pending_entries(records: Iterable[tuple[bytes | None, bytes | None]]) -> list[OutboxEntry]:
    """Fold (key, value) records in topic order: the latest value per key, tombstones removing it.

    A record that does not parse is logged and counted (strikewatch_alert_outbox_invalid_total),
    never fatal: its key's earlier entry, if any, is kept.
    """
    latest: dict[bytes, OutboxEntry | None] = {}
    for key, value in records:
        if key is None:
            metrics.OUTBOX_INVALID.inc()
            log.error("alerts.outbox record without a key ignored")
            continue
        if value is None:
            latest[key] = None
            continue
        try:
            latest[key] = OutboxEntry.model_validate_json(value)
        except (ValidationError, ValueError) as exc:
            metrics.OUTBOX_INVALID.inc()
            log.error("alerts.outbox record %r unreadable, ignored: %s", key[:200], exc)
    return sorted((e for e in latest.values() if e is not None), key=delivery_order)


def read_outbox(settings: AlertingSettings, idle_timeout_s: float = 10.0) -> list[OutboxEntry]:
    """Everything pending on the outbox topic, from its start to its current end."""
    topic = settings.topic_name(ALERTS_OUTBOX)
    consumer = KafkaConsumer(bootstrap_servers=settings.bootstrap_list(), group_id=None,
                             enable_auto_commit=False, auto_offset_reset="earliest",
                             fetch_max_bytes=settings.kafka_limit_bytes,
                             max_partition_fetch_bytes=settings.kafka_limit_bytes)
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
        if not partitions:
            raise RuntimeError(f"topic {topic} not found (create it: strikewatch topics create)")
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        records, unread = read_until_end(consumer, partitions, idle_timeout_s)
        if unread:
            raise RuntimeError(f"{topic}: could not read to its end ({unread} partitions stalled)")
        return pending_entries((r.key, r.value) for r in records)
    finally:
        consumer.close()


class KafkaOutbox:
    """Acked writes to the outbox through the service's faust producer."""

    def __init__(self, app: Any, settings: AlertingSettings) -> None:
        self.topic = app.topic(settings.topic_name(ALERTS_OUTBOX), key_serializer="raw",
                               value_serializer="raw", partitions=ALERTS_OUTBOX.partitions)

    async def put(self, entry: OutboxEntry) -> None:
        await send_acked(self.topic, entry.key.encode(), entry.model_dump_json().encode())

    async def clear(self, entry: OutboxEntry) -> None:
        await send_acked(self.topic, entry.key.encode(), None)


async def send_acked(topic: Any, key: bytes, value: bytes | None) -> None:
    """Send now (not attached to the current event) and wait for the broker's ack, retrying while
    the broker does not answer: what decided an alert is not committed before this returns."""
    pause = 0.1
    while True:
        try:
            sent = await topic.send(key=key, value=value, force=True)
            await sent
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - the broker is away: wait for it, loudly
            log.error("write to %s failed (%s: %s); retrying in %.1fs", topic.get_topic_name(),
                      type(exc).__name__, exc, pause)
            await asyncio.sleep(pause)
            pause = min(SEND_RETRY_MAX_S, pause * 2)
