"""The Air Force table check: our extraction of an Air Force-style night report (our wording)
against the project's excerpt of the nightly table; a figure that differs, one we did not
extract, and a class the piece sums ('13 ракетами' = ballistic + cruise) are told apart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from schemas.extraction import Measure, WeaponClass
from services.common.checkout import TEST_DATA
from services.extraction.cyrillic.airforce_table import (
    AIR_FORCE_NAMED,
    NightRow,
    compare,
    load_nights,
    night_of,
    table_figure,
)
from tests.support.extraction import claims

EXCERPT = TEST_DATA / "extraction" / "airforce_nights.csv"
NIGHT = dt.date(2025, 9, 7)
PUB = "2025-09-07T09:00:00+00:00"
REPORT = (
    "У ніч на 7 вересня (з 18:00 6 вересня) противник атакував Україну 810 ударними БпЛА типу Шахед "
    "та дронами-імітаторами різних типів і 13 ракетами.\n\n"
    "За попередніми даними, станом на 08:30 протиповітряною обороною збито/подавлено 747 ворожих БпЛА "
    "та 4 ракети.\n\n"
    "Зафіксовано влучання 9 ракет та 54 ударних БпЛА на 37 локаціях."
)


def _claims(text: str) -> list:
    return claims(text, published=PUB)


def _verdicts(text: str) -> set[tuple[str, str, int | None, int | None, str]]:
    rows = load_nights(EXCERPT)[NIGHT]
    return {(c.weapon_class.value, c.measure.value, c.ours, c.table, c.verdict)
            for c in compare("af", _claims(text), rows)}


def test_the_excerpt_sums_models_into_our_classes() -> None:
    rows = load_nights(EXCERPT)[NIGHT]
    assert table_figure(rows, Measure.LAUNCHED, WeaponClass.DRONES) == 810
    assert table_figure(rows, Measure.LAUNCHED, WeaponClass.MISSILES) == 13  # Iskander-M 4 + Iskander-K 9
    assert table_figure(rows, Measure.INTERCEPTED, WeaponClass.BALLISTIC_MISSILES) == 0
    assert table_figure(rows, Measure.LAUNCHED, WeaponClass.TOTAL) == 823
    assert table_figure(rows, Measure.LAUNCHED, WeaponClass.GLIDE_BOMBS) is None


def test_an_air_force_report_matches_its_night() -> None:
    assert night_of(_claims(REPORT)) == NIGHT
    assert _verdicts(REPORT) == {
        ("drones", "launched", 810, 810, "match"), ("missiles", "launched", 13, 13, "match"),
        ("drones", "intercepted", 747, 747, "match"), ("missiles", "intercepted", 4, 4, "match")}


def test_a_wrong_figure_differs_and_a_missing_one_is_not_extracted() -> None:
    text = ("У ніч на 7 вересня противник атакував Україну 800 ударними БпЛА. "
            "Протиповітряною обороною збито/подавлено 747 ворожих БпЛА.")
    assert _verdicts(text) == {
        ("drones", "launched", 800, 810, "differs"), ("drones", "intercepted", 747, 747, "match"),
        ("ballistic_missiles", "launched", None, 4, "not extracted"),
        ("cruise_missiles", "launched", None, 9, "not extracted"),
        ("ballistic_missiles", "intercepted", None, 0, "not extracted"),
        ("cruise_missiles", "intercepted", None, 4, "not extracted")}


def test_a_region_figure_of_the_night_does_not_replace_the_nation_s() -> None:
    rows = [NightRow(NIGHT, "Shahed-136/131", WeaponClass.DRONES, 810, 747, None)]
    text = ("У ніч на 7 вересня противник атакував Україну 810 ударними БпЛА. "
            "Над Одещиною збито 20 ворожих БпЛА, а всього протиповітряною обороною збито 747 БпЛА.")
    assert {(c.measure.value, c.ours, c.verdict) for c in compare("af", _claims(text), rows)} == {
        ("launched", 810, "match"), ("intercepted", 747, "match")}


def test_a_retelling_names_the_air_force() -> None:
    assert AIR_FORCE_NAMED.search("Про це повідомили Повітряні сили ЗСУ.")
    assert AIR_FORCE_NAMED.search("заявил спикер Воздушных сил ВСУ Юрий Игнат")
    assert not AIR_FORCE_NAMED.search("Про це повідомив голова обласної військової адміністрації.")


def test_a_trend_before_today_is_a_reference() -> None:
    text = "Спочатку було 40, потім 90 дронів, а сьогодні маємо 120 БпЛА, які атакували Україну."
    got = [(c.value, c.is_reference) for c in _claims(text) if c.measure == Measure.LAUNCHED]
    assert (120, False) in got and (90, True) in got


def test_a_missing_excerpt_is_one_line_on_stderr(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    from services.cli import main

    assert main(["airforce", "check", "--nights", str(tmp_path / "none.csv"), "--texts", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("strikewatch airforce check:") and err.count("\n") == 1
