"""Metrics every service exports (Prometheus conventions: base units, `_total`, bounded labels)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

MESSAGES_IN = Counter(
    "strikewatch_messages_in", "Records consumed, per service and topic", ["service", "topic"]
)
MESSAGES_OUT = Counter(
    "strikewatch_messages_out", "Records produced, per service and topic", ["service", "topic"]
)
DEAD_LETTERS = Counter(
    "strikewatch_dead_letters",
    "Inputs rejected to a dead-letter topic, per service, source topic and reason",
    ["service", "topic", "reason"],
)
OVERSIZED_RECORDS = Counter(
    "strikewatch_oversized_records",
    "Records over STRIKEWATCH_MAX_RECORD_BYTES, cut to a bounded dead letter instead of sent, per "
    "service and the topic they were for (or came from)",
    ["service", "topic"],
)
PROCESSING_SECONDS = Histogram(
    "strikewatch_processing_seconds",
    "Time to process one record, per service and topic",
    ["service", "topic"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
UP = Gauge("strikewatch_service_up", "1 while the service runs", ["service"])
READY = Gauge("strikewatch_service_ready", "1 once the service is processing", ["service"])
CONSUMER_LAG = Gauge(
    "strikewatch_consumer_lag",
    "End offset minus committed offset, per service, topic and partition",
    ["service", "topic", "partition"],
)
