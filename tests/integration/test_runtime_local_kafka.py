"""`strikewatch broker --engine kafka` as users run it: a process that keeps its data across a
restart and does not outlive its parent."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from kafka import KafkaConsumer, TopicPartition
from kafka.structs import OffsetAndMetadata

from schemas.topics import ARTICLES_RAW
from services.runtime.broker import free_port, port_is_free
from services.runtime.kafka_local import missing_tools
from tests.support.kafka_io import produce, read_raw
from tests.support.processes import ROOT, ServiceProcess

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(missing_tools() is not None, reason=f"no local Apache Kafka here: {missing_tools()}"),
]
GROUP = "local-kafka-restart"


def _broker(data_dir: Path, port: int, log: Path) -> ServiceProcess:
    env = {"STRIKEWATCH_DATA_DIR": str(data_dir), "STRIKEWATCH_TOPIC_PREFIX": ""}
    return ServiceProcess("services.cli", env, log, ["broker", "--engine", "kafka", "--port", str(port)])


def _committed(bootstrap: str, tp: TopicPartition) -> int | None:
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=GROUP, enable_auto_commit=False)
    try:
        return consumer.committed(tp)
    finally:
        consumer.close()


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def test_a_restart_keeps_topics_records_and_committed_offsets(tmp_path):
    port = free_port()
    bootstrap = f"127.0.0.1:{port}"
    topic = ARTICLES_RAW.name
    records = [(f"k{i}", f"record {i}".encode()) for i in range(20)]
    with _broker(tmp_path / "data", port, tmp_path / "first.log") as first:
        first.wait_for_log("broker ready on", timeout=180)
        assert produce(bootstrap, topic, records) == len(records)
        tp = TopicPartition(topic, 0)
        consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=GROUP, enable_auto_commit=False)
        try:
            consumer.commit({tp: OffsetAndMetadata(3, "", -1)})
        finally:
            consumer.close()
        assert first.stop() == 0
    assert port_is_free("127.0.0.1", port)

    with _broker(tmp_path / "data", port, tmp_path / "second.log") as second:
        second.wait_for_log("broker ready on", timeout=180)
        assert "created" not in second.log()  # the registry's topics were still there
        assert sorted(read_raw(bootstrap, topic, len(records))) == sorted(v for _, v in records)
        assert _committed(bootstrap, tp) == 3

        # a second broker on the same data dir would corrupt it: refused in one line
        other = subprocess.run(
            [sys.executable, "-m", "services.cli", "broker", "--engine", "kafka", "--port", str(free_port())],
            cwd=ROOT, env=os.environ | {"STRIKEWATCH_DATA_DIR": str(tmp_path / "data")},
            capture_output=True, text=True, timeout=120,
        )
        assert other.returncode == 1
        assert other.stderr.strip().splitlines() == [
            f"strikewatch broker: another broker is using {tmp_path / 'data' / 'kafka'} "
            "(stop it, or set STRIKEWATCH_DATA_DIR)"
        ]


def test_the_broker_dies_with_its_parent(tmp_path):
    port = free_port()
    broker = _broker(tmp_path / "data", port, tmp_path / "broker.log").start()
    try:
        broker.wait_for_log("broker ready on", timeout=180)
        assert broker.proc is not None
        (jvm,) = _children(broker.proc.pid)
        exited = os.pidfd_open(jvm)  # readable once the JVM has exited (it is not our child)
        try:
            broker.proc.send_signal(signal.SIGKILL)  # no chance to stop its JVM itself
            broker.proc.wait()
            # the kernel sends the JVM SIGTERM (PR_SET_PDEATHSIG) and Kafka shuts down; pytest's
            # timeout ends this wait if it never does
            select.select([exited], [], [])
        finally:
            os.close(exited)
        assert port_is_free("127.0.0.1", port)
    finally:
        broker.stop()
