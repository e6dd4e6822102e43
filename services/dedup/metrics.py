"""Dedup's domain metrics (the shared ones, messages in/out and dead letters, are the runtime's)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

VERDICTS = Counter("strikewatch_dedup_verdicts", "Dedup verdicts, by kind", ["verdict"])
SIMILARITY = Histogram(
    "strikewatch_dedup_similarity",
    "Estimated Jaccard similarity to the matched article (near-duplicates and revisions)",
    buckets=(0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1.0),
)
REMEMBERED = Gauge("strikewatch_dedup_remembered_articles", "Article versions in dedup memory")
EXPIRED = Counter("strikewatch_dedup_expired_entries", "Remembered articles dropped by the horizon")
REPLAYS = Counter("strikewatch_dedup_replays", "Records seen again (restart); verdict re-sent, no unique")
