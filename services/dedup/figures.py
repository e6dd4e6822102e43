"""What a report states, as dedup sees it: its figures in text order, and the night it is about.

Why: a near-duplicate must state the same thing. The Air Force, the Russian MoD and the wires
publish every night in the same wording with other figures and dates, so word shingles say "the
same text" (estimated Jaccard 0.6-0.8) for two different nights. Shingles cannot tell them apart;
the figures and the night can, in any language, without the extraction service:

- **figures**: every number, number word (one..ten in English, Ukrainian, Russian) and weekday of
  the body, in text order, as 16-bit codes. A republication keeps them (headline changed, byline or
  source line added, a paragraph dropped, another outlet's dateline): one sequence is a
  subsequence of the other. Another night's report changes a figure or a date, so neither is.
  Order matters: "launched 50, downed 40" and "launched 40, downed 50" are different nights
  although their number sets are equal. (The bottom-k number sample kept before could not say
  that, and a template's own numbers (18:00, 08:30) made any two nights "share half".)
- **night**: the latest date the body names (day + month, or a weekday) on or before the
  publication day and at most a week before it, else the publication day, both in Kyiv time.
  Stories group reports of one attack, so a story never joins two nights.
"""

from __future__ import annotations

import datetime as dt
import zlib

import numpy as np

from schemas.calendar import KYIV, MONTHS, WEEKDAYS

FIGURES_KEPT = 32
"""figures remembered per article (text order); a longer report is compared on its first 32"""
NO_NIGHT = -1
"""night unknown (no publication or arrival time): no night conflicts with it"""
NIGHT_LOOKBACK_DAYS = 7
"""a date named more than a week before publication is a reference, not the night reported"""

_NUMBER_LIMIT = 0xF000
"""numbers below this are their own code; larger ones are hashed into the codes above it"""
_LARGE_BUCKETS = 0x0F00
_WEEKDAY_CODE = 0xFF00
_EPOCH = dt.date(1970, 1, 1)

NUMBER_WORDS: dict[str, int] = {
    w: n for n, forms in enumerate([
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ]) for w in forms.split()
} | {
    w: n for n, forms in enumerate([
        "", "один одна одне одного одну одним одній", "два дві двох двома", "три трьох трьома",
        "чотири чотирьох чотирма", "п'ять п'яти п'ятьма", "шість шести шістьма", "сім семи сьома",
        "вісім восьми вісьмома", "дев'ять дев'яти дев'ятьма", "десять десяти десятьма",
    ]) for w in forms.split()
} | {
    w: n for n, forms in enumerate([
        "", "одно одним одной", "две двух двумя", "трех трёх тремя", "четыре четырех четырёх",
        "пять пяти пятью", "шесть шестью", "семь семью", "восемь восьми", "девять девяти",
    ]) for w in forms.split()
} | {"eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20}
"""number words read as figures (small counts are written in words: "two ballistic missiles")"""


def _number_code(word: str) -> int:
    value = int(word) if len(word) < 10 else _NUMBER_LIMIT
    if value < _NUMBER_LIMIT:
        return value
    return _NUMBER_LIMIT + zlib.crc32(word.lstrip("0").encode()) % _LARGE_BUCKETS


_MONTH_MARK = 0x10000
"""lexicon codes at or above this are months (dates, not figures)"""
_LEXICON: dict[str, int] = (NUMBER_WORDS | {w: _WEEKDAY_CODE + d for w, d in WEEKDAYS.items()}
                            | {w: _MONTH_MARK + m for w, m in MONTHS.items()})
# the dedup tokens split at apostrophes ("п'ять" -> "п", "ять"): such words are looked up by pair
_SPLIT: dict[tuple[str, str], int] = {
    (w.partition("'")[0], w.partition("'")[2]): code for w, code in _LEXICON.items() if "'" in w
}
_SPLIT_HEADS = frozenset(head for head, _ in _SPLIT)


def read(ws: list[str], published: dt.datetime | None) -> tuple[np.ndarray, int]:
    """The figures (uint16 codes in text order, at most FIGURES_KEPT) and the night (days since
    1970-01-01, the Kyiv date of its morning; NO_NIGHT without a publication time) of a body
    given as dedup tokens (text.tokens). One pass, one dict lookup per word: this runs on every
    article in the parallel stage."""
    codes: list[int] = []
    day = None if published is None else kyiv_day(published)
    best: dt.date | None = None
    n = len(ws)
    for i, w in enumerate(ws):
        if w.isdigit():
            if len(codes) < FIGURES_KEPT:
                codes.append(_number_code(w))
            continue
        code = _LEXICON.get(w)
        if code is None:
            if w not in _SPLIT_HEADS or i + 1 == n or (code := _SPLIT.get((w, ws[i + 1]))) is None:
                continue
        named: dt.date | None = None
        if code >= _MONTH_MARK:
            if day is not None:
                named = _day_month(ws, i, code - _MONTH_MARK, day)
        else:
            if len(codes) < FIGURES_KEPT:
                codes.append(code)
            if code >= _WEEKDAY_CODE and day is not None:
                named = day - dt.timedelta(days=(day.isoweekday() - (code - _WEEKDAY_CODE)) % 7)
        if (named is not None and day is not None and 0 <= (day - named).days <= NIGHT_LOOKBACK_DAYS
                and (best is None or named > best)):
            best = named
    if day is None:
        return np.array(codes, dtype=np.uint16), NO_NIGHT
    return np.array(codes, dtype=np.uint16), ((best or day) - _EPOCH).days


def same_night(a: int, b: int) -> bool:
    """Two nights agree when equal or when either is unknown (engine._same_night is its
    vectorised form over remembered rows)."""
    return a == b or NO_NIGHT in (a, b)


def figures_agree(a: np.ndarray, b: np.ndarray) -> bool:
    """Do two reports state the same figures? True when one figure sequence is a subsequence of
    the other (a republication adds or drops lines, never changes a figure). A sequence cut at
    FIGURES_KEPT that runs out before the other is matched cannot tell: agree."""
    return _within(a, b) or _within(b, a)


def _within(short: np.ndarray, long: np.ndarray) -> bool:
    if len(short) > len(long) and len(long) < FIGURES_KEPT:
        return False
    it = iter(long.tolist())
    for code in short.tolist():
        for other in it:
            if other == code:
                break
        else:
            return len(long) >= FIGURES_KEPT
    return True


def kyiv_day(when: dt.datetime) -> dt.date:
    return when.astimezone(KYIV).date()


def _day_month(ws: list[str], i: int, month: int, day: dt.date) -> dt.date | None:
    """A date written "6 грудня" / "6 December" / "December 6" around the month word at i, in the
    year that puts it on or before the publication day."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(ws) and ws[j].isdigit() and len(ws[j]) <= 2:
            year = day.year if (month, int(ws[j])) <= (day.month, day.day) else day.year - 1
            try:
                return dt.date(year, month, int(ws[j]))
            except ValueError:
                return None
    return None
