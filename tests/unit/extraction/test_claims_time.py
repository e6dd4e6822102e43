"""Dates, scope and periods, and reference figures, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.extraction import claims

# Saturday 20 September 2025, 08:30 UTC = 11:30 in Kyiv.
PUB = "2025-09-20T08:30:00+00:00"


@pytest.mark.parametrize(("phrase", "expected"), [
    ("overnight", dt.date(2025, 9, 20)),
    ("last night", dt.date(2025, 9, 20)),
    ("overnight Friday", dt.date(2025, 9, 19)),
    ("early on Monday", dt.date(2025, 9, 15)),
    ("on Friday", dt.date(2025, 9, 19)),
    ("on September 16", dt.date(2025, 9, 16)),
    ("on the night of September 6 to 7", dt.date(2025, 9, 7)),
    ("on Thursday night", dt.date(2025, 9, 19)),
    ("yesterday", dt.date(2025, 9, 19)),
])
def test_dates_resolve_against_publication(phrase: str, expected: dt.date) -> None:
    (claim,) = claims(f"Russia launched 90 drones at Ukraine {phrase}, the Air Force said.", published=PUB)
    assert claim.date == expected
    assert claim.scope.value == "single_attack"


def test_publication_day_is_taken_in_kyiv_time() -> None:
    (claim,) = claims("Russia launched 90 drones overnight.", published="2025-09-19T22:30:00+00:00")
    assert claim.date == dt.date(2025, 9, 20)


def test_news_without_a_date_cue_is_dated_by_publication() -> None:
    (claim,) = claims("Russia has launched 90 drones at the city, officials said.", published=PUB)
    assert claim.date == dt.date(2025, 9, 20)  # the publication day, Kyiv time
    (claim,) = claims("Russia has launched 90 drones at the city, officials said.", published=None)
    assert claim.date is None  # never a guess without one


def test_date_carries_to_following_sentences() -> None:
    got = claims("Russia attacked Ukraine overnight into Friday. The enemy used 200 drones. "
                 "Air defence shot down 180 of them.", published=PUB)
    assert [c.date for c in got] == [dt.date(2025, 9, 19)] * 2


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("since the beginning of September", dt.date(2025, 9, 1), dt.date(2025, 9, 20)),
    ("in July", dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
    ("since 2022", dt.date(2022, 1, 1), dt.date(2025, 9, 20)),
    ("since the start of the full-scale invasion", dt.date(2022, 2, 24), dt.date(2025, 9, 20)),
    ("this month", dt.date(2025, 9, 1), dt.date(2025, 9, 20)),
    ("last month", dt.date(2025, 8, 1), dt.date(2025, 8, 31)),
])
def test_period_totals(phrase: str, start: dt.date, end: dt.date) -> None:
    (claim,) = claims(f"Russia has launched more than 3,500 drones at Ukraine {phrase}.", published=PUB)
    assert claim.scope.value == "period_total"
    assert (claim.period.start, claim.period.end) == (start, end)
    assert claim.date is None and claim.qualifier.value == "at_least"


def test_single_night_inside_a_month_is_a_single_attack() -> None:
    (claim,) = claims("In July, Russia launched 728 drones in a single night.", published=PUB)
    assert claim.scope.value == "single_attack"


def test_previous_record_is_a_reference() -> None:
    got = claims("Russia launched 810 drones overnight, surpassing the previous record of 728.", published=PUB)
    assert [(c.value, c.is_reference, c.weapon_class.value) for c in got] == [
        (810, False, "drones"), (728, True, "drones")]
    assert got[0].date == dt.date(2025, 9, 20)


def test_earlier_dated_attack_is_a_reference() -> None:
    got = claims("Russia launched 600 drones overnight. The largest attack so far came on July 9, when "
                 "Russia launched 741 drones and missiles.", published=PUB)
    assert [(c.value, c.is_reference, c.date) for c in got] == [
        (600, False, dt.date(2025, 9, 20)), (741, True, dt.date(2025, 7, 9))]


def test_night_of_a_date_wins_over_the_start_time() -> None:
    (claim,) = claims("On the night of September 18 (from 18:00 on September 17), the enemy attacked with "
                      "90 drones.", published=PUB)
    assert claim.date == dt.date(2025, 9, 18)


def test_an_attack_dated_weeks_before_publication_is_a_reference() -> None:
    (claim,) = claims("Analysts recalled that on July 9 Russia launched 728 drones at Ukraine.", published=PUB)
    assert (claim.value, claim.date, claim.is_reference) == (728, dt.date(2025, 7, 9), True)


def test_since_a_full_date_is_not_since_its_month() -> None:
    (claim,) = claims("Russian strikes have killed more than 700 civilians in Kharkiv since March 15, 2022.",
                      published=PUB)
    assert claim.scope.value == "period_total"
    assert (claim.period.start, claim.period.end) == (dt.date(2022, 3, 15), dt.date(2025, 9, 20))


def test_deadliest_since_a_date_when_names_that_day_s_attack() -> None:
    text = ("A missile killed nine people in Odesa overnight, the deadliest attack on the city since "
            "March 2, 2024, when a drone strike killed 12 people there.")
    got = claims(text, published=PUB)
    assert [(c.value, c.scope.value, c.date, c.is_reference) for c in got] == [
        (9, "single_attack", dt.date(2025, 9, 20), False), (12, "single_attack", dt.date(2024, 3, 2), True)]


@pytest.mark.parametrize(("phrase", "start", "end"), [
    ("to date", dt.date(2022, 2, 24), dt.date(2025, 9, 20)),
    ("since the beginning of the full-scale invasion", dt.date(2022, 2, 24), dt.date(2025, 9, 20)),
    ("in recent days", None, dt.date(2025, 9, 20)),
    ("in the first three days of the new year", dt.date(2025, 1, 1), dt.date(2025, 1, 3)),
    ("over the year", dt.date(2024, 9, 20), dt.date(2025, 9, 20)),
    ("in overnight attacks during August", dt.date(2025, 8, 1), dt.date(2025, 8, 31)),
])
def test_period_phrases_of_real_text(phrase: str, start: dt.date | None, end: dt.date) -> None:
    (claim,) = claims(f"Russia has launched 1,961 drones at Ukraine {phrase}, officials said.", published=PUB)
    assert claim.scope.value == "period_total"
    assert (claim.period.start, claim.period.end) == (start, end)


def test_a_week_after_is_no_period() -> None:
    claim = claims("On Friday, Russia fired 550 drones, a week after it launched 477.", published=PUB)[0]
    assert (claim.value, claim.scope.value) == (550, "single_attack")


def test_headline_period_and_body_figure_are_one_claim() -> None:
    got = claims("Russia launched 2,000 drones at Ukraine over the year\n\nThe Russian army has fired more "
                 "than 2,000 drones into Ukraine, the Land Forces said.", published=PUB)
    assert [(c.value, c.scope.value) for c in got] == [(2000, "period_total")]


def test_a_page_date_line_dates_nothing() -> None:
    text = ("Monday, November 28, 2025\n\nRussia launched 90 drones at Kyiv overnight, officials said on "
            "September 19.")
    (claim,) = claims(text, published=PUB)
    assert claim.date == dt.date(2025, 9, 19)
    (claim,) = claims("Monday, November 28, 2024\n\nRussia launched 90 drones at Kyiv, officials said.",
                      published=PUB)
    assert claim.date == dt.date(2025, 9, 20)  # the publication day, not the page's date line
