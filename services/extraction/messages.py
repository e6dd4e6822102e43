"""From an extraction to the two output messages (pure, so it is tested without a broker)."""

from __future__ import annotations

from schemas.dedup import UniqueArticle
from schemas.extraction import ClaimMessage, EnrichedArticle, Extraction


def claim_id(article_id: str, revision: int, index: int) -> str:
    """Stable across replays and restarts: the same article version gives the same ids."""
    return f"{article_id}:{revision}:{index}"


def enriched_of(unique: UniqueArticle, extraction: Extraction) -> EnrichedArticle:
    """The article as extracted, with the language its text is in (feeds default to English)."""
    article = unique.article
    if article.language != extraction.language:
        article = article.model_copy(update={"language": extraction.language})
    return EnrichedArticle(
        article=article, story_id=unique.story_id, revision=unique.revision,
        entities=extraction.entities, strikes=extraction.strikes,
    )


def claim_messages(unique: UniqueArticle, extraction: Extraction) -> list[ClaimMessage]:
    article = unique.article
    return [
        ClaimMessage(
            claim_id=claim_id(article.id, unique.revision, i), article_id=article.id,
            revision=unique.revision, url=article.url, outlet=article.outlet, feed=article.feed,
            published_at=article.published_at, claim=claim,
        )
        for i, claim in enumerate(extraction.strikes)
    ]
