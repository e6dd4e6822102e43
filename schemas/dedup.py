"""Dedup verdicts (`dedup.verdicts`) and the deduplicated article stream (`articles.unique`)."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from schemas.article import Article
from schemas.base import Message, UtcDatetime

DEDUP_SCHEMA_VERSION = 1


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
