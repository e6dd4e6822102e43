"""Stage 3, the measure: an ordered table of named rules decides what a group of numbers counts.

Matching is apart from deciding: the patterns live in `lexicon`, each rule here only says when
it applies and what it decides, and the first rule (in table order) that decides wins. Every rule
carries an example sentence of ours in which it decides the first figure; the example is also
its test (`tests/unit/extraction/test_measure_rules.py`), and `strikewatch extract --explain`
names the rule behind every claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from schemas.extraction import Measure
from services.extraction import lexicon as lx
from services.extraction.claims.model import CASUALTY, PERSON, WEAPON, WEAPON_MEASURES, Group
from services.extraction.gates import Needles
from services.extraction.gazetteer import Mention

WEAPON_VERB_REACH = 90  # characters before a weapon group its verb ('... launched') may stand
PERSON_VERB_REACH = 80  # characters before a person group its verb ('killed') may stand
HEADLESS_REACH = 140  # characters before a bare number its toll phrase ('the toll rose to') may stand

ATTACK_SUBJECT = Needles(
    re.compile(r"\b(?:russia|russian\s+forces|ukraine|the\s+enemy)\b"),
    ("russia", "ukraine", "enemy"),
    ("russia", "ukraine", ("the", "enemy")),
)


@dataclass(slots=True)
class GroupView:
    """What a measure rule may look at: the sentence, the group and what came before it."""

    low: str
    groups: list[Group]
    gi: int
    prev_end: int  # end of the previous group's phrase (0 for the first)
    head: str | None
    prev_measure: Measure | None
    prev_head: str | None
    has_antecedents: bool  # weapon figures just before (this or the last sentences)
    sentence_anaphora: bool  # 'Of these, ...'
    is_reference: bool
    weapons_at: dict[int, Mention]
    list_measure: Measure | None
    earlier: list[tuple[int, Measure]] = field(default_factory=list)  # (value, measure) decided before
    _attack_word: bool | None = None

    @property
    def group(self) -> Group:
        return self.groups[self.gi]

    @property
    def g_start(self) -> int:
        return self.group[0].qual_start

    @property
    def g_end(self) -> int:
        return self.group[-1].np_end

    @property
    def next_start(self) -> int:
        return self.groups[self.gi + 1][0].qual_start if self.gi + 1 < len(self.groups) else len(self.low)

    @property
    def before(self) -> str:
        return self.low[self.prev_end : self.g_start]

    def attack_word(self) -> bool:
        """An attack verb or attacker anywhere in the sentence (looked for once, when needed)."""
        if self._attack_word is None:
            self._attack_word = bool(lx.ATTACK_WORDS.search(self.low) or ATTACK_SUBJECT.search(self.low))
        return self._attack_word


@dataclass(frozen=True, slots=True)
class Decision:
    """A rule's verdict: the measure, what the group counts, where its verb ends (for the clause
    cut) and, for a composition ('200 of the drones were Gerbera decoys'), the model named."""

    measure: Measure
    head: str
    verb_end: int | None = None
    model: Mention | None = None
    care: bool = False  # 'were hospitalized': injured only if no toll counts them already


@dataclass(frozen=True, slots=True)
class MeasureRule:
    name: str
    heads: tuple[str | None, ...]  # the group heads it applies to
    decide: Callable[[GroupView], Decision | None]
    example: str  # a sentence of ours in which this rule decides the first figure
    expect: Measure  # ... and the measure it gives it


# -- verb lookups -----------------------------------------------------------------------------


def weapon_verb_after(low: str, end: int, limit: int) -> tuple[Measure | None, int]:
    """The verb right after a weapon phrase; past a reduced relative ('132 drones launched by
    Russia were neutralised'), the finite verb after it."""
    if (p := PARTICIPLE_AFTER.match(low, end, limit)) and (m := lx.WEAPON_AFTER.match(low[:limit], p.end())):
        return (Measure(m.lastgroup), m.end()) if m.lastgroup else (None, end)
    m = lx.WEAPON_AFTER.match(low[:limit], end)
    return (Measure(m.lastgroup), m.end()) if m and m.lastgroup else (None, end)


PARTICIPLE_AFTER = re.compile(
    r"\s+(?:(?:launched|fired|sent|used|deployed|headed|heading|flying|aimed)\s+"
    r"(?:by|from|at|against|towards?|on|across|over|into|overnight|for)|in|over|above|near|across"
    r"|launched|fired|sent|used|deployed"  # ('25 missiles of 38 fired were shot down')
    r"|targeting|attacking|approaching|(?:that|which)\s+(?:tried|attempted|flew|had\s+tried))"
    r"\b[^,.;:]{0,50}?(?=\s+(?:were|was|had|have|are|is)\s)"
)
"""'drones launched by Russia', 'drones in the sky over our region', 'missiles targeting the city',
'a drone that tried to attack Moscow' before the finite verb: the phrase describes, the verb counts"""
REDUCED_RELATIVE = re.compile(r"\s+(?:launched|fired|sent|used|deployed)\s+(?:by|from|at|against|towards?)\b")


def _last_measure(pattern: re.Pattern[str], window: str) -> Measure | None:
    found = None
    for m in pattern.finditer(window):
        found = m
    return Measure(found.lastgroup) if found and found.lastgroup else None


def weapon_verb_before(window: str) -> Measure | None:
    """The last weapon verb before the figure, passing over participles that only describe other
    figures ('intercepted nine of 10 drones launched by Russia, as well as one missile')."""
    found = None
    for m in lx.WEAPON_BEFORE.finditer(window):
        if (
            m.lastgroup == Measure.LAUNCHED.value
            and PARTICIPLE_BY.match(window, m.end())
            and (found or not window[: m.start()].strip())  # (right after the figure before: its own)
        ):
            continue
        found = m
    return Measure(found.lastgroup) if found and found.lastgroup else None


PARTICIPLE_BY = re.compile(r"\s+(?:by|from)\b")


def person_verb_before(window: str) -> Measure | None:
    return _last_measure(lx.PERSON_BEFORE, window)


# -- weapon rules -----------------------------------------------------------------------------


def _part_before_whole(v: GroupView) -> Decision | None:
    """'downed 452 of the 477 drones'; 'thirty-four of the 40 Kh-101s were shot down'."""
    if not (v.group[0].borrow_next and v.gi + 1 < len(v.groups)):
        return None
    window = v.before
    if v.gi > 1 and v.groups[v.gi - 2][-1].borrow_next and lx.LIST_GAP.fullmatch(window):
        # 'shot down seven out of 13 missiles and 22 out of 29 drones': the first part's verb
        window = v.low[: v.groups[v.gi - 2][0].qual_start]
    if measure := weapon_verb_before(window[-WEAPON_VERB_REACH:]):
        return Decision(measure, WEAPON)
    groups, low = v.groups, v.low
    k, start = v.gi + 2, groups[v.gi + 1][-1].np_end
    while k < len(groups) and lx.LIST_GAP.fullmatch(low[start : groups[k][0].qual_start]):
        start, k = groups[k][-1].np_end, k + 1  # ('21 of 23 missiles and two drones were downed')
    measure, end = weapon_verb_after(low, start, groups[k][0].qual_start if k < len(groups) else len(low))
    return Decision(measure, WEAPON, end) if measure else None


def _whole_after_part(v: GroupView) -> Decision | None:
    """'... of the 40 Kh-101s': the launched total, restated after its part."""
    if v.gi > 0 and v.groups[v.gi - 1][-1].borrow_next:
        return Decision(Measure.LAUNCHED, WEAPON)
    return None


def _reduced_relative(v: GroupView) -> Decision | None:
    """'shot down 23 drones launched by Russia': the participle after the figure describes the
    drones; the verb before counts them."""
    if (
        v.head == WEAPON
        and REDUCED_RELATIVE.match(v.low, v.g_end)
        and not PARTICIPLE_AFTER.match(v.low, v.g_end, v.next_start)
        and (measure := weapon_verb_before(v.before[-WEAPON_VERB_REACH:]))
    ):
        return Decision(measure, WEAPON)
    return None


PART_OF_BEFORE = re.compile(r"\b(?:most|many|some|half|several|part|the\s+majority)\s+of\s+(?:the\s+)?$")


def _whole_of_a_part(v: GroupView) -> Decision | None:
    """'most of the 40 drones launched overnight were downed': the verb counts an unstated part;
    the figure is the whole that was launched."""
    if v.head == WEAPON and PART_OF_BEFORE.search(v.low, max(0, v.g_start - WEAPON_VERB_REACH), v.g_start):
        return Decision(Measure.LAUNCHED, WEAPON)
    return None


def _relative_part(v: GroupView) -> Decision | None:
    """'downed 337 drones, 91 of which targeted Moscow': a part whose verb only says where it flew
    shares the measure of its whole."""
    first = v.group[0]  # ('13 missiles, one of which set fire to ...' describes one, counts nothing)
    if not (
        first.relative and first.value > 1 and v.prev_head == WEAPON and v.prev_measure in WEAPON_MEASURES
    ):
        return None
    measure, _ = weapon_verb_after(v.low, v.g_end, v.next_start)
    if measure in (None, Measure.LAUNCHED):
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


LINE_ITEM = re.compile(
    r"\s*[-\u2013\u2014\u2022*]?\s*\d+\s*(?:[-\u2013\u2014:]|units?\b)\s*(?:over|in|above|near|on)\b"
)
"""'7 – over the territory of Smolensk region,': a line of a per-region list"""
INTERCEPT_LATER = re.compile(
    r"\b(?:and|before\s+being|then)\s+(?:were\s+|was\s+)?(?:successfully\s+)?"
    r"(?:destroyed|shot\s+down|downed|intercepted|neutrali[sz]ed)\b"
)


def _line_item(v: GroupView) -> Decision | None:
    """A bare figure opening a line of a list under an intercept total ('21 drones were destroyed:
    / 7 – over Smolensk region, / 6 – over Bryansk region') is a part of it: the list's measure."""
    if v.gi == 0 and v.list_measure is not None and LINE_ITEM.match(v.low):
        return Decision(v.list_measure, WEAPON)
    return None


def _clause_verb_later(v: GroupView) -> Decision | None:
    """'32 drones were detected over four regions and destroyed': the clause's last verb counts
    (but not the object of a verb before: 'Russia launched 300 drones, and air defences stopped
    most of them and downed six missiles' -- that verb counts it)."""
    if (
        v.head == WEAPON
        and INTERCEPT_LATER.search(v.low, v.g_end, v.next_start)
        and weapon_verb_before(v.before[-WEAPON_VERB_REACH:]) is None
        and not (v.prev_measure in WEAPON_MEASURES and lx.COORDINATION_END.search(v.before))
    ):  # (nor an item joined to an object: 'launched 363 drones as well as eight missiles')
        return Decision(Measure.INTERCEPTED, WEAPON)
    return None




def _intercepted_modifier(v: GroupView) -> Decision | None:
    """'debris of a downed drone fell on a house', '14 of the downed drones fell over Belgorod':
    the weapons the noun phrase itself calls intercepted (README: debris of a downed weapon)."""
    first = v.group[0]
    if first.indefinite and v.has_antecedents:
        return None  # ('31 drones were destroyed. In Klintsy, debris from a downed drone ...': one of them)
    if lx.INTERCEPTED_MODIFIER.search(v.low, first.end, first.np_end):
        return Decision(Measure.INTERCEPTED, WEAPON)
    return None


def _hit_by(v: GroupView) -> Decision | None:
    return Decision(Measure.HIT, WEAPON) if lx.HIT_BY_BEFORE.search(v.before) else None


def _anaphoric(v: GroupView) -> bool:
    return v.head == WEAPON or v.group[0].anaphora or v.sentence_anaphora


def _verb_after(v: GroupView) -> Decision | None:
    if not _anaphoric(v):
        return None
    measure, end = weapon_verb_after(v.low, v.g_end, v.next_start)
    return Decision(measure, WEAPON, end) if measure else None


def _verb_before(v: GroupView) -> Decision | None:
    if not _anaphoric(v):
        return None
    measure = weapon_verb_before(v.before[-WEAPON_VERB_REACH:])
    return Decision(measure, WEAPON) if measure else None


def _bare_number_verb_after(v: GroupView) -> Decision | None:
    """'..., while 14 were lost': a bare number whose verb only fits the weapons just counted."""
    if not v.has_antecedents:
        return None
    measure, end = weapon_verb_after(v.low, v.g_end, v.next_start)
    return Decision(measure, WEAPON, end) if measure else None


BARE_OBJECT_GAP = re.compile(r"\s*(?:(?:a\s+total\s+of|all|another|a\s+further|only|just)\s+)?$")


def _bare_number_verb_before(v: GroupView) -> Decision | None:
    """'Russia fired 69 missiles and air defences shot down 54': a bare number right after a weapon
    verb, with weapons counted just before, counts those weapons (not 'destroyed 22 buildings')."""
    if not v.has_antecedents or lx.OWN_NOUN_AFTER.match(v.low, v.group[-1].end):
        return None
    window = v.before[-WEAPON_VERB_REACH:]
    found = None
    for m in lx.WEAPON_BEFORE.finditer(window):
        found = m
    if found is None or found.lastgroup != Measure.INTERCEPTED.value:
        return None  # (only an intercept: 'lost 215', 'with two UAVs' count other things)
    return Decision(Measure.INTERCEPTED, WEAPON) if BARE_OBJECT_GAP.match(window, found.end()) else None


def _others_of_previous(v: GroupView) -> Decision | None:
    """'one drone was shot down over Belgorod and four others over the Black Sea': more of the
    weapons just counted, with their measure (unless a verb of their own follows)."""
    if v.group[0].others and v.prev_head == WEAPON and v.prev_measure in WEAPON_MEASURES:
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


def _parts_sum_to_total(v: GroupView) -> Decision | None:
    """'neutralised 40 of 50 targets, including 30 drones and 10 cruise missiles': parts that sum
    to a figure stated before them share that figure's measure."""
    if not v.group[0].breakdown:
        return None
    total = sum(np.value for np in v.group)
    measure = next((m for value, m in reversed(v.earlier) if value == total and m in WEAPON_MEASURES), None)
    return Decision(measure, WEAPON) if measure else None


def _breakdown_of_previous(v: GroupView) -> Decision | None:
    if v.group[0].breakdown and v.prev_measure in WEAPON_MEASURES:
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


def _coordinated_with_previous(v: GroupView) -> Decision | None:
    if v.prev_head == WEAPON and v.prev_measure in WEAPON_MEASURES and lx.COORDINATION_END.search(v.before):
        if v.gi > 1 and v.groups[v.gi - 2][-1].borrow_next and len(v.earlier) > 1:
            # 'intercepted nine of 10 drones launched by Russia, as well as one cruise missile':
            # the item joins the part (intercepted), not the whole it was counted out of
            return Decision(v.earlier[-2][1], WEAPON)
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


def _place_list_item(v: GroupView) -> Decision | None:
    """'downed 11 drones over Kursk, three drones over Belgorod, and five others over Crimea': a
    per-place list whose items follow a place phrase share the first item's verb."""
    if (
        v.prev_head == WEAPON
        and v.prev_measure in WEAPON_MEASURES
        and lx.AFTER_PLACE_PHRASE.search(v.before)
        and lx.ELLIPSIS_PLACE_AFTER.match(v.low, v.g_end)
    ):
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


TIME_LIST_GAP = re.compile(
    r"^[^;,.]{0,40}?\s*[;,]\s*(?:and\s+)?(?:on|in|during|for|over)\s+[^,;.()]{1,40}?(?:,|\s+[-\u2013\u2014:])\s*$"
)
"""'launched 502 drones; on 29-30 August, 537; ...': between a list's items, the next item's time"""


def _time_list_item(v: GroupView) -> Decision | None:
    """'Russia launched 502 drones on Monday; on Friday, 537; and on Wednesday, 598': a list by
    day or month whose later items drop noun and verb shares the first item's measure."""
    if v.prev_head == WEAPON and v.prev_measure in WEAPON_MEASURES and TIME_LIST_GAP.match(v.before):
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


EXISTENTIAL_BEFORE = re.compile(
    r"\bthere\s+(?:were|was|had\s+been|have\s+been)\s+(?:in\s+all\s+|in\s+total\s+)?$"
)


def _existential(v: GroupView) -> Decision | None:
    """'In total, there were about 150 missiles and drones': the weapons of the attack, counted."""
    before = v.before
    if "there" in before and EXISTENTIAL_BEFORE.search(before):
        return Decision(Measure.LAUNCHED, WEAPON)
    return None


def _composition(v: GroupView) -> Decision | None:
    """'about 200 of the drones were Gerbera decoys': a part of the launched total, by model."""
    if (cm := lx.COMPOSITION_AFTER.match(v.low, v.g_end)) and (
        (entry := v.weapons_at.get(cm.end())) is not None and entry.entry.claim_class
    ):
        return Decision(Measure.LAUNCHED, WEAPON, model=entry)
    return None


def _reference_figure(v: GroupView) -> Decision | None:
    return Decision(Measure.LAUNCHED, WEAPON) if v.is_reference else None


def _superlative_was(v: GroupView) -> Decision | None:
    """'This year, the biggest was 81 missiles on March 9': a barrage ranked by its size."""
    return Decision(Measure.LAUNCHED, WEAPON) if lx.SUPERLATIVE_WAS.search(v.before) else None


def _bulleted_list(v: GroupView) -> Decision | None:
    if v.list_measure is not None and lx.BULLET_START.match(v.low):
        return Decision(v.list_measure, WEAPON)  # under 'The following were detected:'
    return None


def _attack_sentence(v: GroupView) -> Decision | None:
    return Decision(Measure.LAUNCHED, WEAPON) if v.attack_word() else None


# -- casualty rules ---------------------------------------------------------------------------


def _explicit_zero(v: GroupView) -> Decision | None:
    """'no one was injured', 'there were no casualties': the measure the zero phrase names."""
    first = v.group[0]
    return Decision(first.casualty_measure, CASUALTY) if first.value == 0 and first.casualty_measure else None


def _person_verb_after(v: GroupView) -> Decision | None:
    """'12 people, including a six-year-old boy, were killed': the verb after the breakdown."""
    limit = v.next_start
    k = v.gi + 1
    while (
        k < len(v.groups)
        and v.groups[k][0].head in (PERSON, None)
        and (lx.BREAKDOWN_BEFORE.search(v.low, v.g_end, v.groups[k][0].qual_start))
    ):
        k += 1
        limit = v.groups[k][0].qual_start if k < len(v.groups) else len(v.low)
    pm = lx.PERSON_AFTER.match(v.low[:limit], v.g_end)
    if not (pm and pm.lastgroup):
        return None
    care = pm.lastgroup == Measure.INJURED.value and lx.CARE_ONLY.match(pm.group(pm.lastgroup)) is not None
    return Decision(Measure(pm.lastgroup), CASUALTY, pm.end(), care=care)


def _person_verb_before(v: GroupView) -> Decision | None:
    # (not 'in which 7 were injured, about 150,000 residents were left without heating')
    if lx.NOT_CASUALTY_AFTER.match(v.low, v.g_end):
        return None
    measure = person_verb_before(v.before[-PERSON_VERB_REACH:])
    return Decision(measure, CASUALTY) if measure else None


def _person_toll_before(v: GroupView) -> Decision | None:
    """'The death toll from a rocket hitting a building in Dnipro has increased to 35 people'."""
    tail = v.low[max(0, v.g_start - HEADLESS_REACH) : v.g_start]
    tb = lx.TOLL_BEFORE.search(tail)
    return Decision(Measure(tb.lastgroup), CASUALTY) if tb and tb.lastgroup else None


def _casualty_adjective(v: GroupView) -> Decision | None:
    measure = v.group[-1].casualty_measure
    return Decision(measure, CASUALTY) if measure else None


def _headless_casualty_after(v: GroupView) -> Decision | None:
    hm = lx.HEADLESS_AFTER.match(v.low[: v.next_start], v.g_end)
    return Decision(Measure(hm.lastgroup), CASUALTY, hm.end()) if hm and hm.lastgroup else None


def _headless_casualty_before(v: GroupView) -> Decision | None:
    tail = v.low[max(0, v.g_start - HEADLESS_REACH) : v.g_start]
    hb = lx.HEADLESS_BEFORE.search(tail) or lx.TOLL_BEFORE.search(tail)
    if hb and hb.lastgroup and not lx.OWN_NOUN_AFTER.match(v.low, v.g_end):
        # (not 'leaving 200,000 households without power': the number counts its noun)
        return Decision(Measure(hb.lastgroup), CASUALTY)
    return None


def _casualty_ellipsis(v: GroupView) -> Decision | None:
    if v.prev_head == CASUALTY and v.prev_measure and lx.ELLIPSIS_PLACE_AFTER.match(v.low, v.g_end):
        return Decision(v.prev_measure, CASUALTY)
    return None


def _weapon_ellipsis(v: GroupView) -> Decision | None:
    """'59 were downed over Bryansk, 37 over Kursk'; '..., including four that ...'; '12 over
    Moscow region, nine of which ...' (but '13 missiles, one of which set fire to ...' describes
    one and counts nothing)."""
    first = v.group[0]
    if (
        v.prev_head == WEAPON
        and v.prev_measure in WEAPON_MEASURES
        and (
            lx.ELLIPSIS_PLACE_AFTER.match(v.low, v.g_end)
            or lx.BREAKDOWN_BEFORE.search(v.before)
            or (first.relative and first.value > 1)
        )
    ):
        return Decision(v.prev_measure, WEAPON)  # type: ignore[arg-type]
    return None


_W, _N, _P, _C = (WEAPON,), (None,), (PERSON,), (CASUALTY,)
_WN = (WEAPON, None)
_L, _I, _K, _J, _H = Measure.LAUNCHED, Measure.INTERCEPTED, Measure.KILLED, Measure.INJURED, Measure.HIT

# fmt: off
RULES: tuple[MeasureRule, ...] = (
    # people and casualties
    MeasureRule("explicit_zero", _C, _explicit_zero,
                "No one was injured when the drone hit the depot.", _J),
    MeasureRule("person_verb_after", _P, _person_verb_after,
                "Four people were killed in the strike on the depot.", _K),
    MeasureRule("person_verb_before", _P, _person_verb_before,
                "The strike on the depot injured four people.", _J),
    MeasureRule("person_toll_before", _P, _person_toll_before,
                "The death toll from the strike on the depot has risen to 35 people.", _K),
    MeasureRule("casualty_adjective", _C, _casualty_adjective,  # (each figure keeps its own adjective)
                "There were 12 dead after the strike on the depot.", _K),
    # weapons, and bare numbers the text shows to count weapons
    MeasureRule("part_before_whole", _WN, _part_before_whole,
                "Air defence downed 52 of the 60 drones overnight.", _I),
    MeasureRule("whole_after_part", _WN, _whole_after_part,
                "Air defence downed 52 of the 60 drones overnight.", _L),
    MeasureRule("reduced_relative", _W, _reduced_relative,
                "Air defence shot down 23 drones launched by Russia from Kursk.", _I),
    MeasureRule("whole_of_a_part", _W, _whole_of_a_part,
                "Most of the 40 drones launched overnight were shot down, the air force said.", _L),
    MeasureRule("relative_part", _N, _relative_part,
                "Air defences downed 337 drones, 91 of which targeted Moscow.", _I),
    MeasureRule("intercepted_modifier", _W, _intercepted_modifier,
                "Debris of a downed drone set fire to a garage in the village.", _I),
    MeasureRule("hit_by", _W, _hit_by,
                "The warehouse was hit by two cruise missiles on Monday.", _H),
    MeasureRule("verb_after", _WN, _verb_after,
                "Overnight 48 drones were shot down over the south.", _I),
    MeasureRule("clause_verb_later", _W, _clause_verb_later,
                "A further 32 drones were detected over four regions and destroyed.", _I),
    MeasureRule("line_item", _N, _line_item,
                "Air defences destroyed 21 drones overnight:\n7 \u2013 over Smolensk region,\n"
                "6 \u2013 over Bryansk region.", _I),
    MeasureRule("verb_before", _WN, _verb_before,
                "Russia launched 48 drones against the south overnight.", _L),
    MeasureRule("others_of_previous", _W, _others_of_previous,
                "Air defences shot down 20 drones over Kursk and 4 others over Oryol.", _I),
    MeasureRule("bare_number_verb_after", _N, _bare_number_verb_after,
                "Russia launched 48 drones overnight, while 40 were shot down.", _I),
    MeasureRule("bare_number_verb_before", _N, _bare_number_verb_before,
                "Russia fired 69 missiles overnight and air defences shot down 54.", _I),
    MeasureRule("headless_casualty_after", _N, _headless_casualty_after,
                "One man died and 3 were injured when a drone hit the depot.", _J),
    MeasureRule("headless_casualty_before", _N, _headless_casualty_before,
                "The death toll from the strike on the depot rose to 9.", _K),
    MeasureRule("casualty_ellipsis", _N, _casualty_ellipsis,
                "Two people were injured in Sumy and 3 in Okhtyrka after the strike.", _J),
    MeasureRule("time_list_item", _N, _time_list_item,
                "Russia launched 410 drones on Monday; on Friday, 380; and on Tuesday, 290.", _L),
    MeasureRule("weapon_ellipsis", _N, _weapon_ellipsis,
                "Air defences downed 30 drones over Kursk, 12 over Bryansk and 5 over Oryol.", _I),
    # weapon fallbacks: the group counts weapons but no verb names the measure
    MeasureRule("parts_sum_to_total", _W, _parts_sum_to_total,
                "Air defences neutralised 40 of 50 targets, including 30 drones and 10 cruise missiles.", _I),
    MeasureRule("breakdown_of_previous", _W, _breakdown_of_previous,
                "Air defences downed 40 targets, including 30 drones, overnight.", _I),
    MeasureRule("coordinated_with_previous", _W, _coordinated_with_previous,
                "Air defences downed 30 drones overnight, as well as 3 cruise missiles.", _I),
    MeasureRule("place_list_item", _W, _place_list_item,
                "Air defences downed 20 drones over Kursk, four drones over Oryol, and two over Tula.", _I),
    MeasureRule("existential", _W, _existential,
                "All in all, there were 120 drones and missiles, the air force said.", _L),
    MeasureRule("composition", _W, _composition,
                "About 40 of the drones were Gerbera decoys, the air force said.", _L),
    MeasureRule("reference_figure", _W, _reference_figure,
                "The barrage came close to the previous record of 728 drones.", _L),
    MeasureRule("superlative_was", _W, _superlative_was,
                "So far this year, the largest was 90 drones on May 4, the air force said.", _L),
    MeasureRule("bulleted_list", _W, _bulleted_list,
                "Air defences shot down 40 drones, including:\n- 30 Shahed drones over Kyiv;\n"
                "- 10 Gerbera drones over Odesa.", _I),
    MeasureRule("attack_sentence", _W, _attack_sentence,
                "The attack on Odesa came from 48 drones and two missiles.", _L),
)
# fmt: on
"""ordered: the first rule that applies to the group's head and decides, wins"""

REFERENCE_HEAD_RULES = RULES[[r.name for r in RULES].index("parts_sum_to_total") :]
"""a bare reference figure ('the previous record of 728') counts weapons: the fallbacks decide it"""


def decide_measure(view: GroupView) -> tuple[str, Decision] | None:
    """The first rule of the table that decides the group, with its name; None: no claim."""
    for rule in RULES:
        if view.head in rule.heads and (decision := rule.decide(view)) is not None:
            return rule.name, decision
    if view.head is None and view.is_reference:
        view.head = WEAPON
        for rule in REFERENCE_HEAD_RULES:
            if (decision := rule.decide(view)) is not None:
                return rule.name, decision
    return None
