"""Session broker and per-test topic isolation, shared by integration and e2e tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics, wait_for_broker
from tests.support.broker import test_broker


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """A real broker: KAFKA_BOOTSTRAP_SERVERS, else testcontainers Kafka, else embedded Tansu."""
    with test_broker() as (bootstrap, _kind):
        wait_for_broker(bootstrap, timeout=60)
        yield bootstrap


@pytest.fixture
def topic_prefix(kafka_bootstrap: str) -> str:
    """A unique prefix with every registry topic created under it, for this test only."""
    prefix = f"t{uuid.uuid4().hex[:10]}."
    create_topics(kafka_bootstrap, prefix=prefix)
    return prefix


@pytest.fixture
def service_env(kafka_bootstrap: str, topic_prefix: str, tmp_path: Path) -> dict[str, str]:
    """Env for a service process isolated to this test's topics, group and data dir."""
    return {
        "STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": topic_prefix,
        "STRIKEWATCH_APP_SUFFIX": f"-{topic_prefix.strip('.')}",
        "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
        "STRIKEWATCH_WEB_PORT": str(free_port()),
        "STRIKEWATCH_LOG_LEVEL": "INFO",
    }
