"""Stage 4, attribution: attacker, places, scope (single attack or period total) and date of each
draft of a sentence, from its group's own stretch of the sentence, then the sentence, then the
article so far. The scope decision is named (`Draft.scope_rule`) like the measure's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from schemas.extraction import Attacker, Measure, Period, Scope
from services.extraction import lexicon as lx
from services.extraction.claims.model import WEAPON_MEASURES, ArticleContext, Draft, Group, NumberPhrase
from services.extraction.dates import DateCue, PeriodCue, find_date_cues, find_period_cues, has_calendar_date
from services.extraction.fastmodel import construct
from services.extraction.gazetteer import Mention
from services.extraction.sentences import Sentence

FRAME_SENTENCES = 3  # how many sentences an opening 'Over the past day, ...' frames
PERIOD_FRAME_STARTS = (
    "over the past",
    "in the past",
    "over the last",
    "in the last",
    "during the past",
    "during the last",
)
FRAME_CUE_START = 8  # a framing period cue starts within this many characters of the sentence
LAUNCH_SITE_REACH = 10  # characters before a place where 'launched from' makes it a launch site
CUE_REACH = 60  # characters before a figure where an attacker cue outweighs the sentence's others
LAUNCH_AREA_REACH = 60  # characters before a place where 'bombers over the' makes it a launch area
SUPERLATIVE_REACH = 90  # characters before a period cue where 'the largest' makes it a rank


@dataclass(frozen=True, slots=True)
class ScopeRule:
    """A named way a figure's scope is decided, with a sentence of ours it decides (its test)."""

    name: str
    example: str
    expect: Scope


# fmt: off
SCOPE_RULES: tuple[ScopeRule, ...] = (  # in the order `_Sentence.period_for` and `scope` try them
    ScopeRule("single_attack_marker", "Overnight Russia launched 90 drones, the most this month.",
              Scope.SINGLE_ATTACK),
    ScopeRule("own_period", "Over the past week Russia launched 1,200 drones against Ukraine.",
              Scope.PERIOD_TOTAL),
    ScopeRule("own_date", "On Monday Russia launched 90 drones at Kharkiv.", Scope.SINGLE_ATTACK),
    ScopeRule("sentence_period", "Russia launched 1,200 drones, 900 of them Shaheds, this month.",
              Scope.PERIOD_TOTAL),
    ScopeRule("framed_period", "Over the past day, the enemy shelled 30 towns.\nTwo people were killed.",
              Scope.PERIOD_TOTAL),
    ScopeRule("no_period", "Russia launched 90 drones at Kharkiv, officials said.", Scope.SINGLE_ATTACK),
    ScopeRule("rank_not_sum", "It was the largest attack this year, with 810 drones launched at Kyiv.",
              Scope.SINGLE_ATTACK),
    ScopeRule("when_clause_reference",
              "It was the deadliest strike since September 4, 2024, when a missile killed seven people.",
              Scope.SINGLE_ATTACK),
    ScopeRule("earlier_frame", "Earlier this month, Russia launched 810 drones in a single attack.",
              Scope.SINGLE_ATTACK),
    ScopeRule("reported_earlier_frame",
              "As our agency reported earlier, on May 2 Russia fired 40 missiles, 30 of which were downed.",
              Scope.SINGLE_ATTACK),
    ScopeRule("past_when_reference",
              "It was the largest barrage since the spring, when Russia launched 300 drones in one night.",
              Scope.SINGLE_ATTACK),
)
# fmt: on
SCOPE_RULE_NAMES = frozenset(r.name for r in SCOPE_RULES)


DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]+)*(?:,\s*[A-Z][A-Za-z]+(?:\s+[A-Z]?[a-z]+\.?)?)?"
    r"\s*(?:\([A-Za-z .-]{1,40}\))?|[A-Z][a-z]+\s+\[[A-Za-z ]{1,30}\],?(?:\s+[A-Z][a-z]+\s+\d{1,2})?)"
    r"\s*(?:[-\u2013\u2014]+|:)\s"
)
"""'KYIV, Ukraine (AP) — ', 'KYIV (Reuters) - ', 'Moscow [Russia], February 4: ': where the story was
filed, not where the figures happened"""
RUSSIAN_HELD = frozenset({"Crimea"})
"""regions Russia holds and Ukraine strikes: a figure over them is Ukraine's (Sevastopol, Kerch)"""


def _held_by(mention: Mention) -> str | None:
    """The country that holds a place, for the attacker: Crimea's towns are Russia's side."""
    entry = mention.entry
    return "Russia" if entry.oblast in RUSSIAN_HELD or entry.name in RUSSIAN_HELD else entry.country


def attacker_score(text: str) -> int:
    """Positive: Ukraine attacking; negative: Russia attacking."""
    return lx.UA_ATTACK_CUES.count(text) - lx.RU_ATTACK_CUES.count(text)


def reporter_score(text: str) -> int:
    """Russian ministry / air defence cues: Ukraine attacking, when the figure is an intercept."""
    return lx.UA_REPORTER_CUES.count(text)


def place_names(mentions: list[Mention], lo: int, hi: int, low: str = "") -> list[str]:
    """Places in [lo, hi), without countries and launch sites ('launched from Kursk Oblast')."""
    names: list[str] = []
    for mention in mentions:
        if lo <= mention.start < hi and mention.entry.kind != "country" and mention.entry.name not in names:
            if low and (
                lx.LAUNCH_SITE_BEFORE.search(low, max(0, mention.start - LAUNCH_SITE_REACH), mention.start)
                or lx.LAUNCH_AREA_BEFORE.search(low, max(0, mention.start - LAUNCH_AREA_REACH), mention.start)
            ):
                continue
            names.append(mention.entry.name)
    return names


def nearest_date(cues: list[DateCue], lo: int, hi: int, anchor: int) -> DateCue | None:
    """'On the night of October 30 (from 18:00 on October 29)': a night cue names the attack's date."""
    inside = [c for c in cues if lo <= c.start < hi]
    if not inside:
        return None
    return min(inside, key=lambda c: (not c.night, not c.explicit, c.reported, abs(c.start - anchor)))


def nearest_period(cues: list[PeriodCue], lo: int, hi: int, anchor: int) -> PeriodCue | None:
    inside = [c for c in cues if lo <= c.start < hi]
    return min(inside, key=lambda c: abs(c.start - anchor)) if inside else None


NEWS_DAY_LEAD = 4  # sentences at the top of a page where a said-day cue may set the news day
NEWS_DAY_LAG = dt.timedelta(days=3)  # how long after the said day a story may run


def to_news_day(cues: list[DateCue], ctx: ArticleContext) -> list[DateCue]:
    """'Russian drones killed 10 overnight, officials said yesterday' in a piece of the next day:
    the said day is the morning after the night (the Air Force's convention), so the article's
    'overnight', 'last night' and 'today' mean that day, not the publication day."""
    pub = ctx.pub
    if pub is None or not cues:
        return cues
    if ctx.news_day is None and ctx.sentence_index < NEWS_DAY_LEAD:
        for c in cues:
            if c.reported and c.date is not None and pub - NEWS_DAY_LAG <= c.date < pub:
                ctx.news_day = c.date
                break
    day = ctx.news_day
    if day is None:
        return cues
    return [
        dataclasses.replace(c, date=day) if not c.explicit and not c.reported and c.date == pub else c
        for c in cues
    ]


def remember_date(sentence: Sentence, low: str, ctx: ArticleContext, dates: list[tuple[int, int]]) -> None:
    """A sentence without figures may still date the attack the next ones report; a line that is
    only a date ('Monday, November 28, 2022' above a page, a byline's time) dates the page."""
    cues = to_news_day(find_date_cues(sentence.text, ctx.pub, low, dates, ctx.year_hint), ctx)
    remember_cues(low, cues, ctx)


def remember_cues(low: str, date_cues: list[DateCue], ctx: ArticleContext) -> None:
    """The date a figure-less sentence gives the next ones, unless it is a page's date line."""
    note_latest(date_cues, ctx)
    if date_cues and not _date_line(low, date_cues):
        ctx.current_date = nearest_date(date_cues, 0, len(low), 0).date  # type: ignore[union-attr]


def note_latest(date_cues: list[DateCue], ctx: ArticleContext) -> None:
    """Keep the latest date an undated page names (see ArticleContext.latest_date)."""
    if ctx.pub is None:
        for c in date_cues:
            if c.date is not None and (ctx.latest_date is None or c.date > ctx.latest_date):
                ctx.latest_date = c.date


DATE_LINE_SLACK = 24  # characters besides its dates that a line which is only a date may have


def _date_line(low: str, cues: list[DateCue]) -> bool:
    rest = low
    for c in sorted(cues, key=lambda c: c.start, reverse=True):
        rest = rest[: c.start] + rest[c.end :]
    return len(rest.strip()) <= DATE_LINE_SLACK and not lx.ATTACK_WORDS.search(rest)


def remember_period(
    sentence: Sentence, low: str, ctx: ArticleContext, periods: list[tuple[int, int]] | None = None
) -> None:
    """A figure-less sentence opening with a period ('Over the past day, ...') frames the next."""
    if not low.lstrip().startswith(PERIOD_FRAME_STARTS):
        return
    cues = find_period_cues(sentence.text, ctx.pub, low, periods)
    if cues and cues[0].start < FRAME_CUE_START:
        ctx.frame_period, ctx.frame_sentence = cues[0], ctx.sentence_index + 1


class _Sentence:
    """What attribution reads once per sentence and once per group stretch."""

    def __init__(
        self,
        sentence: Sentence,
        low: str,
        groups: list[Group],
        places: list[Mention],
        date_cues: list[DateCue],
        period_cues: list[PeriodCue],
        ctx: ArticleContext,
    ) -> None:
        if (dateline := DATELINE.match(sentence.text)) is not None:
            places = [m for m in places if m.start >= dateline.end()]  # where the reporter filed
        self.sentence, self.low, self.groups, self.places = sentence, low, groups, places
        self.date_cues, self.period_cues, self.ctx = date_cues, period_cues, ctx
        self.score = attacker_score(low)
        self.reporter = reporter_score(low)
        self.lead_score: int | None = None
        self.earlier_frame = (
            low.lstrip().startswith(lx.REFERENCE_FRAME_STARTS) and lx.REFERENCE_FRAME.match(low) is not None
        )
        # (a retold report of another day names its date: 'As X reported earlier, on October 10';
        # 'as X reported earlier, overnight Tuesday' recaps the article's own attack)
        self.reported_earlier = (
            "report" in low and lx.REPORTED_EARLIER_FRAME.match(low) is not None and has_calendar_date(low)
        )
        when = lx.PAST_WHEN.search(low) or lx.COMES_AFTER.search(low)
        self.past_when_end = when.end() if when else None
        # ('A drone hit a bus in Kherson, killing one': the place of one weapon that struck is
        # the place of the figures its sentence goes on to count)
        lead = groups[1] if groups[0][0].indefinite and len(groups) > 1 else groups[0]
        lead_end = lead[0].qual_start
        self.prefix_places = place_names(places, 0, lead_end, low)
        self.tail_places = place_names(places, groups[-1][-1].np_end, len(low), low)
        self._stretches: dict[int, tuple] = {}
        self._cues: list[tuple[int, Attacker]] | None = None

    def stretch(self, gi: int, lo: int, hi: int) -> tuple:
        """What depends only on a group's stretch [lo, hi), computed once per group."""
        if gi not in self._stretches:
            seg = self.low[lo:hi]
            several = len(self.groups) > 1
            self._stretches[gi] = (
                seg,
                (2 * attacker_score(seg) if several else 2 * self.score) + self.score,
                self.reporter + (2 * reporter_score(seg) if several else 2 * self.reporter),
                place_names(self.places, lo, hi, self.low),
                {_held_by(m) for m in self.places if lo <= m.start < hi and m.entry.kind != "country"},
                # (only a period cue asks whether the stretch marks one attack)
                lx.SINGLE_ATTACK_MARKERS.search(seg) if self.period_cues else None,
            )
        return self._stretches[gi]

    def nearest_cue(self, anchor: int) -> Attacker | None:
        if self._cues is None:
            ua = [(m.end(), Attacker.UA) for m in lx.UA_ATTACK_CUES.finditer(self.low)]
            ru = [(m.end(), Attacker.RU) for m in lx.RU_ATTACK_CUES.finditer(self.low)] if ua else []
            self._cues = sorted(ua + ru) if ua and ru else []
        before = [side for end, side in self._cues if end <= anchor and anchor - end <= CUE_REACH]
        return before[-1] if before else None

    def attacker(
        self, np: NumberPhrase, draft: Draft, score: int, reporter: int, countries: set[str]
    ) -> Attacker:
        """Cues in the stretch and sentence, then the weapon's side, the places' country, the
        article's lead, the attacker of the figures before. In a sentence with cues for both
        sides, the cue just before the figure decides ('a Ukrainian strike ... in response to an
        attack across Ukraine that killed 31')."""
        if (side := self.nearest_cue(np.start)) is not None:
            return side
        if draft.measure in (Measure.INTERCEPTED, Measure.LOST):
            score += reporter
        if score == 0 and np.side in ("RU", "UA"):
            score = 1 if np.side == "UA" else -1
        if score == 0 and countries:
            if countries == {"Russia"}:
                score = 1
            elif "Russia" not in countries:
                score = -1
        ctx = self.ctx
        if score == 0 and ctx.last_attacker is None and self.sentence.start > 0 and ctx.folded:
            if self.lead_score is None:  # 'A massive attack by Ukrainian drones on the Bryansk region ...'
                self.lead_score = attacker_score(
                    ctx.folded[: self.sentence.start]
                )  # the lead, without figures
            score = self.lead_score
        if score == 0 and ctx.last_attacker is not None:
            return ctx.last_attacker
        return Attacker.UA if score > 0 else Attacker.RU

    def period_for(
        self, lo: int, hi: int, anchor: int, single_marker: object
    ) -> tuple[str, PeriodCue | None]:
        """The period a figure sums over (with the rule that found it), or none."""
        if single_marker is not None:
            return "single_attack_marker", None
        if (own_period := nearest_period(self.period_cues, lo, hi, anchor)) is not None:
            return "own_period", own_period
        own_date = nearest_date(self.date_cues, lo, hi, anchor)
        if own_date is not None and not own_date.reported:
            return "own_date", None
        # ('..., killing three and injuring 17 over the past day, the governor said on
        # Tuesday': the day of saying dates no figure)
        n = len(self.low)
        rule, period = "sentence_period", nearest_period(self.period_cues, 0, n, anchor)
        ctx = self.ctx
        if period is None and 0 <= ctx.sentence_index - ctx.frame_sentence < FRAME_SENTENCES:
            rule, period = "framed_period", ctx.frame_period  # framed by a sentence just before
        if period is not None and (
            (sentence_date := nearest_date(self.date_cues, 0, n, anchor)) is None or sentence_date.reported
        ):
            return rule, period
        return "no_period", None

    def attribute(self, np: NumberPhrase, gi: int, draft: Draft, lo: int, hi: int) -> None:
        seg, score, reporter, own_places, countries, single_marker = self.stretch(gi, lo, hi)
        if np.indefinite and not countries:  # ('debris of a downed drone injured three in Tikhoretsk')
            countries = self.stretch(-1, 0, len(self.low))[4]
        draft.attacker = self.attacker(np, draft, score, reporter, countries)
        locations = own_places or self.prefix_places
        if (
            not locations
            and self.tail_places
            and not np.anaphora
            and "total" not in seg
            and " all" not in seg
        ):
            locations = self.tail_places
        draft.locations = locations
        self.scope(np, draft, lo, hi, single_marker)

    def scope(self, np: NumberPhrase, draft: Draft, lo: int, hi: int, single_marker: object) -> None:
        low, anchor = self.low, np.start
        rule, period_cue = self.period_for(lo, hi, anchor, single_marker)
        when = bool(
            period_cue is not None
            and period_cue.period_start
            and lx.WHEN_CLAUSE.match(low, period_cue.end, max(period_cue.end, np.start))
        )
        if (
            period_cue is not None
            and not when
            and (
                lx.SUPERLATIVE_BEFORE.search(
                    low, max(0, period_cue.start - SUPERLATIVE_REACH), period_cue.start
                )
                # ('This year, the biggest was 81 missiles on March 9': the rank after the period)
                or (period_cue.end < np.start and lx.SUPERLATIVE_BEFORE.search(low, period_cue.end, np.start))
            )
        ):
            rule, period_cue = "rank_not_sum", None  # 'the largest attack since the invasion / this year'
        if period_cue is not None and when:
            # 'the deadliest since September 4, 2024, when a strike killed seven': that day's attack
            draft.date, draft.explicit_date, draft.is_reference = period_cue.period_start, True, True
            rule = "when_clause_reference"
        elif period_cue is not None:
            draft.scope = Scope.PERIOD_TOTAL
            draft.period = construct(Period, {"start": period_cue.period_start, "end": period_cue.period_end})
            draft.date = None
            ctx = self.ctx
            if (
                low.startswith(" alone", period_cue.end)
                and period_cue.period_end
                and ctx.pub
                and period_cue.period_end < ctx.pub
            ):
                draft.is_reference = True  # 'in December alone' in a January piece: a past month cited
        else:
            cue = nearest_date(self.date_cues, lo, hi, anchor) or nearest_date(
                self.date_cues, 0, len(low), anchor
            )
            if cue is not None:
                draft.date, draft.explicit_date = cue.date, cue.explicit
            elif not draft.is_reference:
                draft.date = self.ctx.current_date
            if self.earlier_frame and draft.scope == Scope.SINGLE_ATTACK and not draft.explicit_date:
                draft.is_reference, draft.date = True, None  # 'Earlier this month, ... 810 drones'
                rule = "earlier_frame"
        if not draft.is_reference:
            if (
                self.reported_earlier
                and draft.scope == Scope.SINGLE_ATTACK
                and not (draft.date and self.ctx.pub and draft.date >= self.ctx.pub - dt.timedelta(days=1))
            ):
                draft.is_reference, rule = True, "reported_earlier_frame"
            elif self.past_when_end is not None and np.start > self.past_when_end:
                draft.is_reference, rule = True, "past_when_reference"  # (a month's total too)
        draft.scope_rule = rule


def attribute_sentence(
    sentence: Sentence,
    low: str,
    drafts: list[tuple[NumberPhrase, int, Draft]],
    groups: list[Group],
    stretches: list[tuple[int, int]],
    places: list[Mention],
    date_cues: list[DateCue],
    period_cues: list[PeriodCue],
    ctx: ArticleContext,
) -> list[Draft]:
    """Attacker, scope, date and locations for the drafts of one sentence; updates the context."""
    reader = _Sentence(sentence, low, groups, places, date_cues, period_cues, ctx)
    out: list[Draft] = []
    for np, gi, draft in drafts:
        lo, hi = stretches[gi]
        reader.attribute(np, gi, draft, lo, hi)
        out.append(draft)
        if len(draft.locations) > 1 and lx.EACH_AFTER.match(low, np.np_end):
            places, draft.locations = draft.locations, draft.locations[:1]
            for place in places[1:]:  # 'three each over Bryansk and Kaluga oblasts': 3 and 3
                out.append(dataclasses.replace(draft, locations=[place], passes=list(draft.passes)))
        if not draft.is_reference:
            ctx.last_attacker = draft.attacker
    _remember(sentence, low, out, date_cues, ctx)
    return out


def _remember(
    sentence: Sentence, low: str, out: list[Draft], date_cues: list[DateCue], ctx: ArticleContext
) -> None:
    """What the next sentences inherit: the list measure, antecedents, launched figures, the date."""
    ctx.last_paragraph = sentence.paragraph
    weapon_drafts = [d for d in out if d.measure in WEAPON_MEASURES]
    if weapon_drafts and not lx.BULLET_START.match(low):
        ctx.list_measure = weapon_drafts[-1].measure
    if weapon_drafts:
        launched = [d for d in weapon_drafts if d.measure == Measure.LAUNCHED and not d.is_reference]
        ctx.antecedents = launched or [d for d in weapon_drafts if not d.is_reference] or ctx.antecedents
        ctx.antecedent_sentence = ctx.sentence_index
        if launched:
            ctx.launched, ctx.launched_sentence = launched, ctx.sentence_index
    dated = [
        d.date for d in out if d.date is not None and not d.is_reference and d.scope == Scope.SINGLE_ATTACK
    ]
    if dated:
        ctx.current_date = dated[-1]
    elif date_cues and not any(d.is_reference for d in out):
        ctx.current_date = date_cues[0].date  # (not the date of a record cited for comparison)
