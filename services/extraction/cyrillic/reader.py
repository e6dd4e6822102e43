"""A Ukrainian or Russian article's drafts, sentence by sentence (`claims.sentence_claims`); a
later toll then replaces the smaller one before it, by the English engine's article pass."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from schemas.extraction import Attacker
from services.extraction.claims.article_passes import without_superseded_tolls
from services.extraction.claims.model import Draft
from services.extraction.cyrillic.claims import (
    DAY_TALLY_OPENING,
    OCCUPIED,
    CyrContext,
    day_tally_of,
    is_launch_site,
    sentence_claims,
)
from services.extraction.cyrillic.restated import without_restated_casualties, without_rounded_twins
from services.extraction.gazetteer import Mention, default_gazetteer
from services.extraction.sentences import split_sentences


def cyrillic_drafts(
    text: str, folded: str, mentions: list[Mention], pub: dt.date | None, lang: str
) -> list[Draft]:
    ctx = CyrContext(pub=pub, lang=lang, article_side=_side_of_places(folded, mentions))
    sentences = split_sentences(text)
    ctx.day_tally = day_tally_of([folded[s.start : s.end] for s in sentences[:DAY_TALLY_OPENING]], pub)
    starts = [m.start for m in mentions]
    drafts: list[Draft] = []
    for sentence in sentences:
        s, e = sentence.start, sentence.end
        inside = mentions[bisect_left(starts, s) : bisect_left(starts, e)]
        shifted = [Mention(m.entry, m.start - s, m.end - s, m.text) for m in inside]
        drafts.extend(sentence_claims(sentence, folded[s:e], shifted, ctx))
    drafts = without_superseded_tolls(drafts, default_gazetteer().oblast_of)
    return without_rounded_twins(without_restated_casualties(drafts))


def _side_of_places(folded: str, mentions: list[Mention]) -> Attacker | None:
    """Russia attacking when the article names only Ukrainian towns and regions, Ukraine when
    only Russian ones (launch sites, 'з напрямків: Курськ, Орел', and Russian-held places, either
    side's, left out); None when both or neither."""
    countries = {
        m.entry.country
        for m in mentions
        if m.entry.type.value == "place"
        and m.entry.name not in OCCUPIED  # Russian-held: Ukraine's target or Russia's launch site
        and m.entry.kind in ("city", "oblast")
        and not is_launch_site(folded, m)
    }
    if countries == {"Ukraine"}:
        return Attacker.RU
    if countries == {"Russia"}:
        return Attacker.UA
    return None
