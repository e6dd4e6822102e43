"""Dedup: decision time vs remembered articles, bytes per remembered article, service throughput."""

from __future__ import annotations

import time
import tracemalloc
from datetime import UTC, datetime

import numpy as np

from bench.common import BenchContext, Row, ratio_row, row, service_throughput, synthetic_article
from schemas.topics import ARTICLES_RAW, DEDUP_VERDICTS
from services.dedup.engine import VERDICT_CODES, Deduplicator
from services.dedup.store import Row as MemRow

T0 = datetime(2025, 10, 1, tzinfo=UTC).timestamp()


def _fill(d: Deduplicator, n: int, seed: int = 0) -> None:
    """Remember n synthetic unique articles spread over 6 days (inside the 7-day horizon)."""
    rng = np.random.default_rng(seed)
    unique = VERDICT_CODES[next(iter(VERDICT_CODES))]
    for i in range(n):
        hv = rng.integers(0, 2**32, d.config.num_perm, dtype=np.uint64).astype(np.uint32)
        ts = T0 + 6 * 86400 * i / max(n, 1)
        d.add_row(MemRow(f"{i:032x}", int(rng.integers(1, 2**63)), ts, ts,
                         int(rng.integers(1, 2**63)), hv.astype(np.uint16), d.band_keys(hv),
                         rng.integers(1, 2**63, 8, dtype=np.uint64),
                         rng.integers(0, 2**32, 6, dtype=np.uint64).astype(np.uint32), 400, 0,
                         unique, None, float("nan"), f"{i:032x}", int(rng.integers(1, 2**63))))


def _decide_us(d: Deduplicator, articles: list, fps: list) -> float:
    start = time.perf_counter()
    for a, fp in zip(articles, fps, strict=True):
        d.decide(a, fp)
    return (time.perf_counter() - start) / len(articles) * 1e6


def run(ctx: BenchContext) -> list[Row]:
    rows: list[Row] = []
    sizes = [10_000, 100_000] if ctx.quick else [10_000, 100_000, 1_000_000]
    probe = [synthetic_article(10_000_000 + i, seed=i).model_copy(
        update={"fetched_at": datetime.fromtimestamp(T0 + 6 * 86400, UTC)}) for i in range(300)]
    d0 = Deduplicator()
    start = time.perf_counter()
    fps = [d0.fingerprint(a) for a in probe]
    fp_us = (time.perf_counter() - start) / len(probe) * 1e6
    rows.append(row("dedup fingerprint (parallel stage)", fp_us, "µs/article", None,
                    "normalise + shingle + MinHash(128) + story features, ~3 KB article"))
    for n in sizes:
        d = Deduplicator()
        _fill(d, n)
        rows.append(row(f"dedup decision, {n:,} remembered", _decide_us(d, probe, fps),
                        "µs/article", "<= 200", "ordered stage: lookups + verdict + remember"))
    n = 20_000 if ctx.quick else 100_000
    tracemalloc.start()
    d = Deduplicator()
    before = tracemalloc.get_traced_memory()[0]
    _fill(d, n, seed=1)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    sample = d.store.runs[0].row(0).to_bytes() if d.store.runs else b""
    rows.append(row("dedup state per remembered article", used / n, "bytes", "<= 1024",
                    f"tracemalloc over {n:,} articles, engine store; the service's faust table "
                    f"keeps another {len(sample)}-byte row per article version"))
    count = 500 if ctx.quick else 2000
    records = [(a.id, a) for a in (synthetic_article(i, seed=i) for i in range(count))]
    per_s, outputs = service_throughput(ctx, "services.dedup", ARTICLES_RAW, records,
                                        DEDUP_VERDICTS, count)
    rows += ratio_row("dedup service", per_s, ctx, outputs, count)
    return rows
