"""Extraction output: entities and strike claims (`articles.enriched`, `strikes.claims`: one ClaimBatch
per article).

Field names and values of `Entity` and `StrikeClaim` are a public contract (the `strikewatch
extract` JSON lines use them verbatim): change them only with a schema_version bump.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.article import Article
from schemas.base import Message, UtcDatetime

EXTRACTION_SCHEMA_VERSION = 1


class EntityType(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"
    WEAPON = "weapon"


class Attacker(StrEnum):
    RU = "RU"  # Russia attacking Ukraine
    UA = "UA"  # Ukraine attacking Russia or occupied territory


class Measure(StrEnum):
    LAUNCHED = "launched"
    INTERCEPTED = "intercepted"
    LOST = "lost"
    HIT = "hit"
    KILLED = "killed"
    INJURED = "injured"


class WeaponClass(StrEnum):
    DRONES = "drones"
    MISSILES = "missiles"
    BALLISTIC_MISSILES = "ballistic_missiles"
    CRUISE_MISSILES = "cruise_missiles"
    AEROBALLISTIC_MISSILES = "aeroballistic_missiles"
    GUIDED_AIR_MISSILES = "guided_air_missiles"
    GLIDE_BOMBS = "glide_bombs"
    TOTAL = "total"


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    ABOUT = "about"
    AT_MOST = "at_most"


class Scope(StrEnum):
    SINGLE_ATTACK = "single_attack"
    PERIOD_TOTAL = "period_total"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entity(_Part):
    """A named thing in the text, with its canonical name so aliases meet."""

    type: EntityType
    name: str = Field(description="canonical name, e.g. 'Kyiv' for 'Kiev'")
    text: str = Field(description="surface text as written")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    id: str | None = Field(default=None, description="stable canonical id, e.g. geonames id")
    kind: str | None = Field(default=None, description="place: country/oblast/city; weapon: model")
    oblast: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    weapon_class: str | None = Field(default=None, description="weapon: drone, cruise missile, ...")


class Period(_Part):
    start: dt.date | None = None
    end: dt.date | None = None


class Evidence(_Part):
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class StrikeClaim(_Part):
    """One strike figure as the text states it."""

    attacker: Attacker
    measure: Measure
    weapon_class: WeaponClass | None = None
    weapon_model: str | None = None
    value: int = Field(ge=0)
    qualifier: Qualifier = Qualifier.EXACT
    scope: Scope = Scope.SINGLE_ATTACK
    period: Period | None = None
    date: dt.date | None = None
    locations: list[str] = Field(default_factory=list)
    is_reference: bool = False
    evidence: Evidence


class Extraction(_Part):
    """Everything extracted from one article."""

    article_id: str
    published: UtcDatetime | None = None
    language: str = Field(default="en", description="the text's language as read: en, uk or ru")
    entities: list[Entity] = Field(default_factory=list)
    strikes: list[StrikeClaim] = Field(default_factory=list)


class EnrichedArticle(Message):
    """Article plus its entities and claims (`articles.enriched`)."""

    schema_version: Literal[1] = EXTRACTION_SCHEMA_VERSION
    article: Article
    story_id: str | None = None
    revision: int = 0
    entities: list[Entity] = Field(default_factory=list)
    strikes: list[StrikeClaim] = Field(default_factory=list)


class ArticleVersion(Message):
    """Which article version claims come from: the fields ClaimMessage and ClaimBatch share."""

    article_id: str
    revision: int = 0
    url: str | None = None
    outlet: str | None = None
    feed: str | None = None
    published_at: UtcDatetime | None = None


class ClaimMessage(ArticleVersion):
    """One claim with where it came from (`ClaimBatch.messages()`; the lines of `strikewatch events
    --claims`)."""

    schema_version: Literal[1] = EXTRACTION_SCHEMA_VERSION
    claim_id: str = Field(description="stable: article id + revision + claim index")
    claim: StrikeClaim


def claim_id(article_id: str, revision: int, index: int) -> str:
    """Stable across replays and restarts: the same article version gives the same ids."""
    return f"{article_id}:{revision}:{index}"


class ClaimBatch(ArticleVersion):
    """The claims of one article version on `strikes.claims`: one record per article, not one per
    claim (an article states ~3-20 figures; a record each made the send the extraction service's
    main cost). `messages()` gives the per-claim ClaimMessages, ids as before."""

    schema_version: Literal[1] = EXTRACTION_SCHEMA_VERSION
    claims: list[StrikeClaim] = Field(min_length=1)

    def messages(self) -> list[ClaimMessage]:
        return [
            ClaimMessage(
                claim_id=claim_id(self.article_id, self.revision, i), article_id=self.article_id,
                revision=self.revision, url=self.url, outlet=self.outlet, feed=self.feed,
                published_at=self.published_at, claim=claim,
            )
            for i, claim in enumerate(self.claims)
        ]


_ARTICLE_FIELDS = frozenset(ArticleVersion.model_fields)


def claim_batches(msgs: list[ClaimMessage]) -> list[ClaimBatch]:
    """ClaimMessages back into `strikes.claims` records: one batch per article version, in order of
    first appearance (for producers of hand-made claims: tests, benchmarks). The claim ids become
    `article:revision:index` of the batch."""
    grouped: dict[tuple[str, int], list[ClaimMessage]] = {}
    for m in msgs:
        grouped.setdefault((m.article_id, m.revision), []).append(m)
    return [ClaimBatch(**group[0].model_dump(include=_ARTICLE_FIELDS), claims=[m.claim for m in group])
            for group in grouped.values()]


class ClaimGroup(Message):
    """Claims of one attacker from one article (internal to aggregation: its by-attacker topic)."""

    claims: list[ClaimMessage] = Field(min_length=1)
