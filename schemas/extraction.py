"""Extraction output: entities and strike claims (`articles.enriched`, `strikes.claims`).

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


class ClaimMessage(Message):
    """One claim on `strikes.claims`, with where it came from."""

    schema_version: Literal[1] = EXTRACTION_SCHEMA_VERSION
    claim_id: str = Field(description="stable: article id + revision + claim index")
    article_id: str
    revision: int = 0
    url: str | None = None
    outlet: str | None = None
    feed: str | None = None
    published_at: UtcDatetime | None = None
    claim: StrikeClaim
