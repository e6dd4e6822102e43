"""The claims of one sentence: the stages in order.

1. `phrases`: every number with what it counts; 2. `grouping`: coordinated numbers;
3. `measure_rules`: the measure of each group, by an ordered table of named rules; then here,
per number: the figures a frame or a correction takes back, and the weapon class of figures that
refer back ('three of them'); 4. `attribution`: attacker, places, scope and date.
Article-level passes (`article_passes`) run on all sentences' drafts afterwards.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from schemas.extraction import Attacker, Evidence, Measure, Scope, WeaponClass
from services.extraction import lexicon as lx
from services.extraction.claims.attribution import (
    attribute_sentence,
    note_latest,
    remember_cues,
    remember_period,
    to_news_day,
)
from services.extraction.claims.grouping import group_phrases, segments
from services.extraction.claims.measure_rules import GroupView, decide_measure
from services.extraction.claims.model import (
    CASUALTY,
    CASUALTY_MEASURES,
    GENERIC_HEADS,
    PERSON,
    WEAPON,
    WEAPON_MEASURES,
    ArticleContext,
    Draft,
    Group,
    NumberPhrase,
    SentenceHints,
)
from services.extraction.claims.phrases import find_phrases
from services.extraction.claims.zeros import zero_phrases
from services.extraction.dates import find_date_cues, find_period_cues
from services.extraction.fastmodel import construct
from services.extraction.gates import positions
from services.extraction.gazetteer import Mention
from services.extraction.sentences import Sentence

REFERENCE_REACH = 50  # characters before a figure where 'the previous record of' may stand
DROP_REACH = 50  # characters before a figure where a negation or a stale 'from' may stand
REFERENCE_AFTER_REACH = 90  # characters after a figure where 'earlier this month' may stand
ANTECEDENT_SENTENCES = 2  # how many sentences back 'of these' may look for its figures
LAUNCHED_SENTENCES = 3  # ... and 'both missiles' for the launched figures
INDEFINITE_FALLBACKS = frozenset({"attack_sentence", "reference_figure", "superlative_was", "composition"})
"""rules that decide a figure with no verb of its own: one weapon ('a drone') is no count by them"""
_STALE_TO = re.compile(r"\s+to\b")
OTHER_CAUSE = re.compile(
    r"\b(?:shelling|shelled|shells|artillery|mortars?|gunfire|small\s+arms|snipers?|tank\s+fire|landmines?"
    r"|mines?\s+(?:blast|explosion)|crash(?:ed|es)?|derail(?:ed|ment)|railway\s+tracks|ground\s+assault|stabbing"
    r"|shot\s+dead|executed)\b"
)
AIR_CAUSE = re.compile(
    r"\b(?:drones?|uavs?|shaheds?|missiles?|rockets?|bombs?|kabs?|air\s*(?:strikes?|attacks?|raids?)"
    r"|airstrikes?|strikes?|barrage|explosives?\s+dropped|dropped\s+explosives?)\b"
)
STALE_TOLL = re.compile(
    r"\b(?:earlier|previously|initially|first)\s+(?:gave|reported|put|cited|stated|said)\b"
    r"|\b(?:numbers?|toll)\s+(?:had|has)\s+(?:since\s+)?(?:risen|increased|grown)\b"
    r"|^\W*(?:earlier|initially|at\s+first),[^.]*\bbut\b"  # 'Earlier, four were reported injured, but ...'
)
"""'He earlier gave a toll of three dead', '..., Terekhov initially stated': a toll a later one replaces"""
RELATED_LINK = re.compile(
    r"\s*(?:read\s+(?:also|more)|also\s+read|see\s+also|related(?:\s+(?:news|stories|articles?|reading))?"
    r"|more\s+on\s+(?:this|the\s+topic)|recommended)\s*:"
)
"""a link to another story: its headline's figures are not this article's"""


class _Sentence:
    """One sentence's state while its groups are decided, in text order."""

    def __init__(
        self, sentence: Sentence, low: str, weapons_at: dict[int, Mention], ctx: ArticleContext
    ) -> None:
        self.sentence, self.low, self.weapons_at, self.ctx = sentence, low, weapons_at, ctx
        self.correction = lx.CORRECTION_FRAME.search(low)
        self.antecedents = (
            ctx.antecedents if ctx.sentence_index - ctx.antecedent_sentence <= ANTECEDENT_SENTENCES else []
        )
        self.local: list[Draft] = []  # this sentence's weapon drafts so far
        self.prev_group: list[Draft] = []
        self._ref_after: list[int] | None = None
        self._other_cause: bool | None = None
        # one evidence per sentence, shared by its claims (read-only, like every extracted model)
        self.evidence = construct(
            Evidence, {"text": sentence.text, "start": sentence.start, "end": sentence.end}
        )

    def dropped(self, np: NumberPhrase, i: int, head: str) -> bool:
        """A figure the sentence takes back: negated, corrected, outdated, or a part of a toll."""
        low = self.low
        lead = low[max(0, np.qual_start - DROP_REACH) : np.qual_start]
        if lx.NEGATED_BEFORE.search(lead):
            return True
        if (
            self.correction
            and self.correction.start() < np.start
            and not lx.CORRECTION_BREAK.search(low, self.correction.end(), np.start)
        ):
            return True
        if lx.STALE_FROM.search(lead) and (
            head == CASUALTY or (lead.endswith("from ") and _STALE_TO.match(low[np.np_end :]))
        ):
            return True  # an outdated figure: 'rose from 8 to 12', 'up from the previously reported 8'
        if head == CASUALTY and lx.BREAKDOWN_BEFORE.search(lead) and i == 0:
            return True
        return head == CASUALTY and bool(lx.STALE_PLUPERFECT.search(low, 0, np.start))

    def other_cause(self) -> bool:
        """Shelling, artillery, a crash: the sentence's casualties are not an air attack's toll
        (tests/data/extraction/realtext/README.md), unless it names an air weapon too."""
        if self._other_cause is None:
            self._other_cause = bool(OTHER_CAUSE.search(self.low)) and not AIR_CAUSE.search(self.low)
        return self._other_cause

    def reference_after(self, np: NumberPhrase) -> bool:
        """'728 drones, the previous record': the pattern runs only where one of its words follows."""
        low = self.low
        if self._ref_after is None:
            self._ref_after = (
                positions(low, lx.REFERENCE_AFTER_WORDS)
                if any(w in low for w in lx.REFERENCE_AFTER_WORDS)
                else []
            )
        at = self._ref_after
        k = bisect_left(at, np.np_end)
        return (
            k < len(at)
            and at[k] < np.np_end + REFERENCE_AFTER_REACH
            and bool(lx.REFERENCE_AFTER.match(low, np.np_end))
        )

    def weapon_of(
        self, np: NumberPhrase, groups: list[Group], gi: int
    ) -> tuple[WeaponClass | None, str | None] | None:
        """The class and model a weapon figure counts; for one that refers back ('three of the
        missiles', 'of which 40'), those of the figures referred to. None: cannot tell."""
        weapon_class, weapon_model = np.weapon_class, np.weapon_model
        ctx = self.ctx
        if np.anaphora and weapon_model is None and weapon_class in GENERIC_HEADS:
            # 'three of the missiles' after 'eight Kh-101 cruise missiles': when only one fits
            classes = GENERIC_HEADS[weapon_class]
            fits = (
                [d for d in self.local if d.weapon_class in classes and not d.is_reference]
                or [d for d in self.antecedents if d.weapon_class in classes and not d.is_reference]
                or [
                    d
                    for d in ctx.launched
                    if d.weapon_class in classes
                    and ctx.sentence_index - ctx.launched_sentence <= LAUNCHED_SENTENCES
                ]
            )
            if fits and len({d.weapon_class for d in fits}) == 1:
                models = {d.weapon_model for d in fits}
                return fits[0].weapon_class, models.pop() if len(models) == 1 else None
        if weapon_class is not None:
            return weapon_class, weapon_model
        if np.borrow_next and gi + 1 < len(groups):
            source = groups[gi + 1][0]
            return source.weapon_class, source.weapon_model
        pool = self.local or self.antecedents
        if np.anaphora and not self.local and (noun := _last_weapon_noun(self.low, np.start)):
            pool, weapon_class = [], noun  # 'drones made up ...; some 54,000 of them': the noun just named
        if np.relative and self.prev_group:
            # '... and four Kalibrs, three of which': the item just before, unless the part is
            # larger than it (then the whole list)
            last = self.prev_group[-1]
            pool = [last] if np.value <= last.value else self.prev_group
        if not pool:
            return None if weapon_class is None else (weapon_class, weapon_model)
        listed = gi + 1 < len(groups) and groups[gi + 1][0].breakdown  # ('410 of them: 400 drones and ...')
        if len({d.weapon_class for d in pool}) > 1 and not listed:
            # '62 drones and one missile ... 33 of them were intercepted': only one item can hold it
            pool = [d for d in pool if d.value >= np.value] or pool
        if len({d.weapon_class for d in pool}) == 1:
            models = {d.weapon_model for d in pool}
            return pool[0].weapon_class, pool[0].weapon_model if len(models) == 1 else None
        return WeaponClass.TOTAL, None


_NOUN_CLASSES = {
    "drones": WeaponClass.DRONES,
    "missiles": WeaponClass.MISSILES,
    "bombs": WeaponClass.GLIDE_BOMBS,
}


def _last_weapon_noun(low: str, end: int) -> WeaponClass | None:
    """The class of the last plural weapon noun before `end` in the sentence ('Drones made up
    ...; some 54,000 of them'), when one was named without a figure of its own."""
    found = None
    for m in lx.WEAPON_HEAD.finditer(low, 0, end):
        found = m
    if found is None or found.lastgroup not in _NOUN_CLASSES or not found.group().endswith("s"):
        return None
    return _NOUN_CLASSES[found.lastgroup]


def extract_sentence_claims(
    sentence: Sentence,
    low: str,
    places: list[Mention],
    weapons: list[Mention],
    blocked: list[tuple[int, int]],
    ctx: ArticleContext,
    has_numbers: bool = True,
    hints: SentenceHints | None = None,
) -> list[Draft]:
    """The claims of one sentence (offsets of mentions are sentence-relative here); `hints`, when
    the caller scanned the article already, says where numbers, dates and periods may be."""
    if low.startswith("(") and lx.EDITORS_NOTE.match(low, 1):
        return []  # '(Corrects death toll in paragraph 1 to seven from eight)': about the story
    if RELATED_LINK.match(low):
        return []  # 'Read also: Four wounded in ...': the headline of another story
    weapons_at = {w.start: w for w in weapons} if weapons else {}
    date_cues = to_news_day(
        find_date_cues(sentence.text, ctx.pub, low, hints.dates if hints else None, ctx.year_hint), ctx
    )
    note_latest(date_cues, ctx)
    if date_cues:
        blocked = blocked + [(c.start, c.end) for c in date_cues if c.explicit]
    nps = (
        find_phrases(
            sentence, low, blocked, weapons_at, hints.numbers if hints else None, [p.start for p in places]
        )
        if has_numbers
        else []
    )
    if zeros := zero_phrases(low):  # 'no one was injured': figures of value 0, in text order
        nps = sorted(nps + zeros, key=lambda np: np.start)
    period_cues = (
        find_period_cues(sentence.text, ctx.pub, low, hints.periods if hints else None) if nps else []
    )
    # a date inside a period phrase ('since February 24, 2022') bounds the period, it dates nothing
    date_cues = [c for c in date_cues if not any(p.start <= c.start < p.end for p in period_cues)]
    groups = group_phrases(low, nps) if nps else []
    drafts, verb_ends = _decide(sentence, low, groups, weapons_at, ctx) if groups else ([], [])
    if not drafts:
        remember_cues(low, date_cues, ctx)
        # ('Over the past day, the occupiers carried out 512 attacks': no claim, a frame)
        remember_period(sentence, low, ctx, hints.periods if hints else None)
        return []
    return attribute_sentence(
        sentence, low, drafts, groups, segments(low, groups, verb_ends), places, date_cues, period_cues, ctx
    )


def _decide(
    sentence: Sentence, low: str, groups: list[Group], weapons_at: dict[int, Mention], ctx: ArticleContext
) -> tuple[list[tuple[NumberPhrase, int, Draft]], list[int]]:
    """Each group's measure (by the rule table), then a draft per figure that stands."""
    state = _Sentence(sentence, low, weapons_at, ctx)
    sentence_anaphora = bool(lx.ANAPHORA_SENTENCE_START.match(low))
    drafts: list[tuple[NumberPhrase, int, Draft]] = []
    verb_ends: list[int] = []
    prev_end, prev_measure, prev_head = 0, None, None
    earlier: list[tuple[int, Measure]] = []
    for gi, group in enumerate(groups):
        first = group[0]
        view = GroupView(
            low=low,
            groups=groups,
            gi=gi,
            prev_end=prev_end,
            head=next((g.head for g in group if g.head), None),
            prev_measure=prev_measure,
            prev_head=prev_head,
            has_antecedents=bool(state.local or state.antecedents),
            sentence_anaphora=sentence_anaphora,
            is_reference=bool(
                lx.REFERENCE_BEFORE.search(
                    low[max(prev_end, first.qual_start - REFERENCE_REACH) : first.qual_start]
                )
            ),
            weapons_at=weapons_at,
            list_measure=ctx.list_measure,
            earlier=earlier,
        )
        decided = decide_measure(view)
        prev_end = view.g_end
        verb_ends.append(decided[1].verb_end or view.g_end if decided else view.g_end)
        if decided is None:
            continue
        rule, decision = decided
        head, measure = decision.head, decision.measure
        if (head == WEAPON) != (measure in WEAPON_MEASURES) or (head == CASUALTY) != (
            measure in CASUALTY_MEASURES
        ):
            continue
        if decision.model is not None:  # 'about 200 of the drones were Gerbera decoys'
            for g in group:
                g.weapon_model = decision.model.entry.name
                g.weapon_class = WeaponClass(decision.model.entry.claim_class)
        if (
            head == CASUALTY
            and len(group) > 1
            and all(g.head == PERSON for g in group)
            and not (
                lx.BREAKDOWN_BEFORE.search(low[max(0, first.qual_start - DROP_REACH) : first.qual_start])
            )
        ):  # (not after 'including ...': 'the dead included a girl, and 10 people were wounded')
            # 'wounded a child and an adult', 'a man, 45, and two women were injured': one count
            first.value = sum(g.value for g in group)
            group = [first]
        earlier.extend((np.value, measure) for np in group)
        own = _drafts_of(state, groups, gi, group, head, measure, rule, view.is_reference)
        for _, d in own:
            d.care_only = decision.care
        drafts.extend((np, gi, d) for np, d in own)
        state.prev_group = [d for _, d in own]
        prev_measure, prev_head = measure, head
    return drafts, verb_ends


def _drafts_of(
    state: _Sentence,
    groups: list[Group],
    gi: int,
    group: Group,
    head: str,
    measure: object,
    rule: str,
    is_reference: bool,
) -> list[tuple[NumberPhrase, Draft]]:
    out: list[tuple[NumberPhrase, Draft]] = []
    for i, np in enumerate(group):
        if state.dropped(np, i, head):
            continue
        if head == WEAPON:
            weapon = state.weapon_of(np, groups, gi)
            if weapon is None or weapon[0] is None:
                continue  # (a weapon figure whose kind nothing names: 'shot down 14 out of 17')
        else:
            weapon = (None, None)
        np_measure = np.casualty_measure if head == CASUALTY and np.casualty_measure else measure
        if head == WEAPON and np.indefinite and rule in INDEFINITE_FALLBACKS:
            continue  # one weapon is counted by its own verb ('a drone was shot down', 'a missile
            # hit a school': README, settled readings), never by a sentence-wide fallback
        lead = state.low[max(0, np.qual_start - DROP_REACH) : np.qual_start]
        draft = Draft(
            attacker=Attacker.RU,
            measure=np_measure,  # type: ignore[arg-type]
            weapon_class=weapon[0],
            weapon_model=weapon[1],
            value=np.value,
            qualifier=np.qualifier,
            scope=Scope.SINGLE_ATTACK,
            period=None,
            date=None,
            explicit_date=False,
            locations=[],
            is_reference=is_reference or state.reference_after(np),
            evidence=state.evidence,
            toll_update=head == CASUALTY and lx.TOLL_UPDATE_BEFORE.search(lead) is not None,
            other_cause=head == CASUALTY and state.other_cause(),
            stale=head == CASUALTY and STALE_TOLL.search(state.low) is not None,
            measure_rule=rule,
        )
        out.append((np, draft))
        if head == WEAPON:
            state.local.append(draft)
    return out
