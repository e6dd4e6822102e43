"""Ukrainian and Russian people, institutions and outlets: listed names in their case forms, and
names the lists lack found by their shape. Sentences are ours."""

from __future__ import annotations

import pytest

from services.extraction.cyrillic.forms import SURNAME_ENDINGS, head_forms, surname_forms, surname_readings
from services.extraction.cyrillic.names import NAME, OUTLET, transliterate
from services.extraction.gazetteer import ADMINISTRATIONS
from tests.support.extraction import run


def _entities(text: str) -> set[tuple[str, str]]:
    return {(e.type.value, e.name) for e in run(text).entities}


@pytest.mark.parametrize(("surname", "lang", "gender", "case", "form"), [
    ("Гладков", "ru", "masc", "ablt", "Гладковым"),
    ("Собянин", "ru", "masc", "gent", "Собянина"),
    ("Слюсарь", "ru", "masc", "gent", "Слюсаря"),
    ("Богомаз", "ru", "masc", "gent", "Богомаза"),
    ("Камбулова", "ru", "femn", "ablt", "Камбуловой"),
    ("Синєгубов", "uk", "masc", "gent", "Синєгубова"),
    ("Брижинський", "uk", "masc", "gent", "Брижинського"),
    ("Ткаченко", "uk", "masc", "gent", "Ткаченка"),
    ("Кулеба", "uk", "masc", "gent", "Кулеби"),
    ("Лисак", "uk", "masc", "ablt", "Лисаком"),
    ("Гринчук", "uk", "femn", "gent", "Гринчук"),  # a woman's '-ук' does not decline
])
def test_surnames_decline_by_their_ending(surname: str, lang: str, gender: str, case: str, form: str) -> None:
    assert form in surname_forms(surname, lang, gender)[case]
    assert (surname, gender, case) in surname_readings(form, lang)  # and back


def test_every_surname_ending_has_five_cases() -> None:
    assert all(len(endings) == 5 for *_, endings in SURNAME_ENDINGS)


def test_an_institution_declines_in_its_head_only() -> None:
    assert "Міністерству оборони України" in head_forms("Міністерство оборони України", "uk")
    assert "Повітряних сил ЗСУ" in head_forms("Повітряні сили ЗСУ", "uk")
    assert "Вооружёнными силами России" in head_forms("Вооружённые силы России", "ru")


@pytest.mark.parametrize(("word", "lang", "latin"), [
    ("Олександр", "uk", "Oleksandr"), ("Синєгубов", "uk", "Syniehubov"), ("Юрій", "uk", "Yurii"),
    ("Згурський", "uk", "Zghurskyi"), ("Ярина", "uk", "Yaryna"),
    ("Александр", "ru", "Alexander"), ("Развожаев", "ru", "Razvozhayev"), ("Евгений", "ru", "Yevgeny"),
    ("Аксёнов", "ru", "Aksyonov"), ("Синицына", "ru", "Sinitsyna"),
])
def test_transliteration(word: str, lang: str, latin: str) -> None:
    assert transliterate(word, lang) == latin


@pytest.mark.parametrize(("text", "expected"), [
    # listed people in their case forms; the surname alone where the English list has it alone
    ("Про атаку повідомив голова ОВА Олег Синєгубов.", {("person", "Oleh Syniehubov")}),
    ("За словами Олега Синєгубова, вибухи стихли.", {("person", "Oleh Syniehubov")}),
    ("Об этом сообщил Гладков в своем канале.", {("person", "Vyacheslav Gladkov")}),
    ("Встреча с Сергеем Собяниным прошла утром.", {("person", "Sergei Sobyanin")}),
    # people the lists lack, in the language's transliteration
    ("Про це розповів Петро Коваль, начальник станції.", {("person", "Petro Koval")}),
    ("Об этом заявила Ирина Соколова, глава района.", {("person", "Irina Sokolova")}),
    ("Слова Андрія Бондаренка передали журналісти.", {("person", "Andrii Bondarenko")}),
    # another given name before a listed surname is another person, and so is the surname alone then
    ("Олексій Кулеба прибув на місце. Кулеба сказав, що робота триває.", {("person", "Oleksiy Kuleba")}),
])
def test_people(text: str, expected: set[tuple[str, str]]) -> None:
    assert {e for e in _entities(text) if e[0] == "person"} == expected


@pytest.mark.parametrize("text", [
    "Слава Україні! Герої не вмирають.",
    "Вночі Харків атакували дрони.",
    "Вечером Белгород снова обстреляли.",
])
def test_no_people_in_common_words(text: str) -> None:
    assert not {e for e in _entities(text) if e[0] == "person"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Про це повідомили в Повітряних силах ЗСУ.", {("organisation", "Ukrainian Air Force")}),
    ("Так сообщили в Минобороны России.", {("organisation", "Russian Ministry of Defence")}),
    ("Інформацію підтвердили у Харківській ОВА.", {("organisation", "Kharkiv Regional Military Administration")}),
    ("Голова Одеської обласної військової адміністрації прибув.",
     {("organisation", "Odesa Regional Military Administration")}),
    ("Данные привела Сумская ОВА.", {("organisation", "Sumy Regional Military Administration")}),
    ("Як повідомляє Укрінформ, атака тривала.", {("organisation", "Ukrinform")}),
    ("Об этом пишет Vesti42.ru со ссылкой на очевидцев.", {("organisation", "Vesti42.ru")}),
])
def test_institutions_and_outlets(text: str, expected: set[tuple[str, str]]) -> None:
    assert _entities(text) == expected  # an official name with a place adds no place


def test_administration_rows_pair_a_full_name_with_its_acronym() -> None:
    tails = {tail for *_, tail in ADMINISTRATIONS}
    assert all(any(" " in uk and t == tail for uk, _, t in ADMINISTRATIONS) for tail in tails)


def test_patterns_match_their_examples() -> None:
    assert NAME.search("сказав Олег Синєгубов")["surname"] == "Синєгубов"
    assert NAME.search("Вячеслав Владимирович Гладков")["surname"] == "Гладков"
    assert OUTLET.search("пишет A42.ru")["name"] == "A42.ru"
    assert OUTLET.search("https://www.a42.ru/news") is None


@pytest.mark.parametrize(("text", "expected"), [
    # an oblast's adjective alone in a list or an ellipsis
    ("Дрони збили над Брянською та Курською областями, ще два над Орловською.",
     {"Bryansk Oblast", "Kursk Oblast", "Oryol Oblast"}),
    # towns of the English list by their geonames names, declined by their ending
    ("Вибухи пролунали у Шостці та Ізюмі.", {"Shostka", "Izium"}),
    ("Беспилотники упали в Судже.", {"Sudzha"}),
    # a town's adjective naming a district or community names no place
    ("В Курском районе и Рыльском районе повреждены дома.", set()),
    ("Удар по Таганрогу, Каменскому и Тарасовскому районам.", {"Taganrog"}),
    # Ukrainian media write 'росія' in lower case
    ("Вночі росія атакувала країну дронами.", {"Russia"}),
    ("Переговоры прошли в Норвегии и Японии.", {"Norway", "Japan"}),
])
def test_places(text: str, expected: set[str]) -> None:
    assert {name for kind, name in _entities(text) if kind == "place"} == expected


def test_an_outlet_address_in_capitals_is_the_outlet() -> None:
    assert _entities("Сгоревший склад. Фото: Vesti42.RU") == {("organisation", "Vesti42.ru")}
