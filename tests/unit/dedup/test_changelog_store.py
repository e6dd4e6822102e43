"""The dedup table's store: feeds recovered rows to its sink once and keeps no copy of them."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import faust
import pytest
from faust.types import TP

from services.dedup.changelog_store import EngineStore, engine_table

CHANGELOG = TP("dedup-memory-changelog", 0)


class Sink:
    def __init__(self) -> None:
        self.rows: list[tuple[bytes | None, bytes]] = []
        self.tombstones: list[bytes | None] = []
        self.resets = 0
        self.recoveries = 0

    def restore_bytes(self, key: bytes | None, value: bytes) -> None:
        self.rows.append((key, value))

    def restore_tombstone(self, key: bytes | None) -> None:
        self.tombstones.append(key)

    def reset(self) -> None:
        self.resets += 1
        self.rows.clear()

    def recovered(self) -> None:
        self.recoveries += 1


def _event(offset: int, key: bytes, value: bytes | None) -> SimpleNamespace:
    return SimpleNamespace(message=SimpleNamespace(tp=CHANGELOG, offset=offset, key=key, value=value))


@pytest.fixture
def store_and_sink() -> tuple[EngineStore, Sink]:
    app = faust.App("unit-dedup-store", broker="kafka://localhost:1", store="memory://")
    sink = Sink()
    table = engine_table(app, "memory", sink, default=None, partitions=1, key_type=bytes,
                         value_type=bytes)
    store = table.data
    assert isinstance(store, EngineStore)
    return store, sink


def _recovered(store: EngineStore, active: set[TP]) -> None:
    asyncio.run(store.on_recovery_completed(active, set()))


def test_recovered_rows_feed_the_sink_once_and_are_not_kept(store_and_sink):
    store, sink = store_and_sink
    store.apply_changelog_batch([_event(0, b"a", b"row-a"), _event(1, b"b", b"row-b"),
                                 _event(2, b"a", None)], lambda k: k, lambda v: v)
    assert sink.rows == [(b"a", b"row-a"), (b"b", b"row-b")]  # the tombstone is not a row
    assert sink.tombstones == [b"a"]  # but the sink hears of it
    assert len(store) == 0 and b"b" not in store
    store[b"c"] = b"row-c"  # a write: the table has sent it to the changelog already
    del store[b"a"]  # a delete: its tombstone is sent, nothing is stored to remove
    assert len(store) == 0 and sink.rows == [(b"a", b"row-a"), (b"b", b"row-b")]
    assert store.persisted_offset(CHANGELOG) == 2  # a rebalance resumes after what it fed


def test_own_writes_advance_the_offset_and_losing_the_partition_resets(store_and_sink):
    store, sink = store_and_sink
    store.set_persisted_offset(CHANGELOG, 5)  # before recovery completed: not ours yet
    assert store.persisted_offset(CHANGELOG) is None
    _recovered(store, {CHANGELOG})
    store.set_persisted_offset(CHANGELOG, 7)  # acknowledged write of this worker
    assert store.persisted_offset(CHANGELOG) == 7
    _recovered(store, {CHANGELOG})  # a rebalance that keeps the partition here
    assert sink.resets == 0 and store.persisted_offset(CHANGELOG) == 7
    _recovered(store, set())  # the partition went to another worker
    assert sink.resets == 1 and store.persisted_offset(CHANGELOG) is None
    store.set_persisted_offset(CHANGELOG, 9)  # a late acknowledgement does not count
    assert store.persisted_offset(CHANGELOG) is None and sink.recoveries == 3


def test_an_engine_table_has_one_partition():
    app = faust.App("unit-dedup-store-2", broker="kafka://localhost:1", store="memory://")
    with pytest.raises(ValueError):
        engine_table(app, "memory", Sink(), partitions=2, key_type=bytes, value_type=bytes)
