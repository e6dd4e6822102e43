"""Where the tests' broker comes from: env, else a testcontainers Kafka, else embedded Tansu."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

log = logging.getLogger(__name__)


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


@contextlib.contextmanager
def test_broker() -> Iterator[tuple[str, str]]:
    """Yield (bootstrap, kind) for the session; kind is 'env', 'testcontainers' or 'tansu'."""
    env = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if env:
        yield env, "env"
        return
    if docker_engine_answers():
        from testcontainers.kafka import KafkaContainer

        container = KafkaContainer("apache/kafka:3.9.1").with_kraft()
        container.with_env("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
        with container:
            yield container.get_bootstrap_server(), "testcontainers"
        return
    from services.runtime.broker import EmbeddedBroker, free_port

    with EmbeddedBroker(free_port(), create=False) as broker:
        yield broker.bootstrap, "tansu"
