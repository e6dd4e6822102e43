"""Dedup verdicts (`dedup.verdicts`) and the deduplicated article stream (`articles.unique`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from schemas.article import Article
from schemas.base import Message, UtcDatetime

DEDUP_SCHEMA_VERSION = 1
CANDIDATE_SCHEMA_VERSION = 2
"""2: figures in text order and the night replaced the bottom-k number sample"""


class Verdict(StrEnum):
    """What the dedup service decided about one article."""

    UNIQUE = "unique"
    DUPLICATE = "duplicate"
    NEAR_DUPLICATE = "near_duplicate"
    REVISION = "revision"


class DedupVerdict(Message):
    """The decision for one article, naming the article it matched (if any)."""

    schema_version: Literal[1] = DEDUP_SCHEMA_VERSION
    article_id: str
    verdict: Verdict
    duplicate_of: str | None = None
    similarity: float | None = Field(default=None, ge=0.0, le=1.0)
    story_id: str
    revision: int = Field(default=0, ge=0, description="0 for the first version of a URL")
    decided_at: UtcDatetime


class UniqueArticle(Message):
    """An article that flows on to extraction: first versions and revisions, with its story."""

    schema_version: Literal[1] = DEDUP_SCHEMA_VERSION
    article: Article
    verdict: Literal[Verdict.UNIQUE, Verdict.REVISION]
    story_id: str
    revision: int = Field(default=0, ge=0)


class DedupCandidate(Message):
    """Internal to the dedup service (`dedup.decide`, one partition): an article with the
    fingerprint computed in parallel by every worker, on its way to the single ordered decision
    step. `position` is where the article was read (`articles.raw/<partition>/<offset>`), so a
    replay after a restart is recognised."""

    schema_version: Literal[2] = CANDIDATE_SCHEMA_VERSION
    article: Article
    position: str
    exact: int = Field(ge=0, lt=2**64)
    hashvalues_b64: str = Field(description="MinHash values, little-endian uint32")
    shingles: int = Field(ge=0)
    features_b64: str = Field(description="story feature hashes, little-endian uint64")
    figures_b64: str = Field(description="the body's figures in text order, little-endian uint16 "
                             "codes (numbers, number words, weekdays)")
    night: int = Field(description="the night the body reports, days since 1970-01-01 (Kyiv "
                       "date of its morning); -1 unknown")
    keys_b64: str | None = Field(
        default=None,
        description="index tags of the text's keys, little-endian uint32: exact hash, LSH bands, "
        "story features in features_b64 order (computed by the parallel stage; absent: the "
        "decision step computes them)",
    )
