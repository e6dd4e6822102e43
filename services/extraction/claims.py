"""Strike figures from sentences: every number that counts weapons or casualties becomes a claim.

Per sentence: find the numbers, read the noun phrase after each (what is counted), group
coordinated numbers ('40 missiles and 579 drones'), give each group a measure from the verb
after it ('were shot down') or before it ('launched'), then attacker, scope/period, date,
locations and whether it is a reference figure. Numbers that count nothing we track (ages,
years, money, percentages, troops, packages) never get a head noun and so never become claims.
Context carries across sentences for anaphora ('Of these, 552 were neutralised'), the attacker
and the date of the attack being reported.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from schemas.extraction import (
    Attacker,
    Evidence,
    Measure,
    Period,
    Qualifier,
    Scope,
    StrikeClaim,
    WeaponClass,
)
from services.extraction import lexicon as lx
from services.extraction.dates import DateCue, PeriodCue, find_date_cues, find_period_cues
from services.extraction.fastmodel import construct
from services.extraction.gates import Needles, Suffixes, positions
from services.extraction.gazetteer import Mention
from services.extraction.numbers import NUMBER, parse_number
from services.extraction.sentences import Sentence

WEAPON_MEASURES = (Measure.LAUNCHED, Measure.INTERCEPTED, Measure.LOST, Measure.HIT)
CASUALTY_MEASURES = (Measure.KILLED, Measure.INJURED)
_MISSILE_CLASSES = {
    WeaponClass.MISSILES, WeaponClass.BALLISTIC_MISSILES, WeaponClass.CRUISE_MISSILES,
    WeaponClass.AEROBALLISTIC_MISSILES, WeaponClass.GUIDED_AIR_MISSILES,
}
# generic head word -> the classes a figure it refers back to may have
_GENERIC_HEADS = {WeaponClass.MISSILES: _MISSILE_CLASSES, WeaponClass.DRONES: {WeaponClass.DRONES}}
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                "sept", "oct", "nov", "dec")
_MONTH_BEFORE = Suffixes(
    re.compile(r"(?:" + "|".join(_MONTH_NAMES[:12]) + r"|" + "|".join(_MONTH_NAMES[12:]) + r")\.?\s+$"),
    _MONTH_NAMES + tuple(m + "." for m in _MONTH_NAMES),
)
_NON_COUNT_SUFFIXES = lx.NON_COUNT_BEFORE.suffixes
_QUALIFIER_SUFFIXES = lx.QUALIFIER_BEFORE.suffixes
assert lx.NON_COUNT_BEFORE.strip is None and lx.QUALIFIER_BEFORE.strip is None and _MONTH_BEFORE.strip is None
_MONTH_AFTER = re.compile(
    r"\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
)


@dataclass(slots=True)
class _NP:
    """A number and what it counts, in sentence coordinates."""

    start: int
    end: int
    qual_start: int
    np_end: int
    value: int
    qualifier: Qualifier = Qualifier.EXACT
    head: str | None = None  # weapon | person | casualty | None
    weapon_class: WeaponClass | None = None
    weapon_model: str | None = None
    side: str | None = None
    hint: WeaponClass | None = None
    casualty_measure: Measure | None = None
    anaphora: bool = False
    relative: bool = False  # 'of which', 'of whom': refers to the group just before
    borrow_next: bool = False
    measure: Measure | None = None
    reference: bool = False
    breakdown: bool = False
    skip: bool = False


@dataclass(slots=True)
class Draft:
    """A claim before article-level resolution (main date, reference by date)."""

    attacker: Attacker
    measure: Measure
    weapon_class: WeaponClass | None
    weapon_model: str | None
    value: int
    qualifier: Qualifier
    scope: Scope
    period: Period | None
    date: dt.date | None
    explicit_date: bool
    locations: list[str]
    is_reference: bool
    evidence: Evidence
    toll_update: bool = False  # 'the death toll rose to 16': replaces the smaller tolls before it

    def to_claim(self) -> StrikeClaim:
        return construct(StrikeClaim, {
            "attacker": self.attacker, "measure": self.measure, "weapon_class": self.weapon_class,
            "weapon_model": self.weapon_model, "value": self.value, "qualifier": self.qualifier,
            "scope": self.scope, "period": self.period, "date": self.date, "locations": self.locations,
            "is_reference": self.is_reference, "evidence": self.evidence,
        })


@dataclass(slots=True)
class ArticleContext:
    """What earlier sentences tell later ones."""

    pub: dt.date | None
    current_date: dt.date | None = None
    last_attacker: Attacker | None = None
    last_paragraph: int = -1
    antecedents: list[Draft] = field(default_factory=list)  # last weapon group, for 'of these'
    antecedent_sentence: int = -99
    sentence_index: int = 0
    list_measure: Measure | None = None  # measure a bulleted list below inherits
    # 'Over the past day, Russian troops shelled 35 settlements.' frames the next sentence's
    # figures ('Two people were killed and 14 injured'): the period and the sentence it is for
    frame_period: PeriodCue | None = None
    frame_sentence: int = -1
    # the last launched figures, for 'both missiles' / 'the two missiles' after an intercept line
    launched: list[Draft] = field(default_factory=list)
    launched_sentence: int = -99
    folded: str = ""  # the article's folded text: its lead decides an attacker nothing else shows


@dataclass(slots=True)
class SentenceHints:
    """What the article's one keyword pass found in a sentence (sentence coordinates): its NUMBER
    matches and where date/period words lie, so the patterns run only there."""

    numbers: list[re.Match[str]]
    dates: list[tuple[int, int]]
    periods: list[tuple[int, int]]


# -- noun phrases ---------------------------------------------------------------------------

def _parse_np(low: str, np: _NP, weapons_at: dict[int, Mention], sentence_len: int) -> None:
    """Read what the number counts: modifiers, weapon models and a head noun."""
    pos = np.end
    rest = low[pos:pos + 16]
    if lx.ANAPHORA_AFTER.match(low, pos):
        m = lx.ANAPHORA_AFTER.match(low, pos)
        assert m is not None
        if m.group(0).rstrip().endswith(("the", "of")) and m.end() < sentence_len and low[m.end()].isdigit():
            np.borrow_next = True
        else:
            np.anaphora = True
            np.relative = m.group(0).rstrip().endswith(("which", "whom"))
        np.np_end = m.end()
        return
    if (m := lx.ANAPHORA_OF_THE.match(low, pos)) and rest.startswith(" of "):
        if np.value == 1 and low[np.start:np.end] == "one":
            np.skip = True  # 'one of the missiles hit a school': descriptive, not a count
            return
        pos = m.end()
        np.anaphora = True
        _parse_np_words(low, np, weapons_at, sentence_len, pos)
        if np.head is None:
            np.skip = True  # 'nine of the city's ten districts': a part of something else
        elif np.head == "person" and low.startswith(("victims", "dead", "killed", "injured", "wounded"),
                                                    pos):
            np.skip = True  # 'Twenty-three of the victims died in one building': a part of the toll
        elif np.head == "casualty":
            np.skip = True  # 'three of the injured are in serious condition': a sub-count
        return
    _parse_np_words(low, np, weapons_at, sentence_len, pos)


def _parse_np_words(low: str, np: _NP, weapons_at: dict[int, Mention], sentence_len: int, pos: int) -> None:
    """The modifiers, weapon models and head noun from `pos` on."""
    for _ in range(8):
        while pos < sentence_len and low[pos] == " ":
            pos += 1
        if pos >= sentence_len:
            break
        mention = weapons_at.get(pos)
        if mention is not None:
            entry = mention.entry
            if entry.claim_class is None:
                if low.startswith(" rocket", mention.end):
                    pos = mention.end  # '14 HIMARS rockets': the launcher names the rockets counted
                    continue
                np.skip = True  # aircraft, air-defence systems: '10 Patriot systems'
                return
            if np.weapon_model is not None and np.weapon_model != entry.name:
                np.weapon_model = None  # 'Iskander-M/KN-23': several models, no single one
            else:
                np.weapon_model = entry.name
                np.weapon_class = WeaponClass(entry.claim_class)
            np.side = entry.side
            np.head = "weapon"
            pos = mention.end
            if low.startswith("/", pos) or low.startswith(" or ", pos) or low.startswith(" and ", pos):
                nxt = pos + (1 if low[pos] == "/" else 4 if low.startswith(" or ", pos) else 5)
                if nxt in weapons_at:
                    pos = nxt
            if low.startswith("s ", pos) or low.startswith("s,", pos):
                pos += 1
            np.np_end = pos
            continue
        if m := lx.WEAPON_HEAD.match(low, pos):
            if lx.NOT_A_COUNT_AFTER_HEAD.match(low, m.end()):
                np.skip = True
                return
            kind = m.lastgroup
            np.head = "weapon"
            np.np_end = m.end()
            if kind == "total":
                np.weapon_class = WeaponClass.TOTAL
            elif kind == "bombs":
                np.weapon_class = WeaponClass.GLIDE_BOMBS
            elif kind == "drones":
                if np.weapon_class is None or np.weapon_class == WeaponClass.MISSILES:
                    np.weapon_class = WeaponClass.DRONES
                if lx.AND_OTHER_WEAPONS.match(low, m.end()) and "missile" in low[m.end():m.end() + 30]:
                    np.weapon_class, np.weapon_model = WeaponClass.TOTAL, None
                if np.weapon_model and lx.MIXED_MODELS_AFTER.match(low, m.end()):
                    np.weapon_model = None  # 'Shahed attack drones, Gerbera decoys and other drones'
            else:  # missiles
                if np.weapon_class is None or np.weapon_class not in _MISSILE_CLASSES:
                    np.weapon_class = np.hint or WeaponClass.MISSILES
                elif np.hint is not None and np.weapon_class == WeaponClass.MISSILES:
                    np.weapon_class = np.hint
                if lx.AND_OTHER_WEAPONS.match(low, m.end()) and (
                    "drone" in low[m.end():m.end() + 30] or "uav" in low[m.end():m.end() + 30]
                ):
                    np.weapon_class, np.weapon_model = WeaponClass.TOTAL, None
            return
        if np.head is None and (m := lx.PERSON_HEAD.match(low, pos)):
            np.head = "person"
            np.np_end = m.end()
            return
        if np.head is None and (m := lx.CASUALTY_ADJECTIVE.match(low, pos)):
            np.head = "casualty"
            np.casualty_measure = Measure.KILLED if m.group("killed") else Measure.INJURED
            np.np_end = m.end()
            return
        if np.head is None and (m := lx.NP_MODIFIER.match(low, pos)):
            if m.group("nonstrike"):
                np.skip = True
                return
            if m.group("cls"):
                np.hint = lx.class_hint(m.group("cls"))
            pos = m.end()
            np.np_end = pos
            continue
        if np.head == "weapon" and (m := lx.NP_MODIFIER.match(low, pos)):
            # a model then more words: '9 Iskander-M ballistic missiles'
            if m.group("cls"):
                np.hint = lx.class_hint(m.group("cls"))
            pos = m.end()
            continue
        if np.head is None and (w := lx.ANY_WORD.match(low, pos)) and (
            m := lx.PERSON_HEAD.match(low, w.end())
        ):
            np.head, np.np_end = "person", m.end()  # 'two dock workers', 'three aid workers'
        break


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


def _find_numbers(
    sentence: Sentence, low: str, blocked: list[tuple[int, int]], weapons_at: dict[int, Mention],
    matches: list[re.Match[str]] | None = None, place_starts: list[int] | None = None,
) -> list[_NP]:
    out: list[_NP] = []
    n = len(low)
    for m in NUMBER.finditer(low) if matches is None else matches:
        raw = m.group("num")
        start, end = m.start("num"), m.end("num")
        for s, e in blocked:
            if s <= start < e:
                break
        else:
            s = -1
        if s >= 0:
            continue
        value = parse_number(raw)
        if not value:
            continue  # not a number, or zero ('0 drones reached their targets' is no figure)
        if raw.isdigit() and 1900 <= value <= 2100:
            continue  # a year
        before = low[max(0, start - 40):start]
        # The four patterns on `before` all end in '\s+$': none matches unless it ends in a space
        # (`Suffixes.search` inlined: one rstrip for the three suffix gates).
        tail = before.rstrip()
        spaced = len(tail) < len(before)
        if _MONTH_AFTER.match(low, end) or spaced and (
            (tail.endswith(_MONTH_BEFORE.suffixes) and _MONTH_BEFORE.pattern.search(before))
            or (tail.endswith(_NON_COUNT_SUFFIXES) and lx.NON_COUNT_BEFORE.pattern.search(before))
        ):
            continue
        if raw.isdigit() and value < 120 and spaced and (
            (low.startswith(",", end) and (am := lx.AGE_APPOSITION.search(before))
             and (lx.PERSON_HEAD.fullmatch(am.group().rstrip().rstrip(","))
                  or sentence.text[start - len(before) + am.start()].isupper()))
            or (tail.endswith((",", "and", "or")) and ("aged " in before or "ages " in before)
                and lx.AGE_LIST_BEFORE.search(before))
        ):
            continue  # 'a woman, 58, died', 'two men aged 39 and 56': ages
        qualifier = Qualifier.EXACT
        qual_start = start
        qm = (lx.QUALIFIER_BEFORE.pattern.search(before) if spaced and tail.endswith(_QUALIFIER_SUFFIXES)
              else None)
        if qm:
            qualifier = lx.QUALIFIERS[qm.lastgroup or "about"]
            qual_start = start - (len(before) - qm.start())
        elif "dozen" in raw:
            qualifier = Qualifier.ABOUT  # 'a dozen' is a round figure
        if spaced and lx.HYPOTHETICAL_BEFORE.search(before):
            continue  # 'could launch 1,000 drones', 'produces 2,700 Shaheds'

        np = _NP(start=start, end=end, qual_start=qual_start, np_end=end, value=value, qualifier=qualifier)
        _parse_np(low, np, weapons_at, n)
        if np.head is None and before.endswith("family of "):
            np.head = "person"  # 'a family of four was killed'
        elif (np.head == "weapon" and np.weapon_model is None and qual_start == start
              and (before.endswith(" the ") or raw == "both") and not np.anaphora):
            np.anaphora = True  # 'the two missiles struck', 'both missiles hit': the missiles just counted
        elif np.head == "person" and raw in ("a", "an") and (kin := lx.AND_KIN_AFTER.match(low, np.np_end)):
            np.value, np.np_end = 2, kin.end()  # 'a woman and her son', 'a boy and his mother'
        if np.skip or lx.RATE_AFTER.match(low, np.np_end):
            continue  # '210 drones a night' is an average, not an attack
        if np.head is None and lx.PLACES_COUNTED_AFTER.match(low, np.np_end):
            continue  # 'over ten regions', 'at 24 locations': places counted, never strike figures
        if np.head is None and raw == "one" and "the other" in low[end:]:
            continue  # 'one struck a school, the other a bridge': items described, not counted
        if np.head != "weapon" and lx.INCREMENT_AFTER.match(low, np.end) and not (
            place_starts and lx.PLACE_FOLLOWS.search(low, np.np_end, np.np_end + 60)
            and any(np.np_end < p < np.np_end + 60 for p in place_starts)
        ) and not (out and out[-1].head in ("person", "casualty")):
            continue  # 'two more bodies were recovered': the toll is the claim, not the increment
            # (but 'two more were injured in Lgov' counts the casualties of another place, and
            # 'one was killed and two more were injured' the others of the same attack)
        if (raw in ("a", "an") and out and out[-1].head == "person"
                and not low[out[-1].np_end:start].strip(" ,")):
            continue  # 'two people, a woman and her son, were killed': who they were, not more
        out.append(np)
    return out


# -- grouping and measures ------------------------------------------------------------------

def _groups(low: str, nps: list[_NP]) -> list[list[_NP]]:
    groups: list[list[_NP]] = []
    for np in nps:
        if groups:
            prev = groups[-1][-1]
            gap = low[prev.np_end:np.qual_start]
            same_kind = (prev.head in ("weapon", None) and np.head in ("weapon", None)) or (
                prev.head in ("person", "casualty", None) and np.head in ("person", "casualty", None)
            )
            # ('launched 542 drones, 515 of which ...': a part of the list's item, not another item)
            part_of_previous = np.relative or np.borrow_next or (np.anaphora and np.head is None)
            if (same_kind and not prev.borrow_next and not part_of_previous
                    and len(gap) < 40 and (lx.LIST_GAP.fullmatch(gap)
                                           or (prev.head == "person" and lx.AGE_GAP.fullmatch(gap)))):
                groups[-1].append(np)
                continue
            if ((prev.head == "weapon" or prev.anaphora) and np.head in ("weapon", None)
                    and lx.BREAKDOWN_GAP.fullmatch(gap)):
                np.breakdown = True
        groups.append([np])
    # headless members borrow the head of the group: 'two ballistic and 29 cruise missiles';
    # a qualifier in front of a list applies to each item ('more than 1,300 drones and 40 missiles')
    for group in groups:
        if group[0].qualifier != Qualifier.EXACT:
            for np in group[1:]:
                if np.qualifier == Qualifier.EXACT and np.qual_start == np.start:
                    np.qualifier = group[0].qualifier
        heads = [g for g in group if g.head is not None]
        if not heads:
            continue
        for i, np in enumerate(group):
            if np.head is None and not np.anaphora and not np.borrow_next:
                later = next((g for g in group[i + 1:] if g.head is not None), heads[-1])
                np.head = later.head
                np.casualty_measure = later.casualty_measure
                if later.head == "weapon":
                    if np.hint is not None:
                        np.weapon_class = np.hint
                    else:
                        np.weapon_class, np.weapon_model = later.weapon_class, later.weapon_model
    return groups


_NOUN_CLASSES = {"drones": WeaponClass.DRONES, "missiles": WeaponClass.MISSILES,
                 "bombs": WeaponClass.GLIDE_BOMBS}


def _last_weapon_noun(low: str, end: int) -> WeaponClass | None:
    """The class of the last plural weapon noun before `end` in the sentence ('Drones made up
    ...; some 54,000 of them'), when one was named without a figure of its own."""
    found = None
    for m in lx.WEAPON_HEAD.finditer(low, 0, end):
        found = m
    if found is None or found.lastgroup not in _NOUN_CLASSES or not found.group().endswith("s"):
        return None
    return _NOUN_CLASSES[found.lastgroup]


def _weapon_measure_after(low: str, end: int, limit: int) -> tuple[Measure | None, int]:
    m = lx.WEAPON_AFTER.match(low[:limit], end)
    return (Measure(m.lastgroup), m.end()) if m and m.lastgroup else (None, end)


def _weapon_measure_before(window: str) -> Measure | None:
    found = None
    for m in lx.WEAPON_BEFORE.finditer(window):
        found = m
    return Measure(found.lastgroup) if found and found.lastgroup else None


def _person_measure_before(window: str) -> Measure | None:
    found = None
    for m in lx.PERSON_BEFORE.finditer(window):
        found = m
    return Measure(found.lastgroup) if found and found.lastgroup else None


# -- the sentence ------------------------------------------------------------------------------

def _attacker_score(text: str) -> int:
    """Positive: Ukraine attacking; negative: Russia attacking."""
    return lx.UA_ATTACK_CUES.count(text) - lx.RU_ATTACK_CUES.count(text)


def _reporter_score(text: str) -> int:
    """Russian ministry / air defence cues: Ukraine attacking, when the figure is an intercept."""
    return lx.UA_REPORTER_CUES.count(text)


def _place_names(mentions: list[Mention], lo: int, hi: int, low: str = "") -> list[str]:
    """Places in [lo, hi), without countries and launch sites ('launched from Kursk Oblast')."""
    names: list[str] = []
    for mention in mentions:
        if lo <= mention.start < hi and mention.entry.kind != "country" and mention.entry.name not in names:
            if low and lx.LAUNCH_SITE_BEFORE.search(low, max(0, mention.start - 10), mention.start):
                continue
            names.append(mention.entry.name)
    return names


def _nearest_date(cues: list[DateCue], lo: int, hi: int, anchor: int) -> DateCue | None:
    """'On the night of October 30 (from 18:00 on October 29)': a night cue names the attack's date."""
    if not cues:
        return None
    inside = [c for c in cues if lo <= c.start < hi]
    if not inside:
        return None
    return min(inside, key=lambda c: (not c.night, not c.explicit, c.reported, abs(c.start - anchor)))


def remember_date(sentence: Sentence, low: str, ctx: ArticleContext, dates: list[tuple[int, int]]) -> None:
    """A sentence without figures may still date the attack the next ones report."""
    date_cues = find_date_cues(sentence.text, ctx.pub, low, dates)
    if date_cues:
        ctx.current_date = _nearest_date(date_cues, 0, len(low), 0).date  # type: ignore[union-attr]


FRAME_SENTENCES = 3  # how many sentences an opening 'Over the past day, ...' frames
PERIOD_FRAME_STARTS = ("over the past", "in the past", "over the last", "in the last", "during the past",
                       "during the last")


def remember_period(sentence: Sentence, low: str, ctx: ArticleContext,
                    periods: list[tuple[int, int]] | None = None) -> None:
    """A figure-less sentence opening with a period ('Over the past day, ...') frames the next."""
    if not low.lstrip().startswith(PERIOD_FRAME_STARTS):
        return
    cues = find_period_cues(sentence.text, ctx.pub, low, periods)
    if cues and cues[0].start < 8:
        ctx.frame_period, ctx.frame_sentence = cues[0], ctx.sentence_index + 1


def _nearest_period(cues: list[PeriodCue], lo: int, hi: int, anchor: int) -> PeriodCue | None:
    if not cues:
        return None
    inside = [c for c in cues if lo <= c.start < hi]
    return min(inside, key=lambda c: abs(c.start - anchor)) if inside else None


def extract_sentence_claims(
    sentence: Sentence, low: str, places: list[Mention], weapons: list[Mention],
    blocked: list[tuple[int, int]], ctx: ArticleContext, has_numbers: bool = True,
    hints: SentenceHints | None = None,
) -> list[Draft]:
    """The claims of one sentence (offsets of mentions are sentence-relative here); `hints`, when
    the caller scanned the article already, says where numbers, dates and periods may be."""
    if low.startswith("(") and lx.EDITORS_NOTE.match(low, 1):
        return []  # '(Corrects death toll in paragraph 1 to seven from eight)': about the story
    weapons_at = {w.start: w for w in weapons} if weapons else {}
    date_cues = find_date_cues(sentence.text, ctx.pub, low, hints.dates if hints else None)
    if date_cues:
        blocked = blocked + [(c.start, c.end) for c in date_cues if c.explicit]
    nps = (_find_numbers(sentence, low, blocked, weapons_at, hints.numbers if hints else None,
                         [p.start for p in places]) if has_numbers else [])
    if not nps:
        if date_cues:
            ctx.current_date = _nearest_date(date_cues, 0, len(low), 0).date  # type: ignore[union-attr]
        remember_period(sentence, low, ctx, hints.periods if hints else None)
        return []
    period_cues = find_period_cues(sentence.text, ctx.pub, low, hints.periods if hints else None)
    # a date inside a period phrase ('since February 24, 2022') bounds the period, it dates nothing
    date_cues = [c for c in date_cues if not any(p.start <= c.start < p.end for p in period_cues)]
    groups = _groups(low, nps)
    n = len(low)
    correction = lx.CORRECTION_FRAME.search(low)
    sentence_anaphora = bool(lx.ANAPHORA_SENTENCE_START.match(low))
    antecedents = ctx.antecedents if ctx.sentence_index - ctx.antecedent_sentence <= 2 else []
    drafts: list[tuple[_NP, int, int, Draft]] = []
    verb_ends: list[int] = []
    local_antecedents: list[Draft] = []
    prev_group_drafts: list[Draft] = []
    # one evidence per sentence, shared by its claims (read-only, like every extracted model)
    evidence = construct(Evidence, {"text": sentence.text, "start": sentence.start, "end": sentence.end})
    prev_group_end = 0
    prev_measure: Measure | None = None
    prev_head: str | None = None
    attack_word: bool | None = None
    ref_after_at: list[int] | None = None
    for gi, group in enumerate(groups):
        g_start, g_end = group[0].qual_start, group[-1].np_end
        next_start = groups[gi + 1][0].qual_start if gi + 1 < len(groups) else n
        before = low[prev_group_end:g_start]
        head = next((g.head for g in group if g.head), None)
        first = group[0]
        # -- measure of the group
        measure: Measure | None = None
        verb_end = g_end
        if first.borrow_next and gi + 1 < len(groups):
            # 'downed 452 of the 477 drones'; 'thirty-four of the 40 Kh-101s were shot down': the
            # verb before, else the one after the whole phrase
            measure = _weapon_measure_before(before[-90:])
            if measure is None:
                after_next = groups[gi + 2][0].qual_start if gi + 2 < len(groups) else n
                measure, verb_end = _weapon_measure_after(low, groups[gi + 1][-1].np_end, after_next)
        elif gi > 0 and groups[gi - 1][-1].borrow_next:
            measure = Measure.LAUNCHED  # ... the 40 Kh-101s: the launched total, restated
        elif head == "weapon" and lx.HIT_BY_BEFORE.search(before):
            measure = Measure.HIT  # 'the buildings were hit by two Kh-101 cruise missiles launched ...'
        elif head == "weapon" or (head is None and (first.anaphora or sentence_anaphora)):
            measure, verb_end = _weapon_measure_after(low, g_end, next_start)
            if measure is None:
                measure = _weapon_measure_before(before[-90:])
        elif head is None and (local_antecedents or antecedents):
            # '..., while 14 were lost': a bare number whose verb only fits weapons
            measure, verb_end = _weapon_measure_after(low, g_end, next_start)
        if head in ("person", "casualty") or head is None:
            if head == "casualty":
                measure = group[-1].casualty_measure
                verb_before = _person_measure_before(before[-60:])
                if lx.PERSON_AFTER.match(low[:next_start], g_end) is None and verb_before:
                    measure = verb_before
            elif head == "person":
                limit = next_start
                k = gi + 1
                while k < len(groups) and groups[k][0].head in ("person", None) and (
                    lx.BREAKDOWN_BEFORE.search(low, g_end, groups[k][0].qual_start)
                ):
                    k += 1  # '12 people, including a six-year-old boy, were killed': the verb is after
                    limit = groups[k][0].qual_start if k < len(groups) else n
                pm = lx.PERSON_AFTER.match(low[:limit], g_end)
                if pm and pm.lastgroup:
                    measure, verb_end = Measure(pm.lastgroup), pm.end()
                elif not lx.NOT_CASUALTY_AFTER.match(low, g_end):
                    # (not 'in which 7 were injured, about 150,000 residents were left without heating')
                    measure = _person_measure_before(before[-80:])
            elif measure is None:
                hm = lx.HEADLESS_AFTER.match(low[:next_start], g_end)
                if hm and hm.lastgroup:
                    measure, head, verb_end = Measure(hm.lastgroup), "casualty", hm.end()
                else:
                    tail = low[max(0, g_start - 140):g_start]
                    hb = lx.HEADLESS_BEFORE.search(tail) or lx.TOLL_BEFORE.search(tail)
                    if hb and hb.lastgroup and lx.OWN_NOUN_AFTER.match(low, g_end):
                        pass  # 'leaving 200,000 households without power': the number counts its noun
                    elif hb and hb.lastgroup:
                        measure, head = Measure(hb.lastgroup), "casualty"
                    elif (prev_head == "casualty" and prev_measure
                          and lx.ELLIPSIS_PLACE_AFTER.match(low, g_end)):
                        measure, head = prev_measure, "casualty"
                    elif prev_head == "weapon" and prev_measure in WEAPON_MEASURES and (
                        lx.ELLIPSIS_PLACE_AFTER.match(low, g_end) or lx.BREAKDOWN_BEFORE.search(before)
                        or (first.relative and first.value > 1)  # '12 over Moscow region, nine of which ...'
                        # ('13 missiles, one of which set fire to ...' describes one, counts nothing)
                    ):
                        # '59 were downed over Bryansk, 37 over Kursk'; '..., including four that ...'
                        measure = prev_measure
        if head in ("person", "casualty"):
            head = "casualty"
        while len(verb_ends) < gi:
            verb_ends.append(groups[len(verb_ends)][-1].np_end)
        verb_ends.append(verb_end)
        # -- headless weapon figures resolved by anaphora
        if head is None and measure in WEAPON_MEASURES:
            head = "weapon"
        ref_window = low[max(prev_group_end, g_start - 50):first.qual_start]
        is_reference = bool(lx.REFERENCE_BEFORE.search(ref_window))
        if head is None and is_reference:
            head = "weapon"
        if head is None:
            prev_group_end = g_end
            continue
        if head == "weapon":
            if measure is None and first.breakdown and prev_measure in WEAPON_MEASURES:
                measure = prev_measure
            if measure is None and prev_head == "weapon" and prev_measure in WEAPON_MEASURES and (
                lx.COORDINATION_END.search(before)
            ):
                measure = prev_measure  # '... intercepted seven bombs, as well as two Neptune missiles'
            if measure is None and (cm := lx.COMPOSITION_AFTER.match(low, g_end)) and (
                (entry := weapons_at.get(cm.end())) is not None and entry.entry.claim_class
            ):
                # 'about 200 of the drones were Gerbera decoys': a part of the launched total
                measure = Measure.LAUNCHED
                for g in group:
                    g.weapon_model, g.weapon_class = entry.entry.name, WeaponClass(entry.entry.claim_class)
            if measure is None and is_reference:
                measure = Measure.LAUNCHED  # 'the previous record of 728 drones'

            if measure is None and first.borrow_next is False and any(g.borrow_next for g in groups[gi - 1]
                                                                     if gi > 0):
                measure = Measure.LAUNCHED
            if measure is None and ctx.list_measure is not None and lx.BULLET_START.match(low):
                measure = ctx.list_measure  # a bulleted breakdown under 'The following were detected:'
            if measure is None and attack_word is None:  # looked for once, and only when needed
                attack_word = bool(lx.ATTACK_WORDS.search(low) or ATTACK_SUBJECT.search(low))
            if measure is None and attack_word:
                measure = Measure.LAUNCHED
            if measure is None or measure not in WEAPON_MEASURES:
                prev_group_end = g_end
                continue
        elif measure not in CASUALTY_MEASURES:
            prev_group_end = g_end
            continue
        if head == "casualty" and len(group) > 1 and all(g.head == "person" for g in group) and not (
            lx.BREAKDOWN_BEFORE.search(low[max(0, first.qual_start - 50):first.qual_start])
        ):  # (not after 'including ...': 'the dead included a girl, and 10 people were wounded')
            # 'wounded a child and an adult', 'a man, 45, and two women were injured': one count
            first.value = sum(g.value for g in group)
            group = [first]
        # -- per-number checks and drafts
        for i, np in enumerate(group):
            lead = low[max(0, np.qual_start - 50):np.qual_start]
            if lx.NEGATED_BEFORE.search(lead):
                continue
            if correction and correction.start() < np.start and not lx.CORRECTION_BREAK.search(
                low, correction.end(), np.start
            ):
                continue
            if lx.STALE_FROM.search(lead) and (
                head == "casualty" or (lead.endswith("from ") and re.match(r"\s+to\b", low[np.np_end:]))
            ):
                continue  # an outdated figure: 'rose from 8 to 12', 'up from the previously reported 8'
            if head == "casualty" and lx.BREAKDOWN_BEFORE.search(lead) and i == 0:
                continue
            if head == "casualty" and lx.STALE_PLUPERFECT.search(low, 0, np.start):
                continue
            if ref_after_at is None:  # where the pattern's words are, found once per sentence
                ref_after_at = (positions(low, lx.REFERENCE_AFTER_WORDS)
                                if any(w in low for w in lx.REFERENCE_AFTER_WORDS) else [])
            np_ref = is_reference or (  # (the pattern runs only where one of its words follows closely)
                bool(ref_after_at) and bisect_left(ref_after_at, np.np_end) < len(ref_after_at)
                and ref_after_at[bisect_left(ref_after_at, np.np_end)] < np.np_end + 90
                and bool(lx.REFERENCE_AFTER.match(low, np.np_end))
            )
            weapon_class = np.weapon_class
            weapon_model = np.weapon_model
            if head == "weapon" and np.anaphora and weapon_model is None and weapon_class in _GENERIC_HEADS:
                # 'three of the missiles' after 'eight Kh-101 cruise missiles': the class and model
                # of the figure referred back to, when only one fits the generic word
                classes = _GENERIC_HEADS[weapon_class]
                fits = ([d for d in local_antecedents if d.weapon_class in classes and not d.is_reference]
                        or [d for d in antecedents if d.weapon_class in classes and not d.is_reference]
                        or [d for d in ctx.launched if d.weapon_class in classes
                            and ctx.sentence_index - ctx.launched_sentence <= 3])
                if fits and len({d.weapon_class for d in fits}) == 1:
                    weapon_class = fits[0].weapon_class
                    models = {d.weapon_model for d in fits}
                    weapon_model = models.pop() if len(models) == 1 else None
            if head == "weapon" and weapon_class is None:
                source = np.borrow_next and gi + 1 < len(groups) and groups[gi + 1][0]
                if source:
                    weapon_class, weapon_model = source.weapon_class, source.weapon_model
                else:
                    pool = local_antecedents or antecedents
                    if np.anaphora and not local_antecedents and (noun := _last_weapon_noun(low, np.start)):
                        pool = []  # 'drones made up ...; some 54,000 of them': the noun just named
                        weapon_class = noun
                    if np.relative and prev_group_drafts:
                        # '... and four Kalibrs, three of which': the item just before, unless
                        # the part is larger than it (then the whole list)
                        last = prev_group_drafts[-1]
                        pool = [last] if np.value <= last.value else prev_group_drafts
                    if not pool:
                        if weapon_class is None:
                            continue
                    elif len({d.weapon_class for d in pool}) == 1:
                        weapon_class, weapon_model = pool[0].weapon_class, pool[0].weapon_model
                        if len(pool) > 1 and len({d.weapon_model for d in pool}) > 1:
                            weapon_model = None
                    else:
                        weapon_class, weapon_model = WeaponClass.TOTAL, None
            np_measure = np.casualty_measure if head == "casualty" and np.casualty_measure else measure
            drafts.append((np, gi, i, Draft(
                attacker=Attacker.RU, measure=np_measure,
                weapon_class=weapon_class if head == "weapon" else None,
                weapon_model=weapon_model if head == "weapon" else None, value=np.value,
                qualifier=np.qualifier, scope=Scope.SINGLE_ATTACK, period=None, date=None,
                explicit_date=False, locations=[], is_reference=np_ref,
                evidence=evidence,
                toll_update=head == "casualty" and lx.TOLL_UPDATE_BEFORE.search(lead) is not None,
            )))
            if head == "weapon":
                local_antecedents.append(drafts[-1][3])  # type: ignore[arg-type]
        prev_group_drafts = [d for _, g, _, d in drafts if g == gi]
        prev_group_end = g_end
        prev_measure = measure
        prev_head = head
    if not drafts:
        if date_cues:
            ctx.current_date = _nearest_date(date_cues, 0, n, 0).date  # type: ignore[union-attr]
        # ('Over the past day, the occupiers carried out 512 attacks': no claim, a frame)
        remember_period(sentence, low, ctx, hints.periods if hints else None)
        return []
    while len(verb_ends) < len(groups):
        verb_ends.append(groups[len(verb_ends)][-1].np_end)
    segments = _segments(low, groups, verb_ends)
    return _finish(sentence, low, drafts, groups, segments, places, weapons, date_cues, period_cues,
                   _attacker_score(low), ctx)


def _segments(low: str, groups: list[list[_NP]], verb_ends: list[int]) -> list[tuple[int, int]]:
    """Each group's own stretch of the sentence: from the clause break after the previous
    group's verb to the clause break after its own ('killed in Kharkiv | and three in Odesa')."""
    cuts = [0]
    for gi in range(len(groups) - 1):
        lo = max(verb_ends[gi], groups[gi][-1].np_end)
        hi = groups[gi + 1][0].qual_start
        m = lx.CLAUSE_BREAK.search(low, lo, hi) if lo < hi else None
        cuts.append(m.start() if m else hi)
    cuts.append(len(low))
    return [(cuts[i], cuts[i + 1]) for i in range(len(groups))]


ATTACK_SUBJECT = Needles(re.compile(r"\b(?:russia|russian\s+forces|ukraine|the\s+enemy)\b"),
                         ("russia", "ukraine", "enemy"),
                         ("russia", "ukraine", ("the", "enemy")))


def _finish(
    sentence: Sentence, low: str, drafts: list, groups: list[list[_NP]], segments: list[tuple[int, int]],
    places: list[Mention], weapons: list[Mention], date_cues: list[DateCue], period_cues: list[PeriodCue],
    sentence_score: int, ctx: ArticleContext,
) -> list[Draft]:
    sentence_reporter = _reporter_score(low)
    """Attacker, scope, date and locations for the drafts of one sentence."""
    n = len(low)
    lead_score: int | None = None
    earlier_frame = (low.lstrip().startswith(lx.REFERENCE_FRAME_STARTS)
                     and lx.REFERENCE_FRAME.match(low) is not None)
    first_group_start = groups[0][0].qual_start
    prefix_places = _place_names(places, 0, first_group_start, low)
    last_np = groups[-1][-1]
    tail_places = _place_names(places, last_np.np_end, n, low)
    # (the attacker context survives paragraph breaks in wire copy)
    out: list[Draft] = []
    weapon_drafts: list[Draft] = []
    per_group: dict[int, tuple] = {}  # what depends only on the group's segment, computed once
    for np, gi, _i, draft in drafts:
        lo, hi = segments[gi]
        if gi not in per_group:
            seg = low[lo:hi]
            reporter = sentence_reporter + (2 * _reporter_score(seg) if len(groups) > 1
                                            else 2 * sentence_reporter)
            per_group[gi] = (
                seg, (2 * _attacker_score(seg) if len(groups) > 1 else 2 * sentence_score) + sentence_score,
                reporter,
                _place_names(places, lo, hi, low),
                {m.entry.country for m in places if lo <= m.start < hi and m.entry.kind != "country"},
                # (only a period cue asks whether the segment marks one attack)
                lx.SINGLE_ATTACK_MARKERS.search(seg) if period_cues else None,
            )
        seg, score, reporter, own_places, place_country, single_marker = per_group[gi]
        if draft.measure in (Measure.INTERCEPTED, Measure.LOST):
            score += reporter
        # -- attacker
        if score == 0 and np.side in ("RU", "UA"):
            score = 1 if np.side == "UA" else -1
        if score == 0 and place_country:
            if place_country == {"Russia"}:
                score = 1
            elif "Russia" not in place_country:
                score = -1
        if score == 0 and ctx.last_attacker is None and sentence.start > 0 and ctx.folded:
            if lead_score is None:  # 'A massive attack by Ukrainian drones on the Bryansk region ...'
                lead_score = _attacker_score(ctx.folded[:sentence.start])  # the lead, without figures
            score = lead_score
        if score == 0 and ctx.last_attacker is not None:
            draft.attacker = ctx.last_attacker
        else:
            draft.attacker = Attacker.UA if score > 0 else Attacker.RU
        # -- locations
        locations = own_places or prefix_places
        if not locations and tail_places and not np.anaphora and "total" not in seg and " all" not in seg:
            locations = tail_places
        draft.locations = locations
        # -- scope and period
        anchor = np.start
        own_period = _nearest_period(period_cues, lo, hi, anchor)
        own_date = _nearest_date(date_cues, lo, hi, anchor)
        period_cue = None
        if single_marker is None:
            if own_period is not None:
                period_cue = own_period
            elif own_date is None or own_date.reported:
                # ('..., killing three and injuring 17 over the past day, the governor said on
                # Tuesday': the day of saying dates no figure)
                sentence_period = _nearest_period(period_cues, 0, n, anchor)
                if sentence_period is None and 0 <= ctx.sentence_index - ctx.frame_sentence < FRAME_SENTENCES:
                    sentence_period = ctx.frame_period  # framed by a sentence just before
                if sentence_period is not None and (
                    (sentence_date := _nearest_date(date_cues, 0, n, anchor)) is None
                    or sentence_date.reported
                ):
                    period_cue = sentence_period
        when = bool(period_cue is not None and period_cue.period_start and lx.WHEN_CLAUSE.match(
            low, period_cue.end, max(period_cue.end, np.start)
        ))
        if (period_cue is not None and not when
                and lx.SUPERLATIVE_BEFORE.search(low, max(0, period_cue.start - 90), period_cue.start)):
            period_cue = None  # 'the largest attack since the invasion / this year': a rank, not a sum
        if period_cue is not None and when:
            # 'the deadliest since September 4, 2024, when a strike killed seven': that day's attack
            draft.date, draft.explicit_date, draft.is_reference = period_cue.period_start, True, True
        elif period_cue is not None:
            draft.scope = Scope.PERIOD_TOTAL
            draft.period = construct(Period, {"start": period_cue.period_start, "end": period_cue.period_end})
            draft.date = None
            if (low.startswith(" alone", period_cue.end) and period_cue.period_end and ctx.pub
                    and period_cue.period_end < ctx.pub):
                draft.is_reference = True  # 'in December alone' in a January piece: a past month cited
        else:
            cue = own_date or _nearest_date(date_cues, 0, n, anchor)
            if cue is not None:
                draft.date, draft.explicit_date = cue.date, cue.explicit
            elif not draft.is_reference:
                draft.date = ctx.current_date
            if earlier_frame and draft.scope == Scope.SINGLE_ATTACK and not draft.explicit_date:
                draft.is_reference, draft.date = True, None  # 'Earlier this month, ... 810 drones'
        out.append(draft)
        if draft.measure in WEAPON_MEASURES:
            weapon_drafts.append(draft)
        if not draft.is_reference:
            ctx.last_attacker = draft.attacker
    ctx.last_paragraph = sentence.paragraph
    if weapon_drafts and not lx.BULLET_START.match(low):
        ctx.list_measure = weapon_drafts[-1].measure
    if weapon_drafts:
        launched = [d for d in weapon_drafts if d.measure == Measure.LAUNCHED and not d.is_reference]
        ctx.antecedents = launched or [d for d in weapon_drafts if not d.is_reference] or ctx.antecedents
        ctx.antecedent_sentence = ctx.sentence_index
        if launched:
            ctx.launched, ctx.launched_sentence = launched, ctx.sentence_index
    dated = [d.date for d in out
             if d.date is not None and not d.is_reference and d.scope == Scope.SINGLE_ATTACK]
    if dated:
        ctx.current_date = dated[-1]
    elif date_cues and not any(d.is_reference for d in out):
        ctx.current_date = date_cues[0].date  # (not the date of a record cited for comparison)
    return out


REFERENCE_AGE = dt.timedelta(days=7)


def without_superseded_tolls(drafts: list[Draft], oblast_of: dict[str, str] | None = None) -> list[Draft]:
    """'At least 12 people were killed in Kyiv ... the death toll later rose to 16': only the
    latest toll is a claim. A toll update (sentence of its own) replaces the smaller earlier
    figures of the same measure that share a place with it; without a shared place, the largest
    earlier one (the previous toll) when the update or that figure names no place. Figures of
    other places stay ('one killed in Kupiansk ... bringing the regional toll to four').
    `oblast_of` (place name -> its oblast) widens a placeless update to the oblasts of the places
    its sentence names ('one more body in Chuhuiv, bringing the toll in the region to four')."""
    updates = [i for i, d in enumerate(drafts) if d.toll_update and not d.is_reference]
    if not updates:
        return drafts
    dropped: set[int] = set()
    for i in updates:
        new = drafts[i]
        earlier = [j for j in range(i) if (old := drafts[j]).measure == new.measure
                   and old.attacker == new.attacker and not old.is_reference and old.value < new.value
                   and old.evidence is not new.evidence]
        if not earlier:
            continue
        places = set(new.locations)
        if not places:  # 'Two more were killed in X, bringing the regional toll to 19': X's region
            places = {p for d in drafts if d.evidence is new.evidence for p in d.locations}
            if oblast_of:
                places |= {o for p in places if (o := oblast_of.get(p))}
        hit = [j for j in earlier if places.intersection(drafts[j].locations)]
        if not hit:
            pool = earlier if not places else [j for j in earlier if not drafts[j].locations]
            if pool:
                hit = [max(pool, key=lambda j: drafts[j].value)]
        dropped.update(hit)
        widest = max(hit, key=lambda j: drafts[j].value, default=None)
        if (widest is not None and drafts[widest].scope == Scope.PERIOD_TOTAL
                and new.scope == Scope.SINGLE_ATTACK):
            # 'over the past day, three were killed ... bringing the toll to four': the same sum
            new.scope, new.period, new.date = Scope.PERIOD_TOTAL, drafts[widest].period, None
    return [d for k, d in enumerate(drafts) if k not in dropped]


def without_victim_details(drafts: list[Draft]) -> list[Draft]:
    """'... killing two people in Kyiv. In Kyiv, a man was killed in one district and a woman died
    in another': single victims of a toll already counted for the same places are not new claims
    (one victim, later, same measure, the same non-empty places, same day). Larger figures stay:
    'killing three in Kyiv and the region ... In Kyiv, two were killed' is the city's own count."""
    out: list[Draft] = []
    for d in drafts:
        if d.value == 1 and d.measure in CASUALTY_MEASURES and d.locations and not d.is_reference and any(
            e.measure == d.measure and e.attacker == d.attacker and not e.is_reference
            and e.value > d.value and e.evidence is not d.evidence
            and e.scope == d.scope == Scope.SINGLE_ATTACK and e.locations == d.locations
            and (e.date == d.date or e.date is None or d.date is None)
            for e in out
        ):
            continue
        out.append(d)
    return out


def mark_references_by_date(drafts: list[Draft], pub: dt.date | None = None) -> None:
    """A single attack explicitly dated days before the article's main attack is a comparison;
    so is a period total that ended before the article's latest period ('up from 4,000 in June')."""
    ends = [d.period.end for d in drafts if d.period is not None and d.period.end and not d.is_reference]
    if ends:
        latest = max(ends)
        for d in drafts:
            if d.period is not None and d.period.end and d.period.end < latest - dt.timedelta(days=1):
                d.is_reference = True
    for d in drafts:
        if pub is not None and d.explicit_date and d.date and d.date < pub - REFERENCE_AGE:
            d.is_reference = True  # 'the record raid on September 7' in an October article
    dates = Counter(d.date for d in drafts
                    if d.date and not d.is_reference and d.scope == Scope.SINGLE_ATTACK)
    if not dates:
        return
    main = max(dates.items(), key=lambda kv: (kv[1], kv[0]))[0]
    first_dated = next(i for i, d in enumerate(drafts) if d.date is not None)
    for d in drafts[:first_dated]:
        if not d.is_reference and d.scope == Scope.SINGLE_ATTACK:
            d.date = main  # a lead paragraph with no date reports the attack the article dates later
    for d in drafts:
        earlier = d.date is not None and d.date < main - dt.timedelta(days=7)
        if d.explicit_date and earlier and d.scope == Scope.SINGLE_ATTACK:
            d.is_reference = True
        elif (d.explicit_date and d.date is not None and d.date < main and d.scope == Scope.SINGLE_ATTACK
              and d.evidence.text[:12].lower().startswith(("earlier,", "previously", "earlier on "))):
            d.is_reference = True  # 'Earlier, on December 23, the enemy launched 635 drones
