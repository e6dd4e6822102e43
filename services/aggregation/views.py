"""Faust web pages of the aggregation service: the JSON/CSV API of openapi.ENDPOINTS (bodies built
in api.py), its OpenAPI document, and the analyst's page at `/` (static files of page/)."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from schemas.base import utc_now
from services.aggregation import api
from services.aggregation.api_models import (
    AlertsQuery,
    DaysQuery,
    EventsQuery,
    Format,
    NoQuery,
    SetAsideQuery,
)
from services.aggregation.csv_export import to_csv
from services.aggregation.gather import GATHERED_TABLES, PeerError
from services.aggregation.openapi import ENDPOINTS, Endpoint, document
from services.aggregation.places_map import default_places

if TYPE_CHECKING:
    from services.aggregation.app import AggregationService

PAGE_DIR = Path(__file__).with_name("page")
log = logging.getLogger(__name__)
PEER_UNAVAILABLE = 503


def _format(request: Any, asked: Format | None) -> Format:
    """`?format=` wins; else `Accept: text/csv` (without JSON before it) asks for CSV."""
    if asked:
        return asked
    accept = request.headers.get("Accept", "")
    return "csv" if "text/csv" in accept and "application/json" not in accept else "json"


def _csv_name(endpoint: Endpoint, body: dict[str, Any]) -> str:
    stem = endpoint.path.removeprefix("/api/").replace("/", "-")
    span = f"-{body['from']}_{body['to']}" if "from" in body else ""
    return f"strikewatch-{stem}{span}.csv"


async def _answer(web: Any, request: Any, path: str,
                  build: Callable[[Any], Awaitable[dict[str, Any]]]) -> Any:
    """Validate the query with the endpoint's model, build the body, send it as JSON or CSV."""
    endpoint = ENDPOINTS[path]
    try:
        query: BaseModel = api.parse_query(endpoint.query, request.query)
        body = await build(query)
    except api.ApiError as exc:
        return web.json(exc.body(), status=exc.status)
    except PeerError as exc:
        log.warning("%s", exc)
        return web.json({"error": str(exc)}, status=PEER_UNAVAILABLE)
    if endpoint.table and _format(request, getattr(query, "format", None)) == "csv":
        headers = {"Content-Disposition": f'attachment; filename="{_csv_name(endpoint, body)}"'}
        if body.get("next_cursor"):
            headers["X-Next-Cursor"] = body["next_cursor"]
        text = to_csv(body[endpoint.table], skip=endpoint.csv_skip)
        return web.text(text, content_type="text/csv", headers=headers)
    return web.json(body)


def register_views(service: AggregationService) -> None:
    """Add the API, the internal gather endpoints and the page to the service's faust app."""
    app, settings = service.app, service.settings

    @app.page("/api/days")
    async def days_view(web: Any, request: Any) -> Any:
        async def build(q: DaysQuery) -> dict[str, Any]:
            return api.days_payload(await service.gathered("daily"), q)
        return await _answer(web, request, "/api/days", build)

    @app.page("/api/events")
    async def events_view(web: Any, request: Any) -> Any:
        async def build(q: EventsQuery) -> dict[str, Any]:
            summaries = {eid: value["summary"] | {"source_count": value.get("source_count", 0),
                                                  "tier": value.get("tier")}
                         for eid, value in (await service.gathered("events")).items()}
            return api.events_payload(summaries, q)
        return await _answer(web, request, "/api/events", build)

    @app.page("/api/events/{event_id}")
    async def event_view(web: Any, request: Any, event_id: str) -> Any:
        async def build(_: NoQuery) -> dict[str, Any]:
            return api.event_payload(await service.event_anywhere(event_id), event_id)
        return await _answer(web, request, "/api/events/{event_id}", build)

    @app.page("/api/alerts")
    async def alerts_view(web: Any, request: Any) -> Any:
        async def build(q: AlertsQuery) -> dict[str, Any]:
            return api.alerts_payload(await service.gathered("alerts"), q)
        return await _answer(web, request, "/api/alerts", build)

    @app.page("/api/set-aside")
    async def set_aside_view(web: Any, request: Any) -> Any:
        async def build(q: SetAsideQuery) -> dict[str, Any]:
            return api.set_aside_payload(await service.gathered("set-aside"), q)
        return await _answer(web, request, "/api/set-aside", build)

    @app.page("/api/places")
    async def places_view(web: Any, request: Any) -> Any:
        async def build(_: NoQuery) -> dict[str, Any]:
            return {"places": default_places()}
        return await _answer(web, request, "/api/places", build)

    @app.page("/api/status")
    async def status_view(web: Any, request: Any) -> Any:
        async def build(_: NoQuery) -> dict[str, Any]:
            tables = {name: await service.gathered(name) for name in GATHERED_TABLES}
            counts = {"events": len(tables["events"]), "alerts": len(tables["alerts"]),
                      "set_aside": len(tables["set-aside"])}
            changed_at = await service.changed_anywhere()
            return api.status_payload(tables["daily"], counts, changed_at, utc_now(),
                                      settings.aggregation_page_refresh_seconds)
        return await _answer(web, request, "/api/status", build)

    @app.page("/internal/rows/{table}")
    async def internal_rows_view(web: Any, request: Any, table: str) -> Any:
        """This worker's own rows of a table, for a peer's gather (not in the public document)."""
        if table not in GATHERED_TABLES:
            return web.json({"error": f"no such table: {table}"}, status=404)
        return web.json({"rows": service.owned(table)})

    @app.page("/internal/changed")
    async def internal_changed_view(web: Any, request: Any) -> Any:
        """When this worker's own tables last changed, for a peer's /api/status."""
        at = service.changes.at
        return web.json({"changed_at": at.isoformat() if at else None})

    @app.page("/internal/events/{event_id}")
    async def internal_event_view(web: Any, request: Any, event_id: str) -> Any:
        event = service.owned_event(event_id)
        return web.json(event if event is not None else {"error": f"no event {event_id}"},
                        status=200 if event is not None else 404)

    @app.page("/api/openapi.json")
    async def openapi_view(web: Any, request: Any) -> Any:
        return web.json(document())

    @app.page("/")
    async def page_view(web: Any, request: Any) -> Any:
        return web.html((PAGE_DIR / "index.html").read_text(encoding="utf-8"),
                        headers={"Cache-Control": "no-cache"})

    @app.page("/static/{name:.+}")
    async def static_view(web: Any, request: Any, name: str) -> Any:
        """The page's own files and vendored libraries; nothing outside page/."""
        path = (PAGE_DIR / name).resolve()
        if not path.is_relative_to(PAGE_DIR.resolve()) or not path.is_file():
            return web.json({"error": f"no such file: {name}"}, status=404)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return web.bytes(path.read_bytes(), content_type=kind, headers={"Cache-Control": "max-age=300"})

    @app.task
    async def _say_where() -> None:
        """Tell `make run`'s terminal where the page is, once the tables can answer."""
        await app.tables.recovery.completed.wait()
        host = "127.0.0.1" if settings.web_host in ("0.0.0.0", "") else settings.web_host
        port = settings.port_for("aggregation")
        log.info("analyst's page on http://%s:%d/ (API: /api/openapi.json)", host, port)

    @app.task
    async def _warm_places() -> None:
        """Read the gazetteer off the event loop before the first map request needs it (~1 s)."""
        await app.loop.run_in_executor(None, default_places)
