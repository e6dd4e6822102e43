"""The topic registry: every topic declared once (name, key, value model, partitions, retention).

The producer, the faust agents, `strikewatch broker` topic creation and the docs all read this.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

from schemas.alerts import Alert, FailedDelivery, OutboxEntry
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.dedup import DedupCandidate, DedupVerdict, UniqueArticle
from schemas.events import AttackEvent, DailyAggregate
from schemas.extraction import ClaimBatch, EnrichedArticle

DAY_MS = 24 * 3600 * 1000


@dataclass(frozen=True)
class TopicSpec:
    """One topic's contract. `dlq` names the dead-letter topic for bad records read from it."""

    name: str
    key: str
    model: type[BaseModel]
    partitions: int = 4
    cleanup_policy: str = "delete"
    retention_ms: int = 7 * DAY_MS
    dlq: str | None = None
    description: str = ""
    configs: dict[str, str] = field(default_factory=dict)

    def topic_configs(self) -> dict[str, str]:
        """Broker-side configs for CreateTopics."""
        return {"cleanup.policy": self.cleanup_policy, "retention.ms": str(self.retention_ms)} | dict(
            self.configs
        )


ARTICLES_RAW = TopicSpec(
    "articles.raw", "article id", Article, dlq="articles.raw.dlq",
    description="every fetched article, normalised",
)
DEDUP_VERDICTS = TopicSpec(
    "dedup.verdicts", "article id", DedupVerdict, description="one verdict per raw article",
)
ARTICLES_UNIQUE = TopicSpec(
    "articles.unique", "article id", UniqueArticle, dlq="articles.unique.dlq",
    description="first versions and revisions, with story id",
)
DEDUP_DECIDE = TopicSpec(
    "dedup.decide", "article id", DedupCandidate, partitions=1, retention_ms=1 * DAY_MS,
    dlq="dedup.decide.dlq",
    description="internal to dedup: fingerprinted articles to the single ordered decision step",
)
ARTICLES_ENRICHED = TopicSpec(
    "articles.enriched", "article id", EnrichedArticle, description="article + entities + claims",
)
STRIKES_CLAIMS = TopicSpec(
    "strikes.claims", "article id", ClaimBatch, dlq="strikes.claims.dlq",
    description="the strike figures of one article version (one record per article)",
)
STRIKES_EVENTS = TopicSpec(
    "strikes.events", "event id", AttackEvent, cleanup_policy="compact", retention_ms=-1,
    dlq="strikes.events.dlq", description="resolved attack events, latest state per event",
)
STRIKES_DAILY = TopicSpec(
    "strikes.daily", "window/date/attacker/class", DailyAggregate, cleanup_policy="compact",
    retention_ms=-1, description="windowed aggregates",
)
ALERTS = TopicSpec(
    "alerts", "fingerprint", Alert, partitions=1, retention_ms=30 * DAY_MS,
    description="alert lifecycle changes",
)
ALERTS_DLQ = TopicSpec(
    "alerts.dlq", "fingerprint", FailedDelivery, partitions=1, retention_ms=30 * DAY_MS,
    description="alerts whose delivery used up the retry budget",
)
ALERTS_OUTBOX = TopicSpec(
    "alerts.outbox", "receiver|webhook-id", OutboxEntry, partitions=1, cleanup_policy="compact",
    retention_ms=-1,
    description="alert deliveries not yet done (a tombstone once delivered or dead-lettered)",
)

PASSTHROUGH = TopicSpec(
    "bench.passthrough", "article id", Article, retention_ms=DAY_MS,
    description="copy of articles.raw by the pass-through reference agent (benchmarks)",
)

_DATA_TOPICS = [
    ARTICLES_RAW, DEDUP_VERDICTS, ARTICLES_UNIQUE, DEDUP_DECIDE, ARTICLES_ENRICHED, STRIKES_CLAIMS,
    STRIKES_EVENTS, STRIKES_DAILY, ALERTS, ALERTS_DLQ, ALERTS_OUTBOX, PASSTHROUGH,
]


def _dlq_spec(source: TopicSpec) -> TopicSpec:
    if source.dlq is None:
        raise ValueError(f"topic {source.name} has no dead-letter topic")
    return TopicSpec(
        source.dlq, "source key", DeadLetter, partitions=1, retention_ms=30 * DAY_MS,
        description=f"records from {source.name} that could not be processed",
    )


TOPICS: dict[str, TopicSpec] = {t.name: t for t in _DATA_TOPICS} | {
    t.dlq: _dlq_spec(t) for t in _DATA_TOPICS if t.dlq
}
