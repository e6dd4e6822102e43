"""Oblasts (and seas) named in a list of their adjectives with one noun for all ('Одеську, Вінницьку та
Київську області', 'у межах Дніпропетровської ... та Хмельницької областей', 'в таких областях,
як Харківська, Полтавська'): the gazetteer knows each oblast's name in full ('Одеська область')
and its bare adjective only in the cases that are no town's, so each adjective in such a list is
turned back into the full name and looked up."""

from __future__ import annotations

import re

from services.extraction.gazetteer import Gazetteer, Mention

_ADJ = r"[А-ЯІЇЄҐЁ][а-яіїєґё'ʼ-]*(?:ськ|цьк|зьк|ск|цк|зк)[а-яіїєґё]{1,3}"
_AND = r"(?:\s*,\s*|\s*,?\s+(?:і|та|й|и|а\s+також|а\s+также)\s+)"
LIST_BEFORE_NOUN = re.compile(
    r"(?P<adjs>" + _ADJ + r"(?:" + _AND + _ADJ + r")+)\s+(?:област|регіон|регион)[а-яіїєґё]*"
)
LIST_AFTER_NOUN = re.compile(
    r"(?:област|регіон|регион)[а-яіїєґё]*,?\s+(?:як|как|а\s+саме|а\s+именно|зокрема|[—–:-])\s*"
    r"(?P<adjs>" + _ADJ + r"(?:" + _AND + _ADJ + r")+)"
)
ADJ = re.compile(_ADJ)
FEMININE_NOMINATIVE = {
    "uk": (re.compile(r"(?:а|у|ої|ій|ою|і|их|ими|им)$"), "а", "область"),
    "ru": (re.compile(r"(?:ая|ую|ой|ей|ые|ых|ыми|ым)$"), "ая", "область"),
}
"""how a listed adjective becomes the oblast's name ('Вінницьку' -> 'Вінницька область')"""
_SEA_ADJ = r"[А-ЯІЇЄҐЁ][а-яіїєґё]+(?:ого|ому|ім|им|ом|ым|ое|е)"
SEAS = re.compile(
    r"(?P<adjs>" + _SEA_ADJ + r"(?:" + _AND + _SEA_ADJ + r")+)\s+мор(?:ів|ей|ям|ями|ях|я)(?![а-яіїєґё])"
)
SEA_ADJ = re.compile(_SEA_ADJ)
NEUTER_NOMINATIVE = {
    "uk": (re.compile(r"(?:ого|ому|ім|им|е)$"), "е", "море"),
    "ru": (re.compile(r"(?:ого|ому|ом|ым|ое)$"), "ое", "море"),
}
"""'акваториями Азовского и Черного морей': each sea by its adjective ('Черного' -> 'Черное море')"""


def listed_oblasts(text: str, mentions: list[Mention], lang: str, gaz: Gazetteer) -> list[Mention]:
    """The oblast mentions of adjective lists that the gazetteer's scan left out."""
    taken = {m.start for m in mentions}
    key = "uk" if lang == "uk" else "ru"
    out: list[Mention] = []
    for pattern, adjective, (ending, nominative_ending, noun), kind in (
        (LIST_BEFORE_NOUN, ADJ, FEMININE_NOMINATIVE[key], "oblast"),
        (LIST_AFTER_NOUN, ADJ, FEMININE_NOMINATIVE[key], "oblast"),
        (SEAS, SEA_ADJ, NEUTER_NOMINATIVE[key], "region"),
    ):
        for found in pattern.finditer(text):
            for adj in adjective.finditer(text, found.start("adjs"), found.end("adjs")):
                if adj.start() in taken:
                    continue
                hits, _ = gaz.scan(f"{ending.sub('', adj.group())}{nominative_ending} {noun}")
                entry = next((h.entry for h in hits if h.entry.kind == kind and h.start == 0), None)
                if entry is not None:
                    out.append(Mention(entry, adj.start(), adj.end(), adj.group()))
                    taken.add(adj.start())
    return out
