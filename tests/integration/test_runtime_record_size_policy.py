"""The size policy on the real broker: an oversized input is a bounded dead letter, nothing crashes,
and the next normal article still flows (producer via stdin, and a faust service)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW, PASSTHROUGH
from services.runtime.record_size import DEFAULT_MAX_RECORD_BYTES
from tests.support.kafka_io import produce, read_models
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration


def test_producer_dead_letters_a_record_over_the_maximum_and_goes_on(kafka_bootstrap, topic_prefix, service_env):
    big_text = "Drones over Kyiv. " * (2 * DEFAULT_MAX_RECORD_BYTES // 18)  # ~2 MiB, default maximum
    lines = [
        json.dumps({"title": "huge", "text": big_text, "published": "2025-09-22"}),
        json.dumps({"title": "small", "text": "Four drones hit Sumy overnight.", "published": "2025-09-22"}),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "services.feed_producer", "--stdin"],
        input="\n".join(lines).encode() + b"\n", env=dict(os.environ) | service_env,
        capture_output=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr.decode()[-3000:]
    [article] = read_models(kafka_bootstrap, topic_prefix + ARTICLES_RAW.name, Article, 1, timeout=30)
    [dead] = read_models(kafka_bootstrap, topic_prefix + ARTICLES_RAW.dlq, DeadLetter, 1, timeout=30)
    assert article.title == "small"
    assert dead.error_type == "too_large" and dead.value_truncated
    assert dead.value_size > 2 * 1000 * 1000 and len(dead.value_sha256 or "") == 64
    assert b'"title":"huge"' in base64.b64decode(dead.value_b64)
    assert len(dead.model_dump_json().encode()) <= DEFAULT_MAX_RECORD_BYTES


def _article(n: int, text: str) -> Article:
    return Article(id=f"a{n}", feed="test", url=f"https://example.org/{n}", title=f"t{n}", text=text,
                   published_at=datetime(2025, 9, 20, tzinfo=UTC), fetched_at=datetime.now(UTC))


def test_faust_service_dead_letters_an_oversized_record_and_goes_on(
    kafka_bootstrap, topic_prefix, service_env, tmp_path
):
    maximum = 100_000  # below the topic's limit, so the broker takes what the service must refuse
    env = service_env | {"STRIKEWATCH_MAX_RECORD_BYTES": str(maximum)}
    big, small = _article(1, "x" * 300_000), _article(2, "Four drones hit Sumy.")
    big_bytes = big.model_dump_json().encode()
    with ServiceProcess("services.passthrough", env, tmp_path / "passthrough.log") as proc:
        proc.wait_ready(timeout=60)
        produce(kafka_bootstrap, topic_prefix + ARTICLES_RAW.name, [(big.id, big), (small.id, small)])
        [out] = read_models(kafka_bootstrap, topic_prefix + PASSTHROUGH.name, Article, 1, timeout=30)
        [dead] = read_models(kafka_bootstrap, topic_prefix + ARTICLES_RAW.dlq, DeadLetter, 1, timeout=30)
        metrics = proc.get(int(env["STRIKEWATCH_WEB_PORT"]), "/metrics").text
        health = proc.get(int(env["STRIKEWATCH_WEB_PORT"]), "/health").json()
    assert out.id == small.id and health["ready"]
    assert dead.error_type == "too_large" and dead.value_truncated and dead.offset is not None
    assert dead.value_size == len(big_bytes) and dead.value_sha256 == hashlib.sha256(big_bytes).hexdigest()
    assert big_bytes.startswith(base64.b64decode(dead.value_b64))
    assert len(dead.model_dump_json().encode()) <= maximum
    assert 'strikewatch_oversized_records_total{service="passthrough",topic="articles.raw"} 1.0' in metrics
