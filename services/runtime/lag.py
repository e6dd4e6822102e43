"""Consumer lag per topic and partition: the group's committed offset against the log end offset.

Why ask the broker and not faust: faust's own view (`consumer._committed_offset`, the sensors'
`topic_partition_offset_commited`) is private and only covers what this process committed, while
the broker's committed offsets are what a restarted or rebalanced worker resumes from, the same
number kafka_exporter's `kafka_consumergroup_lag` reports. A kafka-python admin client (blocking,
so polled in a worker thread) asks for the group's committed offsets (OffsetFetch) and the
partitions' end offsets (ListOffsets) every few seconds. The end offset is the larger of
ListOffsets and the high watermark the worker's own fetches saw: on a real Kafka they agree, but the
embedded Tansu (v0.6) answers ListOffsets(latest) with the last *batch's* base offset + 1, which
under-counts a partition whose last write was a multi-record batch (measured: 4 records in one batch
-> end offset 1), while its Fetch responses carry the right high watermark.

Only partitions assigned to THIS worker are reported, so summing the gauge over the replicas of
a scaled service counts each partition once. Table changelogs are skipped: the group reads them
for recovery but never commits them. An assigned partition with no commit yet counts from the log
start (services reset to `earliest`). Topic labels drop the test/run prefix and the app id of
faust-internal topics, so they stay the registry's bounded set of names.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping

import faust
from kafka import OffsetSpec, TopicPartition
from kafka.admin import KafkaAdminClient

from services.runtime.broker_watch import BrokerWatch
from services.runtime.metrics import CONSUMER_LAG
from services.runtime.settings import RuntimeSettings

log = logging.getLogger(__name__)

LAG_INTERVAL_SECONDS = 5.0

Partition = tuple[str, int]


def partition_lag(
    partitions: Iterable[Partition],
    committed: Mapping[Partition, int],
    end: Mapping[Partition, int],
    start: Mapping[Partition, int],
) -> dict[Partition, int]:
    """Records not yet committed per partition (never negative; unknown end -> left out)."""
    out: dict[Partition, int] = {}
    for tp in partitions:
        if tp not in end:
            continue
        position = committed.get(tp, -1)
        if position < 0:
            position = start.get(tp, 0)
        out[tp] = max(0, end[tp] - position)
    return out


def topic_label(topic: str, prefix: str, app_id: str) -> str:
    """The registry name of a topic: without the run prefix(es) and a faust app-id prefix."""
    while prefix and topic.startswith(prefix):
        topic = topic[len(prefix):]
    return topic.removeprefix(f"{app_id}-")


def is_changelog(topic: str) -> bool:
    return topic.endswith("-changelog")


class LagProbe:
    """Committed and end offsets of one consumer group, from the broker (blocking calls).

    One short-lived admin connection per poll: nothing to close at shutdown, and a broker that
    went away and came back needs no reconnect logic (a poll every few seconds is cheap)."""

    def __init__(self, bootstrap: list[str], group_id: str) -> None:
        self.bootstrap, self.group_id = bootstrap, group_id

    def poll(self, assigned: Iterable[Partition], highwaters: Mapping[Partition, int] | None = None
             ) -> dict[Partition, int]:
        """Lag of the given partitions; `highwaters`: end offsets the worker's fetches saw."""
        partitions = sorted(set(assigned))
        if not partitions:
            return {}
        admin = KafkaAdminClient(
            bootstrap_servers=self.bootstrap, client_id=f"{self.group_id}-lag", request_timeout_ms=5000
        )
        try:
            groups = admin.list_group_offsets({self.group_id: None})
            committed = {
                (tp.topic, tp.partition): meta.offset for tp, meta in groups.get(self.group_id, {}).items()
            }
            tps = [TopicPartition(t, p) for t, p in partitions]
            end = admin.list_partition_offsets({tp: OffsetSpec.LATEST for tp in tps})
            missing = [tp for tp in tps if committed.get((tp.topic, tp.partition), -1) < 0]
            start = {}
            if missing:
                start = admin.list_partition_offsets({tp: OffsetSpec.EARLIEST for tp in missing})
        finally:
            admin.close()
        return partition_lag(
            partitions,
            committed,
            _max_end({(tp.topic, tp.partition): o.offset for tp, o in end.items()}, highwaters or {}),
            {(tp.topic, tp.partition): o.offset for tp, o in start.items()},
        )


def _max_end(listed: Mapping[Partition, int], seen: Mapping[Partition, int]) -> dict[Partition, int]:
    return {tp: max(offset, seen.get(tp, -1)) for tp, offset in listed.items()}


def _assigned(app: faust.App) -> tuple[list[Partition], dict[Partition, int]]:
    """This worker's source partitions and the high watermarks its fetches saw (no I/O)."""
    try:
        assignment = [tp for tp in app.consumer.assignment() if not is_changelog(tp.topic)]
        highwaters = {}
        for tp in assignment:
            seen = app.consumer.highwater(tp)
            if seen is not None:
                highwaters[(tp.topic, tp.partition)] = seen
    except Exception:  # noqa: BLE001 - consumer not started yet (or stopping): nothing assigned
        return [], {}
    return [(tp.topic, tp.partition) for tp in assignment], highwaters


def install_lag_probe(app: faust.App, service: str, settings: RuntimeSettings,
                      watch: BrokerWatch | None = None, interval: float = LAG_INTERVAL_SECONDS) -> None:
    """Populate `strikewatch_consumer_lag{service,topic,partition}` every `interval` seconds.

    When the lag cannot be read (broker unreachable, a failed request) the series are removed,
    not left at their last value: a frozen 0 read as "all caught up" during the outage."""
    probe = LagProbe(settings.bootstrap_list(), app.conf.id)
    shown: set[tuple[str, str]] = set()
    failures = {"logged": False}

    def forget_all() -> None:
        for labels in shown:
            _remove(service, labels)
        shown.clear()

    if watch is not None:
        watch.listeners.append(lambda reachable: None if reachable else forget_all())

    @app.timer(interval=interval)
    async def consumer_lag() -> None:
        if watch is not None and not watch.reachable:
            forget_all()  # the watch logs the outage; no probe, no second line
            return
        try:
            lag = await asyncio.to_thread(probe.poll, *_assigned(app))
        except Exception as exc:  # noqa: BLE001 - a metrics probe must never stop the worker
            forget_all()
            if not failures["logged"]:
                log.warning("consumer lag probe failed (%s); lag not reported until it answers", exc)
                failures["logged"] = True
            return
        failures["logged"] = False
        if watch is not None and not watch.reachable:  # the broker went away during the poll
            return
        now: set[tuple[str, str]] = set()
        for (topic, partition), value in lag.items():
            labels = (topic_label(topic, settings.topic_prefix, app.conf.id), str(partition))
            CONSUMER_LAG.labels(service, *labels).set(value)
            now.add(labels)
        for labels in shown - now:  # revoked partitions: another worker reports them now
            _remove(service, labels)
        shown.clear()
        shown.update(now)


def _remove(service: str, labels: tuple[str, str]) -> None:
    try:
        CONSUMER_LAG.remove(service, *labels)
    except KeyError:
        pass
