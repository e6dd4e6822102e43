"""Run every benchmark on Tansu and on a local Apache Kafka in one run (`--broker`), print one
table with a value and a pass-through ratio per broker, write bench/results/<stamp>.json."""

from __future__ import annotations

import importlib
import json
import logging
import os
import pkgutil
import platform
import signal
import sys
import time
import traceback
from datetime import UTC, datetime
from typing import Any

import bench
from bench.brokers import kafka_missing, parse_args, plan, skip_line, started
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
from bench.pipeline import run_pipeline
from bench.table import merge, render
from schemas.topics import ARTICLES_RAW, PASSTHROUGH
from services.runtime.broker import BrokerError
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
    rows += ratio_row("pass-through agent (reference)", pt, ctx, outputs, n)
    return rows


def suite(ctx: BenchContext, only: str | None, pipeline: int | None = None) -> list[Row]:
    """The spine, then every bench_*.py (or the whole-pipeline run), on ctx's broker; a failing
    benchmark becomes a FAILED row."""
    rows = spine(ctx)
    if pipeline:
        try:
            return rows + run_pipeline(ctx, pipeline)
        except Exception as exc:  # noqa: BLE001 - the spine's rows still count
            traceback.print_exc()
            return rows + [row("pipeline FAILED", 0, "-", notes=f"{type(exc).__name__}: {exc}")]
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda m: m.name):
        if not info.name.startswith("bench_") or (only and info.name != f"bench_{only}"):
            continue
        try:
            rows += importlib.import_module(f"bench.{info.name}").run(ctx)
        except Exception as exc:  # noqa: BLE001 - one failing benchmark must not hide the others
            traceback.print_exc()
            rows.append(row(f"{info.name} FAILED", 0, "-", notes=f"{type(exc).__name__}: {exc}"))
    return rows


def _terminate(signum: int, _frame: Any) -> None:
    """SIGTERM unwinds like Ctrl-C, so every broker and service started is stopped."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    signal.signal(signal.SIGTERM, _terminate)
    quick = args.quick or quick_env()
    env = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    brokers, skipped = plan(args.broker, env, kafka_missing)
    if skipped:
        print(skipped, flush=True)
    if not brokers:
        return 2
    runs: dict[str, list[Row]] = {}
    passthrough: dict[str, float | None] = {}
    details: dict[str, str] = {}
    library_done = False
    try:
        for kind in brokers:
            print(f"== {kind}: starting the broker", flush=True)
            try:
                with started(kind, env) as (bootstrap, detail):
                    print(f"== {kind}: {detail} at {bootstrap}", flush=True)
                    ctx = BenchContext(bootstrap, kind, quick=quick, library=not library_done)
                    runs[kind] = suite(ctx, args.only, args.pipeline)
                    library_done = True
                    passthrough[kind], details[kind] = ctx.passthrough_per_s, detail
            except BrokerError as exc:  # e.g. mvn offline: the other broker's figures still count
                if kind != "kafka" or len(brokers) == 1:
                    raise
                skipped = skip_line(f"could not start: {exc}")
                print(skipped, flush=True)
    except KeyboardInterrupt:
        print("\ninterrupted: every broker started has been stopped; no results written")
        return 130
    merged = merge(runs, passthrough)
    print()
    print(render(merged, list(runs)))
    if skipped:
        print(skipped)
    results_dir = BenchContext("", "").results_dir
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    doc = {
        "when": stamp,
        "brokers": list(runs),
        "broker_details": details,
        "skipped": skipped or None,
        "quick": quick,
        "python": sys.version.split()[0],
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "passthrough_per_s": passthrough,
        "runs": runs,
        "table": merged,
    }
    for name in (f"{stamp}.json", "latest.json"):
        (results_dir / name).write_text(json.dumps(doc, indent=2) + "\n")
    print(f"\nwrote bench/results/{stamp}.json")
    return 1 if any("FAILED" in r["name"] for rows in runs.values() for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
