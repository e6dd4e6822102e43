"""Produce and read back records with kafka-python, validated by the schemas."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from kafka import KafkaConsumer, KafkaProducer
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def produce(bootstrap: str, topic: str, records: Iterable[tuple[str | None, bytes | BaseModel]]) -> int:
    """Send (key, value) pairs (a model is sent as its JSON) and flush; returns the count."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False)
    n = 0
    try:
        for key, value in records:
            data = value.model_dump_json().encode() if isinstance(value, BaseModel) else value
            producer.send(topic, key=key.encode() if key else None, value=data)
            n += 1
        producer.flush(timeout=30)
    finally:
        producer.close(timeout=5)
    return n


def read_records(bootstrap: str, topic: str, count: int, timeout: float = 30.0,
                 until: Callable[[list[ConsumerRecord]], bool] | None = None) -> list[ConsumerRecord]:
    """Read at least `count` records from the start of `topic` (fewer if the timeout passes);
    with `until`, read until it holds for the records read instead."""
    consumer = KafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        group_id=None,
        consumer_timeout_ms=500,
    )
    out: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout
    try:
        while (len(out) < count if until is None else not until(out)) and time.monotonic() < deadline:
            for batch in consumer.poll(timeout_ms=500).values():
                out.extend(batch)
    finally:
        consumer.close()
    return out


def read_raw(bootstrap: str, topic: str, count: int, timeout: float = 30.0) -> list[bytes]:
    """The values of `read_records`."""
    return [r.value for r in read_records(bootstrap, topic, count, timeout)]


def read_models(bootstrap: str, topic: str, model: type[M], count: int, timeout: float = 30.0) -> list[M]:
    """Like read_raw, each record validated by `model` (a bad record fails the test)."""
    return [model.model_validate_json(v) for v in read_raw(bootstrap, topic, count, timeout)]
