"""Villages and small towns of Ukrainian and Russian text that the gazetteer does not list.

News names them after their kind, in the nominative whatever the case of the kind word ('у селі
Шестакове', 'в селе Графовка Шебекинского округа', 'с. Прудянка', 'в хуторе Балки'), so the name
is the capitalised word (or two, 'Козача Лопань') after the kind word, up to the district it lies
in; it is transliterated like a person's name (`names.transliterate`). The country stays unknown,
so such a place never decides who attacked.
"""

from __future__ import annotations

import re

from schemas.extraction import EntityType
from services.extraction.cyrillic.names import transliterate
from services.extraction.gazetteer import GazetteerEntry, Mention, slug

_UPPER = "А-ЯІЇЄҐЁ"
_LOWER = "а-яіїєґё'ʼ’"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}]?[{_LOWER}]+)?"
SETTLEMENT = re.compile(
    r"(?:сел[оіаеу]|селом|селище|селищі|селища|поселок|поселке|посёлок|посёлке|поселка|посёлка"
    r"|хутор|хуторе|хуторі|хутора|слобод[аеуі]|деревн[яеиюі]|станиц[аеуі]|смт|пгт|с\.|сел\.|смт\.|пгт\.)"
    rf"[ \u00a0]+(?P<name>{_NAME_WORD}(?:[ \u00a0]+{_NAME_WORD})?)(?![\w-])"
)
"""'у селі Шестакове', 'в пгт Кача', 'с. Прудянка', 'в слободу Дьячкино'"""
DISTRICT_WORD = re.compile(r"(?:ськ|цьк|зьк|ск|цк|зк|ов|ев|ин|ін)(?:ого|ої|ой|ей|ому|ій)$")
"""'Шебекинского', 'Дергачівської': the district a second capitalised word names, not the place"""
OBLIQUE_ADJECTIVE = re.compile(r"(?:ськ|цьк|зьк|ск|цк|зк)(?:ого|ої|ой|ом|ому|ім|ій)$")
"""an adjective in another case than the nominative: a district's name, or a place whose
nominative the text does not give"""
SETTLEMENT_KIND = "settlement"

_entries: dict[str, GazetteerEntry] = {}
MAX_ENTRIES = 10_000  # a cache, bounded: one entry per place name ever seen


def settlements(text: str, mentions: list[Mention], lang: str) -> list[Mention]:
    """The places named after a settlement word that no mention in `mentions` covers."""
    found: list[Mention] = []
    for match in SETTLEMENT.finditer(text):
        if match.start() and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "-"):
            continue  # inside a word ('весело Х'); checked here, as a look-behind slows the scan
        words = match.group("name").split()
        if OBLIQUE_ADJECTIVE.search(words[0]):
            continue  # 'селищної ради Сновської громади', 'в поселке Углеродовском': no nominative
        if len(words) == 2 and DISTRICT_WORD.search(words[1]):
            words = words[:1]
        start = match.start("name")
        end = start + len(" ".join(words))
        if any(m.start < end and m.end > start for m in mentions):
            continue
        name = " ".join(transliterate(w, lang) for w in words)
        found.append(Mention(_entry(name), start, end, text[start:end]))
    return found


def _entry(name: str) -> GazetteerEntry:
    entry = _entries.get(name) or GazetteerEntry(
        type=EntityType.PLACE, name=name, id=f"place:{slug(name)}", kind=SETTLEMENT_KIND
    )
    if len(_entries) < MAX_ENTRIES:
        _entries.setdefault(name, entry)
    return entry
