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


def _nominative(word: str, lang: str, pos: str | None = None, gender: str | None = None):  # noqa: ANN202
    """The analyser's reading of `word` as the nominative it is given in (names are listed so)."""
    for p in analyzer(lang).parse(word):
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
                form = reading.inflect({case, number}) or reading.inflect({case})
            text = form.word if form is not None else word
            inflected.append(text[0].upper() + text[1:] if word[0].isupper() else text)
        out.add(" ".join(inflected))
    return out
