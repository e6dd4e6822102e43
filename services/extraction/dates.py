"""Dates and periods of strike figures, resolved against the article's publication time.

An overnight attack is dated by the morning it ended (the Air Force's convention), in Kyiv time:
'overnight', 'last night' -> the publication day; 'overnight Friday', 'early on Monday',
'on Friday' -> that weekday (the latest one not after publication); 'Friday night' and 'the night
of September 6 to 7' -> the morning after; 'on September 16' -> that date.
Periods ('in July', 'since the beginning of September', 'this year', 'since 2022') become a
start/end pair for period totals.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from schemas.calendar import KYIV, MONTHS
from schemas.domain import FULL_SCALE_INVASION
from services.extraction.gazetteer import fold

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {word: number for word, number in MONTHS.items() if word.isascii()}
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD2 = r"(?P<wd2>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# a whole word: 'feb' must not match inside 'february 24' (nor 'sep' inside 'separate')
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))  # (longest first)
_MON = r"(?P<mon>" + _MONTH_WORDS + r")\b\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>20\d\d))?"

# Ordered: the first pattern that matches at a position wins (longer forms first). They run on
# folded (lower-case) text: IGNORECASE makes `re` several times slower on these alternations.
_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # night of September 6 to 7 / night of 6-7 September -> the second day
    ("night_range", re.compile(
        r"night\s+of\s+" + _MON + r"\s+" + _DAY + r"\s*(?:-|–|to|into)\s*" + _DAY2 + r"\b" + _YEAR)),
    ("night_range", re.compile(
        r"night\s+of\s+" + _DAY + r"\s*(?:-|–|to|into)\s*" + _DAY2 + r"\s+" + _MON + _YEAR)),
    # night of Friday to Saturday / overnight from Friday into Saturday -> the second weekday
    ("weekday_range", re.compile(
        r"(?:night\s+(?:of|from)|overnight\s+from|from)\s+" + _WD + r"\s+(?:to|into|until)\s+" + _WD2,)),
    ("weekday_night", re.compile(r"(?:on\s+|late\s+)?" + _WD + r"\s+night")),
    ("night_of_date", re.compile(r"night\s+of\s+" + _MON + r"\s+" + _DAY + r"\b" + _YEAR)),
    ("night_of_date", re.compile(r"night\s+of\s+" + _DAY + r"\s+" + _MON + _YEAR)),
    # overnight into Friday / overnight on Friday / overnight Friday / early Friday / early on
    # Friday / on Friday (morning|afternoon|evening) / Friday morning
    # Wednesday's strike -> that Wednesday
    ("weekday_possessive", re.compile(_WD + r"'s\b")),
    ("weekday_morning", re.compile(
        r"(?:overnight\s+(?:into|on|to)?\s*|early\s+(?:on\s+)?|late\s+on\s+|on\s+)" + _WD
        + r"(?:\s+(?:morning|afternoon|evening))?")),
    ("weekday_part", re.compile(_WD + r"\s+(?:morning|afternoon|evening)")),
    ("month_day", re.compile(r"(?:on\s+)?" + _MON + r"\s+" + _DAY + r"\b" + _YEAR)),
    ("day_month", re.compile(r"(?:on\s+)?" + _DAY + r"\s+" + _MON + _YEAR)),
    ("relative", re.compile(
        r"(?P<rel>last\s+night|overnight|(?:during|in)\s+the\s+night|tonight|(?:this|in\s+the)\s+morning|yesterday|today"
        r"|earlier\s+today)\b",)),
]


_CALENDAR_DATE = re.compile(
    r"\b(?:" + _MONTH_WORDS + r")\b\.?\s+[0-3]?\d\b|\b[0-3]?\d\s+(?:"
    + "|".join(m for m in _MONTHS if len(m) > 3) + r")\b"
)


CALENDAR_KINDS = frozenset({"night_range", "night_of_date", "month_day", "day_month"})
"""date patterns that name a day of a month: all that resolve without a publication day"""
_YEARS_IN_TEXT = re.compile(r"(?<![\d-])(20[2-3]\d)(?![\d-])")


def text_year(folded: str, today: dt.date | None = None) -> int | None:
    """The latest year of the war an undated page names ('since the start of 2024', '2023-09'):
    the year its calendar dates without a year are read in. None when it names none."""
    last = (today or dt.date.today()).year
    years = [y for y in map(int, _YEARS_IN_TEXT.findall(folded)) if FULL_SCALE_INVASION.year <= y <= last]
    return max(years) if years else None


_FULL_DATE = re.compile(
    r"\b(?:" + _MONTH_WORDS + r")\b\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(20[2-3]\d)\b"
    r"|\b[0-3]?\d(?:st|nd|rd|th)?\s+(?:" + "|".join(m for m in _MONTHS if len(m) > 3)
    + r")\b\.?,?\s+(20[2-3]\d)\b"
    r"|(?<![\d-])(20[2-3]\d)-[01]\d-[0-3]\d(?![\d-])|(?<![\d.])[0-3]?\d\.[01]?\d\.(20[2-3]\d)(?![\d.])"
)


_YEAR_DIGITS = re.compile(r"20[2-3]\d")
FULL_DATE_REACH = 24  # characters before a year where its month and day ('September 17th, ') stand
ISO_TAIL = 6  # characters after a year where an ISO date's month and day ('-07-07') stand
DATE_LINE_REST = 16  # characters besides its date a line that is only a date ('Thursday, ') may have


def stated_years(folded: str) -> frozenset[int]:
    """The years an undated page states in full calendar dates ('January 2, 2024' in a caption,
    '2025-07-07' in a stamp, a tweet's 'September 7, 2025'): its dates without a year are read
    in one of them (the annotators' reading), where a bare '2022' would be a guess."""
    years: set[int] = set()
    for y in _YEAR_DIGITS.finditer(folded):  # (the date pattern runs only around a year's digits)
        lo = max(0, y.start() - FULL_DATE_REACH)
        window = _FULL_DATE.finditer(folded, lo, y.end() + ISO_TAIL)
        m = next((d for d in window if d.start() <= y.start() < d.end()), None)
        if m is None:
            continue
        line_start = folded.rfind("\n", 0, m.start()) + 1
        line_end = folded.find("\n", m.end())
        rest = len(folded[line_start:line_end if line_end >= 0 else len(folded)]) - (m.end() - m.start())
        if rest > DATE_LINE_REST:  # (not a line that is only a date: a site's header shows today)
            years.add(int(next(g for g in m.groups() if g)))
    return frozenset(years)


def has_calendar_date(low: str) -> bool:
    """Whether folded text names a day of a month ('on October 10', '10 October'), resolvable or
    not (an article without a publication day still names its dates)."""
    return _CALENDAR_DATE.search(low) is not None


@dataclass(frozen=True, slots=True)
class DateCue:
    """A date expression found in a sentence, already resolved."""

    start: int
    end: int
    date: dt.date | None
    explicit: bool  # a weekday or calendar date, not just 'overnight'
    night: bool = False  # names a night ('night of October 30'): the attack's own date
    reported: bool = False  # when something was said ('the governor said on Friday'), not done


def publication_day(published: dt.datetime | None) -> dt.date | None:
    """The publication day in Kyiv, the clock the attacks are dated by."""
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=dt.UTC)
    return published.astimezone(KYIV).date()


def _latest_weekday(pub: dt.date, weekday: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def _calendar_date(pub: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        if year:
            return dt.date(int(year), month, day)
        candidate = dt.date(pub.year, month, day)
    except ValueError:
        return None
    # A date more than a few days after publication is last year's ('on December 30' in January).
    if candidate > pub + dt.timedelta(days=2):
        try:
            candidate = dt.date(pub.year - 1, month, day)
        except ValueError:
            return None
    return candidate


def _resolve(kind: str, m: re.Match[str], pub: dt.date) -> dt.date | None:
    g = m.groupdict()
    if kind == "night_range":
        return _calendar_date(pub, _MONTHS[g["mon"].lower()], int(g["day2"]), g.get("year"))
    if kind == "weekday_range":
        return _latest_weekday(pub + dt.timedelta(days=1), _WEEKDAYS[g["wd2"].lower()])
    if kind in ("weekday_morning", "weekday_part", "weekday_possessive"):
        return _latest_weekday(pub, _WEEKDAYS[g["wd"].lower()])
    if kind == "weekday_night":
        # 'Friday night' ends on Saturday morning; may be the morning after publication.
        return _latest_weekday(pub + dt.timedelta(days=1), (_WEEKDAYS[g["wd"].lower()] + 1) % 7)
    if kind in ("month_day", "day_month", "night_of_date"):
        return _calendar_date(pub, _MONTHS[g["mon"].lower()], int(g["day"]), g.get("year"))
    rel = " ".join(g["rel"].lower().split())
    if rel == "yesterday":
        return pub - dt.timedelta(days=1)
    return pub


# Keyword hints, matched case-sensitively on lower-cased text (fast: no IGNORECASE alternation).
_DATE_HINT = re.compile(
    r"day|night|yesterday|tonight|morning|evening|\d-\d|january|february|march|april|may|june|july"
    r"|august|september|october|november|december|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b"
)
_PERIOD_HINT = re.compile(
    r"since|date|recent|week|month|year|past|last|previous|20\d\d|january|february|march|april|may|june|july|august"
    r"|september|october|november|december"
)


# What a window must contain for a pattern to match in it: each pattern needs a weekday, a
# month or a relative word ('overnight', 'today'), and those always show as hint words. Testing
# these flags skips most of the pattern runs (the same cues are found).
_WD_FLAG, _MON_FLAG, _REL_FLAG = 1, 2, 4
_SINCE_FLAG, _UNIT_FLAG, _YEAR_FLAG, _PAST_FLAG, _RECENT_FLAG = 8, 16, 32, 64, 128
_DATE_NEEDS = {"night_range": _MON_FLAG, "weekday_range": _WD_FLAG, "weekday_night": _WD_FLAG,
               "night_of_date": _MON_FLAG, "weekday_morning": _WD_FLAG, "weekday_part": _WD_FLAG,
               "weekday_possessive": _WD_FLAG,
               "month_day": _MON_FLAG, "day_month": _MON_FLAG, "relative": _REL_FLAG}
_WEEKDAY_STEMS = ("mon", "tues", "wednes", "thurs", "fri", "satur", "sun")
_HINT_FLAGS = {"night": _REL_FLAG, "tonight": _REL_FLAG, "morning": _REL_FLAG, "yesterday": _REL_FLAG,
               "since": _SINCE_FLAG, "date": _SINCE_FLAG, "recent": _RECENT_FLAG,
               "week": _UNIT_FLAG, "month": _UNIT_FLAG, "year": _UNIT_FLAG,
               "past": _PAST_FLAG, "last": _PAST_FLAG, "previous": _PAST_FLAG}
_HINT_FLAGS |= {m: _MON_FLAG for m in _MONTHS}
_MONTH_ABBREVIATIONS = tuple(m for m in _MONTHS if len(m) <= 4)


_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|told|reported|announced|added|wrote|posted|stated|confirmed)\s+(?:[\w-]+\s+)?$"
)


def _hint_flags(low: str, s: int, e: int) -> int:
    word = low[s:e]
    if word == "day":
        before = low[max(0, s - 6):s]
        if before.endswith(_WEEKDAY_STEMS):
            return _WD_FLAG
        return _REL_FLAG if before.endswith(("to", "yester")) else 0
    if word[0].isdigit():
        return _YEAR_FLAG if word.startswith("20") and len(word) == 4 else 0
    return _HINT_FLAGS.get(word, 0)


HINT_REACH = 60  # the longest date/period phrase's reach from its hint word ('since the beginning of the
# full-scale invasion' runs 46 characters past 'since')


def _windows_around(low: str, spans: list[tuple[int, int]] | Iterator[tuple[int, int]]) -> list[list[int]]:
    """Merged windows [lo, hi, flags] `HINT_REACH` characters around hint spans (sorted by start;
    they may nest): the patterns only run there (10x faster than scanning every sentence with each)."""
    n = len(low)
    out: list[list[int]] = []
    for s, e in spans:
        lo, hi = max(0, s - HINT_REACH), min(n, e + HINT_REACH)
        flags = _hint_flags(low, s, e)
        if out and lo <= out[-1][1]:
            last = out[-1]
            if hi > last[1]:
                last[1] = hi
            last[2] |= flags
        else:
            out.append([lo, hi, flags])
    return out


def _abbreviated_months(low: str, window: list[int]) -> None:
    """`_MON` also matches 'sep', 'dec' inside words, which no hint reports: flag them too."""
    if not window[2] & _MON_FLAG:
        text = low[window[0]:window[1]]
        if any(a in text for a in _MONTH_ABBREVIATIONS):
            window[2] |= _MON_FLAG


def _hint_spans(hint: re.Pattern[str], low: str) -> Iterator[tuple[int, int]]:
    return (m.span() for m in hint.finditer(low))


def find_date_cues(
    sentence: str, pub: dt.date | None, low: str | None = None, hints: list[tuple[int, int]] | None = None,
    year_hint: int | None = None,
) -> list[DateCue]:
    """Date expressions of a sentence in text order (without overlaps); `low` is its folded text;
    `hints`, when the caller found them already, the spans of `_DATE_HINT`'s words in it. Without
    a publication day, only calendar dates resolve, in `year_hint` (the text's own year)."""
    calendar_only = pub is None
    if pub is None:
        if year_hint is None:
            return []
        pub = dt.date(year_hint, 12, 31)
    if low is None:
        low = fold(sentence)
    windows = _windows_around(low, hints if hints is not None else _hint_spans(_DATE_HINT, low))
    if not windows:
        return []
    present = 0
    for w in windows:
        _abbreviated_months(low, w)
        present |= w[2]
    cues: list[DateCue] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_PATTERNS:
        needs = _DATE_NEEDS[kind]
        if not present & needs or calendar_only and kind not in CALENDAR_KINDS:
            continue
        for lo, hi, flags in windows:
            if not flags & needs:
                continue
            for m in pattern.finditer(low, lo, hi):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                reported = bool(_REPORTED_BEFORE.search(low, max(0, m.start() - 24), m.start()))
                cues.append(DateCue(m.start(), m.end(), _resolve(kind, m, pub), kind != "relative",
                                    night="night" in kind, reported=reported))
    cues.sort(key=lambda c: c.start)
    return cues


# -- periods ---------------------------------------------------------------------------------

_PERIOD_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("since_invasion", re.compile(
        r"since\s+(?:the\s+(?:start|beginning|outbreak)\s+of\s+)?(?:russia's\s+|the\s+)?"
        r"(?:full[- ]scale\s+(?:invasion|war)|invasion|war)")),
    ("since_month", re.compile(
        r"since\s+(?:the\s+(?:start|beginning)\s+of\s+)?" + _MON + _YEAR + r"(?!\s+[0-3]?\d\b)")),
    ("since_year", re.compile(
        r"since\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?P<year>20\d\d)")),
    ("this_unit", re.compile(
        r"(?:since\s+the\s+(?:start|beginning)\s+of\s+|so\s+far\s+)?"
        r"(?<!earlier\s)this\s+(?P<unit>week|month|year)")),  # 'earlier this month' dates an event
    ("since_start_unit", re.compile(
        r"since\s+the\s+(?:start|beginning)\s+of\s+the\s+(?P<unit>week|month|year)")),
    ("between", re.compile(
        r"between\s+" + _MON + r"\s+" + _DAY + r"\s+and\s+(?:(?P<mon2>[a-z]+)\s+)?" + _DAY2 + r"\b")),
    ("since_date", re.compile(r"since\s+" + _MON + r"\s+" + _DAY + r"\b" + _YEAR)),
    ("past_n", re.compile(
        r"(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?P<n>\d+|two|three|four|five|six|seven|"
        r"ten|several)?\s*(?P<unit>hours?|days?|weeks?|months?|years?)")),
    ("last_unit", re.compile(r"(?:last|the\s+previous)\s+(?P<unit>week|month|year)(?!'s)")),
    ("in_month", re.compile(
        r"(?:in|during|throughout|for|across)\s+(?:the\s+month\s+of\s+)?" + _MON + _YEAR
        + r"(?!\s+[0-3]?\d\b)")),
    ("to_date", re.compile(r"\bto\s+date\b|so\s+far\s+in\s+the\s+(?:full[- ]scale\s+)?(?:war|invasion)")),
    ("recent", re.compile(r"(?:in|over|during)\s+(?:the\s+)?recent\s+(?:days|weeks|months)")),
    ("first_days", re.compile(
        r"(?:in|during|over)\s+(?:the\s+)?first\s+(?P<n>\d+|two|three|four|five|six|seven|ten)\s+days\s+of\s+"
        r"(?:the\s+)?(?:new\s+)?year")),
    ("over_unit", re.compile(
        r"(?:over|throughout|during)\s+(?:the\s+)?(?:entire\s+|whole\s+)?(?P<unit>week|month|year)\b(?!'s)")),
    ("in_year", re.compile(r"(?:in|during|throughout)\s+(?P<year>20\d\d)\b")),
    ("month_total", re.compile(
        r"(?P<unit>monthly|weekly|per\s+month|a\s+month|per\s+week|a\s+week)\b"
        r"(?!\s+(?:after|ago|earlier|before|later|since))")),  # ('a week after it launched 477')
]
# Flags a window must all have for the pattern to match in it (see _DATE_NEEDS).
_PERIOD_NEEDS = {"since_invasion": _SINCE_FLAG, "since_month": _SINCE_FLAG | _MON_FLAG,
                 "since_year": _SINCE_FLAG | _YEAR_FLAG, "this_unit": _UNIT_FLAG,
                 "since_start_unit": _SINCE_FLAG | _UNIT_FLAG, "between": _MON_FLAG,
                 "since_date": _SINCE_FLAG | _MON_FLAG, "past_n": _PAST_FLAG, "last_unit": _UNIT_FLAG,
                 "in_month": _MON_FLAG, "in_year": _YEAR_FLAG, "month_total": _UNIT_FLAG,
                 "to_date": _SINCE_FLAG, "recent": _RECENT_FLAG, "first_days": _UNIT_FLAG,
                 "over_unit": _UNIT_FLAG}
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}


@dataclass(frozen=True, slots=True)
class PeriodCue:
    start: int
    end: int
    period_start: dt.date | None
    period_end: dt.date | None


def _month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_year(pub: dt.date, month: int, year: str | None) -> int:
    if year:
        return int(year)
    return pub.year if month <= pub.month else pub.year - 1


def _resolve_period(
    kind: str, m: re.Match[str], pub: dt.date | None,
) -> tuple[dt.date | None, dt.date | None]:
    g = m.groupdict()
    if kind in ("since_invasion", "to_date"):
        return FULL_SCALE_INVASION, pub
    if kind == "recent":
        return None, pub
    if kind == "since_year":
        return dt.date(int(g["year"]), 1, 1), pub
    if kind == "in_year":
        return dt.date(int(g["year"]), 1, 1), dt.date(int(g["year"]), 12, 31)
    if pub is None:
        return None, None
    if kind == "between":
        month = _MONTHS[g["mon"].lower()]
        month2 = _MONTHS.get((g.get("mon2") or "").lower(), month)
        return (_calendar_date(pub, month, int(g["day"]), None),
                _calendar_date(pub, month2, int(g["day2"]), None))
    if kind == "since_date":
        return _calendar_date(pub, _MONTHS[g["mon"].lower()], int(g["day"]), g.get("year")), pub
    if kind == "since_month":
        month = _MONTHS[g["mon"].lower()]
        return dt.date(_month_year(pub, month, g.get("year")), month, 1), pub
    if kind == "in_month":
        month = _MONTHS[g["mon"].lower()]
        start, end = _month_bounds(_month_year(pub, month, g.get("year")), month)
        return start, min(end, pub) if start <= pub else end
    unit = (g.get("unit") or "").lower()
    if kind in ("this_unit", "since_start_unit"):
        if unit == "week":
            return pub - dt.timedelta(days=pub.weekday()), pub
        if unit == "month":
            return pub.replace(day=1), pub
        return dt.date(pub.year, 1, 1), pub
    if kind == "last_unit":
        if unit == "week":
            monday = pub - dt.timedelta(days=pub.weekday() + 7)
            return monday, monday + dt.timedelta(days=6)
        if unit == "month":
            last = pub.replace(day=1) - dt.timedelta(days=1)
            return last.replace(day=1), last
        return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31)
    if kind == "first_days":
        raw = g["n"].lower()
        n = int(raw) if raw.isdigit() else _SMALL.get(raw, 1)
        return dt.date(pub.year, 1, 1), dt.date(pub.year, 1, 1) + dt.timedelta(days=n - 1)
    if kind == "over_unit":
        return pub - dt.timedelta(days={"week": 7, "month": 30, "year": 365}[unit]), pub
    if kind == "past_n":
        raw = (g.get("n") or "1").lower()
        n = int(raw) if raw.isdigit() else _SMALL.get(raw, 1)
        if unit.startswith("hour"):
            return pub - dt.timedelta(days=max(1, -(-n // 24))), pub
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit.rstrip("s")] * n
        return pub - dt.timedelta(days=days), pub
    return None, None


def find_period_cues(
    sentence: str, pub: dt.date | None, low: str | None = None, hints: list[tuple[int, int]] | None = None,
) -> list[PeriodCue]:
    """Period expressions of a sentence in text order (without overlaps); `low` is its folded text;
    `hints` as for `find_date_cues`."""
    if low is None:
        low = fold(sentence)
    windows = _windows_around(low, hints if hints is not None else _hint_spans(_PERIOD_HINT, low))
    if not windows:
        return []
    for w in windows:
        _abbreviated_months(low, w)
        if "previous" in low[w[0]:w[1]]:
            w[2] |= _PAST_FLAG  # 'the previous 3 days' has no hint word of its own
    cues: list[PeriodCue] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PERIOD_PATTERNS:
        needs_all = _PERIOD_NEEDS[kind]
        for lo, hi, flags in windows:
            if flags & needs_all != needs_all:
                continue
            for m in pattern.finditer(low, lo, hi):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                start, end = _resolve_period(kind, m, pub)
                if end is not None and end < FULL_SCALE_INVASION:
                    continue  # 'born in 2013': a year before the war sums no strikes
                cues.append(PeriodCue(m.start(), m.end(), start, end))
    cues.sort(key=lambda c: c.start)
    return cues
