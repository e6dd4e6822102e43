"""Attack events (`strikes.events`, compacted) and daily aggregates (`strikes.daily`).

An event is the resolved state of one attack (attacker + date) or one period total, built from
every claim about it; the aggregation service republishes it whenever its consensus or its
evidence changes, so the latest record per `event_id` is the truth.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from schemas.base import Message, UtcDatetime
from schemas.extraction import Attacker, Period, Scope

EVENTS_SCHEMA_VERSION = 1

Counts = dict[str, int]
"""Counts keyed by weapon class (`drones`, `cruise_missiles`, ..., `total`)."""


class EventSource(Message):
    """One source's figure backing an event (each article's latest figure is kept as evidence,
    also when a later figure of the same outlet supersedes it)."""

    article_id: str
    url: str | None = None
    outlet: str | None = None
    claim_id: str
    measure: str
    weapon_class: str | None = None
    weapon_model: str | None = None
    value: int
    qualifier: str = "exact"
    location: str = Field(default="", description="'' = nationwide, else region(s) joined by '+'")
    tier: str = Field(default="aggregator", description="source tier (source_tiers.yaml)")
    superseded: bool = Field(default=False, description="replaced by a later figure of the same source")
    text: str = Field(default="", description="the sentence the figure comes from")
    published_at: UtcDatetime | None = None


class RegionFigures(Message):
    """Consensus figures of one region (oblast/krai) within an event."""

    launched: Counts = Field(default_factory=dict)
    intercepted: Counts = Field(default_factory=dict)
    lost: Counts = Field(default_factory=dict)
    hit: Counts = Field(default_factory=dict)
    killed: int | None = None
    injured: int | None = None


class AttackEvent(Message):
    """One attack (or one period total), resolved from every claim about it."""

    schema_version: Literal[1] = EVENTS_SCHEMA_VERSION
    event_id: str
    attacker: Attacker
    date: dt.date | None = None
    scope: Scope = Scope.SINGLE_ATTACK
    period: Period | None = None
    locations: list[str] = Field(default_factory=list)
    launched: Counts = Field(default_factory=dict)
    intercepted: Counts = Field(default_factory=dict)
    lost: Counts = Field(default_factory=dict)
    hit: Counts = Field(default_factory=dict)
    killed: int | None = None
    injured: int | None = None
    regions: dict[str, RegionFigures] = Field(default_factory=dict)
    sources: list[EventSource] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="how conflicting figures were settled")
    updated_at: UtcDatetime


class DailyAggregate(Message):
    """Totals for one day (or window) and series, published on every change."""

    schema_version: Literal[1] = EVENTS_SCHEMA_VERSION
    window: Literal["1d", "7d", "30d"] = "1d"
    start: dt.date
    end: dt.date
    attacker: Attacker
    weapon_class: str
    oblast: str | None = None
    launched: int = 0
    intercepted: int = 0
    lost: int = 0
    hit: int = 0
    killed: int = 0
    injured: int = 0
    attacks: int = 0
    interception_rate: float | None = None
    updated_at: UtcDatetime
