"""One scenario on the whole stack as processes (tests/support/stack.py), and its ground truth.

The stack is the end-to-end proof's, without Prometheus, with a webhook recorder
(pytest-httpserver) as the second receiver. A run: create the run's topics, start the stack, drop
in the sample feeds and inbox (plus the scenario's files), send the scenario's poison records,
strike the fault, wait until the pipeline settled (every faust service reports lag 0, nothing moved
for QUIET_S, every process healthy), then read what came out: `articles.raw` (valid articles),
`dedup.verdicts`, `articles.unique`, dedup's dead letters, the aggregation API's day rows and the
recorder's deliveries. A killed service is started again as a supervisor would; any other process
that is not running at the end crashed.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import signal
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from prometheus_client.parser import text_string_to_metric_families
from pydantic import ValidationError
from pytest_httpserver import HTTPServer

from faults.brokers import Broker
from faults.compare import Outcome
from faults.poison import POISON_KEY, is_refused_by_broker, poison_records
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.dedup import DedupVerdict, UniqueArticle
from schemas.topics import ARTICLES_RAW, ARTICLES_UNIQUE, DEDUP_VERDICTS
from services.runtime.broker import free_port
from tests.support.processes import ROOT
from tests.support.stack import SERVICES, Stack, new_webhook_secret

log = logging.getLogger(__name__)

QUIET_S = 6.0
"""Longer than the lag probe's 5 s period, so a lag of 0 is a fresh one."""
SETTLE_TIMEOUT_S = 240.0
TRIGGER_TIMEOUT_S = 90.0
DAYS_FROM, DAYS_TO = "2025-12-01", "2026-12-31"
"""The day rows compared: the sample's nights and a year before them (the API allows 400 days)."""
VOLATILE = ("updated_at",)
"""Fields of a day row that differ between two equal runs."""
POISON_CHUNK = 50
HTTP_OK = 200
PRODUCER_STATE = "feed_producer_state.json"

STARTED_COUNTER = {
    "feed_producer": "strikewatch_articles_emitted_total",
    "webhook_receiver": "strikewatch_webhooks_received_total",
}
"""The counter that shows a service has started on its input (faust services: messages in)."""


@dataclass
class Run:
    """A running scenario: what a fault needs to strike and what it leaves behind."""

    broker: Broker
    stack: Stack
    recorder: HTTPServer
    extra_env: dict[str, dict[str, str]] = field(default_factory=dict)
    fault_at: float | None = None
    notes: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    """What the scenario's own check found lost (counted as lost)."""
    broken: list[str] = field(default_factory=list)
    """Expectations of the scenario's own check that did not hold (the broken column)."""
    marks: dict[str, Any] = field(default_factory=dict)
    """What a fault leaves for its check (e.g. the files it planted)."""

    def delivered(self) -> set[str]:
        """webhook-ids the recorder has received."""
        return {req.headers.get("webhook-id", "") for req, _ in list(self.recorder.log)}

    def counter(self, service: str) -> float:
        """The service's "started on its input" counter (0 while it does not answer)."""
        name = STARTED_COUNTER.get(service, "strikewatch_messages_in_total")
        try:
            text = self.stack.metrics_text(service)
        except httpx.HTTPError:
            return 0.0
        return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples if s.name == name)

    def until_started(self, service: str, timeout: float = TRIGGER_TIMEOUT_S) -> bool:
        """Wait until `service` has handled input: the fault then strikes mid-stream."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.counter(service) > 0:
                return True
            time.sleep(0.1)
        self.notes.append(f"{service} had no input after {timeout:.0f}s; struck anyway")
        return False

    def kill9(self, service: str) -> None:
        proc = self.stack.procs[service].proc
        if proc is None or proc.poll() is not None:
            raise RuntimeError(f"{service} is not running")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def start_again(self, service: str) -> None:
        """A supervisor's restart: the same command, env and log file (with faust's own lines, to
        see what a restarted worker did)."""
        verbose = {"STRIKEWATCH_LOG_FAUST_INTERNALS": "true"}
        self.stack._start(service, self.extra_env.get(service, {}) | verbose)

    def stop_gracefully(self, service: str) -> None:
        self.stack.procs[service].stop(timeout=20)

    def healthy(self, service: str) -> bool:
        try:
            answer = httpx.get(f"http://127.0.0.1:{self.stack.ports[service]}/health", timeout=2)
        except httpx.HTTPError:
            return False
        return answer.status_code == HTTP_OK


Fault = Callable[[Run], None]
Check = Callable[[Run], None]
"""A scenario's own expectations, checked after the run settled: fills `Run.missed`/`Run.broken`."""


@dataclass
class FaultStack(Stack):
    """The e2e stack, with the alert receivers' retry policy a scenario asks for (an outage longer
    than the stack's few-second budget would otherwise dead-letter every alert)."""

    retry: dict[str, float] = field(default_factory=dict)

    def write_configs(self) -> dict[str, dict[str, str]]:
        extra = super().write_configs()
        if self.retry:
            path = self.root / "receivers.yaml"
            config = yaml.safe_load(path.read_text(encoding="utf-8"))
            config["retry"] |= self.retry
            path.write_text(yaml.safe_dump(config), encoding="utf-8")
        return extra


def _send_poison(bootstrap: str, topic: str, count: int) -> tuple[int, int]:
    """Poison records to `topic` in small chunks (interleaved with the producer's articles);
    (sent, refused by the broker or the client)."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=False,
                             max_request_size=6 * 1024 * 1024, request_timeout_ms=30_000)
    futures = []
    refused = 0
    try:
        for n, (key, value) in enumerate(poison_records(count)):
            try:
                futures.append((producer.send(topic, key=key.encode(), value=value), value))
            except Exception:  # noqa: BLE001 - a refusal by the client is a refusal too
                refused += 1
            if n % POISON_CHUNK == POISON_CHUNK - 1:
                producer.flush(timeout=60)
                time.sleep(0.05)
        producer.flush(timeout=60)
        for future, value in futures:
            try:
                future.get(timeout=30)
            except Exception:  # noqa: BLE001 - e.g. MessageSizeTooLarge from the broker
                refused += 1
                if not is_refused_by_broker(value):
                    log.warning("a poison record of %d bytes was refused", len(value))
    finally:
        producer.close(timeout=10)
    return count, refused


def read_all(bootstrap: str, topic: str, idle_s: float = 2.0, deadline_s: float = 90.0) -> list[Any]:
    """Every record of `topic`: from the start, at least up to the end offsets the broker names
    when asked, then until nothing more came for `idle_s` (Tansu names too small an end offset
    after a batch of several records, see services/runtime/lag.py). A consumer of a busy machine
    can take seconds to its first record, so idleness alone would end the read too early."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, group_id=None, fetch_max_bytes=8 * 1024 * 1024)
    out: list[Any] = []
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        consumer.seek_to_beginning()
        end = consumer.end_offsets(partitions)
        started = last = time.monotonic()
        while time.monotonic() - started < deadline_s:
            for records in consumer.poll(timeout_ms=300).values():
                out += records
                last = time.monotonic()
            reached = all(consumer.position(tp) >= end.get(tp, 0) for tp in partitions)
            if reached and time.monotonic() - last >= idle_s:
                break
    finally:
        consumer.close()
    return out


def valid(model: Any, value: bytes | None) -> Any:
    """`value` parsed as `model`, or None when it is not one."""
    if value is None:
        return None
    try:
        return model.model_validate_json(value)
    except (ValidationError, ValueError):
        return None


def day_rows(port: int) -> set[str]:
    """The aggregation API's day rows (every page), canonical JSON without volatile fields."""
    rows: set[str] = set()
    cursor = None
    while True:
        params = {"window": "1d", "from": DAYS_FROM, "to": DAYS_TO, "limit": 5000}
        if cursor:
            params["cursor"] = cursor
        body = httpx.get(f"http://127.0.0.1:{port}/api/days", params=params, timeout=30).json()
        for row in body.get("rows", []):
            rows.add(json.dumps({k: v for k, v in row.items() if k not in VOLATILE}, sort_keys=True))
        cursor = body.get("next_cursor")
        if not cursor:
            return rows


def ground_truth(run: Run) -> Outcome:
    """What came out of the run (after it settled)."""
    stack, bootstrap, prefix = run.stack, run.broker.bootstrap, run.stack.prefix
    names = [ARTICLES_RAW.name, DEDUP_VERDICTS.name, ARTICLES_UNIQUE.name, str(ARTICLES_RAW.dlq)]
    with ThreadPoolExecutor(len(names)) as pool:  # each waits for its topic to go idle: in parallel
        raw, verdict_records, unique_records, dlq = pool.map(lambda n: read_all(bootstrap, prefix + n), names)
    articles = {a.id for r in raw if (a := valid(Article, r.value)) is not None}
    verdicts = Counter(v.article_id for r in verdict_records
                       if (v := valid(DedupVerdict, r.value)) is not None)
    uniques = Counter(u.article.id for r in unique_records
                      if (u := valid(UniqueArticle, r.value)) is not None)
    dead = [d for r in dlq if (d := valid(DeadLetter, r.value)) is not None]
    hooks = Counter(req.headers.get("webhook-id", "") for req, _ in list(run.recorder.log))
    crashed = [name for name, p in stack.procs.items() if p.proc is None or p.proc.poll() is not None]
    # distinct poison keys: a record dedup re-read after a kill -9 is dead-lettered again
    poisoned = {d.key_b64 for d in dead if d.service == "dedup" and d.key_b64
                and base64.b64decode(d.key_b64).startswith(POISON_KEY)}
    return Outcome(articles=articles, verdicts=verdicts, uniques=uniques,
                   days=day_rows(stack.ports["aggregation"]), webhooks=hooks,
                   dead_letters=len(poisoned), crashed=crashed)


def settle(run: Run, since: float, timeout: float = SETTLE_TIMEOUT_S) -> tuple[float | None, float | None]:
    """Wait until every process is healthy, every faust service reports lag 0 and nothing moved for
    QUIET_S; (seconds from `since` until all were healthy, until the last move)."""
    deadline = time.monotonic() + timeout
    ready_at: float | None = None
    last, quiet_since = -1.0, time.monotonic()
    while time.monotonic() < deadline:
        healthy = all(run.healthy(name) for name in SERVICES)
        if healthy and ready_at is None:
            ready_at = time.monotonic()
        elif not healthy:
            ready_at = None
        try:
            lag, _, moved = run.stack.progress()
        except httpx.HTTPError:
            lag, moved = None, last
        if moved != last:
            last, quiet_since = moved, time.monotonic()
        if healthy and lag == 0 and time.monotonic() - quiet_since > QUIET_S:
            return (ready_at - since if ready_at else None), max(0.0, quiet_since - since)
        time.sleep(0.5)
    run.notes.append(f"not settled after {timeout:.0f}s")
    return (ready_at - since if ready_at else None), None


def run_scenario(broker: Broker, root: Path, *, fault: Fault | None = None, poison: int = 0,
                 inbox_extra: dict[str, bytes] | None = None, check: Check | None = None,
                 retry: dict[str, float] | None = None) -> tuple[Outcome, list[str]]:
    """Run one scenario on `broker`; its outcome and notes."""
    prefix = f"f{uuid.uuid4().hex[:8]}."
    root.mkdir(parents=True, exist_ok=True)
    broker.prepare(prefix)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the recorder's access log
    recorder = HTTPServer(host="127.0.0.1", port=free_port())
    recorder.expect_request("/hook", method="POST").respond_with_data("", status=204)
    recorder.start()
    stack = FaultStack(broker.bootstrap, prefix, root, new_webhook_secret(), recorder.url_for("/hook"),
                       with_prometheus=False, retry=retry or {})
    run = Run(broker, stack, recorder)
    inbox = {p.name: p.read_bytes() for p in (ROOT / "samples" / "inbox").iterdir()} | (inbox_extra or {})
    try:
        started = time.monotonic()
        stack.start()
        run.extra_env = stack.write_configs()  # the same files again: what a restart needs
        up = time.monotonic() - started
        fed = time.monotonic()
        stack.feed(inbox)
        sent = refused = 0
        poisoner = None
        if poison:
            result: dict[str, tuple[int, int]] = {}
            poisoner = threading.Thread(target=lambda: result.setdefault(
                "r", _send_poison(broker.bootstrap, prefix + ARTICLES_RAW.name, poison)), daemon=True)
            poisoner.start()
        if fault is not None:
            fault(run)
        if poisoner is not None:
            poisoner.join()
            sent, refused = result.get("r", (poison, 0))
        since = run.fault_at if run.fault_at is not None else fed
        ready_s, settled_s = settle(run, since)
        if fault is None:
            ready_s = up  # a clean run: from the processes' start until every one is ready
        if check is not None:
            check(run)
        outcome = ground_truth(run)
        outcome.missed, outcome.broken = run.missed, run.broken
        outcome.poison_sent, outcome.poison_refused = sent, refused
        outcome.ready_s, outcome.settled_s = ready_s, settled_s
        return outcome, run.notes
    finally:
        stack.stop()
        recorder.clear()
        if recorder.is_running():
            recorder.stop()
