"""Stage 5, article passes: what one sentence cannot know. A later toll replaces an earlier one,
single victims of a counted toll are no new claims, figures dated days before the article's
attack are references, and a figure restated later in the article is one claim."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from schemas.extraction import Measure, Qualifier, Scope
from services.extraction.claims.model import CASUALTY_MEASURES, Draft

REFERENCE_AGE = dt.timedelta(days=7)
ROUNDING_SLACK = 0.25  # how far a headline's 'more than 700' / 'about 100' may be from the body's figure
HEADLINE_ROUNDING = {Qualifier.AT_LEAST: (0.0, ROUNDING_SLACK), Qualifier.AT_MOST: (-ROUNDING_SLACK, 0.0),
                     Qualifier.ABOUT: (-ROUNDING_SLACK, ROUNDING_SLACK)}
"""per qualifier, how far (a share of the round figure) the exact figure may lie from it"""


def rounds_to(round_value: int, qualifier: Qualifier, exact: int,
              window: dict[Qualifier, tuple[float, float]]) -> bool:
    """Whether a qualified round figure ('more than 700', 'майже 2000') can be what `exact`
    states: the difference lies in the qualifier's window (English headlines and the Cyrillic
    passes use this one test with their own windows)."""
    bounds = window.get(qualifier)
    if bounds is None:
        return False
    low, high = bounds
    return low * round_value <= exact - round_value <= high * round_value


def without_superseded_tolls(drafts: list[Draft], oblast_of: dict[str, str] | None = None) -> list[Draft]:
    """'At least 12 people were killed in Kyiv ... the death toll later rose to 16': only the
    latest toll is a claim. A toll update (sentence of its own) replaces the smaller earlier
    figures of the same measure that share a place with it; without a shared place, the largest
    earlier one (the previous toll) when the update or that figure names no place. Figures of
    other places stay ('one killed in Kupiansk ... bringing the regional toll to four').
    `oblast_of` (place name -> its oblast) widens a placeless update to the oblasts of the places
    its sentence names ('one more body in Chuhuiv, bringing the toll in the region to four')."""
    # a toll the text calls outdated ('he earlier gave a toll of three') gives way to a larger one
    drafts = [d for d in drafts if not (d.stale and any(
        e is not d and not e.stale and e.measure == d.measure and e.attacker == d.attacker
        and e.value > d.value and not e.is_reference for e in drafts))]
    updates = [i for i, d in enumerate(drafts) if d.toll_update and not d.is_reference]
    if not updates:
        return drafts
    dropped: set[int] = set()
    for i in updates:
        new = drafts[i]
        earlier = [
            j
            for j in range(i)
            if (old := drafts[j]).measure == new.measure
            and old.attacker == new.attacker
            and not old.is_reference
            and old.value < new.value
            and old.evidence is not new.evidence
        ]
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
        if (
            widest is not None
            and drafts[widest].scope == Scope.PERIOD_TOTAL
            and new.scope == Scope.SINGLE_ATTACK
        ):
            # 'over the past day, three were killed ... bringing the toll to four': the same sum
            new.scope, new.period, new.date = Scope.PERIOD_TOTAL, drafts[widest].period, None
            new.passes.append("toll_update_period")
    return [d for k, d in enumerate(drafts) if k not in dropped]


def without_victim_details(drafts: list[Draft]) -> list[Draft]:
    """'... killing two people in Kyiv. In Kyiv, a man was killed in one district and a woman died
    in another': single victims of a toll already counted for the same places are not new claims
    (one victim, later, same measure, the same non-empty places, same day). Larger figures stay:
    'killing three in Kyiv and the region ... In Kyiv, two were killed' is the city's own count.
    Those who 'were hospitalized' are a part of the injured when a toll counts them, the injured
    themselves when none does (and then a 'no casualties' zero of the same side gives way)."""
    drafts = _care_counts_resolved(drafts)
    out: list[Draft] = []
    for d in drafts:
        if (
            d.value == 1
            and d.measure in CASUALTY_MEASURES
            and d.locations
            and not d.is_reference
            and any(
                e.measure == d.measure
                and e.attacker == d.attacker
                and not e.is_reference
                and e.value > d.value
                and e.evidence is not d.evidence
                and e.scope == d.scope == Scope.SINGLE_ATTACK
                and e.locations == d.locations
                and (e.date == d.date or e.date is None or d.date is None)
                for e in out
            )
        ):
            continue
        out.append(d)
    return out


def _care_counts_resolved(drafts: list[Draft]) -> list[Draft]:
    care = [d for d in drafts if d.care_only]
    if not care:
        return drafts
    def injured_toll(e: Draft) -> bool:
        return e.measure == Measure.INJURED and not e.care_only and not e.is_reference

    out: list[Draft] = []
    for d in drafts:
        if d.care_only and any(injured_toll(e) and e.value > 0 and e.attacker == d.attacker for e in drafts):
            continue  # ('12 were injured ... two were hospitalized': a part of the 12)
        if injured_toll(d) and d.value == 0 and any(c.attacker == d.attacker for c in care):
            continue  # ('no casualties ... two people sought medical assistance')
        out.append(d)
    return out


def mark_references_by_date(
    drafts: list[Draft],
    pub: dt.date | None = None,
    anchor: dt.date | None = None,
    page_years: frozenset[int] = frozenset(),
) -> None:
    """A single attack explicitly dated days before the article's main attack is a comparison;
    so is a period total that ended before the article's latest period ('up from 4,000 in June').
    A page without a publication day is dated by `anchor`, the latest date it names; a date
    whose year neither its sentence nor a full date of the page (`page_years`) states is dropped."""
    _mark_earlier_periods(drafts)
    _mark_long_before(drafts, pub if pub is not None else anchor, pub is None)
    if pub is None:
        for d in drafts:  # the year was the page's, not the sentence's: a guess, never a claim's date
            year = d.date.year if d.date is not None else None
            if year is not None and str(year) not in d.evidence.text and year not in page_years:
                d.date = None
                d.passes.append("year_not_stated")
    dates = Counter(
        d.date for d in drafts if d.date and not d.is_reference and d.scope == Scope.SINGLE_ATTACK
    )
    if not dates:
        # news with no date cue at all ('Russia fires 122 missiles'): the day it was published
        # (not in a piece about a period: its undated figures are the period's)
        periods = any(d.scope == Scope.PERIOD_TOTAL for d in drafts)
        # (a page without a publication day: the one full date it states, a dateline or a
        # quoted post's date, dates its news the same way)
        day = pub if pub is not None else anchor if anchor is not None and anchor.year in page_years else None
        for d in drafts if not periods else ():
            if day is not None and d.date is None and not d.is_reference and d.scope == Scope.SINGLE_ATTACK:
                d.date = day
                d.passes.append("dated_by_publication" if pub is not None else "dated_by_page_date")
        return
    _mark_before_main(drafts, max(dates.items(), key=lambda kv: (kv[1], kv[0]))[0])


def _mark_earlier_periods(drafts: list[Draft]) -> None:
    ends = [d.period.end for d in drafts if d.period is not None and d.period.end and not d.is_reference]
    if ends:
        latest = max(ends)
        for d in drafts:
            if d.period is not None and d.period.end and d.period.end < latest - dt.timedelta(days=1):
                d.is_reference = True
                d.passes.append("earlier_period")


def _mark_long_before(drafts: list[Draft], day: dt.date | None, page_dated: bool) -> None:
    """'the record raid on September 7' in an October article; 'On Aug. 26, Russia launched ...'
    on an undated page about Oct. 20 (`page_dated`: `day` is the latest date the page names)."""
    if day is None:
        return
    for d in drafts:
        if d.explicit_date and d.date and d.date < day - REFERENCE_AGE:
            d.is_reference = True
            d.passes.append("dated_long_before_the_page" if page_dated else "dated_long_before_publication")


def _mark_before_main(drafts: list[Draft], main: dt.date) -> None:
    first_dated = next(i for i, d in enumerate(drafts) if d.date is not None)
    for d in drafts[:first_dated]:
        if not d.is_reference and d.scope == Scope.SINGLE_ATTACK:
            d.date = main  # a lead paragraph with no date reports the attack the article dates later
            d.passes.append("lead_dated_by_article")
    for d in drafts:
        earlier = d.date is not None and d.date < main - dt.timedelta(days=7)
        if d.explicit_date and earlier and d.scope == Scope.SINGLE_ATTACK:
            d.is_reference = True
            d.passes.append("older_than_main_attack")
        elif (
            d.explicit_date
            and d.date is not None
            and d.date < main
            and d.scope == Scope.SINGLE_ATTACK
            and d.evidence.text[:12].lower().startswith(("earlier,", "previously", "earlier on "))
        ):
            d.is_reference = True  # 'Earlier, on December 23, the enemy launched 635 drones
            d.passes.append("earlier_reference")


def without_restatements(drafts: list[Draft]) -> list[Draft]:
    """A figure restated later in the article (same fact) is one claim: keep the first, with what
    the restatement adds (a model, an explicit date, the period). The same figure in other places
    is another fact ('two killed in Kharkiv ... two in Odesa'); a restatement names no place, or
    places shared with the first ('In Kyiv, four were killed')."""
    seen: dict[tuple, list[tuple[set[str], Draft]]] = {}
    out: list[Draft] = []
    placed: dict[int, set[tuple[str, ...]]] = {}
    headline = _headline_evidence(drafts)
    for d in drafts:
        if d.locations:
            placed.setdefault(id(d.evidence), set()).add(tuple(d.locations))
    for d in drafts:
        key = (d.attacker, d.measure, d.weapon_class, d.value, d.is_reference)
        places = set(d.locations)
        earlier = seen.setdefault(key, [])
        # one or two victims recur by chance: a placeless 'one employee was injured' does not absorb
        # a later 'a woman was wounded in Graivoron' (a placeless later one restates, as ever); nor
        # does a placeless 'over five drones' absorb an item of a per-place list ('five over Belgorod')
        loose = (d.value > 2 or d.measure not in CASUALTY_MEASURES) and len(
            placed.get(id(d.evidence), ())
        ) < 2
        same = next(
            (
                e
                for p, e in earlier
                if (places & p or not places or ((loose or e.evidence is headline) and not p))
                and e.evidence is not d.evidence  # two figures of one sentence are two facts
                and (e.weapon_model == d.weapon_model or e.weapon_model is None or d.weapon_model is None)
                and _same_time(e, d)
            ),
            None,
        )
        if same is None:
            earlier.append((places, d))
            out.append(d)
        else:
            if same.evidence is headline and d.evidence is not headline:
                # (the body's form decides: 'Two killed in Odesa' ... 'killing at least two')
                same.qualifier, same.locations = d.qualifier, d.locations or same.locations
            _absorb(same, d)
    return out


def _headline_evidence(drafts: list[Draft]) -> object | None:
    """The evidence of the article's headline: its first sentence when that is a line without a
    full stop ('Two killed, 15 injured in Russian attack on Odesa')."""
    if not drafts:
        return None
    first = min(drafts, key=lambda d: d.evidence.start).evidence
    text = first.text.rstrip()
    return first if "\n" not in text and not text.endswith((".", '."', ".\u201d")) else None


def _same_time(e: Draft, d: Draft) -> bool:
    """Whether two equal figures can be one fact in time: an undated restatement ('its largest
    attack, with 550 drones'), a headline dated by publication against the body's explicit date,
    a period total whose bounds one of them leaves open, or a headline's period ('over year')
    that the body's sentence states without one."""
    if e.scope == d.scope == Scope.SINGLE_ATTACK:
        return (e.date == d.date or e.date is None or d.date is None
                or not (e.explicit_date and d.explicit_date))
    if e.scope == d.scope:  # two period totals
        a, b = e.period, d.period
        return a is None or b is None or a == b or None in (a.start, a.end, b.start, b.end)
    single = e if e.scope == Scope.SINGLE_ATTACK else d
    return not single.explicit_date


def _absorb(same: Draft, d: Draft) -> None:
    """The first statement of a fact takes what its restatement `d` says more precisely."""
    if same.weapon_model is None and d.weapon_model is not None:
        same.weapon_model = d.weapon_model  # ('805 drones' ... '805 Shahed drones')
        same.passes.append("restated_model")
    if same.scope == Scope.SINGLE_ATTACK and d.scope == Scope.PERIOD_TOTAL:
        same.scope, same.period, same.date, same.explicit_date = d.scope, d.period, None, False
        same.passes.append("restated_period")
    elif same.scope == d.scope == Scope.PERIOD_TOTAL and d.period is not None and (
        same.period is None or None in (same.period.start, same.period.end)
    ) and None not in (d.period.start, d.period.end):
        same.period = d.period
        same.passes.append("restated_period")
    elif same.scope == d.scope == Scope.SINGLE_ATTACK and d.date is not None and (
        same.date is None or (d.explicit_date and not same.explicit_date)
    ):
        same.date, same.explicit_date = d.date, d.explicit_date
        same.passes.append("restated_date")


def without_other_causes(drafts: list[Draft]) -> list[Draft]:
    """Casualties of shelling or a crash in an article about an air attack are not its toll
    (tests/data/extraction/realtext/README.md); an article about the shelling itself keeps them."""
    if not any(d.other_cause for d in drafts) or all(d.other_cause for d in drafts):
        return drafts
    return [d for d in drafts if not d.other_cause]



def without_rounded_headline(drafts: list[Draft]) -> list[Draft]:
    """A headline that rounds ('More Than 700 Drones') what the body states (728 drones) is no
    second claim (tests/data/extraction/realtext/README.md): the body's figure stands. (A rounded
    figure in the body stays: 'over 1,300' from one source and '1,339' from another are two claims.)"""
    if len(drafts) < 2:
        return drafts
    first = min(d.evidence.start for d in drafts)
    headline = [d for d in drafts if d.evidence.start == first and not d.evidence.text.rstrip().endswith(".")
                and d.qualifier != Qualifier.EXACT and not d.is_reference]
    if not headline:
        return drafts
    body = [d for d in drafts if d.evidence.start != first and not d.is_reference]
    rounded = {id(h) for h in headline if any(_rounds(h, b) for b in body)}
    return [d for d in drafts if id(d) not in rounded]


def _rounds(h: Draft, b: Draft) -> bool:
    if (h.attacker, h.measure, h.weapon_class, h.scope) != (b.attacker, b.measure, b.weapon_class, b.scope):
        return False
    if b.locations and set(b.locations) != set(h.locations) or h.period != b.period:
        return False  # ('over five drones' ... 'five over Belgorod': another place, another fact)
    return rounds_to(h.value, h.qualifier, b.value, HEADLINE_ROUNDING)
