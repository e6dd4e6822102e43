"""Payloads of /api/days, /api/events, /api/alerts, /api/set-aside (over plain dicts)."""

from __future__ import annotations

import datetime as dt

from agg_claims import claim
from test_agg_windows import Pipeline

from services.aggregation import api


def fed() -> Pipeline:
    p = Pipeline()
    p.feed(claim(539), claim(11, weapon_class="missiles"), claim(300, date=dt.date(2025, 7, 12)),
           claim(20, measure="intercepted", locations=["Kharkiv"]))
    return p


def test_days_defaults_to_the_week_up_to_the_newest_attack():
    status, body = api.days_payload(fed().book, {})
    assert status == 200
    assert (body["from"], body["to"]) == ("2025-07-06", "2025-07-12")
    drones = [(r["start"], r["launched"]) for r in body["rows"] if r["weapon_class"] == "drones"]
    assert drones == [("2025-07-09", 539), ("2025-07-12", 300)]
    assert all(r["oblast"] is None for r in body["rows"])


def test_days_filters_windows_and_oblasts():
    book = fed().book
    status, body = api.days_payload(book, {"from": "2025-07-09", "to": "2025-07-12", "window": "7d",
                                           "weapon_class": "total"})
    assert status == 200
    assert [(r["start"], r["end"], r["launched"], r["attacks"]) for r in body["rows"]] == [
        ("2025-07-07", "2025-07-13", 850, 2)]
    status, body = api.days_payload(book, {"from": "2025-07-09", "to": "2025-07-09", "oblast": "all",
                                           "weapon_class": "drones"})
    assert {r["oblast"] for r in body["rows"]} == {None, "Kharkiv Oblast"}


def test_days_rejects_bad_queries():
    book = fed().book
    assert api.days_payload(book, {"from": "yesterday"})[0] == 400
    assert api.days_payload(book, {"from": "2025-07-10", "to": "2025-07-01"})[0] == 400
    assert api.days_payload(book, {"window": "2d"})[0] == 400
    assert api.days_payload(book, {"from": "2020-01-01", "to": "2025-01-01"})[0] == 400


def test_event_lookup_and_listing():
    p = fed()
    events = {k: v.model_dump(mode="json") for k, v in p.published.items()}
    status, body = api.event_payload(events, "RU-2025-07-09")
    assert status == 200 and body["launched"]["total"] == 550
    assert api.event_payload(events, "RU-1999-01-01")[0] == 404
    status, body = api.events_payload(events, {"from": "2025-07-10"})
    assert [e["event_id"] for e in body["events"]] == ["RU-2025-07-12"]


def test_alerts_newest_first_and_filtered_by_status():
    alerts = {
        "a": {"fingerprint": "a", "status": "firing", "fired_at": "2025-07-09T08:00:00Z"},
        "b": {"fingerprint": "b", "status": "resolved", "fired_at": "2025-07-10T08:00:00Z"},
        "c": {"fingerprint": "c", "status": "firing", "fired_at": "2025-07-11T08:00:00Z"},
    }
    assert [a["fingerprint"] for a in api.alerts_payload(alerts, {})[1]["alerts"]] == ["c", "b", "a"]
    firing = api.alerts_payload(alerts, {"status": "firing", "limit": "1"})[1]["alerts"]
    assert [a["fingerprint"] for a in firing] == ["c"]
    assert api.alerts_payload(alerts, {"limit": "many"})[0] == 400


def test_set_aside_lists_claims_by_route():
    rows = {"x": {"route": "undated"}, "y": {"route": "reference"}}
    assert api.set_aside_payload(rows, {"route": "undated"})[1] == {"claims": [{"route": "undated"}]}
