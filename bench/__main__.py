"""Run every benchmark against one broker; print a table; write bench/results/<stamp>.json."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import UTC, datetime

import bench
from bench.common import (
    BenchContext,
    Row,
    produce_models,
    quick_env,
    ratio_row,
    row,
    service_throughput,
    synthetic_article,
)
from schemas.topics import ARTICLES_RAW, PASSTHROUGH
from services.runtime.broker import EmbeddedBroker, free_port
from services.runtime.topics_admin import create_topics


def spine(ctx: BenchContext) -> list[Row]:
    """Producer throughput into the broker, then the pass-through agent: the reference."""
    n = 2000 if ctx.quick else 10000
    articles = [synthetic_article(i) for i in range(n)]
    prefix = f"benchprod{int(time.time())}."
    create_topics(ctx.bootstrap, prefix=prefix, specs=[ARTICLES_RAW])
    per_s = produce_models(ctx.bootstrap, prefix + ARTICLES_RAW.name, [(a.id, a) for a in articles])
    rows = [
        row("producer -> broker (kafka-python, acks=all, ~3 KB)", per_s, "articles/s", notes=f"{n} articles")
    ]
    pt, outputs = service_throughput(
        ctx, "services.passthrough", ARTICLES_RAW, [(a.id, a) for a in articles], PASSTHROUGH, n
    )
    ctx.passthrough_per_s = pt if outputs == n else None
    rows += ratio_row("pass-through agent (reference)", pt, ctx, outputs, n)[:1]
    return rows


def _print(rows: list[Row]) -> None:
    width = max(len(r["name"]) for r in rows)
    print(f"\n{'benchmark'.ljust(width)}  {'value':>12}  {'unit':<12} {'target':<14} notes")
    print("-" * (width + 60))
    for r in rows:
        target = r["target"] or ""
        print(f"{r['name'].ljust(width)}  {r['value']:>12,.3f}  {r['unit']:<12} {target:<14} {r['notes']}")


def main() -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (also BENCH_QUICK=1)")
    parser.add_argument("--only", help="run only bench_<ONLY>.py (the spine always runs)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    broker = None
    if not bootstrap:
        broker = EmbeddedBroker(free_port(), create=False).start()
        bootstrap = broker.bootstrap
    ctx = BenchContext(bootstrap, "env" if broker is None else "tansu", quick=args.quick or quick_env())
    rows: list[Row] = []
    try:
        rows += spine(ctx)
        for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
            if not info.name.startswith("bench_") or (args.only and info.name != f"bench_{args.only}"):
                continue
            try:
                rows += importlib.import_module(f"bench.{info.name}").run(ctx)
            except Exception as exc:  # noqa: BLE001 - one failing benchmark must not hide the others
                traceback.print_exc()
                rows.append(row(f"{info.name} FAILED", 0, "-", notes=f"{type(exc).__name__}: {exc}"))
    finally:
        if broker is not None:
            broker.stop()
    _print(rows)
    ctx.results_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    doc = {
        "when": stamp,
        "broker": ctx.broker_kind,
        "quick": ctx.quick,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "rows": rows,
    }
    for name in (f"{stamp}.json", "latest.json"):
        (ctx.results_dir / name).write_text(json.dumps(doc, indent=2) + "\n")
    print(f"\nwrote bench/results/{stamp}.json")
    return 1 if any("FAILED" in r["name"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
