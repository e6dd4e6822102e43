"""Dedup store: hash index lookups across growth, per-key caps, expiry keeps ring and index flat."""

from __future__ import annotations

import numpy as np

from services.dedup.store import Row, Store

HORIZON = 1000.0


def _row(i: int, ts: float) -> Row:
    return Row(f"a{i}", 0, ts, ts, i, np.full(8, i % 256, np.uint8), np.zeros(0, np.uint32),
               np.zeros(0, np.uint32), np.zeros(0, np.uint16), -1, 10, 0, 0, None, float("nan"),
               f"a{i}", i)


def _store() -> Store:
    return Store(HORIZON, num_perm=8, max_features=4, max_figures=4, track_expired=True)


def test_every_key_is_found_after_the_index_grew():
    s = _store()
    # distinct, well spread 32-bit keys: 5 per row
    keys = ((np.arange(1, 15_001, dtype=np.uint64) * np.uint64(2654435761)) % np.uint64(2**32)
            ).astype(np.uint32).reshape(3000, 5)
    for i, k in enumerate(keys):
        s.add(_row(i, float(i) * 0.01), k, np.full(5, 16))
    assert s.index.size > 1024  # it had to grow (rehash) on the way
    qi, seqs = s.find(keys[:, 2])
    assert sorted(zip(qi.tolist(), seqs.tolist(), strict=True)) == [(i, i) for i in range(3000)]


def test_a_key_keeps_only_its_newest_postings_and_probe_plans_the_same_slots():
    s = _store()
    hot = np.array([7], dtype=np.uint32)
    for i in range(40):
        qi, seqs, slots = s.probe(hot, np.array([16]))
        assert len(seqs) == min(i, 16)
        s.add(_row(i, float(i)), hot, np.array([16]), slots)
    _, seqs = s.find(hot)
    assert sorted(seqs.tolist()) == list(range(24, 40))


def test_expiry_drops_rows_and_memory_stays_flat_while_rows_keep_coming():
    s = _store()
    rng = np.random.default_rng(5)
    first_keys = rng.integers(1, 2**32, 4, dtype=np.uint64).astype(np.uint32)
    sizes = []
    for i in range(20_000):
        keys = first_keys if i == 0 else rng.integers(1, 2**32, 4, dtype=np.uint64).astype(np.uint32)
        s.add(_row(i, float(i)), keys, np.full(4, 16))
        if i % 2000 == 1999:
            sizes.append((len(s), s.nbytes()))
    assert s.expired_total == 20_000 - len(s) and len(s) <= HORIZON + 1
    assert len({b for _, b in sizes[2:]}) == 1  # ring and index stopped growing
    drained = s.drain_expired()
    assert len(drained) == s.expired_total and drained[0] == ("a0", 0)
    assert not len(s.find(first_keys)[1])  # an expired row is never a candidate again
    assert s.rows.ids[(s.rows.first - 1) % s.rows.cap] is None  # the strings are let go
