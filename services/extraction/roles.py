"""People the gazetteer does not know, found by the role news names them with.

Wire copy introduces nearly everyone by role: 'regional governor Ivan Rudnytskyi', 'Finance
Minister Serhiy Marchenko', 'defence analyst Tim Sweijs'. A capitalised two- or three-word name
right after a role word is a person; no list of names is needed. The role words are keywords of
the gazetteer's one Aho-Corasick pass (`keywords.ROLE`), so this costs nothing for the many
articles that name no one new.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from schemas.calendar import ENGLISH_MONTHS
from schemas.extraction import EntityType
from services.extraction.gazetteer import GazetteerEntry, Mention, slug

# Title-case name tokens (Latin letters, apostrophes, hyphens); names in other cases are not ours
_NAME_AFTER_ROLE = re.compile(
    r"[ \u00a0]+(?P<name>[A-Z][a-z][\w'\u2019-]*(?:[ \u00a0]+[A-Z][a-z][\w'\u2019-]*){1,2})"
)
# 'the governor of Kyiv Oblast, Petro Ivanenko', 'adviser to the interior minister, Ivan Petrenko':
# the name after the role's own complement, behind a comma
_NAME_AFTER_ROLE_CLAUSE = re.compile(
    r"[ \u00a0]+(?:of|to|at|for|in)[ \u00a0][^,.;:!?()\"\n\u201c\u201d]{1,60},[ \u00a0]+"
    r"(?P<name>[A-Z][a-z][\w'\u2019-]*(?:[ \u00a0]+[A-Z][a-z][\w'\u2019-]*){1,2})"
)
# '..., said Vita Spivak, a Russia analyst at ...': the name in front of its role, after a comma
_BETWEEN_NAME_AND_ROLE = re.compile(r"(?:(?:a|an|the) )?(?:[\w'\u2019-]+ ){0,4}")
_NAME_WORD = re.compile(r"[A-Z][a-z][\w'\u2019-]*")
# Capitalised words that follow roles but are no names ('Minister Defence', 'Governor General')
NOT_NAME_WORDS = frozenset({
    "The", "Of", "For", "And", "In", "On", "At", "Air", "Force", "Forces", "Defence", "Defense", "Ministry",
    "Minister", "Oblast", "Region", "Regional", "City", "Military", "Administration", "General", "Staff",
    "Office", "Council", "Ukrainian", "Russian", "Ukraine", "Russia", "President", "Prime", "Foreign",
    "Affairs", "Interior", "Security", "Service", "National", "State", "Emergency", "Armed", "Navy",
    "Army", "Commander", "Chief", "Head", "Deputy", "Secretary", "Spokesman", "Spokeswoman", "Governor",
    "Mayor", "European", "Union", "Commission", "United", "States", "Nations", "Kingdom", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    *(m.capitalize() for m in ENGLISH_MONTHS),
    "Telegram", "Ministry's", "Kremlin", "House", "White", "Institute", "University", "Bank", "Fund",
    "Group", "Agency", "Committee", "Parliament", "Party", "Republic", "Federation", "Acting", "Former",
    "Said", "Says", "Told", "Wrote", "Added", "Also", "Who", "Officer", "Analyst", "Expert",
})
_people: dict[str, GazetteerEntry] = {}  # one entry per name, shared across articles


def person_entry(name: str) -> GazetteerEntry:
    """The entry of a person found by role or name rules (one per name, cached)."""
    entry = _people.get(name)
    if entry is None:
        entry = GazetteerEntry(type=EntityType.PERSON, name=name, id=f"person:{slug(name)}")
        if len(_people) < 100_000:  # a bounded cache: a long-running service sees many names
            _people[name] = entry
    return entry


def _name_before(text: str, role_start: int) -> tuple[int, list[str]] | None:
    """(start, words) of 'Name Name' ending at the comma before a role ('Vita Spivak, a ... analyst')."""
    comma = text.rfind(", ", max(0, role_start - 50), role_start)
    if comma < 1 or not text[comma - 1].isalpha() or not _BETWEEN_NAME_AND_ROLE.fullmatch(
        text, comma + 2, role_start
    ):
        return None
    words = text[max(0, comma - 45):comma].rsplit("\n", 1)[-1].split(" ")[-3:]  # a name starts its line
    while words and not _NAME_WORD.fullmatch(words[0]):
        words.pop(0)
    if len(words) < 2 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return None
    return comma - len(" ".join(words)), words


def people_after_roles(text: str, roles: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
    """Mentions of people named right after (or, in apposition, right before) a role word at
    `roles` (spans in `text`), unless the words there are a gazetteer mention already or no name
    ('Governor General')."""
    out: list[Mention] = []
    starts: list[int] | None = None
    known: set[int] | None = None
    for start, end in roles:
        if start > 0 and text[start - 1].isalnum():
            continue
        m = None
        if text[end + 1:end + 2].isupper():
            if known is None:
                known = {x.start for x in mentions}
            if end + 1 in known:
                continue  # 'governor Oleh Syniehubov': the gazetteer knows the name already
            m = _NAME_AFTER_ROLE.match(text, end)
        elif text[end:end + 1] == " " and (m := _NAME_AFTER_ROLE_CLAUSE.match(text, end)) is not None:
            if known is None:
                known = {x.start for x in mentions}
            if m.start("name") in known:
                continue
        if m is not None:
            s, words = m.start("name"), m.group("name").split()
        elif (found := _name_before(text, start)) is not None:
            s, words = found
        else:
            continue
        if words[-1].endswith(("'s", "\u2019s")):
            words[-1] = words[-1][:-2]  # 'Ivan Fedorov's statement': the possessive is no part of the name
        while words and words[-1] in NOT_NAME_WORDS:
            words.pop()
        if len(words) < 2 or any(w in NOT_NAME_WORDS for w in words):
            continue
        name = " ".join(words)
        e = s + len(name)
        if text[s:e] != name:
            continue  # a non-breaking or double space inside: keep it simple, skip
        if starts is None:
            starts = [x.start for x in mentions]
        i = bisect_right(starts, e - 1)  # mentions are sorted and do not overlap: look at the last few
        if any(x.end > s for x in mentions[max(0, i - 3):i]) or any(x.start < e and s < x.end for x in out):
            continue
        out.append(Mention(person_entry(name), s, e, name))
    return out
