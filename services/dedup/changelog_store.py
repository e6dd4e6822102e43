"""The dedup table's faust store: its changelog feeds the engine, and no second copy is kept.

faust's `memory://` store keeps every changelog row in a dict, a second copy of what the engine
already holds in compact numpy columns (~314 bytes + key + dict entry per remembered article).
This store keeps none:

- rows recovered from the changelog go to a sink (the service's engine) once, in changelog order,
  and are dropped; tombstones go to the sink too (they were written when the engine expired the
  row, and the restored engine expires it again by the same clock: the sink only needs to know
  that the row's tombstone exists, see recovery.py);
- a write (`table[key] = row`) is discarded: faust's Table sends it to the changelog before it
  hands it to the store. A delete (`del table[key]`) sends its tombstone the same way and leaves
  nothing to remove. Reads always miss: the service asks the engine, never the table;
- like faust's RocksDB store it reports the changelog offset the sink already holds (recovered,
  or written by this worker and acknowledged), so a rebalance that leaves the partition here
  replays only newer rows instead of re-feeding (duplicating) old ones. A rebalance that takes the
  partition away resets the sink and forgets the offset, so a later assignment replays from the
  start of the (compacted) changelog.

Subclasses faust internals (`faust.stores.memory.Store`, `Table._new_store_by_url`) because
faust has no public hook for "restore into my own structure"; checked against faust-streaming 0.15.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol

import faust
from faust.stores.memory import Store as MemoryStore
from faust.types import TP, EventT


class ChangelogSink(Protocol):
    """What the store feeds (the service's engine holder)."""

    def restore_bytes(self, key: bytes | None, value: bytes) -> None:
        """One recovered row (raw changelog value)."""

    def restore_tombstone(self, key: bytes | None) -> None:
        """One recovered tombstone (the row of `key` was deleted)."""

    def reset(self) -> None:
        """Forget everything: the table's partition went to another worker."""

    def recovered(self) -> None:
        """Recovery of the assigned partitions is complete."""


class EngineStore(MemoryStore):
    """A memory store that keeps nothing: see the module docstring."""

    sink: ChangelogSink | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self._offsets: dict[TP, int] = {}
        self._held: set[TP] = set()

    def __setitem__(self, key: Any, value: Any) -> None:
        """Already in the changelog (the table sent it); the engine holds the row."""

    def __delitem__(self, key: Any) -> None:
        """The tombstone is already sent; there is nothing stored to remove."""

    def apply_changelog_batch(self, batch: Iterable[EventT], to_key: Callable[[Any], Any],
                              to_value: Callable[[Any], Any]) -> None:
        if self.sink is None:
            raise RuntimeError("EngineStore has no sink to feed")
        for event in batch:
            message = event.message
            if message.value is not None:
                self.sink.restore_bytes(message.key, message.value)
            else:
                self.sink.restore_tombstone(message.key)
            tp = message.tp
            self._offsets[tp] = max(self._offsets.get(tp, -1), message.offset)

    def persisted_offset(self, tp: TP) -> int | None:
        """The last changelog offset the sink holds (None: replay from the start)."""
        return self._offsets.get(tp)

    def set_persisted_offset(self, tp: TP, offset: int) -> None:
        """A write of this worker reached the changelog (faust calls this on acknowledgement)."""
        if tp in self._held:
            self._offsets[tp] = max(self._offsets.get(tp, -1), offset)

    def reset_state(self) -> None:
        """The broker lost the changelog (services/runtime/offset_reset.py): forget it all."""
        self._offsets.clear()
        if self.sink is not None:
            self.sink.reset()

    async def on_recovery_completed(self, active_tps: set[TP], standby_tps: set[TP]) -> None:
        gone = (set(self._offsets) | self._held) - active_tps
        if gone and self.sink is not None:
            for tp in gone:
                self._offsets.pop(tp, None)
            self.sink.reset()
        self._held = set(active_tps)
        if self.sink is not None:
            self.sink.recovered()


class EngineTable(faust.Table):
    """A faust Table whose store is an EngineStore feeding `sink`."""

    sink: ChangelogSink | None = None

    def _new_store_by_url(self, url: Any) -> EngineStore:
        store = EngineStore(
            url, self.app, self, table_name=self.name, key_type=self.key_type,
            key_serializer=self.key_serializer, value_serializer=self.value_serializer,
            value_type=self.value_type, loop=self.loop, options=self.options,
        )
        store.sink = self.sink
        return store


def engine_table(app: faust.App, name: str, sink: ChangelogSink, **kwargs: Any) -> EngineTable:
    """Define the table like `app.Table` does, with an EngineStore. One partition only: the sink
    is one engine, so it cannot forget one partition and keep another."""
    if kwargs.get("partitions") != 1:
        raise ValueError("an engine table has exactly one partition")
    table = EngineTable(app, name=name, beacon=app.tables.beacon, **kwargs)
    table.sink = sink
    app.tables.add(table)
    return table
