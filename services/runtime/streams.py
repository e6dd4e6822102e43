"""The thin layer between agents and topics: typed sources and sinks, dead letters, metrics.

Sources are read as raw bytes and validated here with the topic's pydantic model (the same
`PydanticCodec` that encodes sinks), not by faust's deserializer: a faust decode error is thrown
into the agent and the record is acked and lost. Here a record that fails to decode, or whose
handler raises, is written to the topic's dead-letter topic with its original bytes, the error and
its topic/partition/offset, counted in `strikewatch_dead_letters_total`, and the stream goes on.

Usage in a service::

    rt = ServiceRuntime("dedup", settings)
    app = rt.app

    @app.agent(rt.source(ARTICLES_RAW))
    async def dedup(stream):
        await rt.consume(stream, ARTICLES_RAW, handle)   # handle(model, event) -> awaitable

    await rt.send(DEDUP_VERDICTS, key=article_id, value=verdict_model)
"""

from __future__ import annotations

import base64
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import faust
from pydantic import BaseModel, ValidationError

from schemas.base import utc_now
from schemas.deadletter import DeadLetter
from schemas.topics import TopicSpec
from services.runtime.app import create_app
from services.runtime.codec import codec_name
from services.runtime.metrics import (
    DEAD_LETTERS,
    MESSAGES_IN,
    MESSAGES_OUT,
    OVERSIZED_RECORDS,
    PROCESSING_SECONDS,
)
from services.runtime.record_size import (
    DEFAULT_MAX_RECORD_BYTES,
    KEY_HEAD_BYTES,
    SOURCE_MAX_CHARS,
    TOO_LARGE,
    dead_letter_head_bytes,
    too_large,
    too_large_reason,
)
from services.runtime.settings import RuntimeSettings

log = logging.getLogger(__name__)

Handler = Callable[[Any, faust.types.EventT], Awaitable[None]]
BatchHandler = Callable[[list[tuple[Any, faust.types.EventT]]], Awaitable[None]]


def _b64(data: bytes | None) -> str | None:
    return None if data is None else base64.b64encode(data).decode("ascii")


def _as_bytes(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    return repr(value).encode("utf-8")


def dead_letter_for(
    service: str,
    source: str,
    value: bytes,
    error: Exception | str,
    error_type: str,
    *,
    key: bytes | None = None,
    partition: int | None = None,
    offset: int | None = None,
    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES,
    value_size: int | None = None,
    value_sha256: str | None = None,
) -> DeadLetter:
    """A DeadLetter record; the one place that shapes them (producer and agents alike). It always
    fits in `max_record_bytes`: only the head of a large value (and key) is copied, with the
    value's full size and sha256, so the dead letter of an oversized input cannot fail in turn.
    A caller that holds only the head of a larger input passes the whole's size and sha256."""
    head = dead_letter_head_bytes(max_record_bytes)
    size = len(value) if value_size is None else value_size
    return DeadLetter(
        service=service,
        source=source[:SOURCE_MAX_CHARS],
        partition=partition,
        offset=offset,
        key_b64=_b64(key[:KEY_HEAD_BYTES] if key is not None else None),
        value_b64=_b64(value[:head]) or "",
        value_size=size,
        value_sha256=value_sha256 or hashlib.sha256(value).hexdigest(),
        value_truncated=size > min(head, len(value)),
        error_type=error_type,
        error=str(error)[:4000] if not isinstance(error, str) else error[:4000],
        failed_at=utc_now(),
    )


def short_validation_error(exc: ValidationError) -> str:
    """A one-line summary of a pydantic error: `field: message; ...` (first five)."""
    parts = [f"{'.'.join(str(p) for p in e['loc']) or '<root>'}: {e['msg']}" for e in exc.errors()[:5]]
    return "; ".join(parts)


class ServiceRuntime:
    """One service's app plus its topics; every send and every consumed record passes here."""

    def __init__(self, service: str, settings: RuntimeSettings, **faust_overrides: Any) -> None:
        self.service = service
        self.settings = settings
        self.app = create_app(service, settings, **faust_overrides)
        self._topics: dict[str, faust.TopicT] = {}
        self._outputs: dict[str, tuple[faust.TopicT, Any]] = {}
        """registry topic name -> (raw topic, its messages-out counter): looked up once, not per
        record (a metric's `labels()` takes a lock, and faust's settings are slow to read)"""

    def _topic(self, name: str, partitions: int, value_serializer: str) -> faust.TopicT:
        cache_key = f"{name}|{value_serializer}"
        if cache_key not in self._topics:
            self._topics[cache_key] = self.app.topic(
                self.settings.topic_name(name),
                key_serializer="raw",
                value_serializer=value_serializer,
                partitions=partitions,
            )
        return self._topics[cache_key]

    def source(self, spec: TopicSpec) -> faust.TopicT:
        """The topic as raw bytes, for `consume` to validate."""
        MESSAGES_IN.labels(self.service, self.label(spec))  # the series exists (at 0) from the start
        return self._topic(spec.name, spec.partitions, "raw")

    def sink(self, spec: TopicSpec) -> faust.TopicT:
        """The topic with the model's codec, for sends."""
        MESSAGES_OUT.labels(self.service, self.label(spec))
        return self._topic(spec.name, spec.partitions, codec_name(spec.model))

    def label(self, spec: TopicSpec) -> str:
        """The topic's metric label: the registry name, without a run prefix or the app id that
        faust-internal topics carry (labels must stay a small, fixed set)."""
        name = spec.name.removeprefix(self.settings.topic_prefix)
        return name.removeprefix(f"{self.app.conf.id}-")

    def publish(self, spec: TopicSpec, key: str | bytes | None, value: BaseModel) -> None:
        """Buffered produce of one model to a registry topic (faust `send_soon`).

        Not awaiting each send matters: an awaited send costs ~0.8 ms on Tansu, and one article
        fans out into many claims. At-least-once still holds: faust's consumer flushes the
        producer buffer before it commits the offsets of the records that caused the sends."""
        if not isinstance(value, spec.model):
            raise TypeError(f"{spec.name} carries {spec.model.__name__}, not {type(value).__name__}")
        key_bytes = key.encode() if isinstance(key, str) else key
        data = value.model_dump_json().encode("utf-8")  # the codec's encoding, done once here
        if too_large(len(data), self.settings.max_record_bytes):
            self._cut_oversized(spec, key_bytes, data)
            return
        output = self._outputs.get(spec.name)
        if output is None:
            self.sink(spec)  # the codec and the metric series
            output = (self._topic(spec.name, spec.partitions, "raw"),
                      MESSAGES_OUT.labels(self.service, self.label(spec)))
            self._outputs[spec.name] = output
        topic, sent = output
        topic.send_soon(key=key_bytes, value=data)
        sent.inc()

    def _cut_oversized(self, spec: TopicSpec, key: bytes | None, data: bytes) -> None:
        """A record over the maximum would fail faust's send and crash the worker (then crash-loop
        on the same input): it goes to the topic's dead-letter topic as a bounded record instead."""
        max_bytes = self.settings.max_record_bytes
        reason = too_large_reason(f"a {spec.model.__name__} for {spec.name}", len(data), max_bytes)
        OVERSIZED_RECORDS.labels(self.service, self.label(spec)).inc()
        log.error("not sent: %s", reason, extra={"topic": spec.name, "reason": TOO_LARGE})
        record = dead_letter_for(self.service, spec.name, data, reason, TOO_LARGE, key=key,
                                 max_record_bytes=max_bytes)
        self._send_dead_letter(spec, record)

    async def send(self, spec: TopicSpec, key: str | bytes | None, value: BaseModel) -> None:
        """`publish` for async callers (kept awaitable so a handler reads the same either way)."""
        self.publish(spec, key, value)

    async def dead_letter(
        self,
        spec: TopicSpec,
        event: faust.types.EventT,
        error: Exception | str,
        error_type: str,
    ) -> None:
        """Write the event's original bytes and the reason to the topic's dead-letter topic."""
        msg = event.message
        record = dead_letter_for(
            self.service,
            spec.name,
            _as_bytes(msg.value),
            error,
            error_type,
            key=_as_bytes(msg.key) if msg.key is not None else None,
            partition=msg.partition,
            offset=msg.offset,
            max_record_bytes=self.settings.max_record_bytes,
        )
        DEAD_LETTERS.labels(self.service, self.label(spec), error_type).inc()
        log.error(
            "dead-lettered %s[%s]@%s: %s: %s",
            spec.name,
            msg.partition,
            msg.offset,
            error_type,
            error,
            extra={
                "topic": spec.name,
                "partition": msg.partition,
                "offset": msg.offset,
                "reason": error_type,
            },
        )
        self._send_dead_letter(spec, record)

    def _send_dead_letter(self, spec: TopicSpec, record: DeadLetter) -> None:
        """Buffered send of a (bounded) dead letter to the topic's dead-letter topic, if it has one."""
        if spec.dlq is None:
            log.error("topic %s declares no dead-letter topic; record logged only", spec.name)
            return
        self._topic(spec.dlq, 1, codec_name(DeadLetter)).send_soon(
            key=record.key_b64.encode() if record.key_b64 else None, value=record
        )
        MESSAGES_OUT.labels(self.service, spec.dlq).inc()

    async def _decode(self, spec: TopicSpec, event: faust.types.EventT, topic: str) -> Any | None:
        """The record as `spec.model`; None when it was dead-lettered (too large, invalid)."""
        raw = _as_bytes(event.value)
        if too_large(len(raw), self.settings.max_record_bytes):  # a producer outside our policy
            OVERSIZED_RECORDS.labels(self.service, topic).inc()
            reason = too_large_reason("the record", len(raw), self.settings.max_record_bytes)
            await self.dead_letter(spec, event, reason, TOO_LARGE)
            return None
        try:
            return spec.model.model_validate_json(raw)
        except ValidationError as exc:
            await self.dead_letter(spec, event, short_validation_error(exc), "validation")
        except ValueError as exc:
            await self.dead_letter(spec, event, exc, "decode")
        return None

    async def consume(self, stream: faust.StreamT, spec: TopicSpec, handler: Handler) -> None:
        """Validate each record with `spec.model` and hand it to `handler`; bad ones to the DLQ."""
        topic = self.label(spec)
        in_counter = MESSAGES_IN.labels(self.service, topic)
        timer = PROCESSING_SECONDS.labels(self.service, topic)
        async for event in stream.events():
            in_counter.inc()
            started = time.perf_counter()
            model = await self._decode(spec, event, topic)
            if model is None:
                continue
            try:
                await handler(model, event)
            except Exception as exc:  # noqa: BLE001 - a handler bug must not stall the partition
                log.exception("handler failed on %s", topic)
                await self.dead_letter(spec, event, f"{type(exc).__name__}: {exc}", "processing")
                continue
            timer.observe(time.perf_counter() - started)

    async def consume_batches(self, stream: faust.StreamT, spec: TopicSpec, handler: BatchHandler, *,
                              max_records: int, within_seconds: float) -> None:
        """Like `consume`, but hands the handler up to `max_records` records at a time, one call per
        input partition, so it can do once per batch what it would do once per record.

        faust's `take_events` acks a batch's records only after the handler returns (a crash
        replays the whole batch: handlers must be idempotent). Table writes go to the changelog
        partition of faust's "current event", which `take_events` leaves unset in the agent's
        task; each partition's records are handled with one of them as the current event, so
        every key is still written from its own input partition. A batch whose handler raises is
        handled again record by record, and only the records that fail alone are dead-lettered.
        """
        topic = self.label(spec)
        in_counter = MESSAGES_IN.labels(self.service, topic)
        timer = PROCESSING_SECONDS.labels(self.service, topic)
        async for events in stream.take_events(max_records, within=within_seconds):
            started = time.perf_counter()
            in_counter.inc(len(events))
            by_partition: dict[Any, list[tuple[Any, faust.types.EventT]]] = {}
            for event in events:
                model = await self._decode(spec, event, topic)
                if model is not None:
                    by_partition.setdefault(event.message.tp, []).append((model, event))
            for records in by_partition.values():
                await self._handle_batch(stream, spec, topic, handler, records)
            timer.observe((time.perf_counter() - started) / max(1, len(events)))

    async def _handle_batch(self, stream: faust.StreamT, spec: TopicSpec, topic: str, handler: BatchHandler,
                            records: list[tuple[Any, faust.types.EventT]]) -> None:
        if len(records) > 1:
            stream._set_current_event(records[-1][1])  # noqa: SLF001 - pinned in test_faust_internals.py
            try:
                await handler(records)
                return
            except Exception:  # noqa: BLE001 - a handler bug must not stall the partition
                log.exception("batch handler failed on %s; its %d records alone now", topic, len(records))
        for model, event in records:
            stream._set_current_event(event)  # noqa: SLF001
            try:
                await handler([(model, event)])
            except Exception as exc:  # noqa: BLE001
                log.exception("handler failed on %s", topic)
                await self.dead_letter(spec, event, f"{type(exc).__name__}: {exc}", "processing")
