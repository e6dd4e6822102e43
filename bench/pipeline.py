"""The whole pipeline under load (`python -m bench --pipeline N`): N ~3 KB articles produced with
the feed producer's Kafka settings into `articles.raw`, through dedup, extraction, aggregation and
alerting, each its own process (plus the webhook receiver alerting delivers to).

Measured as one run: from the first produce until every consumer group of the four services has
committed up to the end of everything it reads (lag 0, seen twice in a row), and the broker
timestamp of the last aggregate/event/alert record. Peak RSS per service is the kernel's
high-water mark (`VmHWM` in /proc/<pid>/status) read before the services stop. Opt-in only: on the
shared 2-core machine 20,000 articles take minutes and load every core.
"""

from __future__ import annotations

import base64
import secrets
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import yaml
from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

from bench.common import BenchContext, Row, passthrough_relative, produce_models, row, synthetic_article
from schemas.topics import (
    ALERTS,
    ARTICLES_RAW,
    ARTICLES_UNIQUE,
    STRIKES_CLAIMS,
    STRIKES_DAILY,
    STRIKES_EVENTS,
)
from services.runtime.broker import free_port
from services.runtime.settings import RuntimeSettings
from services.runtime.topics_admin import create_topics
from tests.support.processes import ServiceProcess

SERVICES = ("dedup", "extraction", "aggregation", "alerting")
# the registry topic each service's group must have read to the end (faust-internal topics the
# group commits are checked too, from its committed offsets)
INPUTS = {"dedup": ARTICLES_RAW, "extraction": ARTICLES_UNIQUE, "aggregation": STRIKES_CLAIMS,
          "alerting": STRIKES_DAILY}
OUTPUTS = (STRIKES_EVENTS, STRIKES_DAILY, ALERTS)
POLL_SECONDS = 0.5
MIB = 1024 * 1024


def group_lag(admin: KafkaAdminClient, consumer: KafkaConsumer, group: str, inputs: list[str]) -> int:
    """Records the group has not committed yet, over its input topics and every topic it commits."""
    listed = admin.list_group_offsets({group: None}).get(group, {})
    committed = {TopicPartition(tp.topic, tp.partition): meta.offset for tp, meta in listed.items()}
    tps = set(committed)
    for topic in inputs:
        tps |= {TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()}
    ends = consumer.end_offsets(list(tps))
    return sum(max(0, end - max(committed.get(tp, 0), 0)) for tp, end in ends.items())


def last_timestamp(consumer: KafkaConsumer, topic: str) -> float | None:
    """Broker-side timestamp (s) of the newest record of `topic` over its partitions."""
    tps = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
    ends = consumer.end_offsets(tps)
    newest: float | None = None
    for tp in tps:
        if ends[tp] == 0:
            continue
        consumer.assign([tp])
        consumer.seek(tp, ends[tp] - 1)
        for records in consumer.poll(timeout_ms=5000).values():
            for r in records:
                newest = max(newest or 0.0, r.timestamp / 1000)
    return newest


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _receivers(path: Path) -> None:
    path.write_text(yaml.safe_dump({
        "retry": {"base_delay_s": 0.1, "max_delay_s": 1.0, "max_attempts": 3, "timeout_s": 5},
        "receivers": [{"name": "local", "format": "generic", "url_env": "STRIKEWATCH_WEBHOOK_URL",
                       "secret_env": "STRIKEWATCH_WEBHOOK_SECRET"}],
    }))


def run_pipeline(ctx: BenchContext, n: int, timeout: float = 3600.0) -> list[Row]:
    prefix = f"pipe{uuid.uuid4().hex[:8]}."
    create_topics(ctx.bootstrap, prefix=prefix)
    work = ctx.work_dir / prefix.strip(".")
    work.mkdir(parents=True, exist_ok=True)
    settings = RuntimeSettings(app_suffix=f"-{prefix.strip('.')}")
    ports = {name: free_port() for name in (*SERVICES, "webhook_receiver")}
    secret = "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    _receivers(work / "receivers.yaml")
    base = {"STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": ctx.bootstrap, "STRIKEWATCH_TOPIC_PREFIX": prefix,
            "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}", "STRIKEWATCH_DATA_DIR": str(work / "data"),
            "STRIKEWATCH_LOG_LEVEL": "INFO", "STRIKEWATCH_WEBHOOK_SECRET": secret}
    extra = {"alerting": {"STRIKEWATCH_ALERTING_RECEIVERS": str(work / "receivers.yaml"),
                          "STRIKEWATCH_WEBHOOK_URL": f"http://127.0.0.1:{ports['webhook_receiver']}/webhook"},
             "webhook_receiver": {"STRIKEWATCH_WEBHOOK_RECEIVER_JSONL": str(work / "received.jsonl")}}
    articles = [synthetic_article(i, seed=11) for i in range(n)]
    with ExitStack() as stack:
        procs = {name: stack.enter_context(ServiceProcess(
            f"services.{name}", base | {"STRIKEWATCH_WEB_PORT": str(port)} | extra.get(name, {}),
            work / f"{name}.log")) for name, port in ports.items()}
        procs["webhook_receiver"].wait_for_log("webhook receiver on", timeout=60)
        for name in SERVICES:
            procs[name].wait_ready(timeout=120)
        started = time.time()
        records = [(a.id, a) for a in articles]
        produce_s = n / produce_models(ctx.bootstrap, prefix + ARTICLES_RAW.name, records)
        admin = KafkaAdminClient(bootstrap_servers=ctx.bootstrap)
        consumer = KafkaConsumer(bootstrap_servers=ctx.bootstrap, enable_auto_commit=False, group_id=None)
        stack.callback(admin.close)
        stack.callback(consumer.close)
        groups = {name: settings.app_id(name) for name in SERVICES}
        inputs = {name: [prefix + INPUTS[name].name] for name in SERVICES}
        drained_at: dict[str, float] = {}
        zero_twice = 0
        while zero_twice < 2:
            if time.time() - started > timeout:
                raise TimeoutError(f"pipeline not drained after {timeout:.0f} s")
            lags = {name: group_lag(admin, consumer, groups[name], inputs[name]) for name in SERVICES}
            for name, lag in lags.items():
                if lag == 0 and name not in drained_at and all(
                        drained_at.get(up) for up in SERVICES[:SERVICES.index(name)]):
                    drained_at[name] = time.time()
                elif lag:
                    drained_at.pop(name, None)
            zero_twice = zero_twice + 1 if not any(lags.values()) else 0
            time.sleep(POLL_SECONDS)
        lags_zero = max(drained_at.values())
        last_out = max(t for spec in OUTPUTS if (t := last_timestamp(consumer, prefix + spec.name)))
        rss = {name: peak_rss_mib(procs[name].proc.pid) for name in SERVICES if procs[name].proc}
        counts = {spec.name: sum(consumer.end_offsets(
            [TopicPartition(prefix + spec.name, p) for p in consumer.partitions_for_topic(prefix + spec.name)]
        ).values()) for spec in (ARTICLES_UNIQUE, STRIKES_CLAIMS, STRIKES_EVENTS, STRIKES_DAILY, ALERTS)}
    elapsed = lags_zero - started
    rows = [passthrough_relative(row(
        f"pipeline: {n:,} articles, produce -> every lag 0", n / elapsed, "records/s",
        notes=f"{elapsed:.1f} s; last aggregate/alert record at +{last_out - started:.1f} s; producer "
              f"alone {produce_s:.1f} s; outputs {counts}"))]
    rows += [row(f"pipeline: {name} drained (lag 0)", drained_at[name] - started, "s") for name in SERVICES]
    rows += [row(f"pipeline: {name} peak RSS", rss[name], "MiB", "<= 250") for name in SERVICES]
    return rows
