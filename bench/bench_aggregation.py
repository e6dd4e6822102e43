"""Aggregation benchmarks: pure resolve throughput, late-replay placement, service throughput.

Rows:
- `aggregation.resolve_claims_per_s`: claims/s through the pure resolver + event-time day book
  (what the agent does per claim, minus Kafka), on a synthetic feed shaped like real reporting:
  many outlets restating each night's figures, corrections, casualty counts by place.
- `aggregation.late_replay_landed`: share of claims dated 1-365 days before the watermark whose
  figures land in their own day row (faust's wall-clock windowed tables would drop all of them
  once their windows are stale; ours must keep 1.0).
- `aggregation.service_claims_per_s` and `aggregation.service_ratio_to_passthrough`: the real
  service on the broker, claims produced as fast as possible, timed until its metrics count them.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
import uuid
from pathlib import Path
from typing import Any

from schemas.extraction import ClaimMessage, Evidence, StrikeClaim
from services.aggregation.resolve import Resolver
from services.aggregation.windows import SeriesKey, apply_event_change, sum_rows

OUTLETS = ["mil.gov.ua", "kyivindependent.com", "ukrinform.net", "reuters.com", "apnews.com",
           "pravda.com.ua", "unn.ua", "rbc.ua", "suspilne.media", "oda.gov.ua"]
CITIES = ["Kyiv", "Kharkiv", "Odesa", "Dnipro", "Lviv", "Zaporizhzhia", "Sumy", "Poltava"]


def synthetic_claims(n: int, seed: int = 1, start: dt.date = dt.date(2025, 6, 1),
                     nights: int = 60) -> list[ClaimMessage]:
    """`n` claims about `nights` nights, from several outlets each, with corrections."""
    rng = random.Random(seed)
    truth = {start + dt.timedelta(days=d): (rng.randint(50, 800), rng.randint(0, 40)) for d in range(nights)}
    out: list[ClaimMessage] = []
    art = 0
    while len(out) < n:
        day = rng.choice(list(truth))
        drones, missiles = truth[day]
        outlet = rng.choice(OUTLETS)
        art += 1
        revision = 1 if rng.random() < 0.1 else 0
        published = dt.datetime.combine(day, dt.time(6), dt.UTC) + dt.timedelta(minutes=rng.randint(0, 600))
        jitter = rng.choice([0, 0, 0, 5, -5])
        figures = [("launched", "drones", drones + jitter, []), ("launched", "missiles", missiles, []),
                   ("intercepted", "drones", int(drones * 0.9), []),
                   ("launched", "total", drones + missiles, []),
                   ("killed", None, rng.randint(0, 5), [rng.choice(CITIES)]),
                   ("injured", None, rng.randint(0, 20), [rng.choice(CITIES)])]
        for i, (measure, wclass, value, places) in enumerate(figures):
            text = f"{value} {wclass or 'people'} {measure}, the Air Force said." if outlet == "mil.gov.ua" \
                else f"{value} {wclass or 'people'} {measure}."
            out.append(ClaimMessage(
                claim_id=f"a{art}:{revision}:{i}", article_id=f"a{art}", revision=revision,
                url=f"https://{outlet}/a{art}", outlet=outlet, published_at=published,
                claim=StrikeClaim(attacker="RU", measure=measure, weapon_class=wclass, value=max(0, value),
                                  date=day, locations=places,
                                  evidence=Evidence(text=text, start=0, end=len(text))),
            ))
    return out[:n]


def _pipeline(claims: list[ClaimMessage]) -> tuple[Resolver, dict, float]:
    resolver, book, published = Resolver(), {}, {}
    started = time.perf_counter()
    for msg in claims:
        eid = resolver.add(msg)
        if eid is None:
            continue
        new = resolver.event(eid)
        apply_event_change(book, published.get(eid), new)
        published[eid] = new
    return resolver, book, time.perf_counter() - started


def bench_resolve(n: int) -> dict[str, Any]:
    claims = synthetic_claims(n)
    _, _, seconds = _pipeline(claims)
    return {"name": "aggregation.resolve_claims_per_s", "value": round(n / seconds, 1), "unit": "claims/s",
            "target": None, "notes": f"{n} claims, 60 nights, 10 outlets; resolver + day book, no Kafka"}


def bench_late_replay(n_days: int) -> dict[str, Any]:
    now = dt.date(2025, 7, 31)
    current = synthetic_claims(600, seed=2, start=now - dt.timedelta(days=10), nights=10)
    resolver, book, published = Resolver(), {}, {}

    def feed(msgs: list[ClaimMessage]) -> None:
        for msg in msgs:
            eid = resolver.add(msg)
            if eid is not None:
                new = resolver.event(eid)
                apply_event_change(book, published.get(eid), new)
                published[eid] = new

    feed(current)
    rng = random.Random(3)
    old_days = sorted({now - dt.timedelta(days=rng.randint(11, 365)) for _ in range(n_days)})
    replay = [msg for d in old_days for msg in synthetic_claims(6, seed=d.toordinal(), start=d, nights=1)]
    feed(replay)
    landed = sum(1 for d in old_days if sum_rows(book, SeriesKey("RU", "drones"), d, d)["launched"] > 0)
    return {"name": "aggregation.late_replay_landed", "value": round(landed / len(old_days), 4),
            "unit": "ratio", "target": "1.0",
            "notes": f"{len(old_days)} nights 11-365 days before the watermark replayed after current ones"}


def _metric_sum(text: str, name: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            total += float(line.rsplit(" ", 1)[1])
    return total


def bench_service(ctx: Any, n: int) -> list[dict[str, Any]]:
    import httpx  # noqa: PLC0415

    from schemas.topics import STRIKES_CLAIMS  # noqa: PLC0415
    from services.runtime.broker import free_port  # noqa: PLC0415
    from services.runtime.topics_admin import create_topics  # noqa: PLC0415
    from tests.support.kafka_io import produce  # noqa: PLC0415
    from tests.support.processes import ServiceProcess  # noqa: PLC0415

    prefix = f"b{uuid.uuid4().hex[:8]}."
    create_topics(ctx.bootstrap, prefix=prefix)
    port = free_port()
    env = {"STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": ctx.bootstrap, "STRIKEWATCH_TOPIC_PREFIX": prefix,
           "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}", "STRIKEWATCH_WEB_PORT": str(port),
           "STRIKEWATCH_DATA_DIR": f"/tmp/strikewatch-bench-{prefix.strip('.')}",
           "STRIKEWATCH_LOG_LEVEL": "WARNING"}
    claims = synthetic_claims(n, seed=5)
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-aggregation-{prefix.strip('.')}.log"
    with ServiceProcess("services.aggregation", env, log) as proc:
        proc.wait_ready(timeout=90)
        started = time.perf_counter()
        produce(ctx.bootstrap, prefix + STRIKES_CLAIMS.name, [(m.article_id, m) for m in claims])
        deadline = started + 300
        while time.perf_counter() < deadline:
            text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
            if _metric_sum(text, "strikewatch_aggregation_claims_total") >= n:
                break
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        done = _metric_sum(text, "strikewatch_aggregation_claims_total")
    rate = done / seconds
    rows = [{"name": "aggregation.service_claims_per_s", "value": round(rate, 1), "unit": "claims/s",
             "target": None, "notes": f"{int(done)}/{n} claims from produce start to counted; each "
             "changes an event -> event + 3 window records per touched series published"}]
    passthrough = getattr(ctx, "passthrough_per_s", None)
    if passthrough:
        rows.append({"name": "aggregation.service_ratio_to_passthrough",
                     "value": round(rate / passthrough, 3), "unit": "ratio", "target": None,
                     "notes": f"service {rate:.0f}/s vs pass-through agent {passthrough:.0f}/s"})
    return rows


def run(ctx: Any) -> list[dict[str, Any]]:
    quick = bool(getattr(ctx, "quick", False))
    rows = [bench_resolve(3_000 if quick else 20_000), bench_late_replay(50 if quick else 200)]
    if getattr(ctx, "bootstrap", None):
        rows += bench_service(ctx, 1_500 if quick else 6_000)
    return rows
