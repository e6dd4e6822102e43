"""The faust (and aiokafka) internals StrikeWatch patches or subclasses are still there, as used.

faust offers no public hook for what these do, so the runtime wraps private methods:
`AIOKafkaConsumerThread._create_worker_consumer` (services/runtime/app.py, shorter fetch wait),
`Transport._really_create_topic` (app.py, wait for created topics), `Recovery._build_offsets` and
`Transport._topic_waiters` (offset_reset.py, a broker that lost its data),
`AIOKafkaConsumerThread.seek_to_committed` (rebalance_seek.py, re-reading after a rebalance), and the dedup store
subclasses the memory store (services/dedup/changelog_store.py). A faust upgrade that renames one
of them would otherwise break silently: the wrapper would patch a name nobody calls. Each test
names the private thing and the module that relies on it, so the failure says what to re-check.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer
from faust.stores.memory import Store as MemoryStore
from faust.tables.base import Collection
from faust.tables.recovery import Recovery
from faust.transport.consumer import Consumer
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Transport

CHECK = "faust changed a private name StrikeWatch relies on; re-check {user} against the new faust"


def _faust_own(owner: type, name: str, user: str) -> Callable[..., Any]:
    """The faust function behind `owner.name`, unwrapped when the runtime already patched it."""
    func = getattr(owner, name, None)
    if func is None:
        pytest.fail(f"{owner.__qualname__}.{name} is gone: " + CHECK.format(user=user))
    while any(n.startswith("_strikewatch") for n in vars(func)):
        func = getattr(func, "__wrapped__", None) or inspect.getclosurevars(func).nonlocals["original"]
    return func


def _parameters(func: Callable[..., Any]) -> list[str]:
    return list(inspect.signature(func).parameters)


def test_worker_consumer_factory_builds_a_consumer_with_a_fetch_wait():
    user = "services/runtime/app.py:_shorten_fetch_wait"
    create = _faust_own(AIOKafkaConsumerThread, "_create_worker_consumer", user)
    assert _parameters(create) == ["self", "transport"], CHECK.format(user=user)
    assert "fetch_max_wait_ms=1500" in inspect.getsource(create), (
        "faust no longer hard-codes fetch_max_wait_ms=1500: the patch may be unneeded; "
        + CHECK.format(user=user))
    assert "self._fetch_max_wait_ms = fetch_max_wait_ms" in inspect.getsource(AIOKafkaConsumer.__init__), (
        "aiokafka's consumer no longer keeps _fetch_max_wait_ms: " + CHECK.format(user=user))


def test_really_create_topic_takes_the_arguments_the_wrapper_passes():
    user = "services/runtime/app.py:_wait_for_created_topics"
    create = _faust_own(Transport, "_really_create_topic", user)
    assert inspect.iscoroutinefunction(create), CHECK.format(user=user)
    assert _parameters(create)[:6] == ["self", "owner", "client", "topic", "partitions", "replication"], (
        CHECK.format(user=user))


def test_recovery_build_offsets_and_what_the_wrapper_reads():
    user = "services/runtime/offset_reset.py:install"
    build = _faust_own(Recovery, "_build_offsets", user)
    assert inspect.iscoroutinefunction(build), CHECK.format(user=user)
    assert _parameters(build) == ["self", "consumer", "tps", "destination", "title"], CHECK.format(user=user)
    assert "self.tp_to_table" in inspect.getsource(Recovery.__init__), CHECK.format(user=user)
    for name in ("highwaters", "earliest_offsets"):
        assert callable(getattr(Consumer, name, None)), f"Consumer.{name}: " + CHECK.format(user=user)
    assert "self._topic_waiters" in inspect.getsource(Transport.__init__), (
        "Transport._topic_waiters: " + CHECK.format(user="services/runtime/offset_reset.py"))


def test_memory_store_parts_the_dedup_store_and_the_reset_use():
    user = "services/dedup/changelog_store.py and services/runtime/offset_reset.py:_forget_rows"
    post_init = inspect.getsource(MemoryStore.__post_init__)
    assert "self.data" in post_init and "self._key_partition" in post_init, CHECK.format(user=user)
    expected = {
        "apply_changelog_batch": ["self", "batch", "to_key", "to_value"],
        "persisted_offset": ["self", "tp"],
        "set_persisted_offset": ["self", "tp", "offset"],
        "reset_state": ["self"],
        "on_recovery_completed": ["self", "active_tps", "standby_tps"],
    }
    for name, params in expected.items():
        assert _parameters(getattr(MemoryStore, name)) == params, f"Store.{name}: " + CHECK.format(user=user)
    assert _parameters(Collection._new_store_by_url) == ["self", "url"], (
        "Table._new_store_by_url: " + CHECK.format(user=user))


def test_the_unwrapping_finds_faust_own_function_after_the_runtime_patched_it(monkeypatch):
    """The checks above look at faust's function even when the runtime's wrapper is installed."""
    from services.runtime.app import _shorten_fetch_wait

    current = AIOKafkaConsumerThread._create_worker_consumer
    monkeypatch.setattr(AIOKafkaConsumerThread, "_create_worker_consumer", current)  # restored after
    _shorten_fetch_wait(100)
    patched = AIOKafkaConsumerThread._create_worker_consumer
    assert getattr(patched, "_strikewatch_wait", None) == 100
    original = _faust_own(AIOKafkaConsumerThread, "_create_worker_consumer", "test")
    assert original is not patched and _parameters(original) == ["self", "transport"]


def test_seek_to_committed_is_still_the_rebalance_rewind_and_aiokafka_still_skips_uncommitted():
    user = "services/runtime/rebalance_seek.py:install"
    seek = _faust_own(AIOKafkaConsumerThread, "seek_to_committed", user)
    assert inspect.iscoroutinefunction(seek) and _parameters(seek) == ["self"], CHECK.format(user=user)
    assert "self._ensure_consumer().seek_to_committed" in inspect.getsource(seek), CHECK.format(user=user)
    assert "consumer.perform_seek()" in inspect.getsource(Recovery), (
        "faust's recovery no longer rewinds with perform_seek: " + CHECK.format(user=user))
    assert "if offset and offset > 0:" in inspect.getsource(AIOKafkaConsumer.seek_to_committed), (
        "aiokafka's seek_to_committed changed how it treats partitions without a commit: the "
        "rewind may be unneeded; " + CHECK.format(user=user))
    assert inspect.iscoroutinefunction(AIOKafkaConsumer.seek_to_beginning), CHECK.format(user=user)


def test_take_events_acks_after_the_batch_and_the_current_event_is_settable():
    """services/runtime/streams.py:consume_batches relies on two things of faust's Stream: the
    records of a `take_events` batch are acked only once the consumer is done with the batch
    (after its `yield`), and `_set_current_event` is where table writes find their partition."""
    from faust import streams  # noqa: PLC0415
    from faust.tables import base  # noqa: PLC0415

    user = "services/runtime/streams.py:consume_batches"
    take = inspect.getsource(streams.Stream.take_events)
    after_yield = take[take.index("yield "):]
    assert "await self.ack(event)" in after_yield and "finally" in after_yield, CHECK.format(user=user)
    assert "self.enable_acks = False" in take, CHECK.format(user=user)
    set_current = _faust_own(streams.Stream, "_set_current_event", user)
    assert _parameters(set_current) == ["self", "event"], CHECK.format(user=user)
    assert "_current_event.set(" in inspect.getsource(set_current), CHECK.format(user=user)
    partition_for_key = inspect.getsource(base.Collection.partition_for_key)
    assert "event = current_event()" in partition_for_key and "return event.message.partition" in \
        partition_for_key, CHECK.format(user=user)
