"""Faust web pages of the aggregation service (payloads built in api.py)."""

from __future__ import annotations

from typing import Any

from services.aggregation import api
from services.aggregation.app import alerts, app, daily, events, set_aside, state_of
from services.aggregation.resolve import resolve_event


def _reply(web: Any, payload: api.Payload) -> Any:
    status, body = payload
    return web.json(body, status=status)


def _query(request: Any) -> dict[str, str]:
    return {k: v for k, v in request.query.items()}


@app.page("/api/days")
async def days_view(web: Any, request: Any) -> Any:
    return _reply(web, api.days_payload(daily, _query(request)))


@app.page("/api/events")
async def events_view(web: Any, request: Any) -> Any:
    summaries = {eid: value["summary"] for eid, value in list(events.items())}
    return _reply(web, api.events_payload(summaries, _query(request)))


@app.page("/api/events/{event_id}")
async def event_view(web: Any, request: Any, event_id: str) -> Any:
    state = state_of(event_id)
    found = {} if state is None else {event_id: resolve_event(state).model_dump(mode="json")}
    return _reply(web, api.event_payload(found, event_id))


@app.page("/api/alerts")
async def alerts_view(web: Any, request: Any) -> Any:
    return _reply(web, api.alerts_payload(alerts, _query(request)))


@app.page("/api/set-aside")
async def set_aside_view(web: Any, request: Any) -> Any:
    return _reply(web, api.set_aside_payload(set_aside, _query(request)))
