"""The shared runtime on a real broker: a service joins fast, passes good records, dead-letters bad."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, datetime

import pytest

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW, PASSTHROUGH
from tests.support.kafka_io import produce, read_models
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration


def _article(n: int) -> Article:
    return Article(
        id=f"a{n}",
        feed="test",
        url=f"https://example.org/{n}",
        title=f"t{n}",
        text=f"body {n}",
        published_at=datetime(2025, 9, 20, tzinfo=UTC),
        fetched_at=datetime.now(UTC),
    )


def test_passthrough_processes_good_and_dead_letters_bad(
    kafka_bootstrap, topic_prefix, service_env, tmp_path
):
    proc = ServiceProcess("services.passthrough", service_env, tmp_path / "passthrough.log")
    with proc:
        seconds = proc.wait_ready(timeout=60)
        good = [_article(n) for n in range(5)]
        bad = [b"{not json", json.dumps({"id": "x", "feed": "f"}).encode()]
        produce(
            kafka_bootstrap,
            topic_prefix + ARTICLES_RAW.name,
            [(a.id, a) for a in good] + [("bad0", bad[0]), ("bad1", bad[1])],
        )
        out = read_models(kafka_bootstrap, topic_prefix + PASSTHROUGH.name, Article, 5, timeout=30)
        dlq = read_models(kafka_bootstrap, topic_prefix + ARTICLES_RAW.dlq, DeadLetter, 2, timeout=30)
        metrics = proc.get(int(service_env["STRIKEWATCH_WEB_PORT"]), "/metrics").text
        health = proc.get(int(service_env["STRIKEWATCH_WEB_PORT"]), "/health").json()
    assert sorted(a.id for a in out) == sorted(a.id for a in good)
    assert sorted(base64.b64decode(d.value_b64) for d in dlq) == sorted(bad)
    assert {d.error_type for d in dlq} == {"validation"}
    assert any("json_invalid" in d.error or "Invalid JSON" in d.error for d in dlq)
    assert all(d.source == ARTICLES_RAW.name and d.offset is not None for d in dlq)
    assert (
        'strikewatch_dead_letters_total{reason="validation",service="passthrough",topic="articles.raw"}'
        in metrics
    )
    assert health["service"] == "passthrough"
    # the worker must be processing well within 10 s of start on the embedded broker
    print(f"passthrough ready after {seconds:.1f}s")


def _messages_in(proc: ServiceProcess, port: int) -> float:
    for line in proc.get(port, "/metrics").text.splitlines():
        if line.startswith('strikewatch_messages_in_total{service="passthrough",topic="articles.raw"}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_two_workers_of_one_service_share_its_partitions(kafka_bootstrap, topic_prefix, service_env, tmp_path):
    from services.runtime.broker import free_port

    ports = [free_port(), free_port()]
    workers = [
        ServiceProcess("services.passthrough", service_env | {"STRIKEWATCH_WEB_PORT": str(p)}, tmp_path / f"w{i}.log")
        for i, p in enumerate(ports)
    ]
    with workers[0], workers[1]:
        for w in workers:
            w.wait_ready(timeout=60)
        time.sleep(4)  # let the second join settle into one generation with both members
        good = [_article(n) for n in range(40)]
        produce(kafka_bootstrap, topic_prefix + ARTICLES_RAW.name, [(a.id, a) for a in good])
        out = read_models(kafka_bootstrap, topic_prefix + PASSTHROUGH.name, Article, 40, timeout=30)
        counts = [_messages_in(w, p) for w, p in zip(workers, ports, strict=True)]
    assert sorted(a.id for a in out) == sorted(a.id for a in good)
    assert sum(counts) == 40 and min(counts) > 0, counts
