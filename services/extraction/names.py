"""People named without a role word: bylines, photo credits, author lines, speech verbs.

Real pages credit their writers and photographers ('By Jane Roe', '(Photo by Jan Kowal/AFP via
Getty Images)', 'Author: ...') and quote people by name alone ('Petro Ivanenko said'). Each
way of naming is one row of `NAME_RULES`: a pattern with an example sentence that is also its
test (tests/unit/extraction/test_entities_names.py). The weak ones (a name alone on a line, a
name before a speech verb) also need a first word from the list of given names
(`data/given_names.txt`), so that 'Motor Sich said' or a title-case headline is no person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from schemas.extraction import EntityType
from services.extraction.gazetteer import DATA_DIR, Gazetteer, Mention, skeleton
from services.extraction.roles import NOT_NAME_WORDS, person_entry

GIVEN_NAMES_FILE = "given_names.txt"
# A name word: title case, Latin or Cyrillic (a page may glue the date on: 'by Jane RoeOctober 17')
_WORD = r"[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ'\u2019-]+"
_INITIAL = r"[A-Z]\."
_SPACE = r"[ \t\u00a0]+"
# Two or three name words, with an optional middle initial ('Andrew E. Kramer')
NAME = rf"(?<![\w'\u2019-]){_WORD}(?:{_SPACE}{_INITIAL})?(?:{_SPACE}{_WORD}){{1,2}}"
_UPPER_WORD = r"[A-ZА-ЯІЇЄҐ]{2,}"
UPPER_NAME = rf"{_UPPER_WORD}{_SPACE}{_UPPER_WORD}(?!\w)"
# 'By Hugo Roe in Uman & Ann Lee in London': several writers, each maybe with a place
_ONE_IN_LIST = rf"{NAME}(?:{_SPACE}in{_SPACE}{_WORD})?"
NAME_LIST = rf"{_ONE_IN_LIST}(?:[ \t]*(?:,|&|and)[ \t]*{_ONE_IN_LIST})*"


# Where a rule looks (so that no rule scans the whole article: a name pattern tried at every
# character of a 3 KB page costs ~100 µs, the cues are found with str.find in C):
LINE = "line"  # matched at the start of each short line (bylines, author lines)
AFTER_CUE = "after"  # matched right after each cue ('said ', 'Photo by ')
BEFORE_CUE = "before"  # searched in the window ending at each cue ('X said', 'X / AFP')
SHORT_LINE = 150  # characters: a byline or credit line is short; paragraphs are not
BEFORE_WINDOW = 60  # characters before a cue that may hold the name
NAME_LINE = 60  # characters: a name alone on its line
NAME_WORDS_BACK = 4  # a name of up to three words and an initial ends right before its cue


@dataclass(frozen=True, slots=True)
class NameRule:
    """One way real pages name a person; `example` holds `expected` (the rule's test)."""

    name: str
    where: str  # LINE, AFTER_CUE or BEFORE_CUE
    pattern: re.Pattern[str]
    example: str
    expected: tuple[str, ...]
    # for AFTER_CUE / BEFORE_CUE: the strings the name sits next to; none: the speech words the
    # gazetteer's pass found (keywords.SPEECH_WORDS, 'said', 'according to')
    cues: tuple[str, ...] = ()
    needs_given_name: bool = False  # weak evidence: the first word must be a known given name
    line_needs: tuple[str, ...] = ()  # for LINE: a line holds one of these, or the rule cannot match
    max_line: int = SHORT_LINE  # for LINE: longer lines are no bylines


NAME_RULES: tuple[NameRule, ...] = (
    NameRule(
        "byline", LINE,  # 'By X' at the start of a line, maybe after a few words ('Analysis by X')
        re.compile(rf"[ \t]*(?:\S+[ \t]+){{0,3}}?[Bb][Yy]{_SPACE}(?P<names>{NAME_LIST})"),
        "date 2025-01-02 By Hugo Roe in Odesa & Ann Lee in London\n\nAnalysis by Petro Ivanenko and Jane Lee",
        ("Hugo Roe", "Ann Lee", "Petro Ivanenko", "Jane Lee"),
        line_needs=("by ", "By ", "BY "),
    ),
    NameRule(
        "author_line", LINE,  # 'Author: X', 'Written by X'
        re.compile(rf"[ \t]*(?:Author|Reporter|Text|Written{_SPACE}by|Words)[ \t]*:?[ \t]*"
                   rf"(?P<names>{NAME_LIST})"),
        "Section: Nation\n\nAuthor: Андрій Коваль",
        ("Андрій Коваль",),
        line_needs=("Author", "Reporter", "Text", "Written", "Words"),
    ),
    NameRule(
        "name_before_date", LINE,  # 'Jane Roe - 10 April 2024 | 18:56', 'Jane E. Roe Published 08.09.25'
        re.compile(rf"(?P<names>{NAME})[ \t]*(?:[-\u2013\u2014|][ \t]*\d|Published|Updated)"),
        "Jane Roe - 10 April 2024 | 18:56\nAndrew E. Smith Published 08.09.25, 10:39 AM",
        ("Jane Roe", "Andrew E. Smith"),
        line_needs=("-", "\u2013", "\u2014", "|", "Published", "Updated"),
    ),
    NameRule(
        "name_alone_on_a_line", LINE,  # a byline without 'By' between the headline and the body
        re.compile(rf"[ \t]*(?P<names>{NAME})[ \t]*$"),
        "Drones downed over the capital\n\nOlena Marchenko\n\nAt night, air defence worked.",
        ("Olena Marchenko",),
        needs_given_name=True,
        max_line=NAME_LINE,
    ),
    NameRule(
        "photo_credit", AFTER_CUE,  # '(Photo by X/AFP via Getty Images)', 'Photo: X for Outlet'
        re.compile(rf"s?(?:{_SPACE}by{_SPACE}|[ \t]*:\s*)(?P<names>{NAME})"),
        "A fire at a depot. (Photo by Jan Kowal/Outlet) Photo: Olha Marchenko for Outlet",
        ("Jan Kowal", "Olha Marchenko"),
        cues=("Photo", "Image", "Credit"),
    ),
    NameRule(
        "credit_slash", BEFORE_CUE,  # 'Yan Petrenko / AFP', '©Jan Kowal/Getty Images', 'SERGEY IVANOV / AFP'
        re.compile(rf"(?:(?<=[\s(©])|^)(?P<names>{NAME}|{UPPER_NAME})[ \t]*\Z"),
        "Rescuers at work. ©Jan Kowal / Outlet\n\nA ruined house. PETRO IVANENKO / AFP",
        ("Jan Kowal", "Petro Ivanenko"),
        cues=("/",),
    ),
    NameRule(
        "credit_comma", AFTER_CUE,  # '(Petro Ivanenko, RBC-Ukraine)': a photographer and the outlet
        re.compile(rf"(?P<names>{NAME}),[ \t]+[A-Z][\w.-]*\)"),
        "The minister (Petro Ivanenko, Outlet) spoke.",
        ("Petro Ivanenko",),
        cues=("(",),
    ),
    NameRule(
        "name_then_speech_verb", BEFORE_CUE,  # 'Petro Ivanenko said', 'Petro Ivanenko told reporters'
        re.compile(rf"(?P<names>{NAME}){_SPACE}\Z"),
        "Petro Ivanenko said the school was hit, and Motor Sich said nothing.",
        ("Petro Ivanenko",),
        needs_given_name=True,
    ),
    NameRule(
        "speech_verb_then_name", AFTER_CUE,  # '..., said Olha Marchenko', 'according to Olha Marchenko'
        re.compile(rf"{_SPACE}(?P<names>{NAME})"),
        "'We hid in the metro,' said Olha Marchenko, according to Jane Roe.",
        ("Olha Marchenko", "Jane Roe"),
        needs_given_name=True,
    ),
)
_NAME_IN_LIST = re.compile(rf"(?P<name>{NAME}|{UPPER_NAME})(?:{_SPACE}in{_SPACE}{_WORD})?")


@lru_cache(maxsize=1)
def given_names(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Common given names (en/uk/ru spellings): the evidence weak name rules need."""
    lines = (data_dir / GIVEN_NAMES_FILE).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _clean(raw: str) -> tuple[int, list[str]] | None:
    """(offset of the first name word in `raw`, the name's words, title-cased if written in
    capitals), without leading words that are no name ('Monday Petro Ivanenko said'); None if
    fewer than two name words are left or one inside is no name word."""
    words = raw.split()
    offset = 0
    while words and words[0] in NOT_NAME_WORDS:
        offset = raw.index(words[1], offset + len(words[0])) if len(words) > 1 else len(raw)
        words.pop(0)
    if raw.isupper():
        words = [w.capitalize() for w in words]
    if words and words[-1].endswith(("'s", "\u2019s")):
        words[-1] = words[-1][:-2]
    if len(words) < 2 or any(w in NOT_NAME_WORDS for w in words):
        return None
    return offset, words


def _word_starts(text: str, last: int, count: int) -> list[int]:
    """The starts of up to `count` words ending with the one at `last`, farthest first."""
    starts = [last]
    for _ in range(count - 1):
        at = starts[-1] - 1
        while at > 0 and text[at - 1] in " \t\u00a0(\u00a9":
            at -= 1
        if at <= 0 or text[at - 1] == "\n":
            break
        lo = max(0, at - BEFORE_WINDOW)
        prev = max(text.rfind(c, lo, at) for c in " \n(\u00a9") + 1
        if prev == 0 and lo > 0:
            break
        starts.append(prev)
    return starts[::-1]


def _cue_positions(text: str, cue: str) -> Iterator[int]:
    at = text.find(cue)
    while at >= 0:
        yield at
        at = text.find(cue, at + 1)


def _rule_matches(
    text: str, speech: list[tuple[int, int]], mention_ends: set[int],
) -> Iterator[tuple[NameRule, re.Match[str]]]:
    """Every rule's matches, each rule looking only where it can match (`where`); a cue right
    after a gazetteer mention ('the Air Force said', 'Oleh Kiper said') has its name already."""
    lines: list[tuple[int, int]] | None = None
    for rule in NAME_RULES:
        if rule.where == LINE:
            if lines is None:
                lines, at = [], 0
                for line in text.split("\n"):
                    if len(line) <= SHORT_LINE and line.strip():
                        lines.append((at, at + len(line)))
                    at += len(line) + 1
            for a, b in lines:
                if b - a > rule.max_line or rule.line_needs and not any(
                    s in text[a:b] for s in rule.line_needs
                ):
                    continue
                if (m := rule.pattern.match(text, a, b)) is not None:
                    yield rule, m
            continue
        after = rule.where == AFTER_CUE
        spans = speech if not rule.cues else [
            (at, at + len(cue)) for cue in rule.cues for at in _cue_positions(text, cue)]
        for start, end in spans:
            if after:
                m = rule.pattern.match(text, end)
            else:
                # the name ends in the word before the cue ('Marchenko said', not 'officials said'):
                # try the starts of the few words before it, farthest first
                if start - 1 in mention_ends or start in mention_ends:
                    continue
                word = max(text.rfind(c, max(0, start - BEFORE_WINDOW), start - 1) for c in " \n(\u00a9") + 1
                if not text[word:word + 1].isupper():
                    continue
                m = None
                for at in _word_starts(text, word, NAME_WORDS_BACK):
                    if (m := rule.pattern.match(text, at, start)) is not None:
                        break
            if m is not None:
                yield rule, m


def people_by_name_rules(text: str, mentions: list[Mention], speech: list[tuple[int, int]]) -> list[Mention]:
    """Mentions of people the rules of `NAME_RULES` find outside the gazetteer's mentions;
    `speech`: the spans of speech words in `text` ('said', `keywords.SPEECH`)."""
    given = given_names()
    starts = [m.start for m in mentions]
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for rule, m in _rule_matches(text, speech, {m.end for m in mentions}):
        for part in _NAME_IN_LIST.finditer(text, m.start("names"), m.end("names")):
            found = _clean(part.group("name"))
            if found is None or (rule.needs_given_name and found[1][0] not in given):
                continue
            s, e = part.start("name") + found[0], part.end("name")
            i = bisect_right(starts, e - 1)
            if any(x.end > s for x in mentions[max(0, i - 3):i]) or any(a < e and s < b for a, b in taken):
                continue  # a gazetteer mention there ('Kyiv Independent'), or found already
            taken.append((s, e))
            out.append(Mention(person_entry(" ".join(found[1])), s, e, text[s:e]))
    return out


def as_known_people(people: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Found people whose name is another spelling of a listed person's ('Yulia Sviredenko',
    'Oleh Synyehubov') become that person."""
    for m in people:
        known = gaz.person_by_skeleton.get(skeleton(m.entry.name))
        if known is not None:
            m.entry = known
    return people


def surnames_of_named_people(text: str, mentions: list[Mention]) -> list[Mention]:
    """A surname alone is the person the article names in full with it ('Oleksiy Kuleba ...
    Kuleba said' is not the listed Dmytro Kuleba); a listed surname right after another given
    name ('Oleksiy Kuleba' when only Dmytro is listed) is no mention of the listed person, so the
    role and name rules can find the full name."""
    given = given_names()
    full: dict[str, Mention] = {}
    for m in mentions:
        if m.entry.type == EntityType.PERSON and " " in m.text:
            full.setdefault(m.text.rsplit(" ", 1)[-1], m)
    out = []
    for m in mentions:
        if m.entry.type == EntityType.PERSON and " " not in m.text:
            named = full.get(m.text)
            if named is not None and named.entry is not m.entry:
                m = Mention(named.entry, m.start, m.end, m.text)
            elif (before := _GIVEN_NAME_BEFORE.search(text, max(0, m.start - 20), m.start)) is not None and (
                before.group(1) in given and skeleton(before.group(1)) != skeleton(m.entry.name.split()[0])
            ):
                continue
        out.append(m)
    return out


_GIVEN_NAME_BEFORE = re.compile(r"([A-Z][a-z'\u2019-]+)[ \u00a0]$")
