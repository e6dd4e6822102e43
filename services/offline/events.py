"""Offline resolution (no Kafka): article files -> extraction -> claims -> events.

Used by `strikewatch events`; the services build the same ClaimMessages (extraction's
`messages.claim_messages`, used here too) and run the same resolver functions over faust tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from schemas.article import Article
from schemas.dedup import UniqueArticle, Verdict
from schemas.events import AttackEvent
from schemas.extraction import ClaimMessage
from services.aggregation.resolve import Resolver

EVENT_FIELDS = ("event_id", "attacker", "date", "scope", "launched", "intercepted", "lost", "hit",
                "killed", "injured", "sources")
SOURCE_FIELDS = ("article_id", "url", "outlet", "measure", "weapon_class", "weapon_model", "value",
                 "location", "tier", "superseded")


def extract_claims(articles: Iterable[Article]) -> Iterator[ClaimMessage]:
    """Run extraction on each article as the service does on a first version (revision 0, its own
    story); imported lazily: the extractor's tables are heavy."""
    from services.extraction.extractor import extract  # noqa: PLC0415
    from services.extraction.messages import claim_messages  # noqa: PLC0415

    for article in articles:
        unique = UniqueArticle(article=article, verdict=Verdict.UNIQUE, story_id=article.id)
        yield from claim_messages(unique, extract(article))


def read_claim_files(paths: Iterable[str | Path]) -> Iterator[ClaimMessage]:
    """ClaimMessages from JSON-lines files (as on `strikes.claims`); blank lines skipped."""
    for path in paths:
        for line_no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    yield ClaimMessage.model_validate_json(line)
                except ValueError as exc:
                    raise ValueError(f"{path}:{line_no}: not a ClaimMessage: {exc}") from exc


def event_line(event: AttackEvent) -> dict[str, Any]:
    """The `strikewatch events` JSON object: the contract fields first, then period/regions/notes."""
    data = event.model_dump(mode="json")
    out = {k: data[k] for k in EVENT_FIELDS}
    out["sources"] = [{k: s[k] for k in SOURCE_FIELDS} for s in data["sources"]]
    if data["period"]:
        out["period"] = data["period"]
    if data["regions"]:
        out["regions"] = data["regions"]
    if data["notes"]:
        out["notes"] = data["notes"]
    return out


def resolve_offline(claims: Iterable[ClaimMessage]) -> Resolver:
    """A resolver fed with every claim."""
    resolver = Resolver()
    resolver.add_all(claims)
    return resolver


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
