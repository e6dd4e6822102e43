"""Dedup restore from the changelog: the bulk path rebuilds exactly what one-by-one restores did."""

from __future__ import annotations

import numpy as np
import pytest

from schemas.dedup import Verdict
from services.dedup.engine import DAY_S, VERDICT_CODES, DedupConfig, Deduplicator
from services.dedup.store import NO_KEY, Row
from services.dedup.store import _age as age_of

T0 = 1_760_000_000.0


def _rows(d: Deduplicator, n: int, span_s: float, seed: int = 3) -> list[Row]:
    """Rows like the changelog holds: mostly unique, some duplicates (not indexed by text), shared
    URLs, exact hashes and bands (so per-key caps matter), a few without URL or features."""
    rng = np.random.default_rng(seed)
    kept = d.config.story_features_kept
    pool = rng.integers(1, 2**32, 3000, dtype=np.uint64).astype(np.uint32)  # shared features
    out = []
    for i in range(n):
        hv = rng.integers(0, 2**32, d.config.num_perm, dtype=np.uint64).astype(np.uint32)
        bands = d.band_tags(hv)
        if i % 7 == 0:
            bands[:3] = [11, 12, 13]  # a hot LSH bucket: capped at its newest postings
        nfeat = 0 if i % 11 == 0 else int(rng.integers(1, kept + 1))
        feats = rng.choice(pool, nfeat, replace=False)
        verdict = VERDICT_CODES[Verdict.DUPLICATE if i % 5 == 0 else Verdict.UNIQUE]
        flows = verdict != VERDICT_CODES[Verdict.DUPLICATE]
        url = NO_KEY if i % 3 == 0 else 1 + i % 40  # shared URLs: versions of one page
        exact = 7 if i % 9 == 0 else 1000 + i  # one text republished many times
        ts = T0 + span_s * i / n
        out.append(Row(f"r{i % 900}", url, ts, ts, exact, hv.astype(np.uint8),
                       bands if flows else np.zeros(0, np.uint32), feats if flows else
                       np.zeros(0, np.uint32), np.arange(3, dtype=np.uint16), 20_000 + i // 50, 50, i % 4, verdict, None,
                       float("nan"), f"s{i}", i + 1))
    return out


def _postings(d: Deduplicator) -> set[tuple[int, int]]:
    """(tag, seq) of every live posting of the index."""
    ix, rows = d.store.index, d.store.rows
    age = age_of(rows.next, ix.seqs)
    live = (ix.tags != 0) & (age >= 1) & (age <= len(rows))
    return set(zip(ix.tags[live].tolist(), (rows.next - age[live]).tolist(), strict=True))


@pytest.mark.parametrize("span_days", [2.0, 5.5])  # all alive / many expire during the restore
def test_bulk_restore_rebuilds_what_one_by_one_restores_did(span_days):
    cfg = DedupConfig(horizon_s=3 * DAY_S, df_slots=1 << 12)
    one, bulk = Deduplicator(cfg), Deduplicator(cfg)
    rows = _rows(one, 6000, span_days * DAY_S)
    for r in rows:
        one._restore_now(r)
        bulk.restore(r)
    bulk.flush_restored()
    assert len(bulk) == len(one) and bulk.expired_total == one.expired_total
    assert bulk.store.index.size == one.store.index.size  # sized as incremental growth sizes it
    # the same postings, except those the one-by-one inserts evicted from a full window (this
    # test's hot keys crowd windows; the rebuild places every posting)
    extra = _postings(bulk) - _postings(one)
    assert _postings(one) <= _postings(bulk) and len(extra) <= one.store.index.evicted
    assert np.array_equal(bulk._df, one._df)
    assert (bulk._docs, bulk._df_period) == (one._docs, one._df_period)


def test_rows_restored_after_decisions_join_the_index_one_by_one():
    cfg = DedupConfig(horizon_s=3 * DAY_S)
    one, bulk = Deduplicator(cfg), Deduplicator(cfg)
    rows = _rows(one, 3000, DAY_S)
    for r in rows[:2900]:
        one._restore_now(r)
        bulk.restore(r)
    bulk.flush_restored()
    for r in rows[2900:]:  # a few newer rows: inserted into the sized table, no rebuild
        one._restore_now(r)
        bulk.restore(r)
    size = bulk.store.index.size
    bulk.flush_restored()
    assert bulk.store.index.size == size
    assert _postings(one) <= _postings(bulk)
    assert len(_postings(bulk) - _postings(one)) <= one.store.index.evicted
