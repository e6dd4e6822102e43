"""What the claim stages hand each other: a number phrase, a draft claim, the article's context.

Kept apart from the stages so each stage module imports the shapes, not another stage.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from schemas.domain import CASUALTY_MEASURES, MISSILE_CLASSES, WEAPON_MEASURES  # noqa: F401 - stages import them here
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
from services.extraction.dates import PeriodCue
from services.extraction.fastmodel import construct

GENERIC_HEADS = {WeaponClass.MISSILES: MISSILE_CLASSES, WeaponClass.DRONES: frozenset({WeaponClass.DRONES})}
"""generic head word -> the classes a figure it refers back to may have"""

WEAPON, PERSON, CASUALTY = "weapon", "person", "casualty"
"""what a number phrase counts (its head): weapons, people, or casualties named by an adjective
('12 wounded'); None when nothing we track"""


@dataclass(slots=True)
class NumberPhrase:
    """A number and what it counts, in sentence coordinates (stage 1's output)."""

    start: int
    end: int
    qual_start: int
    np_end: int
    value: int
    qualifier: Qualifier = Qualifier.EXACT
    head: str | None = None  # WEAPON | PERSON | CASUALTY | None
    weapon_class: WeaponClass | None = None
    weapon_model: str | None = None
    side: str | None = None
    hint: WeaponClass | None = None
    casualty_measure: Measure | None = None
    anaphora: bool = False
    relative: bool = False  # 'of which', 'of whom': refers to the group just before
    borrow_next: bool = False  # 'N of the M drones': the part before its whole
    breakdown: bool = False
    skip: bool = False
    indefinite: bool = False  # 'a drone', 'another UAV': one weapon, no numeral
    others: bool = False  # 'and four others over Crimea': more of the weapons just counted


Group = list[NumberPhrase]
"""coordinated numbers that share a verb ('40 missiles and 579 drones')"""


@dataclass(slots=True)
class Draft:
    """A claim before article-level resolution (main date, reference by date), with the names of
    the rules that chose its measure and its scope (`strikewatch extract --explain`)."""

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
    other_cause: bool = False  # casualties of shelling, a crash: not an air attack's (article_passes)
    stale: bool = False  # 'earlier gave a toll of three': replaced by a larger toll elsewhere
    care_only: bool = False  # 'two were hospitalized': a part of a toll, when the article gives one
    measure_rule: str = ""
    scope_rule: str = ""
    passes: list[str] = field(default_factory=list)  # article passes that changed it

    def to_claim(self) -> StrikeClaim:
        return construct(
            StrikeClaim,
            {
                "attacker": self.attacker,
                "measure": self.measure,
                "weapon_class": self.weapon_class,
                "weapon_model": self.weapon_model,
                "value": self.value,
                "qualifier": self.qualifier,
                "scope": self.scope,
                "period": self.period,
                "date": self.date,
                "locations": self.locations,
                "is_reference": self.is_reference,
                "evidence": self.evidence,
            },
        )


@dataclass(slots=True)
class ArticleContext:
    """What earlier sentences tell later ones."""

    pub: dt.date | None
    current_date: dt.date | None = None
    # a wire story run a day later ('overnight, ... officials said yesterday'): the day its
    # 'overnight' and 'today' mean, set by a said-day cue in the lead (attribution.to_news_day)
    news_day: dt.date | None = None
    # a page without a publication day: the year its calendar dates are read in, and the latest
    # date it names (the day it reports; figures dated well before it are references)
    year_hint: int | None = None
    latest_date: dt.date | None = None
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
