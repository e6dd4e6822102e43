"""The web API's pure parts: cursors, CSV, the OpenAPI document, the map's places, CORS settings."""

from __future__ import annotations

import csv
import io

import pytest
from jsonschema import Draft202012Validator

from schemas.events import DailyAggregate
from services.aggregation import api_models as m
from services.aggregation.csv_export import to_csv
from services.aggregation.openapi import ENDPOINTS, document
from services.aggregation.pagination import BadCursor, decode_cursor, encode_cursor, paginate
from services.aggregation.places_map import places
from services.aggregation.regions import RegionTable
from services.aggregation.settings import AggregationSettings


def test_cursor_round_trips_and_rejects_what_it_did_not_make():
    assert decode_cursor(encode_cursor(["2025-07-09", "RU-2025-07-09"])) == ["2025-07-09", "RU-2025-07-09"]
    for bad in ("%%%", encode_cursor([]) + "x!", "eyJhIjoxfQ"):  # the last is {"a":1}
        with pytest.raises(BadCursor):
            decode_cursor(bad)


def test_paginate_continues_after_the_last_key_even_when_items_are_inserted():
    items = ["a", "c", "e", "g"]
    page, cursor = paginate(items, lambda s: [s], 2, None)
    assert page == ["a", "c"] and cursor
    page, cursor = paginate(["a", "b", "c", "d", "e", "g"], lambda s: [s], 2, cursor)
    assert page == ["d", "e"]
    page, cursor = paginate(items, lambda s: [s], 2, cursor)
    assert page == ["g"] and cursor is None
    assert paginate(items[::-1], lambda s: [s], 3, encode_cursor(["e"]), descending=True) == (["c", "a"], None)


def test_csv_flattens_counts_and_joins_lists():
    text = to_csv([{"event_id": "RU-1", "launched": {"drones": 539, "total": 550}, "notes": ["a", "b"],
                    "killed": None, "regions": {"X": {}}},
                   {"event_id": "RU-2", "launched": {"missiles": 3}, "notes": []}], skip=frozenset({"regions"}))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["event_id", "launched.drones", "launched.total", "notes", "killed", "launched.missiles"]
    assert rows[0]["launched.drones"] == "539" and rows[0]["notes"] == "a; b" and rows[0]["killed"] == ""
    assert rows[1]["launched.missiles"] == "3" and rows[1]["launched.drones"] == ""


def test_openapi_document_is_valid_and_covers_every_endpoint():
    doc = document()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == set(ENDPOINTS)
    # every component is a valid JSON Schema and every $ref resolves
    schemas = doc["components"]["schemas"]
    for schema in schemas.values():
        Draft202012Validator.check_schema(schema)
    text = str(doc)
    for name in {part.split("'")[0] for part in text.split("#/components/schemas/")[1:]}:
        assert name in schemas, name
    days = {p["name"]: p for p in doc["paths"]["/api/days"]["get"]["parameters"]}
    assert {"from", "to", "window", "limit", "cursor", "format", "oblast"} <= set(days)
    assert days["limit"]["schema"]["maximum"] == 5000
    scope = {p["name"]: p for p in doc["paths"]["/api/events"]["get"]["parameters"]}["scope"]
    assert schemas[scope["schema"]["$ref"].rsplit("/", 1)[1]]["enum"] == ["single_attack", "period_total"]
    assert "sources" not in schemas["EventSummary"]["properties"]
    assert "text/csv" in doc["paths"]["/api/events"]["get"]["responses"]["200"]["content"]


def test_openapi_bodies_are_the_models_of_schemas():
    schemas = document()["components"]["schemas"]
    assert schemas["DaysPage"]["properties"]["rows"]["items"] == {"$ref": "#/components/schemas/DailyAggregate"}
    assert set(schemas["DailyAggregate"]["properties"]) == set(DailyAggregate.model_fields)
    assert schemas["AlertsPage"]["properties"]["alerts"]["items"] == {"$ref": "#/components/schemas/Alert"}


def test_places_give_every_region_a_point_and_towns_their_region():
    regions = RegionTable(by_place={"kharkiv oblast": "Kharkiv Oblast", "kharkiv": "Kharkiv Oblast",
                                    "kyiv city": "Kyiv City", "kyiv": "Kyiv City",
                                    "nowhere oblast": "Nowhere Oblast"}, countries=frozenset())
    rows = places(regions, [("Kharkiv Oblast", "oblast", "Ukraine", 49.9, 36.2),
                            ("Kharkiv", "city", "Ukraine", 49.99, 36.23), ("Kyiv", "city", "Ukraine", 50.45, 30.52)])
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"Kharkiv Oblast", "Kyiv City", "Kharkiv", "Kyiv"}  # no coordinates: no point
    assert by_name["Kyiv City"]["lat"] == 50.45 and by_name["Kyiv City"]["kind"] == "region"
    assert by_name["Kharkiv"]["region"] == "Kharkiv Oblast"
    assert [m.Place.model_validate(r).name for r in rows][:2] == ["Kharkiv Oblast", "Kyiv City"]


def test_cors_is_off_by_default_and_lists_the_configured_origins(monkeypatch):
    monkeypatch.delenv("STRIKEWATCH_AGGREGATION_CORS_ORIGINS", raising=False)
    assert AggregationSettings(_env_file=None).cors_options() == {}
    monkeypatch.setenv("STRIKEWATCH_AGGREGATION_CORS_ORIGINS", "https://a.example, https://b.example")
    options = AggregationSettings(_env_file=None).cors_options()
    assert list(options) == ["https://a.example", "https://b.example"]
    assert options["https://a.example"].allow_methods == {"GET"}


async def test_every_web_error_is_a_json_body_and_a_failure_is_logged(caplog):
    """The middleware the service's web server runs with (web_errors.json_errors): a bug is a
    logged 500 with a JSON body (not aiohttp's text page), an unknown path a JSON 404, a wrong
    method a JSON 405 that keeps its Allow header."""
    from aiohttp import web
    from aiohttp.test_utils import TestClient, TestServer

    from services.aggregation.web_errors import json_errors

    async def broken(request: web.Request) -> web.Response:
        raise RuntimeError("a bug")

    app = web.Application(middlewares=[json_errors])
    app.router.add_get("/api/broken", broken)
    async with TestClient(TestServer(app)) as client:
        failed = await client.get("/api/broken?x=1")
        assert failed.status == 500 and failed.content_type == "application/json"
        assert (await failed.json())["error"].startswith("internal error")
        missing = await client.get("/api/nothing")
        assert (missing.status, await missing.json()) == (404, {"error": "no such path: /api/nothing"})
        wrong = await client.post("/api/broken")
        assert wrong.status == 405 and wrong.content_type == "application/json" and "GET" in wrong.headers["Allow"]
    assert any("GET /api/broken?x=1 failed" in r.getMessage() and r.exc_info for r in caplog.records)
