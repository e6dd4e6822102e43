"""Keywords found in the same one pass over an article as the gazetteer's aliases.

Python's `re` scans ~10-50 ns per character for the extractor's word alternations, so running
the number, date and period patterns over every sentence cost most of the extractor's time.
Instead the gazetteer's Aho-Corasick automaton also reports these keywords; the patterns then
run only where a keyword says they can match (every number-word match starts at one of
`NUMBER_WORDS`, every date expression lies near one of `DATE_WORDS`, ...).
"""

from __future__ import annotations

from schemas.calendar import ENGLISH_MONTH_ABBREVIATIONS, ENGLISH_MONTHS
from services.extraction.numbers import TENS, UNITS

NUM = 1  # a number word may start here ('four', 'a dozen', 'a man')
DATE = 2  # a date expression may lie near ('overnight', 'Friday', 'September')
PERIOD = 4  # a period expression may lie near ('since', 'this month')
ROLE = 8  # a person's name may follow ('governor', 'minister': roles.py)
SPEECH = 16  # a person's name may sit before or after ('said', 'according to': names.py)
PLACE_CONTEXT = 32  # a town's name before it is no town ('-made', ' district': gazetteer.py)

# Every whitespace character `\s` matches: 'a' + whitespace may start 'a dozen' or 'a man'.
_WHITESPACE = [chr(c) for c in range(0x3001) if chr(c).isspace()]
NUMBER_WORDS = [*UNITS, *TENS, "dozen", "both", *("a" + w for w in _WHITESPACE),
                *("an" + w for w in _WHITESPACE), *("another" + w for w in _WHITESPACE)]

_MONTHS = list(ENGLISH_MONTHS)
# dates.py's hint words: a date pattern can only match within 40 characters of one of these.
DATE_WORDS = ["day", "night", "yesterday", "tonight", "morning", "evening", *_MONTHS]
# Abbreviations count only as whole words ('jan' but not 'janitor').
DATE_ABBREVIATIONS = list(ENGLISH_MONTH_ABBREVIATIONS)
PERIOD_WORDS = ["since", "date", "recent", "week", "month", "year", "past", "last", "previous", *_MONTHS]
ROLE_WORDS = ["governor", "gov.", "mayor", "minister", "spokesman", "spokeswoman", "spokesperson",
              "analyst",
              "commander", "president", "secretary", "envoy", "aide", "adviser", "advisor",
              "director", "ambassador", "chairman", "chairwoman", "researcher", "expert", "lawmaker",
              "senator",
              "colonel", "chancellor", "administration", "chief", "deputy", "ombudsman",
              "prosecutor", "head", "leader", "premier", "commissioner", "correspondent", "journalist",
              "resident", "founder", "ceo", "professor",
              # military ranks and occupations wire copy names people by ('lawyer Olha Marchenko')
              "general", "lieutenant", "captain", "admiral", "sergeant", "official", "officer", "lawyer",
              "teacher", "doctor", "nurse", "engineer", "student", "pensioner", "volunteer", "driver",
              "photographer", "reporter", "writer", "editor", "economist", "historian", "diplomat",
              "activist", "blogger", "politician", "priest", "owner", "manager", "worker", "surgeon"]


SPEECH_WORDS = ["said", "says", "told", "wrote", "writes", "added", "noted", "stated", "reported",
                "announced", "explained", "warned", "claimed", "posted", "confirmed", "stressed",
                "emphasised", "emphasized", "according to"]


# Words right after a town's name that make it something else: an adjective ('Iran-made'), an
# administrative unit it names ('the Izmail district'), its region ('the Kursk border region',
# 'the region of Kherson' before it). Each starts with the character right after the name.
PLACE_ADJECTIVES = [f"-{w}" for w in ("made", "designed", "built", "produced", "supplied", "launched",
                                      "backed", "manufactured")]
PLACE_UNITS = [f" {w}" for w in ("district", "raion", "communit", "hromada", "municipalit")]
PLACE_REGIONS = [f" {w} region" for w in ("border", "frontline", "front-line")]
REGION_OF = ["region of ", "province of ", "oblast of "]


def keyword_table() -> dict[str, tuple[int, bool]]:
    """keyword -> (kinds bitmask, needs a word boundary after it)."""
    table: dict[str, tuple[int, bool]] = {}

    def add(word: str, kind: int, boundary: bool = False) -> None:
        kinds, old_boundary = table.get(word, (0, boundary))
        table[word] = (kinds | kind, old_boundary and boundary)

    for w in NUMBER_WORDS:
        add(w, NUM)
    for w in DATE_WORDS:
        add(w, DATE)
    for w in DATE_ABBREVIATIONS:
        add(w, DATE, boundary=True)
    for w in PERIOD_WORDS:
        add(w, PERIOD)
    for w in ROLE_WORDS:
        add(w, ROLE, boundary=True)
    for w in SPEECH_WORDS:
        add(w, SPEECH, boundary=True)
    for w in PLACE_ADJECTIVES:
        add(w, PLACE_CONTEXT, boundary=True)
    for w in [*PLACE_UNITS, *PLACE_REGIONS, *REGION_OF]:
        add(w, PLACE_CONTEXT)
    return table
