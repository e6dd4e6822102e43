"""Claim -> webhook latency across the real hops: strikes.claims -> aggregation -> strikes.daily ->
alerting -> signed webhook, both services as processes on the broker, the receiver in this process.

Each claim reports a new night (two days after the previous one) of 500 RU drones, and a
`threshold` rule (floor 100) makes every such night fire: one FIRING webhook per claim, so the
latency of each claim is the time from its send to its night's FIRING arriving (same clock).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from kafka import KafkaProducer

from bench.bench_alerting import SECRET, _Receiver
from bench.common import BenchContext, Row, row
from schemas.extraction import claim_batches
from schemas.topics import STRIKES_CLAIMS
from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics
from tests.support.processes import ServiceProcess
from tests.unit.aggregation.agg_claims import claim

FIRST = dt.date(2025, 1, 1)
RULES = (
    "rules:\n  - {name: bench_floor, detector: threshold, attacker: RU, weapon_class: drones,"
    " params: {floor: 100}}\n"
)


class _NightReceiver(_Receiver):
    """Records the first FIRING arrival per night (the alert's date)."""

    def _on_alert(self, webhook_id: str, payload: dict[str, Any], received_at: float) -> None:
        data = payload.get("data", {})
        if data.get("status") == "firing":
            self.arrivals.setdefault(str(data.get("date")), received_at)


def run(ctx: BenchContext) -> list[Row]:
    n, rate = (100, 50.0) if ctx.quick else (300, 50.0)
    prefix = f"bench{uuid.uuid4().hex[:8]}."
    create_topics(ctx.bootstrap, prefix=prefix)
    with tempfile.TemporaryDirectory() as tmp_dir, _NightReceiver() as receiver:
        tmp = Path(tmp_dir)
        (tmp / "rules.yaml").write_text(RULES)
        (tmp / "receivers.yaml").write_text(
            "retry: {base_delay_s: 0.05, max_delay_s: 1, max_attempts: 20}\n"
            f"receivers:\n  - {{name: bench, url: 'http://127.0.0.1:{receiver.port}/webhook',"
            " secret_env: STRIKEWATCH_WEBHOOK_SECRET}\n")
        env = {
            "STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": ctx.bootstrap, "STRIKEWATCH_TOPIC_PREFIX": prefix,
            "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}", "STRIKEWATCH_DATA_DIR": str(tmp / "data"),
            "STRIKEWATCH_LOG_LEVEL": "INFO", "STRIKEWATCH_WEBHOOK_SECRET": SECRET,
            "STRIKEWATCH_ALERTING_RULES": str(tmp / "rules.yaml"),
            "STRIKEWATCH_ALERTING_RECEIVERS": str(tmp / "receivers.yaml"),
        }
        agg = ServiceProcess("services.aggregation", env | {"STRIKEWATCH_WEB_PORT": str(free_port())},
                             tmp / "aggregation.log")
        alerting = ServiceProcess("services.alerting", env | {"STRIKEWATCH_WEB_PORT": str(free_port())},
                                  tmp / "alerting.log")
        producer = KafkaProducer(bootstrap_servers=ctx.bootstrap, acks="all", linger_ms=0)
        with agg, alerting:
            agg.wait_ready(90)
            alerting.wait_ready(90)
            sent: dict[str, float] = {}
            start = time.monotonic()
            for k in range(n):
                delay = start + k / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                night = FIRST + dt.timedelta(days=2 * k)
                msg = claim(500, date=night, outlet="kpszsu.example")
                sent[night.isoformat()] = time.time()
                batch = claim_batches([msg])[0]
                producer.send(prefix + STRIKES_CLAIMS.name, key=batch.article_id.encode(),
                              value=batch.model_dump_json().encode())
                producer.flush()
            deadline = time.monotonic() + 60
            while len(receiver.arrivals) < n and time.monotonic() < deadline:
                time.sleep(0.1)
        producer.close()
    latencies = sorted(receiver.arrivals[d] - t for d, t in sent.items() if d in receiver.arrivals)
    if not latencies:
        return [row("claim -> webhook latency", 0, "ms", notes=f"0/{n} webhooks received")]
    p99 = latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))]
    note = f"{len(latencies)}/{n} claims at {rate:g}/s through aggregation + alerting"
    return [row("claim -> webhook latency p50", statistics.median(latencies) * 1000, "ms", notes=note),
            row("claim -> webhook latency p99", p99 * 1000, "ms", notes=note)]


if __name__ == "__main__":
    print(run(BenchContext(os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), "env", quick=True)))
