"""Case forms of Ukrainian and Russian names, for the gazetteer's aliases.

"Харківщина" reaches the text as "на Харківщині", "над Брянской областью" as an instrumental:
the gazetteer matches whole words, so each name is listed once in `data/cyrillic.csv` and its
forms come from pymorphy3's dictionaries (the well-kept analyser for both languages) when the
gazetteer is built, not from hand-written endings.
"""

from __future__ import annotations

from functools import cache

import pymorphy3

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@cache
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang=lang)


@cache
def parse(word: str, lang: str) -> tuple:
    """The analyser's readings of `word` (cached: names share their words)."""
    return tuple(analyzer(lang).parse(word))


_inflected: dict[tuple[str, str, str, str, str], object] = {}


def _inflect(reading, case: str, number: str):  # noqa: ANN001, ANN202 (pymorphy3 Parse)
    """`reading` in `case` (and `number` where it has one), from the analyser's lexeme once per
    word: the gazetteer's ~1,000 names share their words ('область', 'військова'), and each
    `Parse.inflect` rebuilds the whole lexeme (most of the build time before)."""
    key = (reading.word, reading.normal_form, str(reading.tag), case, number)
    if key not in _inflected:
        _inflected[key] = reading.inflect({case, number}) or reading.inflect({case})
    return _inflected[key]


def _nominative(word: str, lang: str, pos: str | None = None, gender: str | None = None):  # noqa: ANN202
    """The analyser's reading of `word` as the nominative it is given in (names are listed so)."""
    for p in parse(word, lang):
        tag = p.tag
        if (
            tag.case == "nomn"
            and tag.POS in ((pos,) if pos else ("NOUN", "ADJF"))
            and (gender is None or tag.number == "plur" or tag.gender == gender)
        ):
            return p
    return None


def case_forms(name: str, lang: str) -> set[str]:
    """The name and its case forms: every word of it put in the same case, adjectives agreeing
    with the last noun ('Брянська область' -> 'Брянської області', 'Брянською областю', ...);
    hyphenated and unknown words stay as they are."""
    out = {name}
    words = name.split()
    head = _nominative(words[-1], lang)
    number = head.tag.number if head is not None and head.tag.number else "sing"
    gender = head.tag.gender if head is not None else None
    readings = [
        head if i == len(words) - 1 else _nominative(w, lang, "ADJF", gender) or _nominative(w, lang)
        for i, w in enumerate(words)
    ]
    for case in CASES:
        inflected = []
        for word, reading in zip(words, readings, strict=True):
            form = None
            if reading is not None and "-" not in word:
                form = _inflect(reading, case, number)
            text = form.word if form is not None else word
            inflected.append(text[0].upper() + text[1:] if word[0].isupper() else text)
        out.add(" ".join(inflected))
    return out


def yo_variants(forms: set[str]) -> set[str]:
    """Russian text mostly writes 'ё' as 'е' ('Черного моря'): each form with 'ё' in both spellings."""
    return forms | {f.replace("ё", "е").replace("Ё", "Е") for f in forms if "ё" in f or "Ё" in f}


def _cap(text: str, like: str) -> str:
    return text[0].upper() + text[1:] if like[:1].isupper() else text


def head_forms(name: str, lang: str) -> set[str]:
    """An institution's name in every case: the leading adjectives and the first noun agree in case,
    the words after it stay ('Міністерство оборони України' -> 'Міністерству оборони України');
    acronyms ('ЗСУ') and one-word names the analyser does not know stay as they are."""
    out = {name}
    words = name.split()
    adjectives: list = []
    for word in words:
        reading = _nominative(word, lang, "ADJF") if word[:1].isalpha() and "-" not in word else None
        if reading is None or word.isupper():
            break
        adjectives.append(reading)
    at = len(adjectives)
    if at >= len(words) or words[at].isupper() or "-" in words[at]:
        return out
    plural = any(a.tag.number == "plur" for a in adjectives)
    head = next(
        (
            p
            for p in parse(words[at], lang)
            if p.tag.POS == "NOUN" and p.tag.case == "nomn" and (not plural or p.tag.number == "plur")
        ),
        None,
    )
    if head is None:
        return out
    number = head.tag.number or "sing"
    for case in CASES:
        inflected = []
        for word, reading in zip(words[: at + 1], [*adjectives, head], strict=True):
            form = _inflect(reading, case, number)
            inflected.append(_cap(form.word, word) if form is not None else word)
        out.add(" ".join(inflected + words[at + 1 :]))
    return out


# Surnames decline by their ending, whatever the analyser's dictionary knows (most officials'
# surnames are not in it): (language, gender, nominative ending, endings of gent, datv, accs,
# ablt, loct; several endings of one case with '|'). The longest matching nominative ending wins;
# an ending not listed ('-енко' in Russian, a woman's '-ук') does not decline. Example = the test.
SURNAME_ENDINGS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("ru", "masc", "ов", ("ова", "ову", "ова", "овым", "ове")),  # Гладков -> Гладковым
    ("ru", "masc", "ев", ("ева", "еву", "ева", "евым", "еве")),
    ("ru", "masc", "ёв", ("ёва", "ёву", "ёва", "ёвым", "ёве")),
    ("ru", "masc", "ин", ("ина", "ину", "ина", "иным", "ине")),  # Собянин -> Собянина
    ("ru", "masc", "ын", ("ына", "ыну", "ына", "ыным", "ыне")),
    ("ru", "masc", "ский", ("ского", "скому", "ского", "ским", "ском")),
    ("ru", "masc", "цкий", ("цкого", "цкому", "цкого", "цким", "цком")),
    ("ru", "masc", "ый", ("ого", "ому", "ого", "ым", "ом")),
    ("ru", "masc", "ой", ("ого", "ому", "ого", "ым", "ом")),
    ("ru", "masc", "ь", ("я", "ю", "я", "ем", "е")),  # Слюсарь -> Слюсаря
    ("ru", "masc", "й", ("я", "ю", "я", "ем", "е")),
    ("ru", "masc", "", ("а", "у", "а", "ом|ем", "е")),  # Богомаз -> Богомаза, Хинштейн -> Хинштейну
    ("ru", "femn", "ова", ("овой", "овой", "ову", "овой", "овой")),  # Камбулова -> Камбуловой
    ("ru", "femn", "ева", ("евой", "евой", "еву", "евой", "евой")),
    ("ru", "femn", "ина", ("иной", "иной", "ину", "иной", "иной")),
    ("ru", "femn", "ына", ("ыной", "ыной", "ыну", "ыной", "ыной")),
    ("ru", "femn", "ая", ("ой", "ой", "ую", "ой", "ой")),
    ("uk", "masc", "ов", ("ова", "ову|ові", "ова", "овим", "ові|ову")),  # Синєгубов -> Синєгубова
    ("uk", "masc", "ев", ("ева", "еву|еві", "ева", "евим", "еві|еву")),
    ("uk", "masc", "ів", ("іва", "іву|іві", "іва", "івим", "іві|іву")),
    ("uk", "masc", "ин", ("ина", "ину|инові", "ина", "иним", "ині|инові")),
    ("uk", "masc", "ін", ("іна", "іну|інові", "іна", "іним", "іні|інові")),
    ("uk", "masc", "ий", ("ого", "ому", "ого", "им", "ому|ім")),  # Брижинський -> Брижинського
    ("uk", "masc", "о", ("а", "у|ові", "а", "ом", "у|ові")),  # Ткаченко -> Ткаченка
    ("uk", "masc", "ь", ("я", "ю|еві", "я", "ем", "і|еві")),
    ("uk", "masc", "й", ("я", "ю|єві", "я", "єм", "ї|єві")),
    ("uk", "masc", "а", ("и", "і", "у", "ою", "і")),  # Кулеба -> Кулеби
    ("uk", "masc", "", ("а", "у|ові", "а", "ом", "і|ові|у")),  # Лисак -> Лисака, Кіпер -> Кіпером
    ("uk", "femn", "ова", ("ової", "овій", "ову", "овою", "овій")),
    ("uk", "femn", "ева", ("евої", "евій", "еву", "евою", "евій")),
    ("uk", "femn", "іна", ("іної", "іній", "іну", "іною", "іній")),
    ("uk", "femn", "ська", ("ської", "ській", "ську", "ською", "ській")),
    ("uk", "femn", "цька", ("цької", "цькій", "цьку", "цькою", "цькій")),
)
_DECLINED = ("gent", "datv", "accs", "ablt", "loct")
_VOWELS = set("аеёиіїоуыэюяєАЕЁИІЇОУЫЭЮЯЄ")


def surname_rule(surname: str, lang: str, gender: str) -> tuple[str, tuple[str, ...]] | None:
    """The nominative ending and case endings of a surname's paradigm; None: not declined."""
    low = surname.lower()
    for rule_lang, rule_gender, ending, endings in SURNAME_ENDINGS:
        if rule_lang == lang and rule_gender == gender and low.endswith(ending):
            if ending == "" and (low[-1] in _VOWELS or low[-1] in "ьй"):
                continue  # '-енко' in Russian, '-у', '-и', '-их': not declined
            return ending, endings
    return None


def surname_forms(surname: str, lang: str, gender: str) -> dict[str, set[str]]:
    """Case -> forms of a surname ('Синєгубов' -> gent 'Синєгубова', ablt 'Синєгубовим', ...)."""
    out = {"nomn": {surname}}
    rule = surname_rule(surname, lang, gender)
    for case, endings in zip(_DECLINED, rule[1] if rule else ("",) * 5, strict=True):
        stem = surname[: len(surname) - len(rule[0])] if rule else surname
        out[case] = {stem + e for e in endings.split("|")}
    return out


def surname_readings(word: str, lang: str) -> list[tuple[str, str, str]]:
    """(nominative, gender, case) readings of a surname form: the reverse of `surname_forms`
    ('Синєгубова' -> ('Синєгубов', masc, gent), ('Синєгубова', femn, nomn), ...)."""
    low = word.lower()
    out = [(word, gender, "nomn") for gender in ("masc", "femn")]
    out += [(word, gender, case) for gender in ("masc", "femn") for case in _DECLINED
            if surname_rule(word, lang, gender) is None]  # 'Світлани Гринчук': not declined
    for rule_lang, gender, ending, endings in SURNAME_ENDINGS:
        if rule_lang != lang:
            continue
        for case, alternatives in zip(_DECLINED, endings, strict=True):
            for e in alternatives.split("|"):
                if low.endswith(e) and len(low) > len(e) + 1:
                    lemma = word[: len(word) - len(e)] + ending
                    if surname_rule(lemma, lang, gender) == (ending, endings):
                        out.append((lemma, gender, case))
    return out


def given_name(word: str, lang: str) -> list:  # noqa: ANN201 (pymorphy3 Parse)
    """The analyser's readings of `word` as a given name (tag 'Name'), singular, best first."""
    return [p for p in parse(word, lang) if "Name" in p.tag and p.tag.number != "plur"]


def person_forms(name: str, lang: str) -> tuple[set[str], set[str]]:
    """A person's full name in every case ('Олег Синєгубов' -> 'Олега Синєгубова', 'Олегом
    Синєгубовим', ...) and the surname's own forms; the given name's gender picks the surname's
    paradigm (a woman's '-ук' does not decline)."""
    given, _, surname = name.rpartition(" ")
    readings = [p for p in given_name(given.split()[0], lang) if p.tag.case == "nomn"] if given else []
    gender = readings[0].tag.gender if readings else "masc"
    surnames = surname_forms(surname, lang, gender)
    full = {name}
    if readings and " " not in given:
        for form in readings[0].lexeme:
            if form.tag.case in CASES and form.tag.number != "plur":
                full |= {f"{_cap(form.word, given)} {s}" for s in surnames[form.tag.case]}
    return yo_variants(full), yo_variants(set().union(*surnames.values()))


# One-word town names decline by their ending too: (language, nominative ending, endings of gent,
# datv, accs, ablt, loct). The longest matching ending wins; a name with none stays as it is.
TOWN_ENDINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("uk", "ів", ("ова", "ову", "ів", "овом", "ові")),  # Харків -> Харкова
    ("uk", "їв", ("єва", "єву", "їв", "євом", "єві")),  # Миколаїв -> Миколаєва
    ("uk", "ка", ("ки", "ці", "ку", "кою", "ці")),  # Шостка -> Шостці
    ("uk", "жа", ("жі", "жі", "жу", "жею", "жі")),
    ("uk", "а", ("и", "і", "у", "ою", "і")),
    ("uk", "я", ("ї", "ї", "ю", "ею", "ї")),  # Балаклія -> Балаклії
    ("uk", "не", ("ного", "ному", "не", "ним", "ному")),  # Рубіжне -> Рубіжному
    ("uk", "ке", ("кого", "кому", "ке", "ким", "кому")),  # Слобожанське -> Слобожанського
    ("uk", "и", ("", "ам", "и", "ами", "ах")),  # Шахти -> Шахтах
    ("uk", "ь", ("і", "і", "ь", "ню", "і")),
    ("uk", "", ("а", "у", "", "ом", "і|у")),  # Ізюм -> Ізюма
    ("ru", "ка", ("ки", "ке", "ку", "кой", "ке")),  # Суджа -> Судже
    ("ru", "жа", ("жи", "же", "жу", "жей", "же")),
    ("ru", "а", ("ы", "е", "у", "ой", "е")),
    ("ru", "ия", ("ии", "ии", "ию", "ией", "ии")),
    ("ru", "я", ("и", "е", "ю", "ей", "е")),
    ("ru", "ое", ("ого", "ому", "ое", "ым", "ом")),
    ("ru", "ы", ("", "ам", "ы", "ами", "ах")),  # Шахты -> Шахтах
    ("ru", "ь", ("и|я", "и|ю", "ь", "ью|ем", "и|е")),
    ("ru", "", ("а", "у", "", "ом", "е")),  # Купянск -> Купянске
)


def town_forms(name: str, lang: str) -> set[str]:
    """A one-word town's case forms by `TOWN_ENDINGS` (no analyser: ~200 towns, no build cost)."""
    low = name.lower()
    for rule_lang, ending, endings in TOWN_ENDINGS:
        if rule_lang == lang and low.endswith(ending):
            if ending == "" and low[-1] in _VOWELS:
                return {name}
            stem = name[: len(name) - len(ending)]
            return {name} | {stem + e for alternatives in endings for e in alternatives.split("|")}
    return {name}
