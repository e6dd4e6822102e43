"""The extraction service: `articles.unique` -> `articles.enriched` + `strikes.claims`.

Stateless and partition-parallel: every worker extracts the articles of the partitions it owns.
Messages are keyed by article id; an article's claims travel as one record (ClaimBatch), and
claim ids (article id + revision + index) are stable, so an at-least-once replay re-sends the
same ids and consumers can drop the repeats. Bad records never reach `handle`: the runtime
dead-letters them (`articles.unique.dlq`) with their bytes and reason.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import faust

from schemas.dedup import UniqueArticle
from schemas.topics import ARTICLES_ENRICHED, ARTICLES_UNIQUE, STRIKES_CLAIMS
from services.extraction.extractor import extract
from services.extraction.gazetteer import default_gazetteer
from services.extraction.messages import claim_batch, enriched_of
from services.extraction.metrics import ARTICLES, CLAIMS, ENTITIES, EXTRACTION_SECONDS, count_by_label
from services.runtime.settings import RuntimeSettings
from services.runtime.streams import ServiceRuntime

log = logging.getLogger(__name__)
SERVICE = "extraction"
settings = RuntimeSettings()
runtime = ServiceRuntime(SERVICE, settings)
app = runtime.app
default_gazetteer()  # load the gazetteer (and geonames) once at start, not on the first article


async def handle(unique: UniqueArticle, event: faust.types.EventT) -> None:
    """Extract, then send the enriched article and its claims as ONE record (ClaimBatch): a record
    per claim (~3-20 per article) made the sends the service's main cost (docs/runtime.md)."""
    started = time.perf_counter()
    extraction = extract(unique.article)
    EXTRACTION_SECONDS.observe(time.perf_counter() - started)
    article_id = unique.article.id
    runtime.publish(ARTICLES_ENRICHED, article_id, enriched_of(unique, extraction))
    batch = claim_batch(unique, extraction)
    if batch is not None:
        runtime.publish(STRIKES_CLAIMS, article_id, batch)
    ARTICLES.inc()
    count_by_label(CLAIMS, (claim.measure.value for claim in extraction.strikes))
    count_by_label(ENTITIES, (entity.type.value for entity in extraction.entities))
    log.info("extracted %s: %d entities, %d claims", article_id, len(extraction.entities),
             len(extraction.strikes))


@app.agent(runtime.source(ARTICLES_UNIQUE))
async def extract_agent(stream: Any) -> None:
    await runtime.consume(stream, ARTICLES_UNIQUE, handle)
