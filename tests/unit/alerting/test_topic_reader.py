"""read_until_end against a consumer that answers like Tansu: ListOffsets says the last batch's
base offset + 1, the fetch responses carry the true high watermark (services/runtime/lag.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kafka import TopicPartition
from kafka.consumer.fetcher import ConsumerRecord

from services.alerting.topic_reader import read_until_end

TP = TopicPartition("alerts.outbox", 0)


@dataclass
class BatchBroker:
    """One partition's log and a consumer of it; `listed_end` is what ListOffsets answers."""

    log: list[bytes]
    listed_end: int
    position_: int = 0
    known_high: int | None = None
    fetch_max: int = 100
    appended_after_first_fetch: list[bytes] = field(default_factory=list)

    def end_offsets(self, partitions: list[TopicPartition]) -> dict[TopicPartition, int]:
        return {tp: self.listed_end for tp in partitions}

    def position(self, tp: TopicPartition) -> int:
        return self.position_

    def highwater(self, tp: TopicPartition) -> int | None:
        return self.known_high

    def seek(self, tp: TopicPartition, offset: int) -> None:
        self.position_ = offset

    def poll(self, timeout_ms: int) -> dict[TopicPartition, list[ConsumerRecord]]:
        first = self.known_high is None
        self.known_high = len(self.log)
        if first:
            self.log += self.appended_after_first_fetch
        batch = [_record(n, v) for n, v in enumerate(self.log) if n >= self.position_][: self.fetch_max]
        if not batch:
            return {}
        self.position_ = batch[-1].offset + 1
        return {TP: batch}


def _record(offset: int, value: bytes) -> ConsumerRecord:
    return ConsumerRecord(topic=TP.topic, partition=TP.partition, leader_epoch=0, offset=offset, timestamp=0,
                          timestamp_type=0, key=b"k", value=value, headers=[], checksum=None,
                          serialized_key_size=1, serialized_value_size=len(value), serialized_header_size=-1)


def test_a_last_batch_of_several_records_is_read_whole_when_list_offsets_undercounts_it():
    broker = BatchBroker([b"local-firing", b"probe-firing", b"local-resolved", b"probe-resolved"], listed_end=1)
    records, unread = read_until_end(broker, [TP], idle_timeout_s=2)  # type: ignore[arg-type]
    assert [r.value for r in records] == broker.log
    assert unread == 0


def test_a_reader_already_at_list_offsets_end_still_reads_the_rest_of_the_batch():
    broker = BatchBroker([b"a", b"b", b"c", b"d"], listed_end=1, position_=1)  # e.g. redeliver's commit
    records, _ = read_until_end(broker, [TP], idle_timeout_s=2)  # type: ignore[arg-type]
    assert [r.value for r in records] == [b"b", b"c", b"d"]


def test_records_written_after_the_first_fetch_are_left_for_the_next_reader():
    broker = BatchBroker([b"a", b"b"], listed_end=2, fetch_max=1, appended_after_first_fetch=[b"late"])
    records, _ = read_until_end(broker, [TP], idle_timeout_s=2)  # type: ignore[arg-type]
    assert [r.value for r in records] == [b"a", b"b"]
    assert broker.position_ == 2


def test_an_empty_partition_is_not_fetched():
    broker = BatchBroker([], listed_end=0)
    assert read_until_end(broker, [TP], idle_timeout_s=2) == ([], 0)  # type: ignore[arg-type]
    assert broker.known_high is None
