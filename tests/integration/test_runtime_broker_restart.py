"""A service rides out a broker restart on both local brokers (issue 11 item 5).

Each test starts its own broker (the session broker is shared and must not be restarted), runs the
dedup service (a table with a changelog) as a process, restarts the broker under it and checks:
/health goes 503 while the broker is away and 200 again once the worker is back, no person is
needed, and articles sent after the restart get their verdicts. On the local Apache Kafka (data
dir kept) the restart loses nothing: the verdicts from before are still there and none is repeated.
On Tansu (memory only) the restart loses everything; the worker says so once and starts over.
While the broker is away the lag gauge is gone and aiokafka's error lines are rate-limited.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from schemas.article import Article
from schemas.dedup import DedupVerdict
from schemas.topics import ARTICLES_RAW, DEDUP_VERDICTS
from services.runtime.broker import EmbeddedBroker, free_port
from services.runtime.kafka_local import LocalKafka, LocalKafkaSettings, missing_tools
from tests.support.kafka_io import produce, read_models
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration

RESET_LINE = "BROKER OFFSETS WENT BACK"
BATCH = 12


def _articles(tag: str) -> list[Article]:
    """Distinct stories (no two are duplicates of each other)."""
    now = datetime.now(UTC)
    return [
        Article(id=f"{tag}-{n}", feed="test", url=f"https://example.org/{tag}/{n}",
                title=f"Story {tag} {n} {uuid.uuid4().hex[:8]}",
                text=f"Report {tag} {n}: {uuid.uuid4().hex} {n * 7919} items counted in sector {n}.",
                published_at=datetime(2026, 11, 20, tzinfo=UTC), fetched_at=now)
        for n in range(BATCH)
    ]


def _health(port: int) -> int | None:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code
    except httpx.HTTPError:
        return None


LAG_SERIES = "strikewatch_consumer_lag{"


def _until_lag_series(proc: ServiceProcess, port: int, present: bool, timeout: float) -> None:
    """Until the lag gauge is shown (present) or gone: while the broker is away it must be gone,
    not a frozen 0 that reads "caught up"."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if (LAG_SERIES in httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text) == present:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"the lag gauge {'never came' if present else 'stayed'}:\n{proc.log()[-3000:]}")


def _until_health(proc: ServiceProcess, port: int, status: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.proc is not None and proc.proc.poll() is not None:
            raise AssertionError(f"the service exited {proc.proc.returncode}:\n{proc.log()[-3000:]}")
        if _health(port) == status:
            return
        time.sleep(0.2)
    raise AssertionError(f"/health never answered {status} in {timeout:.0f}s:\n{proc.log()[-3000:]}")


Restart = Callable[[], None]


def _ride_out(bootstrap: str, prefix: str, restart: Restart, stop: Callable[[], None], tmp_path: Path
              ) -> tuple[ServiceProcess, list[DedupVerdict], list[str]]:
    """Run dedup, send a batch, stop the broker, start it again, send another batch; the verdicts
    at the end, the service (stopped) and the ids of both batches."""
    port = free_port()
    env = {
        "STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}",
        "STRIKEWATCH_DATA_DIR": str(tmp_path / "data"),
        "STRIKEWATCH_WEB_PORT": str(port),
    }
    raw, verdicts_topic = prefix + ARTICLES_RAW.name, prefix + DEDUP_VERDICTS.name
    before, after = _articles("before"), _articles("after")
    proc = ServiceProcess("services.dedup", env, tmp_path / "dedup.log")
    with proc:
        proc.wait_ready(timeout=90)
        produce(bootstrap, raw, [(a.id, a) for a in before])
        assert len(read_models(bootstrap, verdicts_topic, DedupVerdict, BATCH, timeout=60)) >= BATCH
        time.sleep(2.5)  # two commit intervals: the offsets of the first batch are committed
        _until_lag_series(proc, port, present=True, timeout=30)
        stop()
        _until_health(proc, port, 503, timeout=15)
        _until_lag_series(proc, port, present=False, timeout=20)
        restart()
        _until_health(proc, port, 200, timeout=120)
        produce(bootstrap, raw, [(a.id, a) for a in after])
        expected = BATCH * 2 if RESET_LINE not in proc.log() else BATCH
        verdicts = read_models(bootstrap, verdicts_topic, DedupVerdict, expected, timeout=60)
        time.sleep(2)  # a repeated verdict would arrive now
        verdicts = read_models(bootstrap, verdicts_topic, DedupVerdict, expected + 1, timeout=3)
        assert proc.proc is not None and proc.proc.poll() is None, proc.log()[-3000:]
    return proc, verdicts, [a.id for a in before] + [a.id for a in after]


def test_dedup_rides_out_a_restart_of_the_memory_broker(tmp_path):
    prefix = f"r{uuid.uuid4().hex[:8]}."
    port = free_port()
    broker: list[EmbeddedBroker] = [EmbeddedBroker(port, topic_prefix=prefix).start()]
    try:
        proc, verdicts, ids = _ride_out(
            broker[0].bootstrap, prefix,
            restart=lambda: broker.append(EmbeddedBroker(port, topic_prefix=prefix).start()),
            stop=lambda: broker[-1].stop(), tmp_path=tmp_path,
        )
    finally:
        broker[-1].stop()
    log = proc.log()
    got = sorted(v.article_id for v in verdicts)
    # the restart emptied the broker: only the second batch is there, each article once
    assert got == sorted(ids[BATCH:])
    assert log.count(RESET_LINE) == 1, log[-3000:]
    assert "ConsistencyError" not in log
    assert "broker unreachable" in log and "broker reachable again" in log
    # aiokafka's connection errors of the outage: each message once per window, not hundreds
    assert 0 < log.count("Unable connect to node") <= 3, log[-3000:]


@pytest.mark.skipif(missing_tools() is not None, reason=f"no local Apache Kafka: {missing_tools()}")
def test_dedup_rides_out_a_restart_of_the_local_kafka_and_loses_nothing(tmp_path):
    prefix = f"r{uuid.uuid4().hex[:8]}."
    port = free_port()
    broker = LocalKafka(port, topic_prefix=prefix, settings=LocalKafkaSettings(data_dir=tmp_path / "kafka"))
    broker.start()
    try:
        proc, verdicts, ids = _ride_out(broker.bootstrap, prefix, restart=broker.start, stop=broker.stop,
                                        tmp_path=tmp_path)
    finally:
        broker.stop()
    log = proc.log()
    got = sorted(v.article_id for v in verdicts)
    # the data dir kept records and offsets: both batches, each article exactly once
    assert got == sorted(ids)
    assert RESET_LINE not in log
    assert "ConsistencyError" not in log
