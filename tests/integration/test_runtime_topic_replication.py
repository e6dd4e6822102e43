"""The broker's default.replication.factor, read with DescribeConfigs (what faust's topics get when
STRIKEWATCH_TOPIC_REPLICATION_FACTOR is unset)."""

from __future__ import annotations

import pytest

from services.runtime.topics_admin import broker_default_replication

pytestmark = pytest.mark.integration
NOT_A_FACTOR = 7  # a fallback no single-node broker of the tests is configured with


def test_reads_the_single_node_brokers_default(session_broker: tuple[str, str]) -> None:
    bootstrap, kind = session_broker
    if kind == "tansu":
        # Tansu answers DescribeConfigs with no entries: the fallback is used
        assert broker_default_replication(bootstrap, fallback=NOT_A_FACTOR) == NOT_A_FACTOR
    else:
        assert broker_default_replication(bootstrap, fallback=NOT_A_FACTOR) == 1


def test_unreachable_broker_gives_the_fallback() -> None:
    from services.runtime.broker import free_port

    assert broker_default_replication(f"127.0.0.1:{free_port()}", fallback=NOT_A_FACTOR) == NOT_A_FACTOR
