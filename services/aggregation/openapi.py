"""The OpenAPI 3.1 document of the web API, generated from the models of api_models.py and the
endpoint table below (the views register exactly these endpoints, so the document is the API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from services.aggregation import api_models as m

REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Endpoint:
    path: str
    summary: str
    query: type[BaseModel]
    response: type[BaseModel] | None
    table: str | None = None
    """The list a CSV export writes (None: no CSV)."""
    path_params: tuple[str, ...] = ()
    csv_skip: frozenset[str] = field(default_factory=frozenset)


ENDPOINTS: dict[str, Endpoint] = {e.path: e for e in (
    Endpoint("/api/days", "Day, week or 30-day totals per attacker, weapon class and region",
             m.DaysQuery, m.DaysPage, table="rows"),
    Endpoint("/api/events", "Resolved attacks (without sources), by date", m.EventsQuery, m.EventsPage,
             table="events", csv_skip=frozenset({"regions"})),
    Endpoint("/api/events/{event_id}", "One attack with every source and its evidence sentence",
             m.NoQuery, None, path_params=("event_id",)),
    Endpoint("/api/alerts", "Alert history: latest state per alert, newest first", m.AlertsQuery,
             m.AlertsPage, table="alerts"),
    Endpoint("/api/set-aside", "Claims counted towards no night (undated, references)", m.SetAsideQuery,
             m.SetAsidePage, table="claims"),
    Endpoint("/api/places", "Coordinates of the regions and towns figures are counted in", m.NoQuery,
             m.PlacesPage, table="places"),
    Endpoint("/api/status", "Watermark, counts and last change, for live pages", m.NoQuery, m.Status),
)}


def _parameter(name: str, schema: dict[str, Any], required: bool) -> dict[str, Any]:
    """A query parameter: an optional value is an absent parameter, not a null one."""
    schema = dict(schema)
    description = schema.pop("description", None)
    schema.pop("title", None)
    options = schema.get("anyOf")
    if options and {"type": "null"} in options:
        rest = [o for o in options if o != {"type": "null"}]
        schema.pop("anyOf")
        schema |= rest[0] if len(rest) == 1 else {"anyOf": rest}
    if schema.get("default") is None:
        schema.pop("default", None)
    out = {"name": name, "in": "query", "required": required, "schema": schema}
    return out | ({"description": description} if description else {})


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model="Error")}}}}


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """The OpenAPI document (built once; it only changes with the code)."""
    from schemas.events import AttackEvent

    models: list[tuple[type[BaseModel], Any]] = [(m.Error, "serialization"), (AttackEvent, "serialization")]
    for e in ENDPOINTS.values():
        models.append((e.query, "validation"))
        if e.response is not None:
            models.append((e.response, "serialization"))
    keys, top = models_json_schema(models, ref_template=REF)
    components: dict[str, Any] = dict(top.get("$defs", {}))
    paths: dict[str, Any] = {}
    for e in ENDPOINTS.values():
        query_schema = keys[(e.query, "validation")]
        query_schema = components.pop(query_schema["$ref"].rsplit("/", 1)[1], query_schema)
        required = set(query_schema.get("required", []))
        params = [_parameter(name, s, name in required)
                  for name, s in query_schema.get("properties", {}).items()]
        params += [{"name": p, "in": "path", "required": True, "schema": {"type": "string", "maxLength": 200}}
                   for p in e.path_params]
        body = keys[(e.response, "serialization")] if e.response else keys[(AttackEvent, "serialization")]
        content: dict[str, Any] = {"application/json": {"schema": body}}
        if e.table:
            content["text/csv"] = {"schema": {"type": "string"}}
        responses: dict[str, Any] = {"200": {"description": "OK", "content": content},
                                     "500": _error("unexpected failure (logged)")}
        if params:
            responses["400"] = _error("a parameter is invalid: `detail` names each")
        if e.path_params:
            responses["404"] = _error("no such item")
        paths[e.path] = {"get": {"summary": e.summary, "operationId": e.path.strip("/").replace("/", "_")
                                 .replace("{", "").replace("}", "").replace("-", "_"),
                                 "parameters": params, "responses": responses}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "StrikeWatch aggregation API", "version": "1",
                 "description": "Nightly counts of drone and missile attacks resolved from the news; "
                                "generated from the service's pydantic models."},
        "paths": paths,
        "components": {"schemas": components},
    }
