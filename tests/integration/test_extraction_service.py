"""The extraction service on a real broker: enriched articles, one claim record per article, DLQ."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.dedup import UniqueArticle, Verdict
from schemas.extraction import ClaimBatch, EnrichedArticle
from schemas.topics import ARTICLES_ENRICHED, ARTICLES_UNIQUE, STRIKES_CLAIMS
from tests.support.kafka_io import produce, read_models
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration


def _unique(article_id: str, text: str, revision: int = 0) -> UniqueArticle:
    now = datetime.now(UTC)
    article = Article(id=article_id, feed="test", url=f"https://news.example/{article_id}",
                      outlet="news.example", title="Night attack", text=text,
                      published_at=datetime(2025, 9, 20, 7, 0, tzinfo=UTC), fetched_at=now)
    verdict = Verdict.REVISION if revision else Verdict.UNIQUE
    return UniqueArticle(article=article, verdict=verdict, story_id=f"story-{article_id}", revision=revision)


def test_articles_become_enriched_articles_and_claims(kafka_bootstrap, topic_prefix, service_env, tmp_path):
    unique_t, enriched_t, claims_t = (topic_prefix + s.name for s in (ARTICLES_UNIQUE, ARTICLES_ENRICHED,
                                                                       STRIKES_CLAIMS))
    dlq_t = topic_prefix + (ARTICLES_UNIQUE.dlq or "")
    first = _unique("kyiv-night", "Russia launched 210 drones at Kyiv overnight, the Ukrainian Air Force "
                                  "said. Air defences shot down 190 of them. Two people were killed.")
    second = _unique("no-figures", "President Volodymyr Zelenskyy met NATO officials in Brussels.", revision=1)
    proc = ServiceProcess("services.extraction", service_env, tmp_path / "extraction.log")
    with proc:
        proc.wait_ready(timeout=60)
        produce(kafka_bootstrap, unique_t, [(first.article.id, first), (second.article.id, second),
                                            ("broken", b"{not json")])
        enriched = read_models(kafka_bootstrap, enriched_t, EnrichedArticle, 2, timeout=40)
        batches = read_models(kafka_bootstrap, claims_t, ClaimBatch, 1, timeout=20)
        dead = read_models(kafka_bootstrap, dlq_t, DeadLetter, 1, timeout=20)
        metrics = proc.get(int(service_env["STRIKEWATCH_WEB_PORT"]), "/metrics").text

    by_id = {e.article.id: e for e in enriched}
    assert set(by_id) == {"kyiv-night", "no-figures"}
    assert by_id["no-figures"].revision == 1 and by_id["no-figures"].strikes == []
    assert {e.name for e in by_id["no-figures"].entities} >= {"Volodymyr Zelenskyy", "NATO"}
    assert [(s.measure.value, s.value) for s in by_id["kyiv-night"].strikes] == [
        ("launched", 210), ("intercepted", 190), ("killed", 2)]

    # one record for the article with figures, none for the one without
    assert [(b.article_id, b.revision, len(b.claims)) for b in batches] == [("kyiv-night", 0, 3)]
    claims = batches[0].messages()
    assert sorted(c.claim_id for c in claims) == ["kyiv-night:0:0", "kyiv-night:0:1", "kyiv-night:0:2"]
    assert all(c.url == "https://news.example/kyiv-night" and c.outlet == "news.example" for c in claims)
    assert all(c.published_at == first.article.published_at for c in claims)

    assert dead[0].source == ARTICLES_UNIQUE.name and dead[0].error_type in ("decode", "validation")
    assert "strikewatch_extraction_articles_total 2.0" in metrics
    assert 'strikewatch_extraction_claims_total{measure="launched"} 1.0' in metrics
    assert 'strikewatch_extraction_entities_total{type="person"}' in metrics
    assert "strikewatch_extraction_seconds_count 2.0" in metrics
