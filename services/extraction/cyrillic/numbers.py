"""Numbers in Ukrainian and Russian text: digits ('1 200' with a space between thousands) and
number words in any case ('двох', 'п'ятьма', 'восьми'), read through pymorphy3's lemma of each
word so that the value table lists each number once, in its dictionary form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from services.extraction.cyrillic.forms import analyzer

_VALUES: dict[str, int] = {}
for _words, _value in (
    ("один одна одне одно", 1),
    ("два дві две обидва обидві оба обе", 2),
    ("три", 3),
    ("чотири четыре", 4),
    ("п'ять пять", 5),
    ("шість шесть", 6),
    ("сім семь", 7),
    ("вісім восемь", 8),
    ("дев'ять девять", 9),
    ("десять", 10),
    ("одинадцять одиннадцать", 11),
    ("дванадцять двенадцать", 12),
    ("тринадцять тринадцать", 13),
    ("чотирнадцять четырнадцать", 14),
    ("п'ятнадцять пятнадцать", 15),
    ("шістнадцять шестнадцать", 16),
    ("сімнадцять семнадцать", 17),
    ("вісімнадцять восемнадцать", 18),
    ("дев'ятнадцять девятнадцать", 19),
    ("двадцять двадцать", 20),
    ("тридцять тридцать", 30),
    ("сорок", 40),
    ("п'ятдесят пятьдесят", 50),
    ("шістдесят шестьдесят", 60),
    ("сімдесят семьдесят", 70),
    ("вісімдесят восемьдесят", 80),
    ("дев'яносто девяносто", 90),
    ("сто", 100),
    ("двісті двести", 200),
    ("триста", 300),
    ("чотириста четыреста", 400),
    ("п'ятсот пятьсот", 500),
    ("шістсот шестьсот", 600),
    ("сімсот семьсот", 700),
    ("вісімсот восемьсот", 800),
    ("дев'ятсот девятьсот", 900),
    ("двоє двое", 2),
    ("троє трое", 3),
    ("четверо", 4),
    ("п'ятеро пятеро", 5),
    ("шестеро", 6),
    ("семеро", 7),
    ("восьмеро", 8),
    ("дев'ятеро девятеро", 9),
    ("десятеро", 10),
):
    for _w in _words.split():
        _VALUES[_w] = _value
INSTRUMENTAL_ONLY = {"семью": 7}
"""'семью ракетами': seven, when a plural instrumental follows (else 'семью' is 'family')"""
INSTRUMENTAL_NEXT = re.compile(r"\s+(?:[а-яіїєґё'-]+\s+){0,2}?[а-яіїєґё'-]+(?:ами|ями)(?![а-яіїєґё])")
THOUSAND = frozenset({"тисяча", "тысяча"})
APPROXIMATE: dict[str, int] = {
    **dict.fromkeys(("полдюжины", "полдюжину", "півдюжини"), 6),
    **dict.fromkeys(("десяток", "десятка", "десятку", "десятком", "десятке"), 10),
    **dict.fromkeys(("дюжина", "дюжину", "дюжины", "дюжиною", "дюжиной"), 12),
}
"""round-number nouns, in the singular only ('десятки' is 'tens of'): a figure about that size"""
# a run of digits, '1 200' with a space between thousands; not a time ('08:30') or a decimal, nor
# the tail of a date or a model name ('2025-12-27', 'Х-22', 'С-300', 'Ту22М3')
DIGITS = re.compile(
    r"(?<![\d:.,а-яіїєґёa-z])(?<!\d-)(?<![а-яіїєґёa-z]-)"
    r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?!\d|[:.,]\d)"
)
WORD = re.compile(r"[а-яіїєґё][а-яіїєґё']*")


@dataclass(frozen=True, slots=True)
class CyrNumber:
    start: int
    end: int
    value: int
    approximate: bool = False  # 'полдюжины', 'близько десятка': about, whatever stands before
    elided: bool = False  # 'столько же': the figure before, again, with its noun left out


@cache
def word_value(word: str, lang: str) -> int | None:
    """The value of one number word in any case, or None ('тисяча' is 1000)."""
    if word in _VALUES:
        return _VALUES[word]
    if not any(word.startswith(s) for s in _STEMS):  # most words: no analyser call (~50 µs each)
        return None
    lemma = analyzer(lang).parse(word)[0].normal_form
    if lemma in THOUSAND:
        return 1000
    return _VALUES.get(lemma)


_STEMS = tuple(
    sorted(
        {w[:3] for w in _VALUES}
        | {
            "тис",
            "тыс",
            "дво",
            "дву",
            "тро",
            "трь",
            "тре",
            "чот",
            "чет",
            "шіс",
            "шес",
            "сем",
            "вос",
            "дев",
            "сор",
            "ста",
            "сот",
            "п'я",
            "пят",
        }
    )
)


def find_numbers(low: str, lang: str) -> list[CyrNumber]:
    """Digit runs and runs of number words ('сто сорок два', 'дві тисячі') with their values."""
    out: list[CyrNumber] = [
        CyrNumber(m.start(), m.end(), int(re.sub(r"\D", "", m.group()))) for m in DIGITS.finditer(low)
    ]
    run_start = run_end = -1
    total = current = 0
    for m in WORD.finditer(low):
        if m.group() in APPROXIMATE:
            out.append(CyrNumber(m.start(), m.end(), APPROXIMATE[m.group()], approximate=True))
        value = word_value(m.group(), lang)
        if value is None and m.group() in INSTRUMENTAL_ONLY and INSTRUMENTAL_NEXT.match(low, m.end()):
            value = INSTRUMENTAL_ONLY[m.group()]
        adjacent = run_end >= 0 and low[run_end : m.start()].strip() == ""
        if value is None:
            if run_end >= 0:
                out.append(CyrNumber(run_start, run_end, total + current))
            run_start = run_end = -1
            total = current = 0
            continue
        if run_end >= 0 and not adjacent:
            out.append(CyrNumber(run_start, run_end, total + current))
            run_start = -1
            total = current = 0
        if run_start < 0:
            run_start = m.start()
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += value
        run_end = m.end()
    if run_end >= 0:
        out.append(CyrNumber(run_start, run_end, total + current))
    return _thousands(low, sorted(out, key=lambda n: n.start))


SAME_AGAIN = re.compile(r"(?<![а-яіїєґё])(?:столько\s+же|стільки\s+ж(?:е)?)(?![а-яіїєґё])")


def with_same_again(low: str, numbers: list[CyrNumber]) -> list[CyrNumber]:
    """'три — над Крымом и столько же над морем': 'столько же' is the figure before it again."""
    out = list(numbers)
    for m in SAME_AGAIN.finditer(low):
        before = [n for n in out if n.end <= m.start()]
        if before:
            out.append(CyrNumber(m.start(), m.end(), before[-1].value, before[-1].approximate, elided=True))
    return sorted(out, key=lambda n: n.start)


THOUSANDS_AFTER = re.compile(r"\s*(?:тисяч\w*|тысяч\w*|тис\.|тыс\.)")
TENS_AFTER = re.compile(
    r"\s+(?:(?P<tens>десятк(?:и|ів|ами|ах|ам)|десятков)|(?P<hundreds>сотн(?:і|и|ями|ях|ям|ей)|сотен))(?![а-яіїєґё])"
)
"""'п'ятьма десятками дронів', 'три сотни ракет': a number word times the tens or hundreds after it"""


def _thousands(low: str, numbers: list[CyrNumber]) -> list[CyrNumber]:
    """'6 тисяч', '19 тыс.': digits times the thousand word after them (one number, not two);
    'шістьма десятками': a number word times the tens noun after it."""
    out: list[CyrNumber] = []
    skip_until = -1
    for n in numbers:
        if n.start < skip_until:
            continue
        m = THOUSANDS_AFTER.match(low, n.end)
        if m and low[n.start].isdigit() and n.value < 1000:
            out.append(CyrNumber(n.start, m.end(), n.value * 1000))
            skip_until = m.end()
        elif (t := TENS_AFTER.match(low, n.end)) and n.value < 10 and not n.approximate:
            out.append(CyrNumber(n.start, t.end(), n.value * (10 if t.group("tens") else 100)))
            skip_until = t.end()
        else:
            out.append(n)
    return out
