"""Event-time daily book: deltas, window placement of late and replayed claims, expiry."""

from __future__ import annotations

import datetime as dt

from schemas.domain import NATIONWIDE, SeriesKey
from services.aggregation.regions import default_region_table
from services.aggregation.resolve import Resolver
from services.aggregation.windows import (
    WATERMARK_KEY,
    book_event,
    contributions,
    expire,
    query_rows,
    sum_rows,
    watermark,
    window_bounds,
    window_rows,
)
from tests.support.claims import claim

OBLASTS = default_region_table().names()
RU_DRONES = SeriesKey("RU", "drones")
RU_TOTAL = SeriesKey("RU", "total")


class Pipeline:
    """Resolver + book the way the service wires them: every changed event updates the book."""

    def __init__(self) -> None:
        self.resolver = Resolver()
        self.book: dict[str, dict] = {}
        self.published: dict[str, object] = {}

    def feed(self, *msgs) -> None:
        for msg in msgs:
            event_id = self.resolver.add(msg)
            if event_id is None:
                continue
            new = self.resolver.event(event_id)
            book_event(self.book, new, OBLASTS)
            self.published[event_id] = new


def test_windows_are_aligned_weeks_and_30_day_blocks():
    day = dt.date(2025, 7, 9)  # a Wednesday
    assert window_bounds("1d", day) == (day, day)
    assert window_bounds("7d", day) == (dt.date(2025, 7, 7), dt.date(2025, 7, 13))
    start, end = window_bounds("30d", day)
    assert (end - start).days == 29 and start <= day <= end
    assert window_bounds("30d", start) == window_bounds("30d", end) == (start, end)
    assert (start - dt.date(2022, 2, 24)).days % 30 == 0


def test_contributions_cover_classes_total_regions_and_count_one_attack():
    p = Pipeline()
    p.feed(claim(539), claim(11, weapon_class="missiles"), claim(500, measure="intercepted"),
           claim(2, measure="killed", weapon_class=None, locations=["Lviv"]))
    day, rows = contributions(p.published["RU-2025-07-09"])
    assert day == dt.date(2025, 7, 9)
    assert rows[RU_DRONES] == {"launched": 539, "intercepted": 500, "lost": 0, "hit": 0, "attacks": 1,
                              "launched_rated": 539, "intercepted_rated": 500}
    assert rows[RU_TOTAL]["launched"] == 550 and rows[RU_TOTAL]["killed"] == 2
    assert rows[SeriesKey("RU", "total", "Lviv Oblast")]["killed"] == 2


def test_a_changed_event_replaces_its_old_contribution():
    p = Pipeline()
    p.feed(claim(805, outlet="reuters.com"))
    assert sum_rows(p.book, RU_DRONES, dt.date(2025, 7, 9), dt.date(2025, 7, 9))["launched"] == 805
    p.feed(claim(810, outlet="mil.gov.ua"))
    row = sum_rows(p.book, RU_DRONES, dt.date(2025, 7, 9), dt.date(2025, 7, 9))
    assert row["launched"] == 810 and row["attacks"] == 1


def test_a_late_claim_updates_its_own_day_week_and_block_not_todays():
    p = Pipeline()
    today, last_friday = dt.date(2025, 7, 14), dt.date(2025, 7, 11)
    p.feed(claim(100, date=today), claim(40, date=dt.date(2025, 7, 10)))
    p.feed(claim(300, date=last_friday, published=dt.datetime(2025, 7, 14, 9, tzinfo=dt.UTC)))
    assert watermark(p.book) == today  # the late claim did not move event time back
    rows = {(a.window, a.start): a for _, a in window_rows(p.book, [(last_friday, RU_DRONES)])}
    assert rows[("1d", last_friday)].launched == 300
    week = rows[("7d", dt.date(2025, 7, 7))]
    assert (week.launched, week.attacks) == (340, 2)  # Thursday + Friday; Monday 14th is next week
    today_row = query_rows(p.book, today, today, weapon_class="drones")[0]
    assert today_row.launched == 100


def test_a_replay_of_year_old_articles_lands_in_their_windows():
    p = Pipeline()
    p.feed(claim(50, date=dt.date(2025, 7, 14)))
    old_days = [dt.date(2024, 7, 1) + dt.timedelta(days=n) for n in range(0, 60, 3)]
    p.feed(*[claim(10 + n, date=d) for n, d in enumerate(old_days)])
    landed = [d for n, d in enumerate(old_days)
              if sum_rows(p.book, RU_DRONES, d, d)["launched"] == 10 + n]
    assert landed == old_days
    month = query_rows(p.book, dt.date(2024, 7, 1), dt.date(2024, 8, 29), window="30d",
                       weapon_class="drones")
    assert sum(a.launched for a in month) == sum(10 + n for n in range(len(old_days)))


def test_expiry_follows_event_time_not_the_wall_clock():
    p = Pipeline()
    p.feed(claim(10, date=dt.date(2022, 3, 1)), claim(20, date=dt.date(2022, 5, 1)))
    assert expire(p.book, retention_days=365) == 0  # years old by wall clock, recent by event time
    p.feed(claim(30, date=dt.date(2023, 6, 1)))
    assert expire(p.book, retention_days=365) > 0
    assert sum_rows(p.book, RU_DRONES, dt.date(2022, 1, 1), dt.date(2022, 12, 31))["launched"] == 0
    assert sum_rows(p.book, RU_DRONES, dt.date(2023, 6, 1), dt.date(2023, 6, 1))["launched"] == 30


def test_an_article_from_2099_erases_nothing():
    """One future-dated article must not move the watermark: its claim is set aside, and even a
    watermark in 2099 (written by an older version) cannot make expiry delete recent days."""
    p = Pipeline()
    p.feed(claim(10, date=dt.date(2024, 3, 1)), claim(20, date=dt.date(2025, 3, 1)))
    p.feed(claim(99, date=dt.date(2099, 6, 1)))
    assert watermark(p.book, "RU") == dt.date(2025, 3, 1)
    assert expire(p.book, retention_days=3650) == 0
    p.book[f"{WATERMARK_KEY}|RU"] = {"date": "2099-06-01"}  # as a corrupted book would have it
    assert expire(p.book, retention_days=3650, today=dt.date(2025, 3, 2)) == 0
    assert sum_rows(p.book, RU_DRONES, dt.date(2024, 1, 1), dt.date(2025, 12, 31))["launched"] == 30


def test_interception_rate_and_trailing_windows():
    p = Pipeline()
    for n in range(10):
        day = dt.date(2025, 7, 1) + dt.timedelta(days=n)
        p.feed(claim(100, date=day), claim(90, measure="intercepted", date=day))
    rows = query_rows(p.book, dt.date(2025, 7, 10), dt.date(2025, 7, 10), window="7d", trailing=True,
                      weapon_class="drones")
    assert len(rows) == 1
    row = rows[0]
    assert (row.start, row.end) == (dt.date(2025, 7, 4), dt.date(2025, 7, 10))
    assert (row.launched, row.attacks) == (700, 7)
    assert row.interception_rate == 0.9
    assert row.oblast is None


def test_period_totals_and_set_aside_claims_do_not_touch_the_book():
    p = Pipeline()
    p.feed(claim(6000, scope="period_total", period=(dt.date(2025, 7, 1), dt.date(2025, 7, 31))),
           claim(728, is_reference=True), claim(400, date=None))
    assert p.book == {}


def test_oblast_filter_none_returns_regions_too():
    p = Pipeline()
    p.feed(claim(20, measure="intercepted", locations=["Kharkiv Oblast"]))
    oblasts = {a.oblast for a in query_rows(p.book, dt.date(2025, 7, 9), dt.date(2025, 7, 9), oblast=None)}
    assert oblasts == {None, "Kharkiv Oblast"}
    assert NATIONWIDE == "*"


def test_interception_rate_counts_only_attacks_that_report_intercepts():
    p = Pipeline()
    p.feed(claim(100, date=dt.date(2025, 7, 7)), claim(80, measure="intercepted", date=dt.date(2025, 7, 7)),
           claim(400, date=dt.date(2025, 7, 8)))  # no intercept figure: unknown, not 0%
    week = query_rows(p.book, dt.date(2025, 7, 7), dt.date(2025, 7, 7), window="7d", weapon_class="drones")[0]
    assert (week.launched, week.intercepted, week.interception_rate) == (500, 80, 0.8)
    only_unknown = query_rows(p.book, dt.date(2025, 7, 8), dt.date(2025, 7, 8), weapon_class="drones")[0]
    assert only_unknown.interception_rate is None
