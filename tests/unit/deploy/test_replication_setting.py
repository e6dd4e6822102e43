"""faust's own topics (changelogs, repartition topics) take their replication factor from settings,
and without one the broker's default: never a hard-coded 1 on a real cluster."""

from __future__ import annotations

import pytest

from services.runtime.app import BROKER_DEFAULT_REPLICATION, faust_options
from services.runtime.settings import RuntimeSettings


def test_unset_means_the_brokers_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STRIKEWATCH_TOPIC_REPLICATION_FACTOR", raising=False)
    options = faust_options("dedup", RuntimeSettings(_env_file=None))
    assert options["topic_replication_factor"] == BROKER_DEFAULT_REPLICATION == 0


def test_configured_factor_reaches_faust(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEWATCH_TOPIC_REPLICATION_FACTOR", "3")
    assert faust_options("dedup", RuntimeSettings(_env_file=None))["topic_replication_factor"] == 3


def test_zero_or_negative_factor_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKEWATCH_TOPIC_REPLICATION_FACTOR", "0")
    with pytest.raises(ValueError, match="greater than or equal to 1"):
        RuntimeSettings(_env_file=None)
