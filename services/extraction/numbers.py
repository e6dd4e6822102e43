"""Cardinal numbers as news copy writes them: '1,200', '579', 'four', 'twenty-two', 'a dozen'."""

from __future__ import annotations

import re

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_WORD_NUMBER = (
    r"(?:(?:" + "|".join(TENS) + r")(?:[- ](?:" + "|".join(k for k in UNITS if UNITS[k] < 10) + r"))?"
    r"|" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")"
)
# Digits: '1,200' or '1200' or '1 200'? (no: a space is too ambiguous). Not part of a model
# name ('Kh-101', 'S-300'), a decimal, a time ('10:00'), a date ('7/9'), an age ('23-year-old'),
# an ordinal ('19th') or a percentage.
NUMBER = re.compile(
    r"(?<![\w$\u20ac\u00a3.,:/\-])"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+"
    r"|(?:a\s+)?dozen|both|(?:" + _WORD_NUMBER + r")(?:\s+dozen|\s+hundred)?"
    r"|an?(?=\s+(?:[\w-]+\s+){0,2}?(?:man|woman|child|boy|girl|person|teenager|civilian|resident"
    r"|pensioner|infant|baby|adult|worker|employee|driver|passenger|firefighter|rescuer|medic|volunteer"
    r"|journalist|engineer|electrician|officer|guard|farmer|teacher|doctor|nurse|student|pedestrian|cyclist)\b)"
    # 'one person died, another was injured': one more casualty, the verb says which
    r"|another(?=\s+(?:was|has\s+been|had\s+been)\s+(?:[\w-]+\s+)?(?:injured|wounded|hurt|killed"
    r"|hospitali[sz]ed)\b)"
    # 'a drone was shot down over Moscow', 'another UAV was destroyed': one weapon, counted
    r"|(?:an?|another)(?=\s+(?:[\w-]+\s+){0,2}?(?:drone|uav|missile|unmanned\s+aerial)(?![\w-]))"
    # '... over Kursk and another over Oryol': one more of the weapons just counted
    r"|another(?=\s+(?:in|over|near|above|across|around)\s))"
    r"(?![\w%]|[.,:/]\d|-\w|\s*(?:%|percent|per\s+cent|million|billion|trillion|bn\b|thousand)|\s+way\b)",
)
"""Matches on lower-cased text (see gazetteer.fold): no IGNORECASE, which is 3x slower here."""


def parse_number(raw: str) -> int | None:
    """Value of a NUMBER match; None when it is not a number after all."""
    s = raw.lower().replace(",", "").strip()
    if s.isdigit():
        return int(s)
    s = " ".join(s.split())
    if s in ("a", "an", "another"):
        return 1
    if s == "both":
        return 2
    if s in ("dozen", "a dozen"):
        return 12
    multiplier = 1
    for word, factor in ((" dozen", 12), (" hundred", 100)):
        if s.endswith(word):
            s, multiplier = s[: -len(word)], factor
    total = 0
    for part in re.split(r"[- ]", s):
        if part in UNITS:
            total += UNITS[part]
        elif part in TENS:
            total += TENS[part]
        else:
            return None
    return total * multiplier
