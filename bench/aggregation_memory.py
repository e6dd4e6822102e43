"""Where the aggregation service's memory goes (`python -m bench.aggregation_memory N`), without a
broker: the pipeline bench's articles (`synthetic_article(i, seed=11)`) are extracted once (cached
under var/bench), then their claim groups are fed to a real `AggregationService`'s `route` and
`resolve` with its faust tables replaced by plain mappings (faust's memory store is a dict holding
the same values) and its publishes encoded but not sent. Reports the deep size of each holder
(tables, the parsed-state cache) and the process's peak RSS; `--trace` adds tracemalloc's view.

Why not only the pipeline bench's RSS: it says how much, not who holds it, and it takes minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bench.common import ROOT, synthetic_article
from schemas.extraction import ClaimBatch, ClaimGroup, ClaimMessage
from schemas.topics import TopicSpec

PIPELINE_SEED = 11
MIB = 1024 * 1024
CACHE_DIR = ROOT / "var" / "bench"
TABLES = ("figures", "events", "daily", "set_aside", "alerts")


def claim_batches(n: int) -> list[ClaimBatch]:
    """The pipeline bench's first `n` articles as extraction's `strikes.claims` records (cached)."""
    cache = CACHE_DIR / f"claims-seed{PIPELINE_SEED}-{n}.jsonl"
    if cache.exists():
        return [ClaimBatch.model_validate_json(line) for line in cache.read_text().splitlines()]
    from schemas.dedup import UniqueArticle, Verdict  # noqa: PLC0415 - only to fill the cache
    from services.extraction.extractor import extract  # noqa: PLC0415
    from services.extraction.messages import claim_batch  # noqa: PLC0415

    out = []
    for i in range(n):
        article = synthetic_article(i, seed=PIPELINE_SEED)
        unique = UniqueArticle(article=article, verdict=Verdict.UNIQUE, story_id=article.id)
        batch = claim_batch(unique, extract(article))
        if batch is not None:
            out.append(batch)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("".join(b.model_dump_json() + "\n" for b in out))
    return out


class PlainTable(dict):
    """A faust table's memory store as the service sees it (`table[k]`, `.data`), no changelog."""

    @property
    def data(self) -> PlainTable:
        return self


def deep_size(obj: Any, seen: set[int]) -> int:
    """Bytes reachable from `obj` not counted yet in `seen` (containers, models, slots)."""
    total = 0
    stack = [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, type):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, (list, tuple, set, frozenset)):
            stack.extend(o)
        if isinstance(o, BaseModel):
            stack.extend(v for v in (o.__pydantic_fields_set__, o.__pydantic_private__,
                                     o.__pydantic_extra__) if v is not None)
        if hasattr(o, "__dict__") and not isinstance(o, (str, bytes)):
            stack.append(vars(o))
        for slot in getattr(type(o), "__slots__", ()):
            if slot not in ("__dict__", "__weakref__") and hasattr(o, slot):
                stack.append(getattr(o, slot))
    return total


def holders(service: Any) -> Iterator[tuple[str, Any]]:
    for name in TABLES:
        yield f"table {name}", getattr(service, name)
    states = service.states
    if isinstance(states, dict):
        yield "states cache", states
    else:
        yield "states cache", {s.event_id: s for s in states.cached()}
        yield "states index", states._index or {}


def build_service(work: Path) -> Any:
    from services.aggregation.app import AggregationService  # noqa: PLC0415
    from services.aggregation.settings import AggregationSettings  # noqa: PLC0415

    service = AggregationService(AggregationSettings(data_dir=work))
    for name in TABLES:
        setattr(service, name, PlainTable())
    if hasattr(service, "indexed"):  # the service before the bounded cache: a dict of every state
        service.states = {}
    else:
        from services.aggregation.state_cache import EventStates  # noqa: PLC0415

        service.states = EventStates(service.events, service.figures,
                                     service.settings.aggregation_state_cache_figures)
    sent = {"records": 0, "bytes": 0}

    def publish(spec: TopicSpec, key: Any, value: BaseModel) -> None:
        sent["records"] += 1
        sent["bytes"] += len(value.model_dump_json())

    service.runtime.publish = publish  # type: ignore[method-assign]
    service.sent = sent
    return service


async def feed(service: Any, batches: list[ClaimBatch]) -> None:
    from services.aggregation.app import group_by_attacker  # noqa: PLC0415

    for batch in batches:
        await service.route(batch, None)
        counted: list[ClaimMessage] = [m for m in batch.messages() if m.claim_id not in service.set_aside]
        for msgs in group_by_attacker(counted).values():
            await service.resolve(ClaimGroup(claims=msgs), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=int, help="how many of the pipeline bench's articles")
    parser.add_argument("--trace", action="store_true", help="tracemalloc: top allocation sites too")
    args = parser.parse_args(argv)
    batches = claim_batches(args.articles)
    claims = sum(len(b.claims) for b in batches)
    gc.collect()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    service = build_service(CACHE_DIR / "aggregation-memory")
    if args.trace:
        tracemalloc.start(1)
    started = time.perf_counter()
    asyncio.run(feed(service, batches))
    seconds = time.perf_counter() - started
    gc.collect()
    states = service.states
    cached = list(states.values()) if isinstance(states, dict) else states.cached()
    figures = sum(len(s.figures) for s in cached)
    misses = "" if isinstance(states, dict) else f" (cache hits {states.hits}, misses {states.misses})"
    print(f"{len(batches)} articles with claims, {claims} claims, {len(service.figures)} figure rows, "
          f"{len(service.events)} events, {figures} figures parsed in the cache{misses}; "
          f"fed in {seconds:.1f} s; "
          f"published {service.sent['records']} records, {service.sent['bytes'] / MIB:.1f} MiB")
    seen: set[int] = set()
    for name, obj in holders(service):
        alone = deep_size(obj, set())
        shared = deep_size(obj, seen)
        print(f"  {name:<18} {len(obj):>7} entries  {alone / MIB:8.1f} MiB alone  "
              f"{shared / MIB:8.1f} MiB not counted above")
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {rss_peak:.0f} MiB (before building the service {rss_before:.0f} MiB)")
    if args.trace:
        current, peak = tracemalloc.get_traced_memory()
        print(f"  tracemalloc: current {current / MIB:.1f} MiB, peak {peak / MIB:.1f} MiB; top sites:")
        for stat in tracemalloc.take_snapshot().statistics("lineno")[:12]:
            print(f"    {stat.size / MIB:7.1f} MiB {stat.count:>8}  {stat.traceback}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
