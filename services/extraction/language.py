"""The language of an article: English, Ukrainian or Russian, from its alphabet.

Written here rather than taken from a detector (py3langid, lingua): the three languages we read
are told apart by letters only one of them uses (Ukrainian і ї є ґ, Russian ы э ъ ё) and by
Cyrillic against Latin script, so a letter count decides (~130 µs per 2 KB of Cyrillic text,
~25 µs for an article without a Cyrillic letter) with no model to load; py3langid limited to
the three took 0.6 s to load and read the Air Force's short line
"Збито/подавлено 747 ворожих БпЛА" as Russian. A text with neither alphabet's own letters is
Russian once it is long enough that Ukrainian would have written 'і' (`NO_I_LETTERS`), else
Ukrainian (the Air Force's short lines).
"""

from __future__ import annotations

import re

ENGLISH, UKRAINIAN, RUSSIAN = "en", "uk", "ru"
_UKRAINIAN_ONLY = "іїєґ"
_RUSSIAN_ONLY = "ыэъё"
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщьюя" + _UKRAINIAN_ONLY + _RUSSIAN_ONLY
_ANY_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ANY_LATIN = re.compile("[A-Za-z]")
SAMPLE_CHARS = 4000  # the opening of an article says its language; counting further costs time
NO_I_LETTERS = 100  # Cyrillic letters with no Ukrainian-only letter among them: Russian text
CYRILLIC_SHARE = 0.3  # of the letters: below it, a page with a Cyrillic quote stays English


def detect_language(text: str, default: str = ENGLISH) -> str:
    """'uk', 'ru' or 'en'; `default` when the text has no letters."""
    if not _ANY_CYRILLIC.search(text):
        return ENGLISH if _ANY_LATIN.search(text) else default  # most articles: one C-speed scan
    low = text[:SAMPLE_CHARS].lower()
    latin = sum(map(low.count, _LATIN))  # str.count runs in C: ~40 µs for 2 KB, a char loop ~300
    cyrillic = sum(map(low.count, _CYRILLIC))
    if cyrillic + latin == 0:
        return default
    if cyrillic < CYRILLIC_SHARE * (cyrillic + latin):
        return ENGLISH
    uk = sum(low.count(c) for c in _UKRAINIAN_ONLY)
    ru = sum(low.count(c) for c in _RUSSIAN_ONLY)
    if uk == ru == 0 and cyrillic >= NO_I_LETTERS:
        return RUSSIAN  # Ukrainian writes 'і' every few words; a sentence or more without any is Russian
    if uk == ru:
        return default if default in (UKRAINIAN, RUSSIAN) else UKRAINIAN
    return UKRAINIAN if uk > ru else RUSSIAN
