"""Event-time daily book and 7/30-day windows, over any mutable mapping (a faust Table in the
service, a dict in tests and the CLI).

Why not faust's windowed tables: faust expires windows on the WALL clock (every
`table_cleanup_interval` it drops windows with `window.stale(ts, time.time())`, see
faust/tables/base.py), so an article about last month read today, or a replay of last year's
articles after a fix, lands in a window that is already stale and is silently dropped at the next
sweep. Here rows are keyed by the attack's own date (`date|attacker|class|oblast`) and only
expire relative to the newest attack date seen (the event-time watermark), after a retention of
years by default; so late and replayed claims always update the right day, week and month.

Windows are aligned, not sliding: `7d` = ISO week (Monday..Sunday), `30d` = 30-day blocks counted
from 2022-02-24 (the start of the full-scale invasion). Each day belongs to exactly one window of
each size, so one change updates exactly three rows per series and the compacted `strikes.daily`
topic never holds a stale window. Trailing windows (last 7 days up to a date) are computed on
read (`trailing_rows`) for the gauges and `/api/days?trailing=1`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, MutableMapping

from schemas.base import utc_now
from schemas.domain import AGGREGATE_MEASURES as MEASURES
from schemas.domain import COVERAGE_START as BLOCK_ANCHOR
from schemas.domain import NATIONWIDE, SeriesKey
from schemas.events import AttackEvent, DailyAggregate
from schemas.extraction import Scope, WeaponClass

RATED = "launched_rated"
"""Book-only measure: launched of the attacks that also report intercepts, the denominator of
the interception rate (an attack with no intercept figure is unknown, not 0% intercepted)."""
INTERCEPTED_RATED = "intercepted_rated"
"""Book-only measure: intercepted of the attacks that also report launches, the numerator (an
intercept figure without a launch figure would push the rate above 1)."""
WINDOWS: dict[str, int] = {"1d": 1, "7d": 7, "30d": 30}
WATERMARK_KEY = "__watermark__"
TOTAL = "total"
SERIES_CLASSES = tuple(dict.fromkeys([*(w.value for w in WeaponClass), TOTAL]))
"""The weapon classes a day row can be of (`total` is one of WeaponClass already; kept explicit)."""

Row = dict[str, int]
Book = MutableMapping[str, dict]


def _figures_rows(attacker: str, oblast: str | None, counts_by_measure: dict[str, dict[str, int]],
                  killed: int | None, injured: int | None) -> dict[SeriesKey, Row]:
    rows: dict[SeriesKey, Row] = {}
    classes = sorted({c for counts in counts_by_measure.values() for c in counts})
    for wclass in classes:
        row = {m: counts_by_measure[m].get(wclass, 0) for m in counts_by_measure}
        rated = wclass in counts_by_measure["intercepted"] and wclass in counts_by_measure["launched"]
        row[RATED] = row["launched"] if rated else 0
        row[INTERCEPTED_RATED] = row["intercepted"] if rated else 0
        row["attacks"] = 1
        rows[SeriesKey(attacker, wclass, oblast)] = row
    total = rows.setdefault(SeriesKey(attacker, TOTAL, oblast),
                            {m: 0 for m in counts_by_measure}
                            | {RATED: 0, INTERCEPTED_RATED: 0, "attacks": 1})
    total["killed"] = killed or 0
    total["injured"] = injured or 0
    return rows


def contributions(event: AttackEvent | None) -> tuple[dt.date | None, dict[SeriesKey, Row]]:
    """What one event adds to its day: per series, the measures and `attacks` = 1.

    Period totals and undated events add nothing (they are not a night). Every attack counts in
    the `total` series (also one known only from casualties) and in each class it has figures for.
    """
    if event is None or event.scope != Scope.SINGLE_ATTACK or event.date is None:
        return None, {}
    measures = {"launched": event.launched, "intercepted": event.intercepted, "lost": event.lost,
                 "hit": event.hit}
    rows = _figures_rows(event.attacker, None, measures, event.killed, event.injured)
    for oblast, rf in event.regions.items():
        region = {"launched": rf.launched, "intercepted": rf.intercepted, "lost": rf.lost, "hit": rf.hit}
        rows |= _figures_rows(event.attacker, oblast, region, rf.killed, rf.injured)
    return event.date, rows


def _add(a: Row, b: Row, sign: int) -> Row:
    out = dict(a)
    for m, v in b.items():
        out[m] = out.get(m, 0) + sign * v
    return out


@functools.lru_cache(maxsize=64)
def day_series(attacker: str, oblasts: tuple[str, ...]) -> tuple[tuple[SeriesKey, str], ...]:
    """Every series an event of `attacker` could hold a row in (each class and the total,
    nationwide and per oblast), each with its row key after the date (`|attacker|class|oblast`):
    built once per attacker, since settling an event looks up every one of them."""
    places: list[str | None] = [None, *oblasts]
    out = []
    for wclass in SERIES_CLASSES:
        for oblast in places:
            series = SeriesKey(attacker, wclass, oblast)
            out.append((series, series.row_key(BLOCK_ANCHOR).removeprefix(BLOCK_ANCHOR.isoformat())))
    return tuple(out)


def book_event(
    book: Book, event: AttackEvent, oblasts: Iterable[str], view: Mapping[str, dict] | None = None,
) -> list[tuple[dt.date, SeriesKey]]:
    """Make the book hold exactly this event's contribution to its day; returns the (day, series)
    rows written or deleted.

    An event id is attacker + date (resolve.event_id_for), so the event is the ONLY contributor
    to its day's rows: they are set, not added to. Setting is idempotent, which is what makes a
    replay after a crash safe: the service writes figures, the event's row and these day rows to
    separate changelogs before its input offset is committed, and a `kill -9` can land any subset
    of those writes. With deltas (old -> new) a replay either added twice or, finding its figure
    already recorded, moved nothing (the 2026-12-07 fault run lost two day rows so). Setting from
    the event as it resolves now needs no memory of what was booked before; rows of series the
    event no longer has are found by trying every series it could have (`day_series`: a few
    hundred dict lookups, no scan). `view` is where rows are read (a faust table's `.data`:
    reading through the table records sensor stats per lookup); writes go to `book`.
    """
    rows_now = book if view is None else view
    day, rows = contributions(event)
    if day is None:
        return []
    touched: list[tuple[dt.date, SeriesKey]] = []
    wanted = {series.row_key(day): (series, row) for series, row in rows.items()}
    for key, (series, row) in wanted.items():
        if rows_now.get(key) != row:
            book[key] = row
            touched.append((day, series))
    iso = day.isoformat()
    for series, suffix in day_series(event.attacker, tuple(oblasts)):
        key = iso + suffix
        if key not in wanted and key in rows_now:
            del book[key]
            touched.append((day, series))
    mark_key = f"{WATERMARK_KEY}|{event.attacker}"
    mark = rows_now.get(mark_key) or {}
    if not mark or day.isoformat() > mark.get("date", ""):
        book[mark_key] = {"date": day.isoformat()}
    return touched


def watermark(book: Book, attacker: str | None = None) -> dt.date | None:
    """The newest attack date the book has seen (event time, not wall clock), per attacker or
    over all. Per attacker because the service keeps each attacker's rows on one partition."""
    keys = [f"{WATERMARK_KEY}|{attacker}"] if attacker else [
        k for k in list(book.keys()) if k.startswith(WATERMARK_KEY + "|")]
    dates = [dt.date.fromisoformat(m["date"]) for k in keys if (m := book.get(k))]
    return max(dates) if dates else None


def expire(book: Book, retention_days: int, attacker: str | None = None, today: dt.date | None = None) -> int:
    """Delete day rows older than the watermark minus the retention (event time); returns how
    many were deleted. With `attacker`, only that attacker's rows (the service's partition).
    The watermark counts at most up to tomorrow (wall clock): should a date from the future
    reach the book despite routing, expiry still never deletes more than the retention says."""
    mark = watermark(book, attacker)
    if mark is None or retention_days <= 0:
        return 0
    latest = (today or utc_now().date()) + dt.timedelta(days=1)
    horizon = min(mark, latest) - dt.timedelta(days=retention_days)
    stale = [k for k in list(book.keys()) if (p := SeriesKey.from_row_key(k)) is not None and p[0] < horizon
             and (attacker is None or p[1].attacker == attacker)]
    for key in stale:
        del book[key]
    return len(stale)


def window_bounds(window: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """The aligned window of a size that contains `day`."""
    if window == "1d":
        return day, day
    if window == "7d":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    if window == "30d":
        offset = (day - BLOCK_ANCHOR).days // 30
        start = BLOCK_ANCHOR + dt.timedelta(days=30 * offset)
        return start, start + dt.timedelta(days=29)
    raise ValueError(f"unknown window {window!r}")


def _days(start: dt.date, end: dt.date) -> Iterable[dt.date]:
    for n in range((end - start).days + 1):
        yield start + dt.timedelta(days=n)


def sum_rows(book: Book, series: SeriesKey, start: dt.date, end: dt.date) -> Row:
    """The series' measures summed over [start, end]."""
    total: Row = dict.fromkeys((*MEASURES, RATED, INTERCEPTED_RATED), 0)
    for day in _days(start, end):
        row = book.get(series.row_key(day))
        if row:
            total = _add(total, row, +1)
    return total


def aggregate(window: str, start: dt.date, end: dt.date, series: SeriesKey, row: Row,
              updated_at: dt.datetime | None = None) -> DailyAggregate:
    """A row as the public model; interception rate = intercepted / launched over the attacks that
    report both (None when none does)."""
    rated, intercepted = row.get(RATED, 0), row.get(INTERCEPTED_RATED, 0)
    return DailyAggregate(
        window=window, start=start, end=end, attacker=series.attacker, weapon_class=series.weapon_class,
        oblast=series.oblast,
        **{m: row.get(m, 0) for m in MEASURES},
        interception_rate=round(intercepted / rated, 4) if rated > 0 else None,
        updated_at=updated_at or utc_now(),
    )


def window_rows(book: Book, touched: Iterable[tuple[dt.date, SeriesKey]]) -> list[tuple[str, DailyAggregate]]:
    """The 1d, 7d and 30d aggregates that contain the touched days, with their topic keys (to
    publish); each window once, however many of its days were touched."""
    out = []
    now = utc_now()
    spans = {(window, *window_bounds(window, day), series) for day, series in touched for window in WINDOWS}
    for window, start, end, series in sorted(spans, key=lambda w: (w[3], w[0], w[1])):
        agg = aggregate(window, start, end, series, sum_rows(book, series, start, end), now)
        out.append((series.topic_key(window, start), agg))
    return out


def series_in(book: Book) -> set[SeriesKey]:
    """Every series with at least one day row."""
    return {p[1] for k in list(book.keys()) if (p := SeriesKey.from_row_key(k)) is not None}


def query_rows(
    book: Book, start: dt.date, end: dt.date, *, window: str = "1d", trailing: bool = False,
    attacker: str | None = None, weapon_class: str | None = None, oblast: str | None = NATIONWIDE,
) -> list[DailyAggregate]:
    """Aggregates for days in [start, end]: aligned windows overlapping the range, or (trailing)
    the window of that size ending on each day. `oblast` filters as the API's query does: `*`
    (NATIONWIDE) is the nationwide series, None every oblast and nationwide."""
    if window not in WINDOWS:
        raise ValueError(f"window must be one of {', '.join(WINDOWS)}")
    wanted = sorted(
        s for s in series_in(book)
        if (attacker is None or s.attacker == attacker)
        and (weapon_class is None or s.weapon_class == weapon_class)
        and (oblast is None or (s.oblast or NATIONWIDE) == oblast)
    )
    now = utc_now()
    out: list[DailyAggregate] = []
    for series in wanted:
        if trailing:
            spans = [(d - dt.timedelta(days=WINDOWS[window] - 1), d) for d in _days(start, end)]
        else:
            spans = sorted({window_bounds(window, d) for d in _days(start, end)})
        for s, e in spans:
            row = sum_rows(book, series, s, e)
            if any(row.values()):
                out.append(aggregate(window, s, e, series, row, now))
    return out


def trailing_totals(book: Book, attacker: str, weapon_classes: Iterable[str], end: dt.date) -> dict[
        tuple[str, str], Row]:
    """(window, class) -> nationwide measures over the trailing window ending on `end` (gauges)."""
    out: dict[tuple[str, str], Row] = {}
    for wclass in weapon_classes:
        series = SeriesKey(attacker, wclass)
        for window, days in WINDOWS.items():
            out[(window, wclass)] = sum_rows(book, series, end - dt.timedelta(days=days - 1), end)
    return out
