"""Organisations the gazetteer does not list, found by the shape of their official names.

Regional administrations, ministries, embassies and institutes are named by formula: 'Odesa
Regional Military Administration', 'Ministry of Foreign Affairs of Lithuania', 'Russian Embassy
in Vilnius'. Each formula is one row of `ORG_RULES` with an example that is also its test
(tests/unit/extraction/test_entities_names.py); the name is kept as the text gives it, and a
place inside an official name adds no place (the gazetteer's mention there is replaced).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemas.extraction import EntityType
from services.extraction.gazetteer import GazetteerEntry, Mention, slug

_CAP = r"[A-Z][\w'\u2019.-]*"
_SP = r"[ \u00a0]+"


@dataclass(frozen=True, slots=True)
class OrgRule:
    """One formula of official names; `example` holds `expected` (the rule's test)."""

    name: str
    cue: str  # a word every match contains (found with str.find before the pattern runs)
    pattern: re.Pattern[str]
    example: str
    expected: tuple[str, ...]
    keeps_places: bool = False  # 'Embassy in Vilnius' names the city; 'Odesa Regional ...' does not


ORG_RULES: tuple[OrgRule, ...] = (
    OrgRule(
        "regional_administration", "Administration",  # oblast, city and district administrations
        re.compile(rf"(?:{_CAP}{_SP}){{1,2}}(?:Regional|Oblast|City|District|Raion){_SP}"
                   rf"(?:(?:Military|State|Civil|Military-Civil|Civil-Military){_SP})?Administration\b"),
        "The head of the Odesa Regional Military Administration and the Sumy Oblast State Administration"
        " spoke.",
        ("Odesa Regional Military Administration", "Sumy Oblast State Administration"),
    ),
    OrgRule(
        "ministry_of", "Ministry of",  # 'Ministry of Foreign Affairs of Lithuania', 'Ministry of Health'
        re.compile(rf"Ministry{_SP}of{_SP}(?:the{_SP})?{_CAP}(?:{_SP}(?:and|for|of|of{_SP}the){_SP}{_CAP}"
                   rf"|{_SP}{_CAP})*"),
        "The Ministry of Foreign Affairs of Lithuania and the Ministry of the Interior said so.",
        ("Ministry of Foreign Affairs of Lithuania", "Ministry of the Interior"),
    ),
    OrgRule(
        "embassy_in", "Embassy",  # 'the Russian Embassy in Vilnius'
        re.compile(rf"{_CAP}{_SP}Embassy(?:{_SP}in{_SP}{_CAP})?"),
        "The Polish Embassy in Kyiv was damaged.",
        ("Polish Embassy in Kyiv",),
        keeps_places=True,
    ),
    OrgRule(
        "state_institute", "Institute",  # 'State Research Institute of Coal Chemistry'
        re.compile(rf"(?:State|National){_SP}(?:{_CAP}{_SP}){{0,2}}Institute{_SP}(?:of|for){_SP}{_CAP}"
                   rf"(?:{_SP}{_CAP}){{0,3}}"),
        "A missile hit the National Research Institute of Applied Optics overnight.",
        ("National Research Institute of Applied Optics",),
    ),
)
# A bare 'Ministry of Defence' is someone's defence ministry: whose, the text says elsewhere
_AMBIGUOUS = frozenset({"Ministry of Defence", "Ministry of Defense"})
_TRAILING = (".", "'s", "\u2019s")
_orgs: dict[str, GazetteerEntry] = {}


def _entry(name: str) -> GazetteerEntry:
    entry = _orgs.get(name)
    if entry is None:
        entry = GazetteerEntry(type=EntityType.ORGANISATION, name=name, id=f"org:{slug(name)}")
        if len(_orgs) < 100_000:  # bounded, like roles.py's people
            _orgs[name] = entry
    return entry


BARE_DEFENCE_MINISTRY = re.compile(r"\b(?:Defen[cs]e\s+Ministry|Ministry\s+of\s+Defen[cs]e)\b(?!\s+of\b)")
"""'the Defence Ministry said': no country word in front ('UK Ministry of Defence' has one)"""
SIDE_WORDS = re.compile(
    r"\b(?P<ru>Russia|Russian|Russia's|Moscow|Kremlin)\b|\b(?P<ua>Ukraine|Ukrainian|Kyiv|Kiev)\b"
)
SIDE_REACH = 400  # characters before a bare 'Defence Ministry' where the country it serves is named
MINISTRY_OF = {"ru": "Russian Ministry of Defence", "ua": "Ministry of Defence of Ukraine"}


def _whose_ministry(text: str, mentions: list[Mention]) -> list[Mention]:
    """A bare 'the Defence Ministry' serves the country named last before it ('Russia said ...
    The Defense Ministry said'): that country's canonical ministry."""
    out: list[Mention] = []
    for m in BARE_DEFENCE_MINISTRY.finditer(text):
        if text[max(0, m.start() - 4) : m.start()].strip() not in ("the", "The", ""):
            continue  # ('UK Ministry of Defence', 'Romanian Defence Ministry': another country's)
        if any(x.start < m.end() and m.start() < x.end for x in mentions):
            continue
        side = None
        for w in SIDE_WORDS.finditer(text, max(0, m.start() - SIDE_REACH), m.start()):
            side = w.lastgroup
        if side is not None:
            out.append(Mention(_entry(MINISTRY_OF[side]), m.start(), m.end(), m.group()))
    return out


def organisations_by_name_rules(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` with the organisations of `ORG_RULES` added; places and organisations inside
    a found name give way to it ('Kharkiv' in 'Kharkiv Oblast Military Administration')."""
    found: list[Mention] = _whose_ministry(text, mentions) if "Ministry" in text else []
    replacing: list[Mention] = []
    for rule in ORG_RULES:
        if rule.cue not in text:
            continue
        for m in rule.pattern.finditer(text):
            name = m.group()
            for tail in _TRAILING:
                if name.endswith(tail):
                    name = name[: -len(tail)]
            if name in _AMBIGUOUS or any(x.start <= m.start() and m.start() + len(name) <= x.end
                                         and x.entry.type == EntityType.ORGANISATION for x in mentions):
                continue  # the gazetteer knows it ('Kyiv City Military Administration')
            found.append(Mention(_entry(name), m.start(), m.start() + len(name), name))
            if not rule.keeps_places:
                replacing.append(found[-1])
    if not found:
        return mentions
    kept = [x for x in mentions if not any(f.start < x.end and x.start < f.end for f in replacing)
            and not (x.entry.type == EntityType.ORGANISATION
                     and any(f.start < x.end and x.start < f.end for f in found))]
    return sorted(kept + found, key=lambda x: x.start)
