"""Session broker and per-test topic isolation, shared by integration and e2e tests."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics, wait_for_broker, wait_for_group_coordinator
from tests.support.broker import summary, tansu_broker, test_broker


@pytest.fixture(scope="session")
def session_broker() -> Iterator[tuple[str, str]]:
    """(bootstrap, kind), started once per session: KAFKA_BOOTSTRAP_SERVERS, else a testcontainers
    Kafka, else a local Apache Kafka (java + mvn), else embedded Tansu (tests/support/broker.py)."""
    with test_broker() as (bootstrap, kind):
        wait_for_broker(bootstrap, timeout=60)
        if kind != "tansu":  # a fresh Apache Kafka makes the first group request wait
            wait_for_group_coordinator(bootstrap, timeout=60)
        yield bootstrap, kind


@pytest.fixture(scope="session")
def kafka_bootstrap(session_broker: tuple[str, str]) -> str:
    """The session broker's bootstrap address."""
    return session_broker[0]


@pytest.fixture(scope="module")
def tansu_bootstrap(session_broker: tuple[str, str]) -> Iterator[str]:
    """Tansu, for the proof that the default engine of `make run` works: the session broker when
    it is Tansu, else one of its own for the module that asks."""
    bootstrap, kind = session_broker
    if kind == "tansu":
        yield bootstrap
        return
    with tansu_broker() as own:
        wait_for_broker(own, timeout=60)
        yield own


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say which broker the integration and e2e tests ran on."""
    line = summary()
    if line:
        terminalreporter.write_line(line)


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
