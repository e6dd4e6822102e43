"""The local Apache Kafka's pure parts: its config, its version pin, the test broker's order of
choice, and the one line a user gets when Java or Maven is missing."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from services.cli import main
from services.runtime.kafka_local import (
    POM,
    LocalKafkaSettings,
    kafka_version,
    missing_tools,
    new_cluster_id,
    render_server_properties,
)
from tests.support.broker import choose_broker
from tests.support.processes import ROOT


def _properties(text: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def test_server_properties_are_one_kraft_node_on_the_given_ports(tmp_path):
    props = _properties(render_server_properties("127.0.0.1", 19092, 19093, tmp_path / "data"))
    assert props["process.roles"] == "broker,controller"
    assert props["controller.quorum.voters"] == "1@127.0.0.1:19093"
    assert props["listeners"] == "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093"
    assert props["advertised.listeners"] == "PLAINTEXT://127.0.0.1:19092"
    assert props["log.dirs"] == str(tmp_path / "data")
    assert props["offsets.topic.replication.factor"] == "1"
    assert props["group.initial.rebalance.delay.ms"] == "0"
    assert not any("$" in value for value in props.values())


def test_server_properties_follow_the_compose_broker(tmp_path):
    """Same defaults as the Kafka users deploy, so tests see what production does."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["kafka"]["environment"]
    props = _properties(render_server_properties("127.0.0.1", 1, 2, tmp_path))
    for key in ("NUM_PARTITIONS", "AUTO_CREATE_TOPICS_ENABLE", "GROUP_INITIAL_REBALANCE_DELAY_MS",
                "OFFSETS_TOPIC_REPLICATION_FACTOR", "TRANSACTION_STATE_LOG_MIN_ISR"):
        assert props[key.lower().replace("_", ".")] == str(compose[f"KAFKA_{key}"]).lower(), key


def test_the_pom_pins_the_compose_image_version():
    image = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["kafka"]["image"]
    assert image == f"apache/kafka:{kafka_version(POM)}"


def test_cluster_ids_look_like_kafkas():
    ids = {new_cluster_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{22}", i) and not i.startswith("-") for i in ids)


def test_jars_are_cached_per_version_outside_the_repo(monkeypatch, tmp_path):
    monkeypatch.delenv("STRIKEWATCH_KAFKA_JARS_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert LocalKafkaSettings().jars_dir() == tmp_path / "strikewatch" / f"kafka-{kafka_version()}"
    monkeypatch.setenv("STRIKEWATCH_KAFKA_JARS_DIR", str(tmp_path / "mine"))
    assert LocalKafkaSettings().jars_dir() == tmp_path / "mine"


def test_the_broker_keeps_its_data_under_the_data_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path))
    assert LocalKafkaSettings().broker_dir() == tmp_path / "kafka"


def _never() -> bool:
    raise AssertionError("probed although a cheaper choice was made")


def test_test_broker_order_env_then_docker_then_local_kafka_then_tansu():
    assert choose_broker("k:9092", None, _never, _never) == "env"
    assert choose_broker(None, None, lambda: True, _never) == "testcontainers"
    assert choose_broker(None, None, lambda: False, lambda: True) == "kafka"
    assert choose_broker(None, None, lambda: False, lambda: False) == "tansu"
    assert choose_broker("k:9092", "tansu", _never, _never) == "tansu"
    with pytest.raises(ValueError, match="STRIKEWATCH_TEST_BROKER"):
        choose_broker(None, "redpanda", _never, _never)


def _path_with(tmp_path: Path, *tools: str) -> str:
    """A PATH holding only the named tools (links to the real ones)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in tools:
        real = shutil.which(tool)
        if real is None:
            pytest.skip(f"no {tool} here to link")
        os.symlink(real, bin_dir / tool)
    return str(bin_dir)


def test_missing_java_is_one_line(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", _path_with(tmp_path))
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", str(tmp_path / "data"))
    for args in (["broker", "--engine", "kafka", "--port", "1"], ["broker", "--engine", "kafka", "--prepare"]):
        assert main(args) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1, err
        assert err[0].startswith("strikewatch broker: no `java` on PATH: --engine kafka needs it (install Java 17+")
    assert not (tmp_path / "data").exists()


def test_missing_maven_is_one_line_while_the_jars_are_not_cached(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", _path_with(tmp_path, "java"))
    monkeypatch.setenv("STRIKEWATCH_KAFKA_JARS_DIR", str(tmp_path / "jars"))
    assert main(["broker", "--engine", "kafka", "--prepare"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("strikewatch broker: no `mvn` on PATH to fetch the Apache Kafka jars")
    assert missing_tools() is not None
