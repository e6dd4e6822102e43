"""Sentence spans with offsets: claims keep their evidence as (text, start, end) of the article.

A small rule splitter, not a model: wire copy is well punctuated, and the few traps (initials,
'U.S.', 'Gen.', decimals, '10:00') are known. It runs at several MB/s.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from schemas.calendar import ENGLISH_MONTH_ABBREVIATIONS

# A break after . ! ? (and an optional closing quote/bracket) before whitespace and a capital
# (Latin or Cyrillic), digit or opening quote; or at a line break.
# (One leading character set, the branches told apart by look-behinds: `re` skips ahead fast only
# when the pattern starts with a set; an alternation at the top made it try every position, 4x slower.)
_BREAK = re.compile(
    r"[\n.!?](?:(?<=\n)\n*|(?<=[.!?])[\"'\u201d\u2019)\]\u00bb]*\s+(?=[\"'\u201c\u2018(\[\u00ab]?[A-Z0-9\u0410-\u042f\u0406\u0407\u0404\u0490\u0401]))"
)
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "st", "no", "vs",
    *ENGLISH_MONTH_ABBREVIATIONS, "u.s", "u.k", "u.n", "e.u",
    "inc", "corp", "co", "ltd", "gov", "sen", "rep", "prof", "approx", "est", "fig", "jr", "sr",
})
# the letters and dots before a final '.', read backwards: one anchored match instead of a
# `$`-anchored search that retries at every position of the tail
_LAST_WORD_REVERSED = re.compile(r"\.([A-Za-z.]*)")
_TAIL = 40  # longer than any abbreviation or initials the check could accept


class Sentence(NamedTuple):
    """A sentence's text and its offsets in the article (a tuple: ~25 are made per article)."""

    text: str
    start: int
    end: int
    paragraph: int


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether text[start:end], ending in '.', ends with an abbreviation or initials."""
    # Only the tail: no abbreviation or initials are longer.
    m = _LAST_WORD_REVERSED.match(text[max(start, end - _TAIL):end][::-1])
    if not m:
        return False
    original = m.group(1)[::-1].lstrip(".")  # the word starts with a letter
    if not original:
        return False
    word = original.lower()
    # 'U.S.' style initials, single capital initials ('J. Smith') and known abbreviations.
    return word in _ABBREVIATIONS or (len(word) == 1 and original.isupper()) or (
        "." in word and len(word) <= 4
    )


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` with their character offsets; blank lines start a new paragraph."""
    out: list[Sentence] = []
    paragraph = 0
    seg_start = 0
    for m in _BREAK.finditer(text):
        brk = m.group(0)
        at = m.start()
        newline = brk[0] == "\n"
        cut = at if newline else at + len(brk.rstrip())
        if newline or cut > at + 1 or not _is_abbreviation(text, seg_start, at + 1):
            _emit(out, text, seg_start, cut, paragraph)
            if brk.count("\n") >= 2:
                paragraph += 1
            seg_start = m.end()
    _emit(out, text, seg_start, len(text), paragraph)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], start, end, paragraph))
