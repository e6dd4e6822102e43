"""People and outlets in Ukrainian and Russian text that the gazetteer does not list.

A Ukrainian or Russian person is named 'given name + surname', in any case ('Олега
Синєгубова', 'с Александрой Синицыной'): the given name is a word the analyser tags `Name`
(pymorphy3 knows given names well, surnames badly), the surname a capitalised word right after it
whose case and gender agree with the given name by the surname endings of `forms.SURNAME_ENDINGS`.
The nominative is transliterated (Ukrainian by the national system, Russian in the usual English
form) and, when it is another spelling of a listed person ('Сергій Лисак' -> 'Serhii Lysak' ~
'Serhiy Lysak'), becomes that person. Outlets named by their web address ('A42.ru') are
organisations. Every rule's example is its test (tests/unit/extraction/test_cyrillic_people.py).
"""

from __future__ import annotations

import re

from schemas.extraction import EntityType
from services.extraction.cyrillic.forms import given_name, parse, surname_readings, surname_rule
from services.extraction.cyrillic.regions import listed_oblasts
from services.extraction.gazetteer import Gazetteer, GazetteerEntry, Mention, skeleton, slug
from services.extraction.roles import person_entry

_UPPER = "А-ЯІЇЄҐЁ"
_LOWER = "а-яіїєґё'ʼ’"
_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
# 'Олег Синєгубов', 'Юрия Слюсаря', 'Александра Синицына'; a patronymic may stand between
_PATRONYMIC = rf"[{_UPPER}][{_LOWER}]+(?:ович|евич|ьович|івна|ївна|овна|евна|ична)"
NAME = re.compile(rf"(?<![\w-])(?P<given>{_WORD})[ \u00a0]+(?:{_PATRONYMIC}[ \u00a0]+)?"
                  rf"(?P<surname>{_WORD})(?![\w-])")
# 'A42.ru', 'NEWS.ru', 'Life.RU': an outlet named by its web address, not inside a URL
OUTLET = re.compile(r"(?<![\w./@-])(?P<name>[A-Z][A-Za-z0-9-]*\.(?:ru|ua|net|com|info|today|RU|UA))"
                    r"(?![\w/.-]?\w)")

# (Ukrainian letter, Latin) by the national system (KMU 2010); the first letter of a word takes
# the second spelling of 'є', 'ї', 'й', 'ю', 'я'
UK_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "ʼ": "",
    "’": "",
}
UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
RU_LATIN = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}
# Russian given names whose English form is not the letter-by-letter one
RU_GIVEN = {
    "Александр": "Alexander",
    "Алексей": "Alexei",
    "Юрий": "Yury",
    "Николай": "Nikolai",
    "Андрей": "Andrei",
    "Сергей": "Sergei",
    "Матвей": "Matvei",
    "Пётр": "Pyotr",
    "Петр": "Pyotr",
    "Фёдор": "Fyodor",
    "Федор": "Fyodor",
    "Артём": "Artyom",
    "Артем": "Artyom",
    "Семён": "Semyon",
    "Семен": "Semyon",
    "Наталья": "Natalya",
    "Татьяна": "Tatyana",
    "Дарья": "Darya",
}
_RU_ENDINGS = (("ий", "y"), ("ый", "y"))
_RU_VOWELS = set("аеёиоуыэюяъь")


def transliterate(word: str, lang: str) -> str:
    """'Синєгубов' -> 'Syniehubov' (uk), 'Развожаев' -> 'Razvozhayev' (ru)."""
    low = word.lower()
    if lang == "uk":
        out = []
        for i, c in enumerate(low):
            if c == "г" and i > 0 and low[i - 1] == "з":
                out.append("gh")  # 'зг' is 'zgh'
            else:
                initial = i == 0 or low[i - 1] == "-"
                out.append(UK_INITIAL.get(c, UK_LATIN.get(c, c)) if initial else UK_LATIN.get(c, c))
        latin = "".join(out)
    else:
        if word in RU_GIVEN:
            return RU_GIVEN[word]
        tail = ""
        for ending, latin_end in _RU_ENDINGS:
            if low.endswith(ending) and len(low) > 3:
                low, tail = low[: -len(ending)], latin_end
                break
        out = []
        for i, c in enumerate(low):
            after_vowel = i == 0 or low[i - 1] in _RU_VOWELS or low[i - 1] == "-"
            if c == "е" and after_vowel:
                out.append("ye")
            elif c == "ё" and i > 0 and low[i - 1] in "жчшщ":
                out.append("o")
            else:
                out.append(RU_LATIN.get(c, c))
        latin = "".join(out) + tail
    return "-".join(part[:1].upper() + part[1:] for part in latin.split("-"))


def _nominative(given: str, surname: str, lang: str) -> tuple[str, str] | None:
    """The nominative of 'given surname' when both agree in case and gender, nominative first
    ('Олега Синєгубова' -> ('Олег', 'Синєгубов'))."""
    readings = given_name(given, lang)
    if not readings:
        return None
    found: tuple[tuple, object, str] | None = None
    for p in readings:
        for lemma, gender, case in surname_readings(surname, lang):
            if p.tag.case == case and p.tag.gender == gender:
                rule = surname_rule(lemma, lang, gender)
                ending = rule[0] if rule else ""
                # nominative first; 'Лисака' is Лисак, 'Ткаченка' Ткаченко; the most specific ending
                rank = (case != "nomn", ending == "о" and not lemma.endswith("енко"), -len(ending))
                candidate = (rank, p.inflect({"nomn"}) or p, lemma)
                if found is None or candidate[0] < found[0]:
                    found = candidate  # type: ignore[assignment]
    if found is None:
        return None
    base = found[1].word
    return base[0].upper() + base[1:], found[2]


def _is_name_word(word: str, lang: str) -> bool:
    """Not a word of another kind the analyser knows for sure ('Україні', 'Вночі')."""
    parses = parse(word, lang)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return True
    return not any(p.is_known and p.tag.POS in _NOT_NAME_POS for p in parses)


_NOT_NAME_POS = frozenset(
    {
        "VERB",
        "INFN",
        "ADVB",
        "PREP",
        "CONJ",
        "PRCL",
        "NPRO",
        "PRED",
        "INTJ",
        "GRND",
        "PRTF",
        "PRTS",
        "NUMR",
        "COMP",
    }
)


# 'в Рыльском районе', 'Каменском и Тарасовском районах', 'Сумської громади': a town's name as
# a district's or community's adjective names no place (as in the English gold); 'в Таганроге,
# Каменском и Тарасовском районах' still names Taganrog (no adjective)
_ADJECTIVE = re.compile(r"(?:ий|ый|ой|ая|ое|ее|ые|ого|ому|ым|ом|ую|ых|ыми|их|ими|ій|ої|ою|ім"
                        r"|ська|цька|ське|цьке)$")
DISTRICT_AFTER = re.compile(
    r"(?:\s*(?:,|и|і|та|й)\s+[А-ЯІЇЄҐЁ][\w'ʼ’-]*)*\s+(?:район|округ|муниципальн\w*\s+округ|міськ\w*\s+округ"
    r"|городск\w*\s+округ|громад|сільськ\w*\s+рад)", re.IGNORECASE)


def without_districts(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` without towns (or an oblast's bare adjective) named as a district's adjective."""
    return [m for m in mentions if not (
        m.entry.type == EntityType.PLACE and m.entry.kind in ("city", "oblast") and " " not in m.text
        and _ADJECTIVE.search(m.text) and DISTRICT_AFTER.match(text, m.end))]


def people_and_outlets(text: str, mentions: list[Mention], lang: str, gaz: Gazetteer) -> list[Mention]:
    """`mentions` with the people named 'given name + surname' and the outlets named by web
    address that the gazetteer did not find; a listed surname alone after another given name is
    that other person, and a surname alone names the person the article names in full with it."""
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []
    replaced: dict[int, Mention] = {}
    at = 0
    while (match := NAME.search(text, at)) is not None:
        start, end = match.span()
        at = match.start("surname")  # 'Слова Андрія Бондаренка': the surname may start the next name
        surname_at = match.start("surname")
        inside = [m for m in mentions if m.start < end and m.end > start]
        if any(
            not (m.start == surname_at and m.entry.type == EntityType.PERSON and " " not in m.text)
            for m in inside
        ):
            continue  # a listed name, a place ('Слава Україні'), an organisation
        given, surname = match.group("given"), match.group("surname")
        if not _is_name_word(surname, lang):
            continue
        nominative = _nominative(given, surname, lang)
        if nominative is None:
            continue
        name = f"{transliterate(nominative[0], lang)} {transliterate(nominative[1], lang)}"
        entry = gaz.person_by_skeleton.get(skeleton(name)) or person_entry(name)
        mention = Mention(entry, start, end, text[start:end])
        if inside:  # 'Олексій Кулеба' where the surname alone is a listed Kuleba
            replaced[inside[0].start] = mention
        else:
            found.append(mention)
        at = end
    for match in OUTLET.finditer(text):
        start, end = match.span("name")
        if not any(a < end and b > start for a, b in taken):
            site, _, domain = match.group("name").rpartition(".")  # 'Фото: A42.RU' is A42.ru
            found.append(Mention(_outlet(f"{site}.{domain.lower()}"), start, end, match.group("name")))
    mentions = without_districts(text, mentions)
    found += listed_oblasts(text, mentions, lang, gaz)  # 'Одеську, Вінницьку та Київську області'
    from services.extraction.cyrillic.settlements import settlements  # it transliterates with this module

    found += settlements(text, mentions + found, lang)  # 'у селі Шестакове'
    if not found and not replaced:
        return _surnames_of_named_people(mentions, lang)
    out = sorted([replaced.get(m.start, m) for m in mentions] + found, key=lambda m: m.start)
    return _surnames_of_named_people(out, lang)


_outlets: dict[str, GazetteerEntry] = {}


def _outlet(name: str) -> GazetteerEntry:
    if name not in _outlets and len(_outlets) < 10_000:
        _outlets[name] = GazetteerEntry(type=EntityType.ORGANISATION, name=name, id=f"org:{slug(name)}")
    return _outlets.get(name) or GazetteerEntry(
        type=EntityType.ORGANISATION, name=name, id=f"org:{slug(name)}"
    )


def _surnames_of_named_people(mentions: list[Mention], lang: str) -> list[Mention]:
    """'Олексій Кулеба ... Кулеба сказав': the surname alone is the person named in full."""
    full: dict[str, GazetteerEntry] = {}
    for m in mentions:
        if m.entry.type == EntityType.PERSON and " " in m.text:
            for lemma, _, _ in surname_readings(m.text.rsplit(" ", 1)[-1], lang):
                full.setdefault(lemma, m.entry)
    if not full:
        return mentions
    out = []
    for m in mentions:
        if m.entry.type == EntityType.PERSON and " " not in m.text:
            named = next(
                (full[lemma] for lemma, _, _ in surname_readings(m.text, lang) if lemma in full), None
            )
            if named is not None and named is not m.entry:
                m = Mention(named, m.start, m.end, m.text)
        out.append(m)
    return out
