"""Settings every service shares, from `STRIKEWATCH_*` env vars and `.env`, with safe local defaults."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from schemas.topics import TopicSpec
from services.runtime.record_size import DEFAULT_MAX_RECORD_BYTES, MIN_MAX_RECORD_BYTES, client_limit

DEFAULT_PRODUCER_BATCH_BYTES = 512 * 1024

DEFAULT_WEB_PORTS = {
    "dedup": 6067,
    "extraction": 6068,
    "aggregation": 6069,
    "alerting": 6070,
    "passthrough": 6071,
    "feed_producer": 9108,
    "webhook_receiver": 8099,
}


class RuntimeSettings(BaseSettings):
    """Subclass per service for its own options; every field is `STRIKEWATCH_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="STRIKEWATCH_", env_file=".env", extra="ignore")

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    topic_prefix: str = ""
    app_suffix: str = ""
    web_host: str = "127.0.0.1"
    web_port: int | None = None
    log_json: bool = False
    log_level: str = "INFO"
    log_faust_internals: bool = False
    broker_outage_seconds: float = Field(default=600.0, gt=0)
    """How long kafka-python producers (the feed producer) wait for a broker that went away,
    re-sending what it failed, before they stop with one line (what was not sent is sent again on
    restart: the producer saves its state only after a flush)."""
    log_repeat_seconds: float = Field(default=10.0, ge=0)
    """A warning or error repeated within this many seconds is logged once with a count (0: all)."""
    data_dir: Path = Path("var")
    profile: Literal["dev", "prod"] = "dev"
    topic_partitions: int | None = None
    topic_replication_factor: int | None = Field(default=None, ge=1)
    """Replicas of the topics faust creates (table changelogs, repartition topics); unset: the
    broker's `default.replication.factor`, so a real cluster does not get one-replica changelogs."""
    fetch_max_wait_ms: int = 100
    producer_max_batch_bytes: int = Field(default=DEFAULT_PRODUCER_BATCH_BYTES, ge=16 * 1024)
    """Bytes of one partition's batch in a produce request (faust `producer_max_batch_size`).
    aiokafka keeps ONE produce request in flight per broker, and a request carries at most one
    batch per partition, so faust's 16 KiB default capped a request at ~5 articles per partition
    (one ~20 KB enriched article): the round trips, not the bytes, bounded every service's sends
    (docs/runtime.md, "Throughput"). Capped at the producer's request size."""
    producer_linger_ms: int = Field(default=0, ge=0)
    """How long the producer waits to fill a batch (faust `producer_linger`); 0: the one request
    in flight already gathers what arrives meanwhile."""
    max_record_bytes: int = Field(default=DEFAULT_MAX_RECORD_BYTES, ge=MIN_MAX_RECORD_BYTES)
    """The one maximum size of a record's encoded value; every client, topic and inbox limit follows
    it (services/runtime/record_size.py). A larger input becomes a bounded `too_large` dead letter."""

    @property
    def kafka_limit_bytes(self) -> int:
        """Producer max_request_size, consumer fetch size and topics' max.message.bytes."""
        return client_limit(self.max_record_bytes)

    def topic_name(self, spec: TopicSpec | str) -> str:
        """The real topic name: tests and side-by-side runs isolate themselves with a prefix."""
        name = spec if isinstance(spec, str) else spec.name
        return f"{self.topic_prefix}{name}"

    def port_for(self, service: str) -> int:
        """The web port of a service: explicit setting, else its default."""
        return self.web_port or DEFAULT_WEB_PORTS[service]

    def app_id(self, service: str) -> str:
        """Consumer-group id = faust app id: one per service (plus a suffix for isolation)."""
        return f"strikewatch-{service}{self.app_suffix}"

    def bootstrap_list(self) -> list[str]:
        """Bootstrap servers as host:port strings."""
        servers = self.kafka_bootstrap_servers.split(",")
        return [s.strip().removeprefix("kafka://") for s in servers if s.strip()]
