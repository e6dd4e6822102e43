"""Ukrainian and Russian figures: each named cue decides its own example, and whole reports in the
Air Force's and the Defence Ministry's phrasing give their figures. Texts are ours."""

from __future__ import annotations

import datetime as dt

import pytest

from schemas.article import Article
from services.extraction.cyrillic.claims import CUES, PHRASE_RULES, ZEROS
from services.extraction.extractor import extract, read_article

PUB = dt.datetime(2025, 9, 7, 6, 0, tzinfo=dt.UTC)


def _article(text: str) -> Article:
    return Article.model_construct(id="cyr", feed="test", url=None, title="", text=text, published_at=PUB,
                                   fetched_at=PUB, language="en")


def _brief(text: str) -> list[tuple]:
    return [(c.attacker.value, c.measure.value, c.weapon_class.value if c.weapon_class else None, c.value)
            for c in extract(_article(text)).strikes]


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.name)
def test_cue_decides_its_example(cue) -> None:  # noqa: ANN001
    drafts = read_article(_article(cue.example)).drafts
    assert drafts, cue.name
    first = drafts[0]
    assert (first.measure, first.weapon_class, first.value) == cue.expect
    assert first.measure_rule.split("/")[-1] == cue.name


AIR_FORCE = (
    "У ніч на 7 вересня (з 18:00 6 вересня) противник атакував Україну 810 ударними БпЛА типу Шахед "
    "та дронами-імітаторами різних типів і 13 ракетами.\n\n"
    "За попередніми даними, станом на 08:30 протиповітряною обороною збито/подавлено 747 ворожих БпЛА "
    "та 4 ракети.\n\n"
    "Зафіксовано влучання 9 ракет та 54 ударних БпЛА на 37 локаціях."
)


def test_an_air_force_night_report() -> None:
    reading = read_article(_article(AIR_FORCE))
    got = [(d.attacker.value, d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value, d.date)
           for d in reading.drafts]
    night = dt.date(2025, 9, 7)
    assert reading.language == "uk"
    assert got == [("RU", "launched", "drones", 810, night), ("RU", "launched", "missiles", 13, night),
                   ("RU", "intercepted", "drones", 747, night), ("RU", "intercepted", "missiles", 4, night),
                   ("RU", "hit", "missiles", 9, night), ("RU", "hit", "drones", 54, night)]


MOD = (
    "В течение прошедшей ночи дежурными средствами ПВО перехвачены и уничтожены 45 украинских беспилотных "
    "летательных аппаратов:\n"
    "20 – над территорией Брянской области,\n"
    "15 – над территорией Курской области,\n"
    "10 – над территорией Московской области."
)


def test_a_defence_ministry_list() -> None:
    reading = read_article(_article(MOD))
    assert reading.language == "ru"
    assert [(d.attacker.value, d.measure.value, d.weapon_class.value if d.weapon_class else None, d.value,
             d.locations) for d in reading.drafts] == [
        ("UA", "intercepted", "drones", 45, []),
        ("UA", "intercepted", "drones", 20, ["Bryansk Oblast"]),
        ("UA", "intercepted", "drones", 15, ["Kursk Oblast"]),
        ("UA", "intercepted", "drones", 10, ["Moscow Oblast"]),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("Внаслідок ворожої атаки на Харківщині загинули двоє людей, ще п'ятеро поранені.",
     [("RU", "killed", None, 2), ("RU", "injured", None, 5)]),
    ("В Белгородской области в результате атаки ВСУ пострадали восемь человек.", [("UA", "injured", None, 8)]),
    ("Ворог випустив по Києву три балістичні ракети Іскандер-М.", [("RU", "launched", "ballistic_missiles", 3)]),
    ("На 37 локаціях зафіксовано падіння уламків.", []),
])
def test_casualty_and_weapon_sentences(text: str, expected: list[tuple]) -> None:
    assert _brief(text) == expected


def test_one_figure_for_each_region_listed() -> None:
    text = ("За ночь силы ПВО уничтожили 24 украинских беспилотника. Над Брянской и Курской областями "
            "сбили по 10 дронов, по одному беспилотнику — над Тульской, Орловской и Калужской областями.")
    got = [(d.attacker.value, d.measure.value, d.value, d.locations) for d in read_article(_article(text)).drafts]
    assert got == [("UA", "intercepted", 24, []),
                   ("UA", "intercepted", 10, ["Bryansk Oblast"]), ("UA", "intercepted", 10, ["Kursk Oblast"]),
                   ("UA", "intercepted", 1, ["Tula Oblast"]), ("UA", "intercepted", 1, ["Oryol Oblast"]),
                   ("UA", "intercepted", 1, ["Kaluga Oblast"])]


def test_the_side_that_downs_them_tells_the_attacker() -> None:
    assert _brief("Силы ПВО сбили восемь воздушных целей над Севастополем.") == [("UA", "intercepted", "total", 8)]
    assert _brief("Ще десять дронів знищили сили ППО над Одещиною.") == [("RU", "intercepted", "drones", 10)]


@pytest.mark.parametrize("zero", ZEROS, ids=lambda z: z[0])
def test_each_zero_rule_decides_its_example(zero) -> None:  # noqa: ANN001
    name, _pattern, measures, example = zero
    got = [(d.measure, d.value) for d in read_article(_article(example)).drafts if d.measure_rule == name]
    assert got == [(m, 0) for m in measures]


@pytest.mark.parametrize(("text", "expected"), [
    ("Противник запустив 74 дрони. З них 64 були знищені, а 10 — втрачені завдяки роботі РЕБ.",
     [("RU", "launched", "drones", 74), ("RU", "intercepted", "drones", 64), ("RU", "lost", "drones", 10)]),
    ("Внаслідок удару по Запоріжжю загинули 5 людей, 3 отримали поранення.",
     [("RU", "killed", None, 5), ("RU", "injured", None, 3)]),
    ("Кількість постраждалих у Дніпрі зросла до 6.", [("RU", "injured", None, 6)]),
    ("За тиждень росія випустила по Україні понад 6 тисяч ударних дронів і близько 1200 керованих авіаційних бомб.",
     [("RU", "launched", "drones", 6000), ("RU", "launched", "glide_bombs", 1200)]),
    ("Российские военные сбили 43 БПЛА в Волгоградской области, 12 — в Ростовской.",
     [("UA", "intercepted", "drones", 43), ("UA", "intercepted", "drones", 12)]),
])
def test_bare_numbers_tolls_thousands_and_defenders(text: str, expected: list[tuple]) -> None:
    assert _brief(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Постраждали 63 мешканці міста, зокрема 11 дітей.", [("RU", "injured", None, 63)]),
    ("Пострадали шестеро гражданских, пять человек в среднем состоянии.", [("RU", "injured", None, 6)]),
    ("Українські сили ППО знищили 11 з 16 шахедів, які росіяни запустили ввечері.",
     [("RU", "intercepted", "drones", 11), ("RU", "launched", "drones", 16)]),
])
def test_sub_counts_and_wholes(text: str, expected: list[tuple]) -> None:
    assert _brief(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Внаслідок атаки дрона на Херсон загинула жінка.", [("RU", "killed", None, 1)]),
    ("В Белгороде пострадал 45-летний мужчина.", [("UA", "injured", None, 1)]),
])
def test_one_person_without_a_number_word(text: str, expected: list[tuple]) -> None:
    assert _brief(text) == expected


def test_a_list_under_its_verb_and_a_list_before_it() -> None:
    text = ("За минулий тиждень окупанти випустили:\n\n1720 ударних дронів;\n\n"
            "майже 1300 керованих авіаційних бомб.\n\n"
            "За зиму понад 14 670 КАБів і майже 19 тис. ударних дронів росіяни випустили проти наших людей.")
    drafts = read_article(_article(text)).drafts
    assert [(d.measure.value, d.weapon_class.value, d.value) for d in drafts] == [
        ("launched", "drones", 1720), ("launched", "glide_bombs", 1300),
        ("launched", "glide_bombs", 14670), ("launched", "drones", 19000)]
    assert [d.scope.value for d in drafts[:2]] == ["period_total"] * 2  # the week the list head named


@pytest.mark.parametrize("rule", PHRASE_RULES, ids=lambda r: r.name)
def test_each_phrase_rule_decides_a_figure_of_its_example(rule) -> None:  # noqa: ANN001
    """A rule that keeps a figure names it; a rule that drops one leaves its example's figure out."""
    drafts = read_article(_article(rule.example)).drafts
    if rule.name == "not_a_count":
        assert drafts == []
    elif rule.name == "sub_count":
        assert [d.value for d in drafts] == [63]
    elif rule.name == "increment":
        assert [d.value for d in drafts] == [40]
    else:
        assert any(d.measure_rule.split("/")[0] == rule.name for d in drafts), [
            (d.value, d.measure_rule) for d in drafts]
