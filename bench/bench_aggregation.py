"""Aggregation benchmarks: pure resolve throughput, late-replay placement, service throughput.

Rows:
- `aggregation.resolve_claims_per_s (N claims/night)`: claims/s through the pure resolver + the
  event-time day book (what the agent does per claim, minus Kafka), on a synthetic feed like real
  reporting:
  many outlets restating each night's figures, corrections, casualty counts by place.
- `aggregation.late_replay_landed`: share of claims dated 1-365 days before the watermark whose
  figures land in their own day row (faust's wall-clock windowed tables would drop all of them
  once their windows are stale; ours must keep 1.0).
- the real service on the broker draining a backlog of claims (bench.common.service_throughput),
  and its ratio to the pass-through agent.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from typing import Any

from schemas.extraction import ClaimMessage, Evidence, StrikeClaim
from services.aggregation.regions import default_region_table
from services.aggregation.resolve import Resolver
from services.aggregation.windows import SeriesKey, book_event, sum_rows

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


OBLASTS = default_region_table().names()


def _pipeline(claims: list[ClaimMessage]) -> tuple[Resolver, dict, float]:
    resolver, book = Resolver(), {}
    started = time.perf_counter()
    for msg in claims:
        eid = resolver.add(msg)
        if eid is None:
            continue
        book_event(book, resolver.event(eid), OBLASTS)
    return resolver, book, time.perf_counter() - started


def bench_resolve(n: int, nights: int) -> dict[str, Any]:
    """Each claim re-resolves its night (O(figures of that night)), so density matters."""
    claims = synthetic_claims(n, nights=nights)
    _, _, seconds = _pipeline(claims)
    per_night = n // nights
    return {"name": f"aggregation.resolve_claims_per_s ({per_night} claims/night)",
            "value": round(n / seconds, 1), "unit": "claims/s", "target": None,
            "notes": f"{n} claims over {nights} nights, 10 outlets; resolver + day book, no Kafka"}


def bench_late_replay(n_days: int) -> dict[str, Any]:
    now = dt.date(2025, 7, 31)
    current = synthetic_claims(600, seed=2, start=now - dt.timedelta(days=10), nights=10)
    resolver, book = Resolver(), {}

    def feed(msgs: list[ClaimMessage]) -> None:
        for msg in msgs:
            eid = resolver.add(msg)
            if eid is not None:
                book_event(book, resolver.event(eid), OBLASTS)

    feed(current)
    rng = random.Random(3)
    old_days = sorted({now - dt.timedelta(days=rng.randint(11, 365)) for _ in range(n_days)})
    replay = [msg for d in old_days for msg in synthetic_claims(6, seed=d.toordinal(), start=d, nights=1)]
    feed(replay)
    landed = sum(1 for d in old_days if sum_rows(book, SeriesKey("RU", "drones"), d, d)["launched"] > 0)
    return {"name": "aggregation.late_replay_landed", "value": round(landed / len(old_days), 4),
            "unit": "ratio", "target": "1.0",
            "notes": f"{len(old_days)} nights 11-365 days before the watermark replayed after current ones"}


def _articles_covered(outputs: list[Any]) -> tuple[list[int], list[int]]:
    """For each `strikes.events` output in order: its broker time (ms) and how many articles
    the latest version of every event seen so far covers together."""
    from schemas.events import AttackEvent  # noqa: PLC0415

    latest: dict[str, int] = {}
    covered, stamps, total = [], [], 0
    for record in outputs:
        event = AttackEvent.model_validate_json(record.value)
        now = len({s.article_id for s in event.sources})
        total += now - latest.get(event.event_id, 0)
        latest[event.event_id] = now
        covered.append(total)
        stamps.append(record.timestamp)
    return stamps, covered


def bench_service(ctx: Any, n: int) -> list[dict[str, Any]]:
    """The service draining a backlog of `n` claims as `strikes.claims` carries them (one
    ClaimBatch per article, 6 claims each). The service settles claim groups in batches and
    publishes each event a batch touched once, so outputs are not one per input: the rate is
    articles per second, read from the outputs themselves (how many articles the latest events
    cover, first output to last; the articles the first output already covers are not counted),
    the unit the pass-through agent is measured in."""
    from bench.common import ratio_row, service_throughput  # noqa: PLC0415 - needs a broker
    from schemas.extraction import claim_batches  # noqa: PLC0415
    from schemas.topics import STRIKES_CLAIMS, STRIKES_EVENTS  # noqa: PLC0415

    batches = claim_batches(synthetic_claims(n, seed=5))

    def done(outputs: list[Any]) -> bool:
        return bool(outputs) and _articles_covered(outputs)[1][-1] >= len(batches)

    seen = {"articles": 0}

    def rate(outputs: list[Any]) -> float:
        stamps, covered = _articles_covered(outputs)
        seen["articles"] = covered[-1] if covered else 0
        span = (stamps[-1] - stamps[0]) / 1000 if stamps else 0.0
        return (covered[-1] - covered[0]) / span if span > 0 else 0.0

    per_s, outputs = service_throughput(ctx, "services.aggregation", STRIKES_CLAIMS,
                                        [(b.article_id, b) for b in batches], STRIKES_EVENTS, len(batches),
                                        done=done, rate=rate)
    rows = ratio_row("aggregation service (claim batches -> events + windows)", per_s, ctx, seen["articles"],
                     len(batches))
    return [r | {"notes": f"{r['notes']}; {outputs} event records; {n / len(batches):.0f} claims per "
                          f"article, {per_s * n / len(batches):.0f} claims/s"} for r in rows]


def run(ctx: Any) -> list[dict[str, Any]]:
    quick = bool(getattr(ctx, "quick", False))
    n = 3_000 if quick else 12_000
    rows: list[dict[str, Any]] = []
    if getattr(ctx, "library", True):  # no broker needed: measured once per run, shown once
        library = [bench_resolve(n, n // 50), bench_resolve(n, n // 300)]
        library.append(bench_late_replay(50 if quick else 200))
        rows += [r | {"library": True} for r in library]
    if getattr(ctx, "bootstrap", None):
        rows += bench_service(ctx, 1_500 if quick else 6_000)
    return rows
