"""The dedup service: `articles.raw` -> `dedup.verdicts` + `articles.unique`.

Design for several workers sharing the partitions (two near-duplicates may arrive on different
partitions of `articles.raw` at the same moment and must still be caught):

1. `fingerprint` agent, on every worker, over the partitions of `articles.raw` it owns: the
   costly, stateless part (boilerplate removal, shingling, MinHash, story features, and the index
   tags of the text's keys: exact hash, LSH bands, features). It forwards the article with its
   fingerprint and source position to `dedup.decide`.
2. `decide` agent over `dedup.decide`, which has ONE partition: exactly one worker at a time owns
   it, so every decision sees every earlier article in one total order. "Which came first" is
   then well defined, nothing races, and there are no cross-partition votes to join.

Trade-off, chosen on purpose: the decision step cannot scale out beyond one worker, but it is
cheap (~180-190 CPU µs per article on a busy 2-core host with 10k-100k remembered, ~195-200
at 1M: one vectorised hash-index probe, see store.py and bench/bench_dedup.py) while news
volume is small
(Europe Media Monitor: ~100k articles/day, ~1/s). The alternative,
fanning each article out by LSH band key to a partitioned table and joining per-band votes by
article id, scales the index but needs a second join stage, tie-breaking between articles that
see each other in different bands, and separate routing for exact hashes, URLs and stories; its
complexity buys capacity we do not need. If it were ever needed, the engine's store is already
keyed by band, so the fan-out could reuse it per partition.

State: the decision step's memory is the engine itself (compact numpy columns, store.py). The
faust table `memory` (one partition like its source, changelog-backed) is write-only: each
decision's compact binary row is assigned to it, which sends it to the changelog, and its store
(changelog_store.py) keeps no copy. On recovery (faust pauses the stream until then) the store
feeds the changelog's rows to the engine once (stored as read, indexed in bulk when recovery
completes: ~20-30 µs per row, 1M rows in ~30 s); like a RocksDB store it remembers the offset the
engine holds, so a rebalance that keeps the partition here replays only newer rows, and one that
moves it away drops the engine. Expired rows are deleted from the table (tombstones), so the
compacted changelog stays bounded too: also rows that expire while being restored without a
tombstone in the changelog (a crash between a row's write and its tombstones) are deleted by the
first decision after the recovery (recovery.py).

Restarts: at-least-once delivery replays records after a crash or an offset reset. The engine
recognises a replay by the article's source position and re-sends the stored verdict without a
second `unique`. Sends happen before the table write: a crash in between duplicates an output
rather than losing it.

faust table pitfalls observed: values are written only on assignment (`table[k] = v`; mutating a
stored object never reaches the changelog, so rows are immutable bytes here), `memory://`-style
stores replay the whole changelog on every start (bounded here by expiry + compaction), and
tables may only be touched from inside the stream that owns their partition (so deletes happen
in `decide`).
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from schemas.article import Article
from schemas.base import utc_now
from schemas.dedup import DedupCandidate, DedupVerdict, UniqueArticle, Verdict
from schemas.topics import ARTICLES_RAW, ARTICLES_UNIQUE, DEDUP_DECIDE, DEDUP_VERDICTS
from services.dedup.candidate import fingerprint_of, to_candidate
from services.dedup.changelog_store import engine_table
from services.dedup.engine import Decision
from services.dedup.metrics import EXPIRED, REMEMBERED, REPLAYS, SIMILARITY, VERDICTS
from services.dedup.recovery import EngineHolder, row_key
from services.dedup.settings import DedupSettings
from services.runtime.streams import ServiceRuntime

log = logging.getLogger(__name__)
SERVICE = "dedup"
settings = DedupSettings()
runtime = ServiceRuntime(SERVICE, settings)
app = runtime.app
config = settings.dedup_config()

class _State(EngineHolder):
    """The engine holder (recovery.py) plus the service's gauge."""

    def reset(self) -> None:
        super().reset()
        REMEMBERED.set(0)
        log.info("dedup memory dropped: the decision partition went to another worker")

    def recovered(self) -> None:
        super().recovered()
        REMEMBERED.set(len(self.engine))


state = _State(config)
memory = engine_table(
    app, "memory", state, default=None, partitions=DEDUP_DECIDE.partitions,
    key_type=bytes, value_type=bytes,  # raw serializers (faust picks "raw" for bytes only)
    help="dedup memory: article id -> compact row (services/dedup/store.py Row); write-only, "
    "its changelog feeds the engine (services/dedup/changelog_store.py)",
)


async def fingerprint(article: Article, event: faust.types.EventT) -> None:
    """Stage 1 (parallel): fingerprint and forward to the single decision partition."""
    fp = state.engine.fingerprint(article)
    position = f"{ARTICLES_RAW.name}/{event.message.partition}/{event.message.offset}"
    await runtime.send(DEDUP_DECIDE, article.id, to_candidate(article, fp, position))


def verdict_of(d: Decision) -> DedupVerdict:
    return DedupVerdict(article_id=d.article_id, verdict=d.verdict, duplicate_of=d.duplicate_of,
                        similarity=d.similarity, story_id=d.story_id, revision=d.revision,
                        decided_at=utc_now())


async def decide(candidate: DedupCandidate, event: faust.types.EventT) -> None:
    """Stage 2 (one partition, ordered): decide, emit, remember."""
    engine = state.engine
    article = candidate.article
    d = engine.decide(article, fingerprint_of(candidate), position=candidate.position)
    await runtime.send(DEDUP_VERDICTS, article.id, verdict_of(d))
    if d.flows:
        await runtime.send(ARTICLES_UNIQUE, article.id, UniqueArticle(
            article=article, verdict=d.verdict, story_id=d.story_id, revision=d.revision))
    if d.replay:
        REPLAYS.inc()
        return
    VERDICTS.labels(str(d.verdict)).inc()
    if d.similarity is not None and d.verdict in (Verdict.NEAR_DUPLICATE, Verdict.REVISION):
        SIMILARITY.observe(d.similarity)
    if d.row is not None:
        memory[row_key(article.id, d.row.revision)] = d.row.to_bytes()
    for key in state.tombstones():  # expired now, or during the last restore (recovery.py)
        del memory[key]  # sends the tombstone (nothing is stored)
        EXPIRED.inc()
    REMEMBERED.set(len(engine))


@app.agent(runtime.source(ARTICLES_RAW))
async def fingerprint_agent(stream: Any) -> None:
    await runtime.consume(stream, ARTICLES_RAW, fingerprint)


@app.agent(runtime.source(DEDUP_DECIDE))
async def decide_agent(stream: Any) -> None:
    await runtime.consume(stream, DEDUP_DECIDE, decide)
