"""Output messages of the service: enriched article and one claim message per claim."""

from __future__ import annotations

from schemas.dedup import UniqueArticle, Verdict
from services.extraction.extractor import extract
from services.extraction.messages import claim_messages, enriched_of
from tests.support.extraction import article


def test_claim_ids_are_stable_per_article_version() -> None:
    unique = UniqueArticle(article=article("Russia launched 50 drones and 3 missiles overnight."),
                           verdict=Verdict.REVISION, story_id="s1", revision=2)
    extraction = extract(unique.article)
    messages = claim_messages(unique, extraction)
    assert [m.claim_id for m in messages] == ["t1:2:0", "t1:2:1"]
    assert [m.claim.value for m in messages] == [50, 3]
    assert all(m.revision == 2 and m.published_at == unique.article.published_at for m in messages)
    assert [m.claim_id for m in claim_messages(unique, extract(unique.article))] == ["t1:2:0", "t1:2:1"]
    enriched = enriched_of(unique, extraction)
    assert enriched.story_id == "s1" and len(enriched.strikes) == 2
    # the enriched article validates as the topic model (the runtime validates every send)
    assert type(enriched).model_validate_json(enriched.model_dump_json()) == enriched


def test_the_enriched_article_carries_the_language_read() -> None:
    unique = UniqueArticle(article=article("Уночі противник атакував Харківщину 40 ударними БпЛА."),
                           verdict=Verdict.UNIQUE, story_id="s1")
    assert unique.article.language == "en"  # what the feed said
    enriched = enriched_of(unique, extract(unique.article))
    assert enriched.article.language == "uk"
    assert [(c.measure.value, c.value) for c in enriched.strikes] == [("launched", 40)]
