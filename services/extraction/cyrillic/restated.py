"""One figure told twice in a Ukrainian or Russian article is one claim: a casualty restated
('одного загиблого' ... 'одна жінка загинула' in Zaporizhzhia) and a headline's round figure
before the exact one ('майже 2000 дронів' ... 'щонайменше 1961 «шахед»')."""

from __future__ import annotations

import re

from schemas.extraction import Qualifier
from services.extraction.claims.article_passes import rounds_to
from services.extraction.claims.model import CASUALTY_MEASURES, Draft

OWN_SETTLEMENT = re.compile(
    r"(?<![а-яіїєґё])(?:в|у)\s+(?:сел[іеоа]|селищ\w*|поселк\w*|посёлк\w*|хутор\w*|деревн\w*|с\.|смт)(?![а-яіїєґё])"
)
"""'шесть человек пострадали в селе Стрелецкое': a toll of its own village (often not in the
gazetteer, so with no place), never a restatement"""
ROUNDING = {Qualifier.AT_LEAST: (0.0, 0.2), Qualifier.AT_MOST: (-0.2, 0.0), Qualifier.ABOUT: (-0.1, 0.1)}
"""how far an exact figure may lie from a round one that rounds it ('понад 50' for 54, 'майже 2000'
for 1961, 'близько 100' for 96), as a share of the round figure"""
ROUND_TO = 10  # 'майже 2000', 'около 80': a figure is round when a multiple of this


def _same_event(a: Draft, b: Draft) -> bool:
    return (a.attacker, a.measure, a.weapon_class, a.scope, a.date, a.period, a.is_reference) == (
        b.attacker, b.measure, b.weapon_class, b.scope, b.date, b.period, b.is_reference
    )


def without_restated_casualties(drafts: list[Draft]) -> list[Draft]:
    """A casualty figure given again for the same attack, one of the two naming no place or both
    the same places, is dropped; the first keeps the places either names."""
    out: list[Draft] = []
    for d in drafts:
        if d.measure in CASUALTY_MEASURES and d.value > 0:
            twin = next(
                (
                    e
                    for e in out
                    if e.value == d.value
                    and _same_event(e, d)
                    and (not e.locations or not d.locations or e.locations == d.locations)
                    and not any(OWN_SETTLEMENT.search(x.evidence.text.lower()) for x in (e, d) if x.evidence)
                ),
                None,
            )
            if twin is not None:
                twin.locations = twin.locations or d.locations
                continue
        out.append(d)
    return out


def without_rounded_twins(drafts: list[Draft]) -> list[Draft]:
    """A round figure with a qualifier ('майже 2000', 'понад п'ятьма десятками') on the side of an
    exact-valued figure of the same kind elsewhere in the article that it rounds is that figure,
    no second claim."""

    def rounded_twin(d: Draft) -> bool:
        if d.qualifier not in ROUNDING or d.value % ROUND_TO:
            return False
        return any(
            e is not d
            and e.value % ROUND_TO
            and rounds_to(d.value, d.qualifier, e.value, ROUNDING)
            and (e.attacker, e.measure, e.weapon_class, e.is_reference)
            == (d.attacker, d.measure, d.weapon_class, d.is_reference)
            for e in drafts
        )

    return [d for d in drafts if not rounded_twin(d)]
