"""A regional head's day report in Ukrainian and Russian: a 'past day' phrase in the opening makes
the article that day's tally (unless a night is named first), the morning it was told is no date of
the attack, and the list under 'за добу вдарили:' reads lines that open with a number word or name
one weapon. Also the model of a figure: none when other types are counted with it, the one of the
figure it is part of ('11 з них'). Texts are ours."""

from __future__ import annotations

import datetime as dt

from services.extraction.extractor import read_article
from tests.support.extraction import article as make_article

PUB = dt.date(2026, 3, 2)
DAY = (dt.date(2026, 3, 1), PUB)


def _drafts(text: str) -> list[tuple]:
    article = make_article(text, published=f"{PUB.isoformat()}T06:00:00+00:00")
    return [(d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value, d.weapon_model,
             d.scope.value, (d.period.start, d.period.end) if d.period else d.date)
            for d in read_article(article).drafts]


def test_a_day_report_opening_makes_every_untimed_figure_the_days() -> None:
    text = ("Голова ОВА зранку 2 березня повідомив про наслідки обстрілів області.\n"
            "У Лозовій поранено двох чоловіків.\n"
            "Протягом минулої доби ворог застосував таку зброю:\n"
            "три КАБи;\n"
            "12 БпЛА типу «Герань-2»;\n"
            "fpv-дрон.")
    assert _drafts(text) == [
        ("injured", None, 2, None, "period_total", DAY),
        ("launched", "glide_bombs", 3, None, "period_total", DAY),
        ("launched", "drones", 12, "Shahed-136", "period_total", DAY),
        ("launched", "drones", 1, None, "period_total", DAY),
    ]


def test_a_list_under_what_flew_in() -> None:
    text = "За добу по району прилетіли:\n- 4 БпЛА типу «Герань-2»;\n- сім FPV-дронів."
    assert [(m, v, scope) for m, _c, v, _mod, scope, _when in _drafts(text)] == [
        ("launched", 4, "period_total"), ("launched", 7, "period_total")]


def test_an_opening_that_names_the_night_first_is_no_day_tally() -> None:
    text = ("В ночь на понедельник ПВО сбила 30 беспилотников.\n"
            "Всего за последние сутки противник выпустил 45 беспилотников.\n"
            "Над Харьковом было сбито 6 беспилотников.")
    scopes = [(v, scope) for _m, _c, v, _mod, scope, _when in _drafts(text)]
    assert scopes == [(30, "single_attack"), (45, "period_total"), (6, "single_attack")]


def test_a_model_counted_with_other_types_is_no_model() -> None:
    text = ("У ніч на 2 березня ворог атакував 90 ударними БпЛА типу Shahed, Гербера та інших типів. "
            "Збито 70 ворожих БпЛА типу Shahed і дронів-імітаторів.")
    assert [(m, v, mod) for m, _c, v, mod, _s, _w in _drafts(text)] == [
        ("launched", 90, None), ("intercepted", 70, None)]


def test_part_of_a_single_model_figure_keeps_its_model() -> None:
    text = "Вночі росіяни випустили 20 безпілотників типу Shahed. 16 з них вдалося збити силам ППО."
    assert [(m, v, mod) for m, _c, v, mod, _s, _w in _drafts(text)] == [
        ("launched", 20, "Shahed-136"), ("intercepted", 16, "Shahed-136")]


def test_a_downed_figure_after_a_one_model_launch_counts_that_model() -> None:
    text = "Вночі ворог атакував 60 ударними БпЛА типу Shahed. Станом на ранок збито 48 БпЛА."
    assert [(m, v, mod) for m, _c, v, mod, _s, _w in _drafts(text)] == [
        ("launched", 60, "Shahed-136"), ("intercepted", 48, "Shahed-136")]


def test_a_day_tally_holds_past_a_night_named_inside_it() -> None:
    text = ("За добу по області вдарили 12 БпЛА.\n"
            "Минулої ночі уламки впали у Вовчанську, обійшлося без жертв та постраждалих.\n"
            "Голова ОВА повідомив, що район атакували три БпЛА типу «Молния».")
    assert [(m, v, scope) for m, _c, v, _mod, scope, _w in _drafts(text) if m == "launched"] == [
        ("launched", 12, "period_total"), ("launched", 3, "period_total")]


def test_a_day_tally_with_its_day_named_is_that_day() -> None:
    assert _drafts("За минулу добу, 1 березня, поліція зафіксувала 300 ворожих дронів.") == [
        ("launched", "drones", 300, None, "single_attack", dt.date(2026, 3, 1))]


def test_also_shares_the_last_period_named() -> None:
    text = ("За останню добу росіяни застосували 80 дронів. Усі вони були збиті. "
            "Росіяни також випустили 6 ракет.")
    assert _drafts(text)[-1] == ("launched", "missiles", 6, None, "period_total", DAY)


def test_two_models_for_one_figure_is_no_model() -> None:
    assert _drafts("Уночі ворог випустив 12 крилатих ракет Х-101 та Х-555.")[0][3] is None
