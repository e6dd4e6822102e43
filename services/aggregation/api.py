"""JSON payloads of the service's web views, as plain functions over mappings (unit-tested
without faust; views.py only hands them the tables and the query string)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from services.aggregation.windows import NATIONWIDE, WINDOWS, Book, query_rows, watermark

MAX_DAYS = 400

Payload = tuple[int, Any]


def _date(query: Mapping[str, str], name: str) -> dt.date | None:
    value = query.get(name)
    return dt.date.fromisoformat(value) if value else None


def days_payload(book: Book, query: Mapping[str, str]) -> Payload:
    """`/api/days?from=&to=&window=1d|7d|30d&trailing=0|1&attacker=&weapon_class=&oblast=`.

    Defaults: the 7 days up to the newest attack date, nationwide (`oblast=*`; `oblast=all` for
    every oblast too), all attackers and classes, aligned windows.
    """
    try:
        end = _date(query, "to") or watermark(book) or dt.date.today()
        start = _date(query, "from") or end - dt.timedelta(days=6)
    except ValueError as exc:
        return 400, {"error": f"dates must be YYYY-MM-DD: {exc}"}
    if start > end:
        return 400, {"error": "from is after to"}
    if (end - start).days >= MAX_DAYS:
        return 400, {"error": f"at most {MAX_DAYS} days per request"}
    window = query.get("window", "1d")
    if window not in WINDOWS:
        return 400, {"error": f"window must be one of {', '.join(WINDOWS)}"}
    oblast_q = query.get("oblast", NATIONWIDE)
    rows = query_rows(
        book, start, end, window=window, trailing=query.get("trailing", "0") in ("1", "true", "yes"),
        attacker=query.get("attacker") or None, weapon_class=query.get("weapon_class") or None,
        oblast=None if oblast_q == "all" else oblast_q,
    )
    return 200, {"from": start.isoformat(), "to": end.isoformat(), "window": window,
                 "rows": [r.model_dump(mode="json") for r in rows]}


def event_payload(events: Mapping[str, Any], event_id: str) -> Payload:
    """`/api/events/{id}`: the latest published event."""
    event = events.get(event_id)
    if event is None:
        return 404, {"error": f"no event {event_id}"}
    return 200, event


def events_payload(events: Mapping[str, Any], query: Mapping[str, str]) -> Payload:
    """`/api/events?from=&to=`: events whose date lies in the range (period totals: `scope=period_total`)."""
    try:
        start, end = _date(query, "from"), _date(query, "to")
    except ValueError as exc:
        return 400, {"error": f"dates must be YYYY-MM-DD: {exc}"}
    scope = query.get("scope", "single_attack")
    out = []
    for event in list(events.values()):
        if event.get("scope") != scope:
            continue
        day = event.get("date")
        if day is not None and ((start and day < start.isoformat()) or (end and day > end.isoformat())):
            continue
        out.append(event)
    out.sort(key=lambda e: (e.get("date") or "", e["event_id"]))
    return 200, {"events": out}


def alerts_payload(alerts: Mapping[str, Any], query: Mapping[str, str]) -> Payload:
    """`/api/alerts?status=firing|resolved&limit=`: latest state per alert, newest first."""
    status = query.get("status")
    try:
        limit = int(query.get("limit", "100"))
    except ValueError:
        return 400, {"error": "limit must be an integer"}
    rows = [a for a in list(alerts.values()) if status is None or a.get("status") == status]
    rows.sort(key=lambda a: (a.get("fired_at") or "", a.get("fingerprint") or ""), reverse=True)
    return 200, {"alerts": rows[: max(0, limit)]}


def set_aside_payload(set_aside: Mapping[str, Any], query: Mapping[str, str]) -> Payload:
    """`/api/set-aside?route=undated|reference`: claims counted towards no night."""
    route = query.get("route")
    rows = [v for v in list(set_aside.values()) if route is None or v.get("route") == route]
    return 200, {"claims": rows}
