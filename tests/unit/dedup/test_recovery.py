"""Dedup recovery: rows that expire while being restored get their tombstone, so the compacted
changelog holds no more than the engine remembers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from schemas.article import Article
from services.dedup.engine import DAY_S, DedupConfig
from services.dedup.recovery import EngineHolder, row_key

T0 = datetime(2025, 10, 1, tzinfo=UTC)
CONFIG = DedupConfig(horizon_s=DAY_S)
Changelog = list[tuple[bytes, bytes | None]]


def _article(i: int, rng: np.random.Generator) -> Article:
    words = " ".join(f"w{x}" for x in rng.integers(0, 50_000, 60))
    at = T0 + timedelta(hours=2 * i)
    return Article(id=f"a{i}", feed="t", title="t", text=words, fetched_at=at, published_at=at)


def _run(holder: EngineHolder, changelog: Changelog, first: int, count: int) -> None:
    """What app.decide writes to the table: the decision's row, then the tombstones owed."""
    rng = np.random.default_rng(first)
    for i in range(first, first + count):
        d = holder.engine.decide(_article(i, rng))
        assert d.row is not None
        changelog.append((row_key(d.article_id, d.row.revision), d.row.to_bytes()))
        changelog.extend((key, None) for key in holder.tombstones())


def _recover(changelog: Changelog) -> EngineHolder:
    holder = EngineHolder(CONFIG)
    for key, value in changelog:
        if value is None:
            holder.restore_tombstone(key)
        else:
            holder.restore_bytes(key, value)
    holder.recovered()
    return holder


def _compacted(changelog: Changelog) -> dict[bytes, bytes]:
    out: dict[bytes, bytes] = {}
    for key, value in changelog:
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def test_rows_expired_without_a_tombstone_are_deleted_after_a_recovery():
    changelog: Changelog = []
    _run(EngineHolder(CONFIG), changelog, 0, 40)  # 80 hours of articles, a 24-hour horizon
    deleted = [key for key, value in changelog if value is None]
    assert len(deleted) > 20
    lost = set(deleted[:3])  # a crash lost these tombstones: their rows stay in the changelog
    changelog = [(k, v) for k, v in changelog if not (v is None and k in lost)]
    assert len(_compacted(changelog)) > 12 + 1

    holder = _recover(changelog)
    owed = holder.tombstones()
    assert set(owed) == lost  # only those: the others' tombstones are in the changelog already
    changelog.extend((key, None) for key in owed)
    assert len(_compacted(changelog)) == len(holder.engine)  # bounded: what the engine remembers

    _run(holder, changelog, 40, 5)  # later decisions expire and delete as usual
    assert len(_compacted(changelog)) == len(holder.engine)
    again = _recover(changelog)  # a second restart owes nothing
    assert again.tombstones() == [] and len(again.engine) == len(holder.engine)


def test_a_reset_forgets_what_was_owed():
    changelog: Changelog = []
    _run(EngineHolder(CONFIG), changelog, 0, 30)
    changelog = [(k, v) for k, v in changelog if v is not None]  # every tombstone lost
    holder = _recover(changelog)
    holder.reset()  # the partition went to another worker: its owner deletes them
    assert holder.tombstones() == [] and len(holder.engine) == 0
