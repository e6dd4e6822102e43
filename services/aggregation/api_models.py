"""The web API's contract: query parameters and response bodies as pydantic models.

The OpenAPI document (openapi.py) is generated from these, and the views validate every query with
them, so the document cannot drift from what the service accepts and answers. Bodies reuse the
topic models of `schemas/` (DailyAggregate, AttackEvent, Alert, ClaimMessage) instead of copies.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.alerts import Alert, AlertStatus
from schemas.base import UtcDatetime
from schemas.events import AttackEvent, DailyAggregate, EventSource
from schemas.extraction import Attacker, ClaimMessage, Scope, WeaponClass

Format = Literal["json", "csv"]
FIRST_QUERY_DATE = dt.date(1900, 1, 1)
LAST_QUERY_DATE = dt.date(2999, 12, 31)
"""Query dates stay far from the calendar's ends (0001-01-01, 9999-12-31): a day's 7- or 30-day
window, or the default week before `to`, would step past them (OverflowError, a 500)."""
QueryDate = Annotated[dt.date, Field(ge=FIRST_QUERY_DATE, le=LAST_QUERY_DATE)]
_DATE_RANGE = f"{FIRST_QUERY_DATE}..{LAST_QUERY_DATE}"


class _Query(BaseModel):
    """Query strings: unknown parameters are ignored (cache busters), known ones are validated."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)


class PageQuery(_Query):
    limit: int = Field(default=200, ge=1, le=1000, description="at most this many items")
    cursor: str | None = Field(default=None, max_length=400,
                               description="`next_cursor` of the previous page (opaque)")
    format: Format | None = Field(default=None, description="csv: the page as CSV (also `Accept: text/csv`)")


class DaysQuery(PageQuery):
    from_: QueryDate | None = Field(default=None, alias="from",
                                    description=f"first day (default: `to` minus 6 days), {_DATE_RANGE}")
    to: QueryDate | None = Field(default=None,
                                 description=f"last day (default: the newest attack date), {_DATE_RANGE}")
    window: Literal["1d", "7d", "30d"] = Field(default="1d", description="day, ISO week or 30-day block")
    trailing: bool = Field(default=False, description="windows ending on each day instead of aligned ones")
    attacker: Attacker | None = None
    weapon_class: WeaponClass | None = None
    oblast: str = Field(default="*", max_length=100,
                        description="`*` nationwide, `all` nationwide and every region, or one region")
    limit: int = Field(default=1000, ge=1, le=5000, description="at most this many rows")


class EventsQuery(PageQuery):
    from_: QueryDate | None = Field(default=None, alias="from", description=f"first day, {_DATE_RANGE}")
    to: QueryDate | None = Field(default=None, description=f"last day, {_DATE_RANGE}")
    scope: Scope = Scope.SINGLE_ATTACK
    attacker: Attacker | None = None


class AlertsQuery(PageQuery):
    status: AlertStatus | None = None


class SetAsideQuery(PageQuery):
    route: Literal["undated", "reference"] | None = None


class NoQuery(_Query):
    pass


class Page(BaseModel):
    next_cursor: str | None = Field(default=None,
                                    description="pass as `cursor` for the next page; null: last")


class DaysPage(Page):
    model_config = ConfigDict(populate_by_name=True)

    from_: dt.date = Field(alias="from")
    to: dt.date
    window: str
    rows: list[DailyAggregate]


class EventSummary(AttackEvent):
    """An event as listed: its figures without the sources, and how many articles back it."""

    sources: list[EventSource] = Field(default_factory=list, exclude=True)
    source_count: int = Field(default=0, description="articles with a current (not superseded) figure")
    tier: str | None = Field(default=None, description="best source tier among them (source_tiers.yaml)")


class EventsPage(Page):
    events: list[EventSummary]


class AlertsPage(Page):
    alerts: list[Alert]


class SetAsideClaim(BaseModel):
    route: Literal["undated", "reference"]
    claim: ClaimMessage


class SetAsidePage(Page):
    claims: list[SetAsideClaim]


class Place(BaseModel):
    name: str
    kind: str = Field(description="oblast/region or city")
    region: str | None = Field(description="the region its figures count in (regions.yaml)")
    country: str | None
    lat: float
    lon: float


class PlacesPage(BaseModel):
    places: list[Place]


class Status(BaseModel):
    """What the page polls: when to refetch and what to say about freshness."""

    now: UtcDatetime
    changed_at: UtcDatetime | None = Field(description="last change of this worker's tables")
    watermark: dict[str, dt.date] = Field(description="newest attack date per attacker (event time)")
    first_date: dt.date | None = Field(description="oldest day with figures")
    events: int
    alerts: int
    set_aside: int
    refresh_seconds: float


class Error(BaseModel):
    error: str
    detail: list[dict[str, str]] | None = Field(default=None, description="one entry per invalid parameter")
