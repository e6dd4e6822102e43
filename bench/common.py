"""What every benchmark shares: the context, article fixtures, and a service throughput probe."""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from kafka.consumer.fetcher import ConsumerRecord
from pydantic import BaseModel

from schemas.article import Article
from schemas.topics import TopicSpec
from services.feed_producer.kafka_sink import KafkaArticleSink
from services.runtime.broker import free_port
from services.runtime.settings import RuntimeSettings
from services.runtime.topics_admin import create_topics
from tests.support.kafka_io import read_records
from tests.support.processes import ServiceProcess

ROOT = Path(__file__).resolve().parents[1]
Row = dict[str, Any]


@dataclass
class BenchContext:
    """Handed to every `bench_*.run(ctx)`."""

    bootstrap: str
    broker_kind: str
    quick: bool = False
    passthrough_per_s: float | None = None
    library: bool = True  # measure the library-only rows (no broker): on the first broker's run only
    last_cpu_ms: float | None = None
    """CPU ms per output of the service the last `service_throughput` ran (its process, all
    threads, from its /health ready to its last output): steadier than records/s on a shared
    machine"""
    last_from_ready_per_s: float | None = None
    """outputs / (last output - ready) of that run. The row's rate counts from the FIRST output,
    which flatters a service with two stages: its first stage works ahead of its first output
    (dedup fingerprinted a backlog before its first verdict)"""
    results_dir: Path = ROOT / "bench" / "results"
    work_dir: Path = field(default_factory=lambda: ROOT / "var" / "bench")


def row(name: str, value: float, unit: str, target: str | None = None, notes: str = "") -> Row:
    """One line of the results table."""
    return {"name": name, "value": round(float(value), 3), "unit": unit, "target": target, "notes": notes}


_WORDS = (
    "Russia launched drones and missiles overnight at Ukraine air force said were shot down over the "
    "Kyiv Kharkiv Odesa Dnipro regions energy infrastructure was damaged regional governor reported "
    "people injured killed residential buildings fire emergency services debris fell in several districts"
).split()


def synthetic_article(n: int, size: int = 3000, seed: int = 0) -> Article:
    """A ~`size`-byte wire-style article with a few strike figures (deterministic per n and seed)."""
    rng = random.Random(seed * 1_000_003 + n)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size - 200:
        words.extend(rng.choice(_WORDS) for _ in range(12))
        words[-1] += "."
    lead = (
        f"Russia launched {rng.randint(40, 700)} drones and {rng.randint(0, 40)} missiles "
        "at Ukraine overnight, "
        f"the air force said, adding that {rng.randint(30, 600)} drones were shot down. "
    )
    published = datetime(2025, 9, 1, 6, tzinfo=UTC) + timedelta(days=n % 60)
    return Article(
        id=f"bench-{seed}-{n}",
        feed="bench",
        url=f"https://bench.example/{seed}/{n}",
        outlet="bench.example",
        title=f"Overnight attack report {n}",
        text=lead + " ".join(words),
        published_at=published,
        fetched_at=datetime.now(UTC),
    )


def produce_models(bootstrap: str, topic: str, records: list[tuple[str, BaseModel]]) -> float:
    """Produce with the feed producer's own Kafka settings (acks=all); returns records per second."""
    sink = KafkaArticleSink(RuntimeSettings(kafka_bootstrap_servers=bootstrap))
    started = time.perf_counter()
    for key, value in records:
        sink.producer.send(topic, key=key.encode(), value=value.model_dump_json().encode())
    sink.flush(timeout=120)
    elapsed = time.perf_counter() - started
    sink.close()
    return len(records) / elapsed


def service_throughput(
    ctx: BenchContext,
    module: str,
    source: TopicSpec,
    records: list[tuple[str, BaseModel]],
    sink: TopicSpec,
    expected: int,
    env: dict[str, str] | None = None,
    timeout: float = 300.0,
    done: Callable[[list[ConsumerRecord]], bool] | None = None,
    rate: Callable[[list[ConsumerRecord]], float] | None = None,
) -> tuple[float, int]:
    """Records/s a service sustains on the broker, and how many outputs it produced.

    The input is produced before the worker starts, so the worker drains a full backlog; the rate
    is (outputs - 1) / (last output timestamp - first output timestamp), the broker's own clock
    for when each output was produced, so start-up and polling by this probe do not count.
    A service that coalesces outputs (one per batch, not per input) gives `done` (the outputs
    are final) and `rate` (inputs per second, from what the outputs say they cover).
    """
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    create_topics(ctx.bootstrap, prefix=prefix)
    produce_models(ctx.bootstrap, prefix + source.name, records)
    ctx.work_dir.mkdir(parents=True, exist_ok=True)
    service_env = {
        "STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": ctx.bootstrap,
        "STRIKEWATCH_TOPIC_PREFIX": prefix,
        "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}",
        "STRIKEWATCH_DATA_DIR": str(ctx.work_dir / prefix.strip(".")),
        "STRIKEWATCH_WEB_PORT": str(free_port()),
        "STRIKEWATCH_LOG_LEVEL": "WARNING",
    } | (env or {})
    log_path = ctx.work_dir / f"{module.rsplit('.', 1)[-1]}-{prefix.strip('.')}.log"
    port = int(service_env["STRIKEWATCH_WEB_PORT"])
    with ServiceProcess(module, service_env, log_path) as service, profiled(service, log_path), \
            CpuSampler(service.proc.pid if service.proc else None, port) as cpu:
        outputs = read_records(ctx.bootstrap, prefix + sink.name, expected, timeout, until=done)
        stamps = [r.timestamp for r in outputs]
    ctx.last_cpu_ms = ctx.last_from_ready_per_s = None
    if len(stamps) < 2:
        return 0.0, len(stamps)
    span = (max(stamps) - min(stamps)) / 1000
    if cpu.ready_at is not None and max(stamps) / 1000 > cpu.ready_at:
        # from ready: what a multi-stage service did before its first output counts too
        ctx.last_from_ready_per_s = len(stamps) / (max(stamps) / 1000 - cpu.ready_at)
        used = cpu.between(cpu.ready_at, max(stamps) / 1000)
        ctx.last_cpu_ms = None if used is None else used * 1000 / len(stamps)
    if rate is not None:
        return rate(outputs), len(stamps)
    return (len(stamps) - 1) / span if span > 0 else float("inf"), len(stamps)


class CpuSampler:
    """Polls a process's CPU seconds (user + system, all threads: /proc/<pid>/stat) in a thread,
    so the CPU spent between two wall-clock moments can be read afterwards; with a web port, also
    when its /health first answered 200 (`ready_at`: the worker processes from then on)."""

    PERIOD_S = 0.05

    def __init__(self, pid: int | None, port: int | None = None) -> None:
        self.pid, self.port = pid, port
        self.ready_at: float | None = None
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _cpu(self) -> float | None:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def _ready(self) -> bool:
        try:
            return httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1).status_code == HTTP_OK
        except httpx.HTTPError:
            return False

    def _run(self) -> None:
        while not self._stop.is_set():
            cpu = self._cpu()
            if cpu is not None:
                self.samples.append((time.time(), cpu))
            if self.port is not None and self.ready_at is None and self._ready():
                self.ready_at = time.time()
            self._stop.wait(self.PERIOD_S)

    def __enter__(self) -> CpuSampler:
        if self.pid is not None:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        cpu = self._cpu() if self.pid is not None else None
        if cpu is not None:
            self.samples.append((time.time(), cpu))

    def between(self, start: float, end: float) -> float | None:
        """CPU seconds from the last sample at or before `start` to the first at or after `end`."""
        before = [c for t, c in self.samples if t <= start]
        after = [c for t, c in self.samples if t >= end]
        return after[0] - before[-1] if before and after else None


HTTP_OK = 200
PROFILE_DIR_ENV = "BENCH_PROFILE_DIR"


@contextlib.contextmanager
def profiled(service: ServiceProcess, log_path: Path) -> Iterator[None]:
    """With BENCH_PROFILE_DIR set, py-spy samples the service while it runs (raw stacks, one file
    per service run, for `python -m bench.profile_report`); py-spy writes when the service exits."""
    out_dir = os.environ.get(PROFILE_DIR_ENV)
    spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if not out_dir or service.proc is None or spy is None:
        yield
        return
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    out = Path(out_dir) / f"{log_path.stem}.txt"
    proc = subprocess.Popen([spy, "record", "--pid", str(service.proc.pid), "--rate", "200",
                             "--nonblocking", "--format", "raw", "--output", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        service.stop()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def ratio_row(name: str, per_s: float, ctx: BenchContext, outputs: int, expected: int) -> list[Row]:
    """A service's rate on the broker, marked so the table shows its ratio to the pass-through agent
    measured on the same broker in the same run (`bench.table.ratio`)."""
    cpu_ms = getattr(ctx, "last_cpu_ms", None)
    from_ready = getattr(ctx, "last_from_ready_per_s", None)
    cpu = "" if from_ready is None else f"; {from_ready:.1f}/s from ready"
    cpu += "" if cpu_ms is None else f"; service CPU {cpu_ms:.2f} ms/output"
    return [passthrough_relative(row(f"{name} throughput on broker", per_s, "records/s",
                                     notes=f"{outputs}/{expected} outputs{cpu}"))]


def passthrough_relative(r: Row) -> Row:
    """Mark a rate row: the table adds its ratio to that broker's pass-through agent."""
    return r | {"vs_passthrough": True}


def library_rows(rows: list[Row]) -> list[Row]:
    """Mark rows that need no broker: measured once per run and shown once."""
    return [r | {"library": True} for r in rows]


def quick_env() -> bool:
    return os.environ.get("BENCH_QUICK", "") not in ("", "0", "false")
