"""Builders of ClaimMessages for the aggregation tests (no extraction needed)."""

from __future__ import annotations

import datetime as dt
import itertools

from schemas.extraction import ClaimBatch, ClaimMessage, Evidence, Period, StrikeClaim, claim_batches

_seq = itertools.count()


def claim(
    value: int, measure: str = "launched", weapon_class: str | None = "drones", *,
    date: dt.date | None = dt.date(2025, 7, 9), attacker: str = "RU", article: str | None = None,
    outlet: str | None = "example-news.com", feed: str | None = None, revision: int = 0,
    published: dt.datetime | None = None, text: str | None = None, locations: list[str] | None = None,
    scope: str = "single_attack", period: tuple[dt.date, dt.date] | None = None,
    is_reference: bool = False, weapon_model: str | None = None, index: int | None = None,
) -> ClaimMessage:
    """One claim message; `article` defaults to a fresh id, `index` to a running number."""
    article = article or f"art-{next(_seq)}"
    idx = next(_seq) if index is None else index
    sentence = text or f"{value} {weapon_class or 'people'} {measure}."
    return ClaimMessage(
        claim_id=f"{article}:{revision}:{idx}", article_id=article, revision=revision,
        url=f"https://{outlet}/{article}" if outlet else None, outlet=outlet, feed=feed,
        published_at=published or dt.datetime(2025, 7, 9, 8, 0, tzinfo=dt.UTC),
        claim=StrikeClaim(
            attacker=attacker, measure=measure, weapon_class=weapon_class, weapon_model=weapon_model,
            value=value, scope=scope, date=None if scope == "period_total" else date,
            period=Period(start=period[0], end=period[1]) if period else None,
            locations=locations or [], is_reference=is_reference,
            evidence=Evidence(text=sentence, start=0, end=len(sentence)),
        ),
    )



def batches(msgs: list[ClaimMessage]) -> list[tuple[str, ClaimBatch]]:
    """The claims as `strikes.claims` records, keyed by article id (schemas.extraction.claim_batches)."""
    return [(b.article_id, b) for b in claim_batches(msgs)]
