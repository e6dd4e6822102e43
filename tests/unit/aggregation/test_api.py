"""Bodies of /api/days, /api/events, /api/alerts, /api/set-aside, /api/status (over plain dicts),
with the query models that validate them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.aggregation import api
from services.aggregation.api_models import (
    FIRST_QUERY_DATE,
    LAST_QUERY_DATE,
    AlertsQuery,
    DaysQuery,
    EventsQuery,
    SetAsideQuery,
)
from tests.support.claims import claim

from .test_windows import Pipeline


def fed() -> Pipeline:
    p = Pipeline()
    p.feed(claim(539), claim(11, weapon_class="missiles"), claim(300, date=dt.date(2025, 7, 12)),
           claim(20, measure="intercepted", locations=["Kharkiv"]))
    return p


BOOK = fed().book


def days(book, **query):
    return api.days_payload(book, api.parse_query(DaysQuery, query))


def test_days_defaults_to_the_week_up_to_the_newest_attack():
    body = days(fed().book)
    assert (body["from"], body["to"]) == ("2025-07-06", "2025-07-12")
    drones = [(r["start"], r["launched"]) for r in body["rows"] if r["weapon_class"] == "drones"]
    assert drones == [("2025-07-09", 539), ("2025-07-12", 300)]
    assert all(r["oblast"] is None for r in body["rows"])
    assert body["next_cursor"] is None


def test_days_filters_windows_and_oblasts():
    book = fed().book
    body = days(book, **{"from": "2025-07-09", "to": "2025-07-12", "window": "7d", "weapon_class": "total"})
    assert [(r["start"], r["end"], r["launched"], r["attacks"]) for r in body["rows"]] == [
        ("2025-07-07", "2025-07-13", 850, 2)]
    body = days(book, **{"from": "2025-07-09", "to": "2025-07-09", "oblast": "all", "weapon_class": "drones"})
    assert {r["oblast"] for r in body["rows"]} == {None, "Kharkiv Oblast"}


@pytest.mark.parametrize("query, names", [
    ({"from": "yesterday"}, "from"),
    ({"window": "2d"}, "window"),
    ({"weapon_class": "lasers"}, "weapon_class"),
    ({"limit": "0"}, "limit"),
    ({"limit": "many", "attacker": "XX"}, "limit, attacker"),
])
def test_bad_parameters_are_a_400_naming_each(query, names):
    with pytest.raises(api.ApiError) as caught:
        days(fed().book, **query)
    assert caught.value.status == 400
    assert caught.value.error == f"invalid query parameter(s): {names}"
    assert [d["parameter"] for d in caught.value.body()["detail"]] == names.split(", ")


@pytest.mark.parametrize("query, error", [
    ({"from": "2025-07-10", "to": "2025-07-01"}, "from is after to"),
    ({"from": "2020-01-01", "to": "2025-01-01"}, "at most 400 days per request"),
    ({"cursor": "not-a-cursor"}, "cursor is not one this API made"),
])
def test_bad_ranges_and_cursors_are_a_400(query, error):
    with pytest.raises(api.ApiError) as caught:
        days(fed().book, **query)
    assert (caught.value.status, caught.value.error.split(":")[0]) == (400, error)


@pytest.mark.parametrize("query", [
    {"from": "0001-01-01", "to": "0001-01-05", "window": "30d"},
    {"from": "9999-12-25", "to": "9999-12-31", "window": "7d"},
    {"to": "0001-01-03"},
    {"from": "1899-12-31"},
])
def test_dates_at_the_ends_of_the_calendar_are_a_400_not_a_500(query):
    """A 7- or 30-day window of 9999-12-31 (or the week before 0001-01-03) is past the calendar:
    an OverflowError, so a 500, until the query model bounded the dates (found by schemathesis)."""
    with pytest.raises(api.ApiError) as caught:
        days(fed().book, **query)
    assert caught.value.status == 400 and {d["parameter"] for d in caught.value.detail} <= {"from", "to"}
    with pytest.raises(api.ApiError):
        api.parse_query(EventsQuery, {k: v for k, v in query.items() if k in ("from", "to")})


_query_dates = st.dates(min_value=FIRST_QUERY_DATE, max_value=LAST_QUERY_DATE)
_edge_dates = st.sampled_from([FIRST_QUERY_DATE, LAST_QUERY_DATE, FIRST_QUERY_DATE + dt.timedelta(days=3),
                               LAST_QUERY_DATE - dt.timedelta(days=3)])


@settings(max_examples=200, deadline=None)
@given(start=st.none() | _query_dates | _edge_dates, end=st.none() | _query_dates | _edge_dates,
       window=st.sampled_from(["1d", "7d", "30d"]), trailing=st.booleans(),
       oblast=st.sampled_from(["*", "all", "Kharkiv Oblast"]))
def test_any_accepted_range_is_answered_or_refused_never_raised(start, end, window, trailing, oblast):
    query = {"window": window, "trailing": str(trailing).lower(), "oblast": oblast}
    query |= ({"from": start.isoformat()} if start else {}) | ({"to": end.isoformat()} if end else {})
    try:
        body = days(BOOK, **query)
    except api.ApiError as refused:
        assert refused.status == 400
    else:
        assert body["from"] <= body["to"]


def test_days_pages_follow_the_cursor_to_the_same_rows():
    book = fed().book
    whole = days(book, **{"from": "2025-07-01", "to": "2025-07-31", "oblast": "all"})["rows"]
    pages, cursor = [], None
    while True:
        body = days(book, **{"from": "2025-07-01", "to": "2025-07-31", "oblast": "all", "limit": "2"}
                    | ({"cursor": cursor} if cursor else {}))
        pages += body["rows"]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    def strip(rows):
        return [{k: v for k, v in r.items() if k != "updated_at"} for r in rows]
    assert len(whole) > 2 and strip(pages) == strip(whole)


def test_event_lookup_and_listing():
    p = fed()
    events = {k: v.model_dump(mode="json") for k, v in p.published.items()}
    assert api.event_payload(events["RU-2025-07-09"], "RU-2025-07-09")["launched"]["total"] == 550
    with pytest.raises(api.ApiError) as caught:
        api.event_payload(None, "RU-1999-01-01")
    assert caught.value.status == 404 and caught.value.body() == {"error": "no event RU-1999-01-01"}
    body = api.events_payload(events, api.parse_query(EventsQuery, {"from": "2025-07-10"}))
    assert [e["event_id"] for e in body["events"]] == ["RU-2025-07-12"]
    assert api.events_payload(events, EventsQuery(scope="period_total"))["events"] == []
    assert [e["event_id"] for e in api.events_payload(events, EventsQuery(limit=1))["events"]] == ["RU-2025-07-09"]


def test_an_unknown_scope_is_a_400_not_an_empty_list():
    with pytest.raises(api.ApiError) as caught:
        api.parse_query(EventsQuery, {"scope": "weekly"})
    assert caught.value.status == 400 and caught.value.detail[0]["parameter"] == "scope"


ALERTS = {
    "a": {"fingerprint": "a", "status": "firing", "fired_at": "2025-07-09T08:00:00Z"},
    "b": {"fingerprint": "b", "status": "resolved", "fired_at": "2025-07-10T08:00:00Z"},
    "c": {"fingerprint": "c", "status": "firing", "fired_at": "2025-07-11T08:00:00Z"},
}


def test_alerts_newest_first_filtered_and_paged():
    assert [a["fingerprint"] for a in api.alerts_payload(ALERTS, AlertsQuery())["alerts"]] == ["c", "b", "a"]
    firing = api.alerts_payload(ALERTS, api.parse_query(AlertsQuery, {"status": "firing", "limit": "1"}))
    assert [a["fingerprint"] for a in firing["alerts"]] == ["c"]
    rest = api.alerts_payload(ALERTS, AlertsQuery(status="firing", cursor=firing["next_cursor"]))
    assert [a["fingerprint"] for a in rest["alerts"]] == ["a"] and rest["next_cursor"] is None


def test_set_aside_lists_claims_by_route():
    rows = {"x": {"route": "undated", "claim": {"claim_id": "x"}}, "y": {"route": "reference", "claim": {}}}
    body = api.set_aside_payload(rows, SetAsideQuery(route="undated"))
    assert body == {"claims": [rows["x"]], "next_cursor": None}


def test_status_gives_watermarks_first_day_and_counts():
    now = dt.datetime(2025, 7, 13, tzinfo=dt.UTC)
    body = api.status_payload(fed().book, {"events": 2, "alerts": 0, "set_aside": 0}, None, now, 5.0)
    assert body["watermark"] == {"RU": "2025-07-12"} and body["first_date"] == "2025-07-09"
    assert (body["events"], body["changed_at"], body["now"]) == (2, None, now.isoformat())
    assert api.status_payload({}, {}, None, now, 5.0)["first_date"] is None
