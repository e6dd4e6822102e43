"""Consumer lag from the broker: a group that committed part of a topic lags by the rest."""

from __future__ import annotations

import pytest
from kafka import KafkaConsumer, OffsetAndMetadata, TopicPartition

from schemas.topics import ARTICLES_RAW
from services.runtime.lag import LagProbe
from tests.support.kafka_io import produce

pytestmark = pytest.mark.integration


def test_probe_reports_end_minus_committed_per_partition(kafka_bootstrap, topic_prefix):
    topic = topic_prefix + ARTICLES_RAW.name
    producer_records = [(f"k{i}", f"v{i}".encode()) for i in range(9)]
    for record in producer_records:  # one record per batch: Tansu's ListOffsets counts batches
        produce(kafka_bootstrap, topic, [record])
    group = f"lag-{topic_prefix.strip('.')}"
    probe = LagProbe([kafka_bootstrap], group)
    ends = {p: o for (t, p), o in probe.poll([(topic, p) for p in range(ARTICLES_RAW.partitions)]).items()}
    assert sum(ends.values()) == len(producer_records)  # nothing committed: lag = whole partition

    busiest = max(ends, key=lambda p: ends[p])
    consumer = KafkaConsumer(bootstrap_servers=kafka_bootstrap, group_id=group, enable_auto_commit=False)
    try:
        consumer.commit({TopicPartition(topic, busiest): OffsetAndMetadata(1, "", -1)})
    finally:
        consumer.close()
    lag = probe.poll([(topic, p) for p in range(ARTICLES_RAW.partitions)])
    assert lag[(topic, busiest)] == ends[busiest] - 1
    assert sum(lag.values()) == len(producer_records) - 1
