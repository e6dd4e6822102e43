"""Shared building blocks of every message model: strictness, UTC timestamps, versioning."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict


def _require_utc(value: datetime) -> datetime:
    """Reject naive datetimes and normalise aware ones to UTC, so every topic speaks one clock."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("datetime must be timezone-aware")
    return value.astimezone(UTC)


def _iso_only(value: object) -> object:
    """A number is no timestamp here: pydantic would read `published_at: 12345678901` as seconds
    since 1970 (it became the year 2361); only ISO 8601 text or a datetime is one."""
    if isinstance(value, int | float):
        raise ValueError("datetime must be an ISO 8601 string, not a number")
    return value


UtcDatetime = Annotated[datetime, BeforeValidator(_iso_only), AfterValidator(_require_utc)]


def utc_now() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


class Message(BaseModel):
    """Base of every message on a topic: unknown fields are an error, not silently kept."""

    model_config = ConfigDict(extra="forbid", frozen=False, populate_by_name=True)
