"""After a rebalance every partition without a commit is read again from its start (rebalance_seek)."""

from __future__ import annotations

import asyncio

from aiokafka.structs import TopicPartition as TP

from services.runtime.rebalance_seek import rewind_plan, seek_committed_or_start

RAW, CHANGELOG = "articles.raw", "dedup-memory-changelog"


def test_uncommitted_partitions_go_back_to_the_start_and_committed_ones_stay():
    committed = {TP(RAW, 0): None, TP(RAW, 1): 7, TP(RAW, 2): 0, TP(CHANGELOG, 0): None}
    exact, from_start = rewind_plan(committed, {CHANGELOG}, "earliest")
    assert from_start == [TP(RAW, 0)]
    assert exact == {TP(RAW, 2): 0}  # aiokafka skips a committed 0 too


def test_latest_policy_keeps_its_meaning():
    exact, from_start = rewind_plan({TP(RAW, 0): None}, set(), "latest")
    assert (exact, from_start) == ({}, [])


class _Consumer:
    """Records what the helper asks of aiokafka's consumer (no broker: the integration test
    tests/integration/test_dedup_service.py two-worker case runs the real one)."""

    def __init__(self, committed: dict) -> None:
        self.committed, self.seeks, self.to_start = committed, {}, []

    async def seek_to_committed(self) -> dict:
        return self.committed

    def seek(self, tp: TP, offset: int) -> None:
        self.seeks[tp] = offset

    async def seek_to_beginning(self, *tps: TP) -> None:
        self.to_start.extend(tps)


def test_the_helper_seeks_what_the_plan_says_and_returns_the_committed_offsets():
    consumer = _Consumer({TP(RAW, 0): None, TP(RAW, 3): 0, TP(RAW, 1): 4, TP(CHANGELOG, 0): None})
    out = asyncio.run(seek_committed_or_start(consumer, {CHANGELOG}, "earliest"))
    assert out is consumer.committed
    assert consumer.to_start == [TP(RAW, 0)] and consumer.seeks == {TP(RAW, 3): 0}
