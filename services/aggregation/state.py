"""The stored state of an event: every figure seen, keyed so that reprocessing is a no-op.

Kept apart from the public `AttackEvent` because it holds what the consensus is computed FROM
(one entry per article x measure x class x model x location, latest revision wins), while the
event holds the result. It is JSON (a plain dict) in the faust table's changelog.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from schemas.base import UtcDatetime
from schemas.extraction import Attacker, Period, Scope

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class Figure(BaseModel):
    """One article's figure for one (measure, weapon class, model, location)."""

    model_config = ConfigDict(extra="forbid")

    def model_post_init(self, context: Any, /) -> None:
        """Every figure shares one set of its field names as pydantic's "fields set": its own copy
        (~0.7 KB of 16 names) was a fifth of a parsed figure, and nothing here dumps with
        `exclude_unset`. Holding all names, the shared set is never changed by an assignment."""
        object.__setattr__(self, "__pydantic_fields_set__", _FIGURE_FIELDS)

    article_id: str
    claim_id: str
    revision: int = 0
    source: str = Field(description="outlet, else article id: whose later figure replaces its earlier one")
    url: str | None = None
    outlet: str | None = None
    published_at: UtcDatetime | None = None
    measure: str
    weapon_class: str | None = None
    weapon_model: str | None = None
    location: str = ""
    locations: list[str] = Field(default_factory=list)
    value: int
    qualifier: str = "exact"
    tier: str
    text: str = ""

    def slot(self) -> str:
        """Identity of the figure inside its event: one article states one value per slot."""
        return "|".join((self.article_id, self.group()))

    def group(self) -> str:
        """What the figure measures: sources agreeing or disagreeing share a group."""
        return "|".join((self.measure, self.weapon_class or "", self.weapon_model or "", self.location))

    def slot_order(self) -> tuple[int, dt.datetime, int]:
        """Within one article's slot: the later revision wins whatever its date says."""
        return (self.revision, self.published_at or EPOCH, self.value)

    def order(self) -> tuple[dt.datetime, int, int]:
        """Later publication, then later revision, then larger value wins (a total order, so
        merging figures is commutative and idempotent: replay order never matters)."""
        return (self.published_at or EPOCH, self.revision, self.value)


_FIGURE_FIELDS = set(Figure.model_fields)


class EventState(BaseModel):
    """Everything known about one event."""

    model_config = ConfigDict(extra="forbid")

    event_id: str
    attacker: Attacker
    date: dt.date | None = None
    scope: Scope = Scope.SINGLE_ATTACK
    period: Period | None = None
    figures: dict[str, Figure] = Field(default_factory=dict)
    # slot -> (figure, superseded, public source): resolve_event reuses unchanged sources instead
    # of rebuilding hundreds of models on each change of a big night. Not serialised.
    _sources: dict[str, tuple[Figure, bool, Any]] = PrivateAttr(default_factory=dict)
