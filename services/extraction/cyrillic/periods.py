"""Periods of Ukrainian and Russian text: the time a total covers, as an ordered table of named
rules (first match wins), each with an example of ours and the bounds it gives (its test).

Bounds come from the publication day; without one they stay None (never a guess), but the figure
is still a period total: 'за тиждень' says the figure sums many attacks whatever the date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from schemas.calendar import MONTHS
from services.extraction.cyrillic.numbers import word_value
from services.extraction.dates import FULL_SCALE_INVASION

SUNDAY = 6
WINTER_START_MONTH = 12  # meteorological winter: December to February
Bounds = tuple[dt.date | None, dt.date | None]


def _since_invasion(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    return FULL_SCALE_INVASION, pub


def _since_year_start(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    return (dt.date(pub.year, 1, 1), pub) if pub is not None else (None, None)


def _since_month_start(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    return (pub.replace(day=1), pub) if pub is not None else (None, None)


def _in_year(_pub: dt.date | None, m: re.Match[str]) -> Bounds:
    """'у 2024 році', 'в 2025 году': the calendar year (whatever the publication day)."""
    year = int(m.group("year"))
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _day_range(pub: dt.date | None, m: re.Match[str]) -> Bounds:
    """'з 1 по 7 жовтня', 'с 25 сентября по 1 октября': those days, in the latest year that puts
    the end on or before publication."""
    end_month = MONTHS.get(m.group("m2"))
    start_month = MONTHS.get(m.group("m1")) if m.group("m1") else end_month
    if pub is None or end_month is None or start_month is None:
        return None, None
    for year in (pub.year, pub.year - 1):
        try:
            end = dt.date(year, end_month, int(m.group("d2")))
            start = dt.date(year - (start_month > end_month), start_month, int(m.group("d1")))
        except ValueError:
            return None, None
        if end <= pub:
            return start, end
    return None, None


def _week_to_sunday(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    """The week (Monday..Sunday) ending on the latest Sunday not after publication: weekly tallies
    are Sunday posts, retold on Monday ('за минулий тиждень' in a Monday piece is last week)."""
    if pub is None:
        return None, None
    sunday = pub - dt.timedelta(days=(pub.weekday() - SUNDAY) % 7)
    return sunday - dt.timedelta(days=6), sunday


def _past_day(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    return (pub - dt.timedelta(days=1), pub) if pub is not None else (None, None)


def _since_named_month(pub: dt.date | None, m: re.Match[str]) -> Bounds:
    """'з початку жовтня', 'с начала ноября': from that month's first day (the latest one not after
    publication) to publication."""
    month = MONTHS.get(m.group("mon"))
    if pub is None or month is None:
        return None, None
    return dt.date(pub.year - (month > pub.month), month, 1), pub


def _past_month(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    """'минулого місяця', 'за прошлый месяц': the calendar month before publication's."""
    if pub is None:
        return None, None
    end = pub.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end


def _past_days(pub: dt.date | None, m: re.Match[str]) -> Bounds:
    """'за останні сім днів', 'за 10 суток': that many days back from publication, as 'за добу'
    is the one day back."""
    days = _days_named(m)
    return (pub - dt.timedelta(days=days), pub) if pub is not None and days else (None, None)


def _days_named(m: re.Match[str]) -> int | None:
    """The number of days a 'за N днів' match names (digits or a number word), or None."""
    word = m.group("n")
    return int(word) if word.isdigit() else word_value(word, "uk") or word_value(word, "ru")


def latest_weekday(pub: dt.date, weekday: int) -> dt.date:
    """The latest day that is `weekday` (Monday 0) not after `pub`."""
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def _weekend(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    """'за вихідні', 'на выходных': the latest Saturday not after publication, and its Sunday."""
    if pub is None:
        return None, None
    saturday = latest_weekday(pub, SUNDAY - 1)
    return saturday, min(saturday + dt.timedelta(days=1), pub)


def _winter(pub: dt.date | None, _m: re.Match[str]) -> Bounds:
    """This (or the last) winter: December 1 to the end of February, cut at publication."""
    if pub is None:
        return None, None
    year = pub.year if pub.month == WINTER_START_MONTH else pub.year - 1
    end = dt.date(year + 1, 3, 1) - dt.timedelta(days=1)
    return dt.date(year, WINTER_START_MONTH, 1), min(end, pub)


@dataclass(frozen=True, slots=True)
class PeriodRule:
    name: str
    pattern: re.Pattern[str]
    bounds: Callable[[dt.date | None, re.Match[str]], Bounds]  # from the publication day and the match
    example: str  # lower-case, as the rules see text
    expect: Bounds  # the example's bounds when published on EXAMPLE_PUB


EXAMPLE_PUB = dt.date(2026, 3, 2)  # a Monday
_ANY = (
    r"(?:минул\w*|минувш\w*|прошл\w*|прошедш\w*|останн\w*|последн\w*|истекш\w*"
    r"|ц(?:ей|ього|і|ю)|эт(?:у|от|ой|и))"
)

# fmt: off
PERIOD_RULES: tuple[PeriodRule, ...] = (
    PeriodRule("day_range", re.compile(
        r"(?:з|із|с|від)\s+(?P<d1>\d{1,2})(?:\s+(?P<m1>[а-яіїєґё]+))?\s+(?:по|до)\s+(?P<d2>\d{1,2})\s+(?P<m2>[а-яіїєґё]+)"),
        _day_range, "з 16 по 22 лютого ворог застосував 1100 дронів",
        (dt.date(2026, 2, 16), dt.date(2026, 2, 22))),  # named days: before 'за тиждень' beside them
    PeriodRule("since_invasion", re.compile(
        r"(?:з|із|с|від)\s+початку\s+(?:повномасштабн\w+\s+)?(?:вторгнення|війни|агресії)"
        r"|(?:с|со)\s+начала\s+(?:специальной\s+военной\s+операции|сво|(?:полномасштабн\w+\s+)?(?:войны|вторжения))"
        r"|за\s+(?:час|роки|весь\s+час)\s+повномасштабн\w+\s+(?:вторгнення|війни)"
        r"|за\s+(?:время|годы)\s+полномасштабн\w+\s+(?:вторжения|войны)"),
        _since_invasion, "з початку повномасштабного вторгнення збито понад 500 ракет",
        (FULL_SCALE_INVASION, EXAMPLE_PUB)),
    PeriodRule("past_week", re.compile(
        r"(?:за|протягом|упродовж|в\s+течение)\s+(?:" + _ANY + r"\s+)?(?:тиждень|тижня|неделю|недели)"
        r"|(?:цього|минулого|цей|на\s+цьому|на\s+минулому|на\s+этой|на\s+прошлой)\s+(?:тижня|тижні|неделе)"),
        _week_to_sunday, "за минулий тиждень ворог випустив 1200 дронів",
        (dt.date(2026, 2, 23), dt.date(2026, 3, 1))),
    PeriodRule("past_day", re.compile(
        r"(?:за|протягом|упродовж|в\s+течение|в|у)\s+(?:" + _ANY + r"\s+)?(?:доб[уи]|сут(?:ок|ки))"
        r"|(?:як|как)\s+(?:минул[аи]|прошл[аи])\s+(?:доба|сутки)|минул\w+\s+доби"),
        _past_day, "як минула доба на харківщині: поранено трьох людей",
        (dt.date(2026, 3, 1), EXAMPLE_PUB)),
    PeriodRule("winter", re.compile(
        r"(?:ціє[їй]|цю|минул\w+|эт(?:ой|у)|прошл\w+)\s+зим\w*|за\s+зиму|(?:місяц\w*|месяц\w*)\s+зими"),
        _winter, "за три місяці зими росія випустила понад 14 тисяч кабів",
        (dt.date(2025, 12, 1), dt.date(2026, 2, 28))),
    PeriodRule("since_year_start", re.compile(
        r"(?:з|із|с|від)\s+початку\s+(?:цього\s+|поточного\s+)?року|(?:с|со)\s+начала\s+(?:этого\s+|текущего\s+)?года"),
        _since_year_start, "з початку року ворог випустив понад 30 тисяч дронів",
        (dt.date(2026, 1, 1), EXAMPLE_PUB)),
    PeriodRule("since_named_month", re.compile(
        r"(?:з|із|с|со|від)\s+(?:самого\s+)?(?:початку|начала)\s+(?P<mon>[а-яіїєґё]+)"),
        _since_named_month, "з початку лютого ворог випустив по області 900 дронів",
        (dt.date(2026, 2, 1), EXAMPLE_PUB)),
    PeriodRule("past_month", re.compile(
        r"(?:за|протягом|упродовж|в\s+течение)\s+(?:минул\w*|прошл\w*|истекш\w*|минувш\w*)\s+(?:місяц\w*|месяц\w*)"
        r"|(?:минулого|прошлого)\s+місяця|(?:у|в|на)\s+(?:минулому|прошлом)\s+(?:місяці|месяце)"),
        _past_month, "в прошлом месяце россия выпустила 6000 дронов",
        (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
    PeriodRule("this_month", re.compile(
        r"(?:за|протягом|упродовж)\s+(?:цей|этот|текущий|поточний)\s+(?:місяць|месяц)"
        r"|цього\s+місяця|(?:у|в)\s+(?:цьому|этом)\s+(?:місяці|месяце)"),
        _since_month_start, "цього місяця ворог уже випустив 300 дронів",
        (dt.date(2026, 3, 1), EXAMPLE_PUB)),
    PeriodRule("past_days", re.compile(
        r"(?:за|протягом|упродовж|в\s+течение)\s+(?:" + _ANY + r"\s+)?(?P<n>\d{1,2}|[а-яіїєґё']+)\s+"
        r"(?:днів|дні|дня|дней|діб|доби|суток)(?![а-яіїєґё])"),
        _past_days, "за останні сім днів ворог запустив 1200 дронів",
        (dt.date(2026, 2, 23), EXAMPLE_PUB)),
    PeriodRule("weekend", re.compile(
        r"(?:за|на|протягом)\s+(?:минул\w+\s+|прошл\w+\s+)?(?:вихідн|выходн)\w*"),
        _weekend, "за вихідні ворог атакував харків 60 дронами",
        (dt.date(2026, 2, 28), dt.date(2026, 3, 1))),
    PeriodRule("since_month_start", re.compile(
        r"(?:з|із|с|від)\s+початку\s+(?:цього\s+|поточного\s+)?місяця|(?:с|со)\s+начала\s+(?:этого\s+|текущего\s+)?месяца"),
        _since_month_start, "с начала месяца сбиты 2100 беспилотников",
        (dt.date(2026, 3, 1), EXAMPLE_PUB)),
    PeriodRule("in_year", re.compile(
        r"(?:у|в|за|протягом|упродовж|в\s+течение)\s+(?P<year>20\d\d)\s*(?:році|рік|року|р\.|году|год|года|г\.)"),
        _in_year, "у 2025 році росія випустила понад 50 тисяч дронів",
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31))),
)
# fmt: on


PERIOD_WORD = re.compile(
    r"тиж|недел|доб|сут|зим|рок|році|рік|20\d\d|год|місяц|месяц|вторгн|війн|войн|агрес|сво\b|дн[іяе]|діб|вихідн|выходн"
    r"|початк|начал|\d\s+(?:[а-яіїєґё]+\s+)?(?:по|до)\s"
)
"""a word every period rule needs: most sentences have none, and skip the rules"""


def find_period(low: str, pub: dt.date | None) -> tuple[str, Bounds] | None:
    """The first period rule the sentence matches, with its bounds; None when none does."""
    if not PERIOD_WORD.search(low):
        return None
    for rule in PERIOD_RULES:
        if m := rule.pattern.search(low):
            groups = m.groupdict()
            if any(MONTHS.get(groups[g]) is None for g in MONTH_GROUPS if g in groups and groups[g]):
                continue  # 'з 5 до 7 ранку', 'з початку року': no month named, another rule's
            if groups.get("n") and not _days_named(m):
                continue  # 'за кілька днів': no number of days
            return rule.name, rule.bounds(pub, m)
    return None


MONTH_GROUPS = ("m2", "mon")
"""the pattern groups that must hold a month's name for their rule to apply"""


PAST_DAY = next(rule for rule in PERIOD_RULES if rule.name == "past_day")
"""the rule a day tally's opening reads ('за добу', 'протягом минулої доби')"""
