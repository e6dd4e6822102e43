"""Topic creation from the registry, and waiting for a broker (kafka-python admin client).

Tansu does not auto-create topics and turns a partition count of -1 into zero partitions, so every
topic is created explicitly with its registry partition count and replication factor 1 (dev) or
the configured factor.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Callable, Iterable

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import KafkaError, TopicAlreadyExistsError

from schemas.topics import TOPICS, TopicSpec
from services.runtime.settings import RuntimeSettings

log = logging.getLogger(__name__)


def _port_open(bootstrap: str | list[str]) -> bool:
    first = (bootstrap if isinstance(bootstrap, str) else bootstrap[0]).split(",")[0].strip()
    host, _, port = first.removeprefix("kafka://").rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=1):
            return True
    except OSError:
        return False


def _ask(
    bootstrap: str | list[str], request_timeout_ms: int, call: Callable[[KafkaAdminClient], object]
) -> None:
    """One admin request with a short-lived client; raises what the client raises."""
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap, request_timeout_ms=request_timeout_ms, client_id="strikewatch-probe"
    )
    try:
        call(admin)
    finally:
        admin.close()


def _until_answered(
    bootstrap: str | list[str],
    timeout: float,
    request_timeout_ms: int,
    call: Callable[[KafkaAdminClient], object],
    what: str,
) -> None:
    """Repeat the admin request until it succeeds, or raise TimeoutError naming `what`."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            _ask(bootstrap, request_timeout_ms, call)
            return
        except (KafkaError, OSError) as exc:
            last = exc
            time.sleep(0.2)
    raise TimeoutError(f"the broker at {bootstrap} {what} within {timeout:.0f}s ({last})")


def broker_answers(bootstrap: str | list[str]) -> bool:
    """One probe: True when the broker answers a Kafka metadata request.

    A plain TCP connect is tried first, so a probe of a broker that is still starting does not
    make the client log a connection error."""
    if not _port_open(bootstrap):
        return False
    try:
        _ask(bootstrap, 3000, lambda admin: admin.list_topics())
        return True
    except (KafkaError, OSError):
        return False


def wait_for_broker(bootstrap: str | list[str], timeout: float = 30.0) -> None:
    """Block until the broker answers a Kafka metadata request, or raise TimeoutError.

    A plain TCP connect is tried first, so services started together with the broker wait
    quietly instead of logging a client connection error every few milliseconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not _port_open(bootstrap):
        time.sleep(0.2)
    _until_answered(
        bootstrap,
        max(0.0, deadline - time.monotonic()),
        3000,
        lambda admin: admin.list_topics(),
        "answered no metadata request",
    )


def wait_for_group_coordinator(bootstrap: str | list[str], timeout: float = 60.0) -> None:
    """Block until the broker coordinates consumer groups, or raise TimeoutError.

    A fresh Apache Kafka creates `__consumer_offsets` (50 partitions) on the first group request
    and answers COORDINATOR_NOT_AVAILABLE until it is ready; kafka-python's admin calls do not
    retry that, so the first group a test or tool touches would fail. This asks once for a probe
    group's offsets (which creates the topic) and again until the answer is no error."""
    _until_answered(
        bootstrap,
        timeout,
        5000,
        lambda admin: admin.list_group_offsets({"strikewatch-probe": None}),
        "coordinated no consumer group",
    )


def create_topics(
    bootstrap: str | list[str],
    *,
    prefix: str = "",
    specs: Iterable[TopicSpec] | None = None,
    replication_factor: int = 1,
    partitions: int | None = None,
    max_message_bytes: int | None = None,
) -> list[str]:
    """Create the registry's topics (those missing); returns the names created. Their
    `max.message.bytes` follows the one size policy (STRIKEWATCH_MAX_RECORD_BYTES) unless given."""
    specs = list(TOPICS.values() if specs is None else specs)
    limit = max_message_bytes or RuntimeSettings().kafka_limit_bytes
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="strikewatch-topics")
    try:
        existing = set(admin.list_topics())
        new = [
            NewTopic(
                name=f"{prefix}{s.name}",
                num_partitions=partitions or s.partitions,
                replication_factor=replication_factor,
                topic_configs={"max.message.bytes": str(limit)} | s.topic_configs(),
            )
            for s in specs
            if f"{prefix}{s.name}" not in existing
        ]
        created = []
        for topic in new:
            try:
                admin.create_topics([topic])
                created.append(topic.name)
            except TopicAlreadyExistsError:
                pass
        if created:
            log.info("created %d topics: %s", len(created), ", ".join(created))
        return created
    finally:
        admin.close()


DEFAULT_REPLICATION_CONFIG = "default.replication.factor"


def broker_default_replication(bootstrap: str | list[str], fallback: int = 1) -> int:
    """The cluster's `default.replication.factor`, for topics whose factor is not configured.

    faust's CreateTopics request (v1-v3) cannot say "the broker's default" (-1 needs v4), so the
    value is read once with DescribeConfigs; `fallback` when the broker does not report it (Tansu
    answers with no entries) or cannot be asked."""
    from kafka.admin import ConfigResource, ConfigResourceType

    def ask(admin: KafkaAdminClient) -> None:
        node = str(admin.describe_cluster()["brokers"][0]["broker_id"])
        wanted = ConfigResource(ConfigResourceType.BROKER, node, {DEFAULT_REPLICATION_CONFIG: None})
        described = admin.describe_configs([wanted], config_filter="all")
        found.update(described.get("broker", {}).get(node, {}).get(DEFAULT_REPLICATION_CONFIG) or {})

    found: dict[str, object] = {}
    try:
        _ask(bootstrap, 5000, ask)
        return int(str(found["value"])) if found.get("value") else fallback
    except (KafkaError, OSError, LookupError, ValueError) as exc:
        log.warning("could not read the broker's %s (%s); using %d",
                    DEFAULT_REPLICATION_CONFIG, exc, fallback)
        return fallback


def list_topics(bootstrap: str | list[str]) -> list[str]:
    """Names of the topics the broker knows."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, client_id="strikewatch-topics")
    try:
        return sorted(admin.list_topics())
    finally:
        admin.close()
