"""Broker outages without a broker: the rate-limited log, the offsets-went-back decision, /health's
reason and the reachability watch (issue 11 item 5)."""

from __future__ import annotations

import asyncio
import logging
from types import SimpleNamespace

from faust.types import TP

from services.runtime.app import not_ready_reason
from services.runtime.broker import free_port
from services.runtime.broker_watch import BrokerWatch, any_reachable, host_port
from services.runtime.logs import RepeatFilter
from services.runtime.offset_reset import WentBack, describe, offsets_went_back, tables_to_reset


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _record(msg: str, *args: object, level: int = logging.ERROR, name: str = "aiokafka") -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args, None)


def test_repeated_errors_pass_once_per_window_and_the_next_line_carries_the_count():
    clock = Clock()
    repeats = RepeatFilter(window=10.0, clock=clock)
    passed = []
    for i in range(270):  # one second of aiokafka during an outage
        clock.now = i / 270
        record = _record("Unable connect to node with id %s: %s", 111, "refused")
        if repeats.filter(record):
            passed.append(record)
    assert len(passed) == 1
    clock.now = 10.5
    later = _record("Unable connect to node with id %s: %s", 111, "refused")
    assert repeats.filter(later)
    assert later.getMessage() == (
        "Unable connect to node with id 111: refused (269 more like this in the last 10s)")
    assert later.repeated == 269


def test_repeat_filter_keeps_different_messages_info_lines_and_a_zero_window():
    clock = Clock()
    repeats = RepeatFilter(window=10.0, clock=clock)
    assert repeats.filter(_record("connect failed %s", 1))
    assert repeats.filter(_record("fetch failed %s", 1))  # another template
    assert repeats.filter(_record("connect failed %s", 1, name="other"))  # another logger
    assert repeats.filter(_record("connect failed %s", 1, level=logging.WARNING))  # another level
    assert all(repeats.filter(_record("ready %s", i, level=logging.INFO)) for i in range(5))
    assert not repeats.filter(_record("connect failed %s", 2))
    off = RepeatFilter(window=0, clock=clock)
    assert all(off.filter(_record("connect failed %s", i)) for i in range(5))


def test_repeat_filter_forgets_the_oldest_message_beyond_its_bound(monkeypatch):
    monkeypatch.setattr("services.runtime.logs.MAX_TRACKED_MESSAGES", 3)
    repeats = RepeatFilter(window=10.0, clock=Clock())
    for i in range(5):
        assert repeats.filter(_record(f"message {i}"))
    assert len(repeats._windows) == 3
    assert repeats.filter(_record("message 0"))  # forgotten, so it passes again


def _tp(topic: str, partition: int) -> TP:
    return TP(topic, partition)


def test_offsets_went_back_when_the_worker_holds_more_than_the_broker_has():
    a0, a1, a2, a3 = (_tp("app-daily-changelog", p) for p in range(4))
    held = {a0: 29, a1: 5, a2: -1, a3: None}
    # end offsets: a0 emptied broker (0 records), a1 has more to recover, a2/a3 nothing held
    went = offsets_went_back(held, {a0: 0, a1: 9, a2: 0, a3: 0})
    assert went == [WentBack(a0, 29, -1)]
    # equal (caught up) is not back; one record fewer is
    assert offsets_went_back({a0: 8}, {a0: 9}) == []
    assert offsets_went_back({a0: 9}, {a0: 9}) == [WentBack(a0, 9, 8)]
    # a partition the broker does not know at all (topic gone) has nothing
    assert offsets_went_back({a0: 0}, {}) == [WentBack(a0, 0, -1)]
    assert "app-daily-changelog[0] held 29, broker's last -1" in describe(went)


def test_the_tables_owning_partitions_that_went_back_are_the_ones_reset():
    daily, events = SimpleNamespace(name="daily"), SimpleNamespace(name="events")
    d0, d1, e0 = _tp("daily-changelog", 0), _tp("daily-changelog", 1), _tp("events-changelog", 0)
    went = [WentBack(d0, 3, -1), WentBack(d1, 4, -1)]
    assert tables_to_reset(went, {d0: daily, d1: daily, e0: events}) == {"daily": daily}


def test_health_reason_names_the_first_thing_missing():
    assert not_ready_reason(True, True, False) == ""
    assert not_ready_reason(False, True, False) == "broker unreachable"
    assert not_ready_reason(False, False, True) == "broker unreachable"
    assert not_ready_reason(True, True, True) == "joining the consumer group"
    assert not_ready_reason(True, False, False) == "recovering tables"


def test_broker_watch_logs_each_outage_once(caplog):
    watch = BrokerWatch(["127.0.0.1:1"])
    changes: list[bool] = []
    watch.listeners.append(changes.append)
    with caplog.at_level(logging.INFO, logger="services.runtime.broker_watch"):
        for t in range(5):
            watch.record(False, float(t))
        assert not watch.reachable
        watch.record(True, 7.0)
        watch.record(True, 8.0)
    assert watch.reachable
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert "unreachable" in lines[0] and "after 7.0s" in lines[1]
    assert changes == [False, True]


def test_reachability_probe_connects_over_tcp():
    import socket

    assert host_port("kafka://[::1]:9092") == ("::1", 9092)
    closed = free_port()
    assert asyncio.run(any_reachable([f"127.0.0.1:{closed}"], timeout=1)) is False
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        assert asyncio.run(any_reachable([f"127.0.0.1:{closed}", f"127.0.0.1:{port}"], timeout=1))


def test_offsets_this_worker_wrote_count_as_held():
    from faust.stores.memory import Store

    from services.runtime import offset_reset

    offset_reset.install()
    store = Store.__new__(Store)  # faust's memory store, without an app: only the offset bookkeeping
    tp = TP("app-daily-changelog", 1)
    store.set_persisted_offset(tp, 110)
    store.set_persisted_offset(tp, 111)
    table = SimpleNamespace(data=store)
    assert offset_reset.written_offset(table, tp) == 111
    assert offset_reset.written_offset(table, TP("app-daily-changelog", 2)) == -1
    assert offset_reset.written_offset(SimpleNamespace(data=object()), tp) == -1
    # a worker that filled the table itself and an emptied broker: that went back
    assert offsets_went_back({tp: 111}, {tp: 0}) == [WentBack(tp, 111, -1)]
