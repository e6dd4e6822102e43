"""Extraction's domain metrics (messages in/out, dead letters and handler time are the runtime's)."""

from __future__ import annotations

from collections import Counter as Tally
from collections.abc import Iterable

from prometheus_client import Counter, Histogram

ARTICLES = Counter("strikewatch_extraction_articles", "Articles run through the extractor")
CLAIMS = Counter("strikewatch_extraction_claims", "Strike claims extracted, by measure", ["measure"])
ENTITIES = Counter("strikewatch_extraction_entities", "Entity mentions extracted, by type", ["type"])
EXTRACTION_SECONDS = Histogram(
    "strikewatch_extraction_seconds", "Time of one extract() call (the pure library part)",
    buckets=(0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5),
)


def count_by_label(counter: Counter, labels: Iterable[str]) -> None:
    """Add each label's occurrences to `counter` with one increment per label: an article has
    ~50 entities, and a `labels()` lookup (lock + dict) per entity cost more than tallying."""
    for label, n in Tally(labels).items():
        counter.labels(label).inc(n)
