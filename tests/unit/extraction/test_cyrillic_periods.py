"""Ukrainian and Russian periods and qualifiers: each period rule gives its example's bounds, a
headline day tally dates the figures under it, 'nearly' is at most and a toll 'rose to' N is
exact. Texts are ours."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.article import Article
from services.extraction.cyrillic.periods import EXAMPLE_PUB, PERIOD_RULES, find_period
from services.extraction.extractor import read_article
from tests.support.extraction import article


def _article(text: str, published: dt.date | None = EXAMPLE_PUB) -> Article:
    return article(text, published=f"{published.isoformat()}T06:00:00+00:00" if published else None)


@pytest.mark.parametrize("rule", PERIOD_RULES, ids=lambda r: r.name)
def test_period_rule_gives_its_example_bounds(rule) -> None:  # noqa: ANN001
    assert find_period(rule.example, EXAMPLE_PUB) == (rule.name, rule.expect)


def test_a_week_ends_on_the_sunday_not_after_publication() -> None:
    sunday, monday = dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    week = (dt.date(2026, 2, 23), sunday)
    assert find_period("за цей тиждень", sunday) == ("past_week", week)
    assert find_period("за цей тиждень", monday) == ("past_week", week)


def test_without_a_publication_day_a_total_keeps_null_bounds() -> None:
    drafts = read_article(_article("За останній тиждень окупанти випустили 1720 ударних дронів.", None)).drafts
    assert [(d.scope.value, d.period.start, d.period.end) for d in drafts] == [("period_total", None, None)]


def test_a_headline_day_tally_dates_the_figures_under_it() -> None:
    text = ("Троє поранених – як минула доба на Харківщині\n"
            "У Куп'янську постраждали троє людей.\n"
            "Ще один чоловік отримав поранення у Чугуєві.")
    drafts = read_article(_article(text)).drafts
    day = (dt.date(2026, 3, 1), EXAMPLE_PUB)
    assert drafts and all((d.scope.value, d.period.start, d.period.end) == ("period_total", *day) for d in drafts)


@pytest.mark.parametrize(("text", "qualifier"), [
    ("Росія випустила майже 1300 керованих авіаційних бомб.", "at_most"),
    ("Россия выпустила почти 70 ракет.", "at_most"),
    ("Ворог випустив більш ніж 100 ракет.", "at_least"),
    ("Кількість загиблих у місті зросла до 23.", "exact"),
    ("До 23 зросла кількість загиблих у місті.", "exact"),
    ("Ворог випустив до 50 дронів.", "at_most"),
    ("Ворог випустив близько 50 дронів.", "about"),
])
def test_qualifiers(text: str, qualifier: str) -> None:
    assert [d.qualifier.value for d in read_article(_article(text)).drafts] == [qualifier]


@pytest.mark.parametrize(("text", "day"), [
    ("Вечером накануне в Курской области пострадала 30-летняя женщина.", dt.date(2026, 3, 1)),
    ("Кількість загиблих внаслідок удару по Києву вночі 27 лютого зросла до 9.", dt.date(2026, 2, 27)),
    ("Сьогодні ворог атакував Харків 12 дронами.", EXAMPLE_PUB),
])
def test_days_before_and_on_publication(text: str, day: dt.date) -> None:
    assert [d.date for d in read_article(_article(text)).drafts] == [day]


def test_a_qualifier_before_a_preposition() -> None:
    text = "Глава региона сообщил как минимум о 15 пострадавших после атаки ВСУ."
    assert [d.qualifier.value for d in read_article(_article(text)).drafts] == ["at_least"]


@pytest.mark.parametrize(("text", "day"), [
    ("У суботу ворог атакував Одесу 20 дронами.", dt.date(2026, 2, 28)),
    ("В ночь на воскресенье ПВО сбила 30 беспилотников.", dt.date(2026, 3, 1)),
    ("У понеділок росіяни випустили по Сумах 5 ракет.", EXAMPLE_PUB),
])
def test_a_named_weekday_is_the_latest_such_day(text: str, day: dt.date) -> None:
    assert [d.date for d in read_article(_article(text)).drafts] == [day]


def test_named_days_beside_a_week_give_the_bounds() -> None:
    drafts = read_article(_article("За тиждень з 9 по 15 лютого ворог застосував 900 дронів.")).drafts
    assert [(d.period.start, d.period.end) for d in drafts] == [(dt.date(2026, 2, 9), dt.date(2026, 2, 15))]


def test_a_count_of_days_without_a_number_is_no_period() -> None:
    assert find_period("за кілька днів", EXAMPLE_PUB) is None


def test_today_in_a_post_written_on_a_named_day_is_that_day() -> None:
    text = ("Про це президент написав у телеграм-каналі у неділю.\n"
            "«Був удар і сьогодні: понад 100 дронів і три балістичні ракети».")
    assert {d.date for d in read_article(_article(text)).drafts} == {dt.date(2026, 3, 1)}
