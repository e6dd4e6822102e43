"""Reading assigned partitions up to the end they had when reading began (kafka-python).

Shared by the outbox recovery (from the start) and `strikewatch alerts redeliver` (from the
group's committed offsets): both must see exactly what was on the topic when they started, and
neither may wait forever on a broker that stops answering.
"""

from __future__ import annotations

import time

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

POLL_MS = 500


def read_until_end(
    consumer: KafkaConsumer, partitions: list[TopicPartition], idle_timeout_s: float,
) -> tuple[list[ConsumerRecord], int]:
    """Records from each partition's current position up to its end offset at the call, in order
    per partition; and how many partitions were left unfinished (nothing new for
    `idle_timeout_s`). Positions are left at the last record read (never past the end)."""
    ends = consumer.end_offsets(partitions)
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + idle_timeout_s
    pending = {tp for tp in partitions if consumer.position(tp) < ends[tp]}
    while pending and time.monotonic() < deadline:
        for tp, batch in consumer.poll(timeout_ms=POLL_MS).items():
            deadline = time.monotonic() + idle_timeout_s
            records.extend(m for m in batch if m.offset < ends[tp])
        pending = {tp for tp in pending if consumer.position(tp) < ends[tp]}
    for tp in partitions:
        consumer.seek(tp, min(consumer.position(tp), ends[tp]))
    return records, len(pending)
