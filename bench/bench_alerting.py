"""Alerting bench: record-in-Kafka -> webhook-received latency, and the service's throughput.

Latency: one DailyAggregate per distinct series (an oblast each, after a 14-night calm baseline)
is produced at 50 records/s; every one of them is a spike, so every record yields exactly one
signed webhook, received by the local receiver app running in this process (same clock).
Throughput: a burst of records that change nights without alerting, timed until the service's
own `strikewatch_messages_in_total` counter has seen them all; the table reports it as a ratio to
the faust pass-through agent on the same broker.
"""

from __future__ import annotations

import asyncio
import base64
import csv
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from aiohttp import web
from kafka import KafkaProducer

from schemas.events import DailyAggregate
from schemas.extraction import Attacker
from schemas.topics import STRIKES_DAILY
from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics
from services.webhook_receiver.server import create_receiver_app

ROOT = Path(__file__).resolve().parents[1]
SECRET = "whsec_" + base64.b64encode(b"bench-only-secret-not-for-use").decode()
FIRST = dt.date(2025, 3, 1)
RULES = ("rules:\n  - {name: oblast_spike, detector: spike, attacker: RU, weapon_class: drones,"
         " oblast: '*', min_value: 100}\n")


def _aggregate(series: int, night: dt.date, launched: int) -> DailyAggregate:
    return DailyAggregate(start=night, end=night, attacker=Attacker.RU, weapon_class="drones",
                          oblast=f"bench-{series}", launched=launched, intercepted=launched // 2,
                          attacks=1, updated_at=dt.datetime.now(dt.UTC))


class _Receiver:
    """The webhook receiver app on a thread of its own, recording arrival times per series."""

    def __init__(self) -> None:
        self.port = free_port()
        self.arrivals: dict[str, float] = {}
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    def _on_alert(self, webhook_id: str, payload: dict[str, Any], received_at: float) -> None:
        data = payload.get("data", {})
        if data.get("status") == "firing":
            self.arrivals.setdefault(data.get("series", ""), received_at)

    async def _start(self) -> None:
        app = create_receiver_app(SECRET, on_alert=self._on_alert, quiet=True)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()

    def __enter__(self) -> _Receiver:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._runner:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)


def _wait(predicate: Any, timeout: float, proc: Any) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.05)
    return False


def _messages_in(port: int) -> float:
    try:
        text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
    except httpx.HTTPError:
        return 0.0
    for line in text.splitlines():
        if line.startswith("strikewatch_messages_in_total") and 'topic="strikes.daily"' in line:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def run(ctx: Any) -> list[dict[str, Any]]:
    import subprocess

    quick = bool(getattr(ctx, "quick", False))
    bootstrap = ctx.bootstrap
    n_latency = 150 if quick else 500
    n_burst = 2000 if quick else 10000
    rate = 50.0
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    create_topics(bootstrap, prefix=prefix)
    topic = prefix + STRIKES_DAILY.name
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp_dir, _Receiver() as receiver:
        tmp = Path(tmp_dir)
        baseline = tmp / "baseline.csv"
        with baseline.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["date", "attacker", "weapon_class", "launched", "intercepted", "oblast"])
            for s in range(n_latency):
                for i in range(14):
                    night = (FIRST + dt.timedelta(days=i)).isoformat()
                    writer.writerow([night, "RU", "drones", (99, 149)[i % 2], 90, f"bench-{s}"])
        (tmp / "rules.yaml").write_text(RULES)
        (tmp / "receivers.yaml").write_text(
            "retry: {base_delay_s: 0.05, max_delay_s: 1, max_attempts: 20}\n"
            f"receivers:\n  - {{name: bench, url: 'http://127.0.0.1:{receiver.port}/webhook',"
            " secret_env: STRIKEWATCH_WEBHOOK_SECRET, concurrency: 4}\n")
        web_port = free_port()
        env = os.environ | {
            "STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": bootstrap, "STRIKEWATCH_TOPIC_PREFIX": prefix,
            "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}", "STRIKEWATCH_DATA_DIR": str(tmp / "data"),
            "STRIKEWATCH_WEB_PORT": str(web_port), "STRIKEWATCH_LOG_LEVEL": "WARNING",
            "STRIKEWATCH_WEBHOOK_SECRET": SECRET, "STRIKEWATCH_ALERTING_BASELINE": str(baseline),
            "STRIKEWATCH_ALERTING_RULES": str(tmp / "rules.yaml"),
            "STRIKEWATCH_ALERTING_RECEIVERS": str(tmp / "receivers.yaml"),
        }
        log = (tmp / "alerting.log").open("wb")
        proc = subprocess.Popen([sys.executable, "-m", "services.alerting"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=0)
        try:
            # Warm-up: wait until the worker consumes (one calm record for an extra series).
            producer.send(topic, key=b"warmup", value=_aggregate(-1, FIRST, 1).model_dump_json().encode())
            producer.flush()
            if not _wait(lambda: _messages_in(web_port) >= 1, 90, proc):
                tail = (tmp / "alerting.log").read_text()[-2000:]
                raise RuntimeError(f"alerting service did not start: {tail}")
            # Latency at 50 records/s, one alert per record.
            sent: dict[str, float] = {}
            spike_night = FIRST + dt.timedelta(days=14)
            start = time.monotonic()
            for s in range(n_latency):
                target = start + s / rate
                delay = target - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                agg = _aggregate(s, spike_night, 999)
                sent[f"RU/drones/bench-{s}"] = time.time()
                producer.send(topic, key=f"1d/{s}".encode(), value=agg.model_dump_json().encode())
                producer.flush()
            _wait(lambda: len(receiver.arrivals) >= n_latency, 60, proc)
            latencies = sorted(receiver.arrivals[k] - t for k, t in sent.items() if k in receiver.arrivals)
            got = len(latencies)
            if latencies:
                p50 = statistics.median(latencies)
                p99 = latencies[min(got - 1, int(round(0.99 * (got - 1))))]
                note = f"{got}/{n_latency} records at {rate:g}/s, each one spike -> one signed webhook"
                rows.append({"name": "alerting: record -> webhook latency p50", "value": p50 * 1000,
                             "unit": "ms", "target": None, "notes": note})
                rows.append({"name": "alerting: record -> webhook latency p99", "value": p99 * 1000,
                             "unit": "ms", "target": None, "notes": note})
            # Throughput: a burst of calm nights (every record changes a night and runs the rules).
            before = _messages_in(web_port)
            t0 = time.monotonic()
            for k in range(n_burst):
                night = FIRST + dt.timedelta(days=15 + k // n_latency)
                agg = _aggregate(k % n_latency, night, 120)
                producer.send(topic, key=f"1d/b{k}".encode(), value=agg.model_dump_json().encode())
            producer.flush()
            done = _wait(lambda: _messages_in(web_port) >= before + n_burst, 300, proc)
            elapsed = time.monotonic() - t0
            per_s = n_burst / elapsed if done else float("nan")
            # vs_passthrough: the table shows its ratio to the same broker's pass-through agent
            rows.append({"name": "alerting: throughput", "value": per_s, "unit": "records/s",
                         "target": None, "notes": f"{n_burst} strikes.daily records, rules run on each",
                         "vs_passthrough": True})
        finally:
            producer.close()
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
    return rows


if __name__ == "__main__":
    class _Ctx:
        bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
        quick = "--quick" in sys.argv
        passthrough_per_s = None

    for row in run(_Ctx()):
        print(f"{row['name']:45s} {row['value']:10.2f} {row['unit']:10s} {row['notes']}")
