"""Strike figures from sentences: every number that counts weapons or casualties becomes a claim.

The engine runs in stages, one module each: `phrases` (typed number phrases), `grouping`
(coordinated numbers), `measure_rules` (the measure, by an ordered table of named rules),
`attribution` (attacker, places, scope, date), `sentence` (the stages for one sentence) and
`article_passes` (what only the whole article tells). `model` holds the shapes they pass on.
"""

from services.extraction.claims.article_passes import (
    mark_references_by_date,
    without_other_causes,
    without_restatements,
    without_rounded_headline,
    without_superseded_tolls,
    without_victim_details,
)
from services.extraction.claims.attribution import remember_date, remember_period
from services.extraction.claims.model import (
    CASUALTY_MEASURES,
    WEAPON_MEASURES,
    ArticleContext,
    Draft,
    SentenceHints,
)
from services.extraction.claims.phrases import number_matches
from services.extraction.claims.sentence import extract_sentence_claims

__all__ = [
    "CASUALTY_MEASURES",
    "WEAPON_MEASURES",
    "ArticleContext",
    "Draft",
    "SentenceHints",
    "extract_sentence_claims",
    "mark_references_by_date",
    "number_matches",
    "remember_date",
    "remember_period",
    "without_other_causes",
    "without_restatements",
    "without_rounded_headline",
    "without_superseded_tolls",
    "without_victim_details",
]
