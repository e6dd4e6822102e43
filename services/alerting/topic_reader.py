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
    `idle_timeout_s`). Positions are left at the last record read (never past the end).

    A partition's end is the larger of ListOffsets' answer and the high watermark of its first
    fetch response: Tansu answers ListOffsets with the last batch's base offset + 1 (see
    services/runtime/lag.py), which under-counts a partition whose last write was a batch of
    several records, e.g. one alert's outbox entries for every receiver (measured in the fault
    suite: 1 of 4 pending deliveries resumed after a kill -9, 3 lost). So every partition that is
    not empty is fetched once, even when its position already is at ListOffsets' end."""
    ends = consumer.end_offsets(partitions)
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + idle_timeout_s
    unsure = {tp for tp in partitions if ends[tp] > 0}  # not empty: high watermark not seen yet
    pending = {tp for tp in partitions if consumer.position(tp) < ends[tp]} | unsure
    while pending and time.monotonic() < deadline:
        batches = consumer.poll(timeout_ms=POLL_MS)
        for tp in list(unsure):
            if (high := consumer.highwater(tp)) is not None:
                ends[tp] = max(ends[tp], high)
                unsure.discard(tp)
        for tp, batch in batches.items():
            deadline = time.monotonic() + idle_timeout_s
            records.extend(m for m in batch if m.offset < ends[tp])
        pending = {tp for tp in pending if tp in unsure or consumer.position(tp) < ends[tp]}
    for tp in partitions:
        consumer.seek(tp, min(consumer.position(tp), ends[tp]))
    return records, len(pending)
