"""From an extraction to the two output messages (pure, so it is tested without a broker)."""

from __future__ import annotations

from schemas.dedup import UniqueArticle
from schemas.extraction import ClaimBatch, ClaimMessage, EnrichedArticle, Extraction


def enriched_of(unique: UniqueArticle, extraction: Extraction) -> EnrichedArticle:
    """The article as extracted, with the language its text is in (feeds default to English)."""
    article = unique.article
    if article.language != extraction.language:
        article = article.model_copy(update={"language": extraction.language})
    return EnrichedArticle(
        article=article, story_id=unique.story_id, revision=unique.revision,
        entities=extraction.entities, strikes=extraction.strikes,
    )


def claim_batch(unique: UniqueArticle, extraction: Extraction) -> ClaimBatch | None:
    """The article's one `strikes.claims` record (None when it states no figure)."""
    if not extraction.strikes:
        return None
    article = unique.article
    return ClaimBatch(
        article_id=article.id, revision=unique.revision, url=article.url, outlet=article.outlet,
        feed=article.feed, published_at=article.published_at, claims=extraction.strikes,
    )


def claim_messages(unique: UniqueArticle, extraction: Extraction) -> list[ClaimMessage]:
    """The claims one by one, as the aggregation service unpacks them (and `strikewatch events`)."""
    batch = claim_batch(unique, extraction)
    return [] if batch is None else batch.messages()
