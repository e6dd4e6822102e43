"""When the broker's offsets went back, start over from what the broker has, and say so once.

A broker that lost its data (Tansu keeps everything in memory, so a restart empties it) leaves a
worker holding table rows and changelog offsets the broker no longer has. faust's recovery then
finds "persisted offset higher than the last offset in that topic" and raises ConsistencyError,
which stops the worker; every restart of it did the same until a person stepped in (issue 11
item 5; faust-streaming/faust#158 is the same check after topics were emptied by hand, where the
advice is to delete the local state, which is what this does, in process).

Here, at the start of each table recovery, the changelog offsets the worker holds are compared
with the broker's last offsets. For every table with a partition whose offset went back: its local
rows are dropped (`Table.reset_state` for stores that keep them elsewhere, the memory store's
dict) and its partitions are read again from the broker's start, so the table equals the
changelog the broker has, as after a fresh start. One ERROR line names the tables and offsets.
The offsets of source topics need nothing: the broker forgot the group too, so the worker rejoins
and starts from the earliest offset the broker has (`consumer_auto_offset_reset=earliest`).

faust's internal topics (changelogs, repartition topics) are created by faust once at start; an
emptied broker no longer has them, so at every rebalance those missing are created again (one
metadata request when none is missing).

Checked against faust-streaming 0.15.3 (`Recovery._build_offsets`, `Transport._topic_waiters`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from services.runtime.topics_admin import broker_default_replication

log = logging.getLogger(__name__)

NO_OFFSET = -1
"""faust's recovery counts offsets as 'last offset read'; -1 = nothing read yet."""


@dataclass(frozen=True)
class WentBack:
    """One changelog partition whose offset the broker no longer has."""

    partition: Any
    held: int
    broker_last: int


def offsets_went_back(held: Mapping[Any, int | None], broker_end: Mapping[Any, int | None]
                      ) -> list[WentBack]:
    """The partitions where the worker holds a later offset than the broker's last one.

    `held`: the last changelog offset the worker applied (None or -1: none); `broker_end`: the
    broker's end offset (next offset to be written; None: the broker does not know the partition,
    so it has nothing). Equal or lower held offsets are normal (more to recover)."""
    out = []
    for tp, offset in held.items():
        if offset is None or offset < 0:
            continue
        end = broker_end.get(tp)
        last = NO_OFFSET if end is None else end - 1
        if offset > last:
            out.append(WentBack(tp, offset, last))
    return out


def tables_to_reset(went_back: Iterable[WentBack], tp_to_table: Mapping[Any, Any]) -> dict[str, Any]:
    """The tables (by name) owning partitions that went back."""
    out: dict[str, Any] = {}
    for item in went_back:
        table = tp_to_table.get(item.partition)
        if table is not None:
            out[table.name] = table
    return out


def describe(went_back: list[WentBack]) -> str:
    """`topic[p] held 29, broker's last -1; ...` for the one log line."""
    parts = [f"{w.partition.topic}[{w.partition.partition}] held {w.held}, broker's last {w.broker_last}"
             for w in sorted(went_back, key=lambda w: (w.partition.topic, w.partition.partition))]
    return "; ".join(parts)


WRITTEN = "_strikewatch_written"
"""Attribute of a memory store: the last changelog offset per partition this worker wrote."""


def written_offset(table: Any, tp: Any) -> int:
    """The last changelog offset this worker wrote for `tp` (-1: none, or not a memory store).

    faust's recovery only knows the offsets it *read*: a worker that filled its table itself (no
    restart since) holds rows whose changelog offsets recovery never saw, so without this an
    emptied broker went unnoticed and the table kept rows the broker no longer has."""
    written = getattr(getattr(table, "data", None), WRITTEN, None)
    return written.get(tp, NO_OFFSET) if isinstance(written, dict) else NO_OFFSET


def _remember_written_offsets() -> None:
    """faust acknowledges each changelog write with `store.set_persisted_offset`, which the memory
    store ignores; keep the offset (stores with their own method, e.g. dedup's, are untouched)."""
    from faust.stores.memory import Store

    if getattr(Store.set_persisted_offset, "_strikewatch_keeps", False):
        return

    def set_persisted_offset(self: Any, tp: Any, offset: int) -> None:
        written = self.__dict__.setdefault(WRITTEN, {})
        written[tp] = max(written.get(tp, NO_OFFSET), offset)

    set_persisted_offset._strikewatch_keeps = True  # type: ignore[attr-defined]
    Store.set_persisted_offset = set_persisted_offset


def _forget_rows(table: Any) -> None:
    """Drop a table's local rows and the changelog offsets its store holds."""
    table.reset_state()  # stores that keep rows or offsets outside faust's dict forget them here
    store = table.data
    written = getattr(store, WRITTEN, None)
    if isinstance(written, dict):
        written.clear()
    data = getattr(store, "data", None)
    if isinstance(data, dict):  # faust's memory store
        data.clear()
        key_partition = getattr(store, "_key_partition", None)
        if isinstance(key_partition, dict):
            key_partition.clear()


def internal_topics(app: Any) -> list[NewTopic]:
    """faust's own topics of this app (table changelogs, repartition topics), as faust creates them."""
    channels = [table.changelog_topic for table in app.tables.values()]
    channels += [c for c in app.topics if getattr(c, "internal", False)]
    out: dict[str, NewTopic] = {}
    for channel in channels:
        config = app.transport._topic_config(channel.retention, channel.compacting, channel.deleting)
        config.update(channel.config or {})
        for name in channel.topics:
            out[name] = NewTopic(
                name=name,
                num_partitions=channel.partitions or app.conf.topic_partitions,
                # 0 = the broker's default factor (app.py), resolved in create_missing
                replication_factor=channel.replicas or app.conf.topic_replication_factor or 0,
                topic_configs={k: str(v) for k, v in config.items()},
            )
    return list(out.values())


def create_missing(bootstrap: list[str], topics: list[NewTopic]) -> list[str]:
    """Create those of `topics` the broker does not have (blocking; one metadata request when
    all exist). faust's producer cannot do this after an outage: its CreateTopics waited forever
    on the restarted broker (measured on Tansu), and it remembers "created" for the process."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="strikewatch-redeclare",
                             request_timeout_ms=10_000)
    try:
        existing = set(admin.list_topics())
        created = []
        for topic in topics:
            if topic.name in existing:
                continue
            if topic.replication_factor <= 0:
                topic.replication_factor = broker_default_replication(bootstrap)
            try:
                admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
        return created
    finally:
        admin.close()


async def redeclare_internal_topics(app: Any) -> None:
    """Create faust's changelog and internal topics again if the broker lost them."""
    bootstrap = [str(url).removeprefix("kafka://") for url in app.conf.broker]
    created = await asyncio.to_thread(create_missing, bootstrap, internal_topics(app))
    if created:
        log.warning("the broker had lost %d internal topics; created again: %s", len(created),
                    ", ".join(created))


def _offset(value: int | None) -> int:
    return NO_OFFSET if value is None else value


def install() -> None:
    """Wrap faust's recovery (once per process): reset tables whose offsets went back."""
    from faust.tables.recovery import Recovery

    _remember_written_offsets()
    original = Recovery._build_offsets
    if getattr(original, "_strikewatch_resets", False):
        return

    async def build_offsets(self: Any, consumer: Any, tps: set, destination: Any, title: str) -> None:
        if tps and title == "active":
            try:
                await redeclare_internal_topics(self.app)
            except Exception as exc:  # noqa: BLE001 - the recovery below reports a broker problem
                log.warning("could not declare internal topics again: %s", exc)
        await original(self, consumer, tps, destination, title)
        if not tps:
            return
        end = await consumer.highwaters(*tps)
        held = {tp: max(_offset(destination[tp]), written_offset(self.tp_to_table.get(tp), tp)) for tp in tps}
        went_back = offsets_went_back(held, end)
        if not went_back:
            return
        tables = tables_to_reset(went_back, self.tp_to_table)
        for table in tables.values():
            _forget_rows(table)
        earliest = await consumer.earliest_offsets(*tps)
        for tp in tps:
            if self.tp_to_table.get(tp) is not None and self.tp_to_table[tp].name in tables:
                start = earliest.get(tp)
                destination[tp] = NO_OFFSET if start is None else start - 1
        log.error(
            "BROKER OFFSETS WENT BACK (the broker lost its data, e.g. a restart of the in-memory "
            "broker): tables %s start over from what the broker has (%s); their earlier rows are "
            "gone from this worker too", ", ".join(sorted(tables)), describe(went_back),
        )

    build_offsets._strikewatch_resets = True  # type: ignore[attr-defined]
    Recovery._build_offsets = build_offsets
