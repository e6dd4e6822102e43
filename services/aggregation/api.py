"""Bodies of the web API, as plain functions over mappings and validated query models (unit-tested
without faust; views.py hands them the tables). They raise ApiError for answers other than 200."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from services.aggregation.api_models import AlertsQuery, DaysQuery, EventsQuery, SetAsideQuery
from services.aggregation.pagination import BadCursor, paginate
from services.aggregation.windows import NATIONWIDE, WATERMARK_KEY, Book, query_rows, watermark

MAX_DAYS = 400

Q = TypeVar("Q", bound=BaseModel)


class ApiError(Exception):
    """An answer other than 200, with the JSON error body's text."""

    def __init__(self, status: int, error: str, detail: list[dict[str, str]] | None = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail

    def body(self) -> dict[str, Any]:
        return {"error": self.error} | ({"detail": self.detail} if self.detail else {})


def parse_query(model: type[Q], query: Mapping[str, str]) -> Q:
    """The query string as its model; 400 naming each bad parameter otherwise."""
    try:
        return model.model_validate(dict(query))
    except ValidationError as exc:
        detail = [{"parameter": ".".join(str(p) for p in e["loc"]), "error": e["msg"]} for e in exc.errors()]
        names = ", ".join(d["parameter"] for d in detail)
        raise ApiError(400, f"invalid query parameter(s): {names}", detail) from None


def _page(items: list, key: Any, q: Any, descending: bool = False) -> tuple[list, str | None]:
    try:
        return paginate(items, key, q.limit, q.cursor, descending)
    except BadCursor as exc:
        raise ApiError(400, str(exc)) from None


def _row_key(row: dict) -> list[str]:
    return [row["attacker"], row["weapon_class"], row["oblast"] or NATIONWIDE, row["window"], row["start"]]


def days_payload(book: Book, q: DaysQuery) -> dict[str, Any]:
    """Aggregates of the days in [from, to]: defaults to the 7 days up to the newest attack date,
    nationwide, every attacker and class, aligned windows."""
    end = q.to or watermark(book) or dt.date.today()
    start = q.from_ or end - dt.timedelta(days=6)
    if start > end:
        raise ApiError(400, "from is after to")
    if (end - start).days >= MAX_DAYS:
        raise ApiError(400, f"at most {MAX_DAYS} days per request")
    rows = query_rows(
        book, start, end, window=q.window, trailing=q.trailing,
        attacker=q.attacker.value if q.attacker else None,
        weapon_class=q.weapon_class.value if q.weapon_class else None,
        oblast=None if q.oblast == "all" else q.oblast,
    )
    dumped = sorted((r.model_dump(mode="json") for r in rows), key=_row_key)
    page, cursor = _page(dumped, _row_key, q)
    return {"from": start.isoformat(), "to": end.isoformat(), "window": q.window, "rows": page,
            "next_cursor": cursor}


def event_payload(event: dict | None, event_id: str) -> dict[str, Any]:
    """One event with every source, or 404."""
    if event is None:
        raise ApiError(404, f"no event {event_id}")
    return event


def _event_key(event: dict) -> list[str]:
    return [event.get("date") or "", event["event_id"]]


def events_payload(summaries: Mapping[str, Any], q: EventsQuery) -> dict[str, Any]:
    """Events of one scope whose date lies in the range (undated period totals always), by date."""
    lo, hi = (q.from_.isoformat() if q.from_ else None), (q.to.isoformat() if q.to else None)
    out = []
    for event in list(summaries.values()):
        if event.get("scope") != q.scope.value or (q.attacker and event.get("attacker") != q.attacker.value):
            continue
        day = event.get("date")
        if day is not None and ((lo and day < lo) or (hi and day > hi)):
            continue
        out.append(event)
    out.sort(key=_event_key)
    page, cursor = _page(out, _event_key, q)
    return {"events": page, "next_cursor": cursor}


def _alert_key(alert: dict) -> list[str]:
    return [alert.get("fired_at") or "", alert.get("fingerprint") or ""]


def alerts_payload(alerts: Mapping[str, Any], q: AlertsQuery) -> dict[str, Any]:
    """Latest state per alert, newest first."""
    rows = [a for a in list(alerts.values()) if q.status is None or a.get("status") == q.status.value]
    rows.sort(key=_alert_key, reverse=True)
    page, cursor = _page(rows, _alert_key, q, descending=True)
    return {"alerts": page, "next_cursor": cursor}


def _claim_key(row: dict) -> list[str]:
    return [row.get("route") or "", row.get("claim", {}).get("claim_id", "")]


def set_aside_payload(set_aside: Mapping[str, Any], q: SetAsideQuery) -> dict[str, Any]:
    """Claims counted towards no night (undated, references)."""
    rows = sorted((v for v in list(set_aside.values()) if q.route is None or v.get("route") == q.route),
                  key=_claim_key)
    page, cursor = _page(rows, _claim_key, q)
    return {"claims": page, "next_cursor": cursor}


def first_date(book: Book) -> dt.date | None:
    """The oldest day with a row (row keys start with the ISO date, so the least key is it)."""
    days = [k[:10] for k in list(book.keys()) if not k.startswith(WATERMARK_KEY)]
    return dt.date.fromisoformat(min(days)) if days else None


def status_payload(book: Book, counts: Mapping[str, int], changed_at: dt.datetime | None,
                   now: dt.datetime, refresh_seconds: float) -> dict[str, Any]:
    """Freshness for the page: watermarks, counts, when this worker's tables last changed."""
    marks = {k.partition("|")[2]: v["date"] for k in list(book.keys()) if k.startswith(WATERMARK_KEY + "|")
             and (v := book.get(k))}
    first = first_date(book)
    return {"now": now.isoformat(), "changed_at": changed_at.isoformat() if changed_at else None,
            "watermark": marks, "first_date": first.isoformat() if first else None,
            "refresh_seconds": refresh_seconds} | dict(counts)
