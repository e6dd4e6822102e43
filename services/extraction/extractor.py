"""`extract(article) -> Extraction`: the library's one entry point, pure and without I/O."""

from __future__ import annotations

from bisect import bisect_left

from schemas.article import Article
from schemas.extraction import EntityType, Extraction
from services.extraction.claims import ArticleContext, Draft, extract_sentence_claims, mark_references_by_date
from services.extraction.dates import find_date_cues, publication_day
from services.extraction.gazetteer import Gazetteer, Mention, default_gazetteer, fold
from services.extraction.numbers import NUMBER
from services.extraction.sentences import split_sentences


def _shift(mentions: list[Mention], offset: int) -> list[Mention]:
    return [Mention(m.entry, m.start - offset, m.end - offset, m.text) for m in mentions]


def _without_restatements(drafts: list[Draft]) -> list[Draft]:
    """A figure restated later in the article (same fact) is one claim: keep the first."""
    seen: set[tuple] = set()
    out: list[Draft] = []
    for d in drafts:
        period = (d.period.start, d.period.end) if d.period else None
        key = (d.attacker, d.measure, d.weapon_class, d.weapon_model, d.value, d.is_reference, d.scope,
               d.date, period, tuple(d.locations))
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Entities (every gazetteer mention in the text) and strike claims of one article."""
    gaz = gazetteer or default_gazetteer()
    text = article.text
    folded = fold(text)
    mentions = gaz.find(text, folded)
    pub = publication_day(article.published_at)
    ctx = ArticleContext(pub=pub)
    if article.title and pub is not None:
        title_cues = find_date_cues(article.title, pub)
        if title_cues:
            ctx.current_date = title_cues[0].date
    drafts: list[Draft] = []
    number_starts = [m.start() for m in NUMBER.finditer(folded)]
    if number_starts:
        idx = 0
        for i, sentence in enumerate(split_sentences(text)):
            ctx.sentence_index = i
            s, e = sentence.start, sentence.end
            while idx < len(mentions) and mentions[idx].end <= s:
                idx += 1
            j = idx
            while j < len(mentions) and mentions[j].start < e:
                j += 1
            in_sentence = _shift(mentions[idx:j], s)
            places = [m for m in in_sentence if m.entry.type == EntityType.PLACE]
            weapons = [m for m in in_sentence if m.entry.type == EntityType.WEAPON]
            # numbers inside names ('Mirage 2000', 'Taurus KEPD 350') are not counts
            blocked = [(m.start, m.end) for m in in_sentence if m.entry.type != EntityType.WEAPON]
            blocked += [(m.start + 1, m.end) for m in weapons]
            k = bisect_left(number_starts, s)
            has_numbers = k < len(number_starts) and number_starts[k] < e
            drafts.extend(extract_sentence_claims(
                sentence, folded[s:e], places, weapons, blocked, ctx, has_numbers=has_numbers,
            ))
        mark_references_by_date(drafts, pub)
        drafts = _without_restatements(drafts)
    return Extraction.model_construct(
        article_id=article.id, published=article.published_at,
        entities=[m.to_entity() for m in mentions], strikes=[d.to_claim() for d in drafts],
    )
