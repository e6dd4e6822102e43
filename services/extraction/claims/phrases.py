"""Stage 1, typed number phrases: every number in a sentence with what it counts.

A number that counts nothing we track (ages, years, money, percentages, troops, places) never
gets a head noun, or is dropped here, and so never becomes a claim.
"""

from __future__ import annotations

import re

from schemas.calendar import MONTHS
from schemas.extraction import Measure, Qualifier, WeaponClass
from services.extraction import lexicon as lx
from services.extraction.claims.model import CASUALTY, MISSILE_CLASSES, PERSON, WEAPON, NumberPhrase
from services.extraction.gates import Suffixes
from services.extraction.gazetteer import Mention
from services.extraction.numbers import NUMBER, TENS, UNITS, parse_number
from services.extraction.sentences import Sentence

LOOKBACK = 40  # characters before a number its qualifier, month or non-count word may use
NP_WORDS = 8  # modifiers and models read before the head noun
MIXED_PEEK = 30  # characters after 'drones and other' that may name missiles (a mixed total)
PLACE_PEEK = 60  # characters after 'two more' where the place of another count may follow
AGE_LIMIT = 120  # a bare number below this after 'a woman,' is an age
YEARS = range(1900, 2101)
INDEFINITE = ("a", "an", "another")
"""articles that count one ('a woman was killed', 'another drone was shot down')"""
INDEFINITE_VERB_REACH = 60  # characters after 'a drone' where its passive intercept verb must stand
_INTERCEPT = r"(?:" + lx.WEAPON_VERBS[Measure.INTERCEPTED] + r")(?![\w-])"
INTERCEPTED_AFTER = re.compile(
    r"[^.;]*?\b(?:was|were|had\s+been|has\s+been|been|got)\s+(?:(?:also|reportedly|successfully|later|then)\s+)?"
    + _INTERCEPT
)
INTERCEPTED_BEFORE = re.compile(
    r"(?<![\w-])" + _INTERCEPT + r"\s+(?:[^.;]{0,60}?(?:,\s*|\s+)(?:and|as\s+well\s+as)\s+)?$"
)  # ('destroyed a drone', 'intercepted 9 of 10 drones and a cruise missile')
"""one weapon is a count only when it was intercepted: 'a drone was shot down over Moscow' is the
count Russian officials give, 'a missile hit a school' tells what happened, not how many"""
ONE_HIT_AFTER = re.compile(
    r"\s*(?:(?:also|reportedly|then|later|had|has|have|was|reportedly)\s+)?"
    r"(?:hit(?:s|ting)?|str(?:uck|ikes|iking)|slamm(?:ed|ing)\s+into|crash(?:ed|ing)\s+into|landed\s+(?:on|in))\s"
)
"""'one of the bombs hit a block', 'one of which struck the port': one weapon of those counted hit"""
MORE_AT_PLACE = re.compile(
    r"\s+more\s+(?:(?:drones|uavs|missiles)\s+)?(?:in|over|above|near|across|around)\s"
)
"""'... and 12 more over the south': the weapons just counted, in another place"""
PART_OF_AFTER_HEAD = re.compile(r"\s+(?:out\s+)?of\s+(?:the\s+)?(?=\d)")
"""'25 missiles of 38', '30 drones out of 40': a part named before the whole it was counted out of"""
SINGLE_WEAPON_ACTS = re.compile(
    r"(?:\s*,[^,.;]{1,40},)?\s+(?:(?:also|reportedly|then|later|had|has|have)\s+)?"
    r"(?:hit|struck|slammed\s+into|crashed\s+into|plunged\s+into|fell\s+(?:on|onto|into)|exploded\s+(?:at|on|in|near|over)"
    r"|impact\s+(?:in|on|at|near)"
    r"|attacked|targeted|(?:was|were)\s+(?:fired|launched|directed)\s+(?:at|against|towards?|on))\s"
)
"""'a drone hit a block', 'a drone, probably a Shahed, struck the port', 'a missile was fired at
the city': one weapon that acted on a target (its verb, found by the measure rules, says how)"""
SINGLE_WEAPON_TARGET_BEFORE = re.compile(
    r"(?<![\w-])(?:(?:hit|struck)(?:\s+[\w'-]+){0,4}?\s+by|impact\s+of"
    r"|(?:was|were)\s+(?:attacked|targeted)\s+by|(?:fired|launched)(?:\s+[\w'-]+){0,3}?)\s+$"
)
"""'the building was attacked by a drone', 'a block hit by a missile', 'Russia fired an Iskander-M at
the city'"""
ABBREVIATION_AFTER = re.compile(r"\s*\((?:uavs?|drones?|[a-z]{2,5}s?)\)")
"""the short name a head noun is given in brackets, which the verb follows"""
NP_SKIP = ' "\u201c\u201d\u00ab\u00bb'
CLASS_LIST_GAP = re.compile(r",\s*(?:and\s+|or\s+)?|\s*(?:and|or)\s+")
"""between coordinated class words: 'cruise, ballistic, and guided aircraft missiles'"""
MIXED_HEADS_AFTER = re.compile(
    r"\s+and\s+(?:(?!dozens|scores?|several|some|many|hundreds|more|a\b|an\b|of\b|(?:"
    + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True))
    + r")\b)[a-z-]+\s+){0,3}?(?:drones|uavs)\b(?!\s*(?:and|,))"
)
"""'more than 500 missiles and Shahed kamikaze drones': one figure for both kinds, a total (but
'23 missiles and two attack drones' counts each kind: a number word is a count of its own)"""
HELD_BEFORE = re.compile(
    r"\b(?:storing|stored|housing|holding|containing|stockpiling|stockpiled|all\s+but"
    r"|manufactur(?:e|es|ed|ing)|produc(?:e|es|ed|ing)|assembl(?:e|es|ed|ing))"
    r"\s+(?:up\s+to\s+|about\s+|some\s+|over\s+)?$"
)
"""'a base storing 400 drones', 'shot down all but 10 of the drones': numbers that count no attack"""

_ENGLISH_MONTHS = sorted((m for m in MONTHS if m.isascii()), key=len, reverse=True)
MONTH_BEFORE = Suffixes(
    re.compile(r"(?:" + "|".join(_ENGLISH_MONTHS) + r")\.?\s+$"),
    tuple(_ENGLISH_MONTHS) + tuple(m + "." for m in _ENGLISH_MONTHS),
)
_FULL_MONTHS = [m for m in _ENGLISH_MONTHS if len(m) >= 5 or m in ("may", "june", "july")]
_MONTH_AFTER = re.compile(r"\s+(?:" + "|".join(_FULL_MONTHS) + r")\b")
_NON_COUNT_SUFFIXES = lx.NON_COUNT_BEFORE.suffixes
_QUALIFIER_SUFFIXES = lx.QUALIFIER_BEFORE.suffixes
if any(t.strip is not None for t in (lx.NON_COUNT_BEFORE, lx.QUALIFIER_BEFORE, MONTH_BEFORE)):
    raise ValueError("the suffix tables read here must not strip: number_matches compares raw suffixes")


def number_matches(low: str, starts: list[int]) -> list[re.Match[str]]:
    """`NUMBER.finditer(low)`, tried only at `starts`, where the keyword pass says numbers may begin."""
    out: list[re.Match[str]] = []
    last_end = 0
    match = NUMBER.match
    for p in starts:
        if p >= last_end and (m := match(low, p)):
            out.append(m)
            last_end = m.end()
    return out


def parse_phrase(low: str, np: NumberPhrase, weapons_at: dict[int, Mention], sentence_len: int) -> None:
    """Read what the number counts: modifiers, weapon models and a head noun."""
    pos = np.end
    if m := lx.ANAPHORA_AFTER.match(low, pos):
        raw = low[np.start : np.end]
        if (
            raw == "one" and not ONE_HIT_AFTER.match(low, m.end())
            or raw == "both" and not lx.WEAPON_AFTER.match(low, m.end())
        ) and not m.group(0).rstrip().endswith(("the", "of")):
            np.skip = True  # 'one of which hit a plant', 'both of them converted S-200s': described
            return
        if m.group(0).rstrip().endswith(("the", "of")) and m.end() < sentence_len and low[m.end()].isdigit():
            np.borrow_next = True
        else:
            np.anaphora = True
            np.relative = m.group(0).rstrip().endswith(("which", "whom"))
        np.np_end = m.end()
        return
    if (m := lx.ANAPHORA_OF_THE.match(low, pos)) and low.startswith(" of ", pos):
        one = np.value == 1 and low[np.start : np.end] == "one"
        pos = m.end()
        np.anaphora = True
        _parse_words(low, np, weapons_at, sentence_len, pos)
        if one and not (np.head == WEAPON and ONE_HIT_AFTER.match(low, np.np_end)):
            np.skip = True  # 'one of the missiles was a Kinzhal': descriptive, not a count
            return  # (but 'one of the missiles hit a school' is one weapon that hit: README)
        if np.head is None:
            np.skip = True  # 'nine of the city's ten districts': a part of something else
        elif np.head == PERSON and low.startswith(("victims", "dead", "killed", "injured", "wounded"), pos):
            np.skip = True  # 'Twenty-three of the victims died in one building': a part of the toll
        elif np.head == CASUALTY:
            np.skip = True  # 'three of the injured are in serious condition': a sub-count
        return
    _parse_words(low, np, weapons_at, sentence_len, pos)


def _weapon_mention(
    low: str, np: NumberPhrase, mention: Mention, weapons_at: dict[int, Mention]
) -> int | None:
    """A gazetteer weapon after the number: its model and class; the position after it, None
    when the number counts something that is no claim ('10 Patriot systems')."""
    entry = mention.entry
    if entry.claim_class is None:
        if low.startswith(" rocket", mention.end):
            return mention.end  # '14 HIMARS rockets': the launcher names the rockets counted
        np.skip = True  # aircraft, air-defence systems
        return None
    if np.weapon_model is not None and np.weapon_model != entry.name:
        np.weapon_model = None  # 'Iskander-M/KN-23': several models, no single one
    else:
        np.weapon_model = entry.name
        np.weapon_class = WeaponClass(entry.claim_class)
    np.side = entry.side
    np.head = WEAPON
    pos = mention.end
    if low.startswith("/", pos) or low.startswith(" or ", pos) or low.startswith(" and ", pos):
        nxt = pos + (1 if low[pos] == "/" else 4 if low.startswith(" or ", pos) else 5)
        if nxt in weapons_at:
            pos = nxt
    if low.startswith("s ", pos) or low.startswith("s,", pos):
        pos += 1
    np.np_end = pos
    return pos


def _weapon_head(low: str, np: NumberPhrase, m: re.Match[str]) -> None:
    """'drones', 'cruise missiles', 'guided bombs', 'targets': the class the head noun gives."""
    kind = m.lastgroup
    np.head = WEAPON
    np.np_end = m.end()
    if abbreviation := ABBREVIATION_AFTER.match(low, m.end()):
        np.np_end = abbreviation.end()  # '13 unmanned aerial vehicles (UAVs) were intercepted'
    elif not np.anaphora and (part := PART_OF_AFTER_HEAD.match(low, m.end())):
        np.borrow_next, np.np_end = True, part.end()  # '25 missiles of 38 fired were shot down'
    peek = low[m.end() : m.end() + MIXED_PEEK]
    if kind == "total":
        np.weapon_class = WeaponClass.TOTAL
    elif kind == "bombs":
        np.weapon_class = WeaponClass.GLIDE_BOMBS
    elif kind == "drones":
        if np.weapon_class is None or np.weapon_class == WeaponClass.MISSILES:
            np.weapon_class = WeaponClass.DRONES
        if lx.AND_OTHER_WEAPONS.match(low, m.end()) and "missile" in peek:
            np.weapon_class, np.weapon_model = WeaponClass.TOTAL, None
        if np.weapon_model and lx.MIXED_MODELS_AFTER.match(low, m.end()):
            np.weapon_model = None  # 'Shahed attack drones, Gerbera decoys and other drones'
    else:  # missiles
        if np.weapon_class is None or np.weapon_class not in MISSILE_CLASSES:
            np.weapon_class = np.hint or WeaponClass.MISSILES
        elif np.hint is not None and np.weapon_class == WeaponClass.MISSILES:
            np.weapon_class = np.hint
        if lx.AND_OTHER_WEAPONS.match(low, m.end()) and ("drone" in peek or "uav" in peek):
            np.weapon_class, np.weapon_model = WeaponClass.TOTAL, None
        elif mixed := MIXED_HEADS_AFTER.match(low, m.end()):
            np.weapon_class, np.weapon_model = WeaponClass.TOTAL, None
            np.np_end = mixed.end()  # '158 missiles and combat drones were used': the verb follows both


def _parse_words(
    low: str, np: NumberPhrase, weapons_at: dict[int, Mention], sentence_len: int, pos: int
) -> None:
    """The modifiers, weapon models and head noun from `pos` on."""
    for _ in range(NP_WORDS):
        while pos < sentence_len and low[pos] in NP_SKIP:
            pos += 1  # (spaces, and quotes: 'fired more than 640 "Shaheds"')
        if pos >= sentence_len:
            break
        mention = weapons_at.get(pos)
        if mention is not None:
            after = _weapon_mention(low, np, mention, weapons_at)
            if after is None:
                return
            pos = after
            continue
        if m := lx.WEAPON_HEAD.match(low, pos):
            if lx.NOT_A_COUNT_AFTER_HEAD.match(low, m.end()):
                np.skip = True
            else:
                _weapon_head(low, np, m)
            return
        if np.head is None and (m := lx.PERSON_HEAD.match(low, pos)):
            np.head, np.np_end = PERSON, m.end()
            return
        if np.head is None and (m := lx.CASUALTY_ADJECTIVE.match(low, pos)):
            np.head = CASUALTY
            np.casualty_measure = Measure.KILLED if m.group("killed") else Measure.INJURED
            np.np_end = m.end()
            return
        if np.head in (None, WEAPON) and (m := lx.NP_MODIFIER.match(low, pos)):
            if np.head is None and m.group("nonstrike"):
                np.skip = True
                return
            if m.group("cls"):
                hint = lx.class_hint(m.group("cls"))
                # '127 cruise, ballistic and guided missiles': several classes, one generic figure
                np.hint = hint if np.hint is None or np.hint == hint else WeaponClass.MISSILES
            pos = m.end()
            if np.head is None:
                np.np_end = pos
            if (c := CLASS_LIST_GAP.match(low, pos)) and lx.NP_MODIFIER.match(low, c.end()):
                pos = c.end()
            continue  # (after a model: '9 Iskander-M ballistic missiles')
        if (
            np.head is None
            and (w := lx.ANY_WORD.match(low, pos))
            and (m := lx.PERSON_HEAD.match(low, w.end()))
        ):
            np.head, np.np_end = PERSON, m.end()  # 'two dock workers', 'three aid workers'
        break


def _not_a_count(sentence: Sentence, low: str, start: int, end: int, raw: str, value: int) -> bool:
    """Dates, ages and non-count words around a number ('March 5', 'a woman, 58,', '5 percent')."""
    before = low[max(0, start - LOOKBACK) : start]
    if HELD_BEFORE.search(before):
        return True
    # The patterns on `before` all end in '\s+$': none matches unless it ends in a space
    tail = before.rstrip()
    spaced = len(tail) < len(before)
    if (
        _MONTH_AFTER.match(low, end)
        or spaced
        and (
            (tail.endswith(MONTH_BEFORE.suffixes) and MONTH_BEFORE.pattern.search(before))
            or (tail.endswith(_NON_COUNT_SUFFIXES) and lx.NON_COUNT_BEFORE.pattern.search(before))
        )
    ):
        return True
    return (
        raw.isdigit()
        and value < AGE_LIMIT
        and spaced
        and bool(
            (
                low.startswith(",", end)
                and (am := lx.AGE_APPOSITION.search(before))
                and (
                    lx.PERSON_HEAD.fullmatch(am.group().rstrip().rstrip(","))
                    or sentence.text[start - len(before) + am.start()].isupper()
                )
            )
            or (
                tail.endswith((",", "and", "or"))
                and ("aged " in before or "ages " in before)
                and lx.AGE_LIST_BEFORE.search(before)
            )
        )
    )  # 'a woman, 58, died', 'two men aged 39 and 56': ages


def _qualified(low: str, start: int, end: int, raw: str, value: int) -> NumberPhrase | None:
    """The phrase with its qualifier ('more than', 'about', 'a dozen'); None when hypothetical."""
    before = low[max(0, start - LOOKBACK) : start]
    tail = before.rstrip()
    spaced = len(tail) < len(before)
    qualifier = Qualifier.EXACT
    qual_start = start
    qm = lx.QUALIFIER_BEFORE.pattern.search(before) if spaced and tail.endswith(_QUALIFIER_SUFFIXES) else None
    if qm:
        qualifier = lx.QUALIFIERS[qm.lastgroup or "about"]
        qual_start = start - (len(before) - qm.start())
    elif "dozen" in raw:
        qualifier = Qualifier.ABOUT  # 'a dozen' is a round figure
    if spaced and lx.HYPOTHETICAL_BEFORE.search(low[max(0, qual_start - LOOKBACK) : qual_start]):
        return None  # 'could launch 1,000 drones', 'produces 2,700 Shaheds'
    return NumberPhrase(
        start=start, end=end, qual_start=qual_start, np_end=end, value=value, qualifier=qualifier,
        indefinite=raw in INDEFINITE,
    )


def find_phrases(
    sentence: Sentence,
    low: str,
    blocked: list[tuple[int, int]],
    weapons_at: dict[int, Mention],
    matches: list[re.Match[str]] | None = None,
    place_starts: list[int] | None = None,
) -> list[NumberPhrase]:
    """Every number of the sentence that may count weapons or casualties, with its head."""
    out: list[NumberPhrase] = []
    n = len(low)
    for m in NUMBER.finditer(low) if matches is None else matches:
        raw = m.group("num")
        start, end = m.start("num"), m.end("num")
        if any(s <= start < e for s, e in blocked) or (out and start < out[-1].np_end):
            continue  # (a number inside the phrase before: 'four members of one family')
        value = parse_number(raw)
        if not value or (raw.isdigit() and value in YEARS):
            continue  # not a number, zero ('0 drones reached their targets' is no figure), a year
        if _not_a_count(sentence, low, start, end, raw, value):
            continue
        np = _qualified(low, start, end, raw, value)
        if np is None:
            continue
        parse_phrase(low, np, weapons_at, n)
        if np.indefinite and np.head is None and out and out[-1].head == WEAPON and (
            lx.ELLIPSIS_PLACE_AFTER.match(low, np.end)
        ):  # 'one drone was downed over Kursk and another over Oryol': one more of the same
            np.head, np.weapon_class, np.weapon_model = WEAPON, out[-1].weapon_class, out[-1].weapon_model
            np.others = True
        if (np.indefinite or raw == "both") and np.head is None and not np.anaphora and not (
            raw == "another" and lx.HEADLESS_AFTER.match(low, np.end)
        ):
            continue  # 'a new wave', 'both the largest at the time': no count without its noun
        if np.indefinite and np.head == WEAPON and not np.others and not _intercept_near(low, np):
            continue  # 'a drone hit a bus': told, not counted (see _intercept_near)
        if not np.skip and _keep(low, np, raw, out, place_starts):
            out.append(np)
    return out


def _intercept_near(low: str, np: NumberPhrase) -> bool:
    """'a drone was shot down', 'destroyed another UAV': the phrase is what was intercepted; and
    one weapon that struck or attacked a target is counted too ('a drone hit a block', 'a missile
    was fired at the port', 'the depot was attacked by a drone': README, settled readings)."""
    return bool(
        INTERCEPTED_AFTER.match(low, np.np_end, np.np_end + INDEFINITE_VERB_REACH)
        or INTERCEPTED_BEFORE.search(low, max(0, np.qual_start - INDEFINITE_VERB_REACH), np.qual_start)
        or SINGLE_WEAPON_ACTS.match(low, np.np_end)
        or lx.INTERCEPTED_MODIFIER.search(low, np.end, np.np_end)
        or SINGLE_WEAPON_TARGET_BEFORE.search(
            low, max(0, np.qual_start - INDEFINITE_VERB_REACH), np.qual_start
        )
    )  # (not 'a downed drone', nor 'a missile brought down part of a block')


def _keep(
    low: str, np: NumberPhrase, raw: str, out: list[NumberPhrase], place_starts: list[int] | None
) -> bool:
    """Fix-ups that need the phrase's head and the phrases before it; False drops the number."""
    before = low[max(0, np.start - LOOKBACK) : np.start]
    if np.head is None and before.endswith("family of "):
        np.head = PERSON  # 'a family of four was killed'
    elif (
        np.head == WEAPON
        and np.weapon_model is None
        and np.qual_start == np.start
        and (before.endswith(" the ") or raw == "both")
        and not np.anaphora
    ):
        np.anaphora = True  # 'the two missiles struck', 'both missiles hit': the missiles just counted
    elif np.head == PERSON and raw in ("a", "an") and (kin := lx.AND_KIN_AFTER.match(low, np.np_end)):
        np.value, np.np_end = 2, kin.end()  # 'a woman and her son', 'a boy and his mother'
    elif np.head == PERSON and out and out[-1].head == WEAPON and low.startswith("others", np.end + 1):
        # 'one drone was shot down over Belgorod and four others over the Black Sea': more of the
        # weapons just counted, not people
        np.head, np.weapon_class, np.weapon_model = WEAPON, out[-1].weapon_class, out[-1].weapon_model
        np.others = True
    elif np.head is None and out and out[-1].head == WEAPON and MORE_AT_PLACE.match(low, np.end):
        # 'downed 20 drones over Kursk and 12 more across the south': more of the same weapons,
        # counted in another place
        np.head, np.weapon_class, np.weapon_model = WEAPON, out[-1].weapon_class, out[-1].weapon_model
        np.others = True
    if lx.RATE_AFTER.match(low, np.np_end):
        return False  # '210 drones a night' is an average, not an attack
    if np.head in (None, PERSON) and (
        lx.PLACES_COUNTED_AFTER.match(low, np.np_end) or lx.PLACES_COUNTED_AFTER.match(low, np.end)
    ):
        return False  # 'over ten regions', '50 civilian sites': places counted, never strike figures
    if np.head is None and raw == "one" and "the other" in low[np.end :]:
        return False  # 'one struck a school, the other a bridge': items described, not counted
    if (
        np.head != WEAPON
        and lx.INCREMENT_AFTER.match(low, np.end)
        and not (
            place_starts
            and lx.PLACE_FOLLOWS.search(low, np.np_end, np.np_end + PLACE_PEEK)
            and any(np.np_end < p < np.np_end + PLACE_PEEK for p in place_starts)
        )
        and not (out and out[-1].head in (PERSON, CASUALTY))
    ):
        return False  # 'two more bodies were recovered': the toll is the claim, not the increment
        # (but 'two more were injured in Lgov' counts the casualties of another place, and
        # 'one was killed and two more were injured' the others of the same attack)
    # 'two people, a woman and her son, were killed': who they were, not more
    return not (
        raw in ("a", "an")
        and out
        and out[-1].head == PERSON
        and not low[out[-1].np_end : np.start].strip(" ,")
    )
