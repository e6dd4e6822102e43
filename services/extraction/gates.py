"""Cheap string tests in front of costly patterns: skip the regex where it cannot match.

`re` tries a word alternation at every position (~30-50 ns a character here), while `in` and
`str.endswith` run in C at ~1 ns a character. Most sentences contain none of the words a cue
pattern is built from, and most numbers are not preceded by a qualifier, so a gate that lists
words every match must contain (or end with) answers "no match" for most calls without running
the pattern. A gate is only a filter: when it lets a call through, the pattern decides.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator


def positions(text: str, words: Iterable[str], pos: int = 0, endpos: int = sys.maxsize) -> list[int]:
    """Every position in text[pos:endpos] where one of `words` begins, ascending (`str.find` in C)."""
    out: list[int] = []
    find = text.find
    for w in words:
        i = find(w, pos, endpos)
        while i >= 0:
            out.append(i)
            i = find(w, i + 1, endpos)
    out.sort()
    return out


class Needles:
    """A pattern every match of which contains one of `needles` (searched, not anchored).

    With `starts` (literal texts every match begins with), the pattern is not scanned across
    the text at all: `re` cannot skip ahead on an alternation of groups and lookarounds and
    costs ~20 µs per sentence for the attacker cues, while `str.find` lists the few positions
    where a match can begin and `pattern.match` there gives the same matches as the scan
    (`search` tries exactly `match` at each position in turn). A start given as (text, needed)
    is only looked for when `needed` occurs in the text: ('on', 'russia') for 'on Russia'."""

    __slots__ = ("needles", "pattern", "starts")

    def __init__(
        self, pattern: re.Pattern[str], needles: Iterable[str], starts: Iterable[str | tuple[str, str]] = (),
    ) -> None:
        self.pattern = pattern
        self.needles = tuple(needles)
        self.starts = tuple((s, "") if isinstance(s, str) else s for s in starts)
        if not all(s for s, _ in self.starts):
            raise ValueError("an empty start would allow empty matches")

    def _may_match(self, text: str) -> bool:
        for needle in self.needles:
            if needle in text:
                return True
        return False

    def _positions(self, text: str, pos: int, endpos: int) -> list[int]:
        """Where a match may begin in text[pos:endpos], ascending."""
        return positions(text, [s for s, needed in self.starts if not needed or needed in text], pos, endpos)

    def _iter(self, text: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos, endpos)` (matches are never empty: each begins with a start)."""
        last_end = pos
        match = self.pattern.match
        for p in self._positions(text, pos, endpos):
            if p >= last_end and (m := match(text, p, endpos)):
                yield m
                last_end = m.end()

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        part = text if pos == 0 and endpos >= len(text) else text[pos:endpos]
        if not self._may_match(part):
            return None
        if self.starts:
            return next(self._iter(text, pos, endpos), None)
        return self.pattern.search(text, pos, endpos)

    def findall(self, text: str) -> list:
        if not self._may_match(text):
            return []
        if not self.starts:
            return self.pattern.findall(text)
        groups = self.pattern.groups
        if groups == 0:
            return [m.group() for m in self._iter(text, 0, len(text))]
        if groups == 1:
            return [m.group(1) or "" for m in self._iter(text, 0, len(text))]
        return [m.groups("") for m in self._iter(text, 0, len(text))]

    def count(self, text: str) -> int:
        """`len(self.findall(text))`."""
        if not self._may_match(text):
            return 0
        if not self.starts:
            return len(self.pattern.findall(text))
        n = 0
        last_end = 0
        match = self.pattern.match
        for p in self._positions(text, 0, len(text)):
            if p >= last_end and (m := match(text, p)):
                n += 1
                last_end = m.end()
        return n

    def finditer(self, text: str) -> Iterable[re.Match[str]]:
        if not self._may_match(text):
            return ()
        return self._iter(text, 0, len(text)) if self.starts else self.pattern.finditer(text)


class Suffixes:
    """An end-anchored pattern ('...\\s+$') every match of which ends with one of `suffixes` once
    whitespace (and the characters in `strip`, for '[\\s,:]*$') is stripped from the right."""

    __slots__ = ("pattern", "strip", "suffixes")

    def __init__(self, pattern: re.Pattern[str], suffixes: Iterable[str], strip: str | None = None) -> None:
        self.pattern = pattern
        self.suffixes = tuple(suffixes)
        self.strip = strip

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        part = text if pos == 0 and endpos >= len(text) else text[pos:endpos]
        tail = part.rstrip()
        if self.strip:
            while (shorter := tail.rstrip(self.strip).rstrip()) != tail:
                tail = shorter
        return self.pattern.search(text, pos, endpos) if tail.endswith(self.suffixes) else None
