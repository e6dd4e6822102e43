"""The service's engine holder: fed by the table changelog on recovery, owes tombstones after.

Pure logic (no faust import), so recovery is tested without a broker. The faust table
(changelog_store.py) feeds it rows and tombstones in changelog order; app.py writes the tombstones
it owes from inside the decision stream (a faust table may only be written there).

Why tombstones are owed after a recovery: the engine expires by article time, so the rows of a
changelog are restored first and some of them expire during the restore, when a newer row's
arrival time passes their horizon. Most of those were deleted already (their tombstone follows
them in the changelog: the decision that expired them wrote it), but not all: a crash between a
decision's row write and its tombstones, or tombstones lost with a worker, leave a row that no
later decision will expire again (the engine has dropped it). Without a tombstone such a row
would stay in the compacted changelog for good, and be replayed and dropped on every start, so
the changelog (and every restart's replay) would grow without bound. The holder therefore
remembers which keys the changelog deleted during the recovery and owes a tombstone for every
row that expired during the restore without one.
"""

from __future__ import annotations

import logging

from services.dedup.engine import DedupConfig, Deduplicator
from services.dedup.store import Row

log = logging.getLogger(__name__)


def row_key(article_id: str, revision: int) -> bytes:
    """Table key: one row per article version, so a replay of any version is recognised."""
    return f"{article_id}\x00{revision}".encode()


class EngineHolder:
    """The decision engine plus the changelog bookkeeping around it (a `ChangelogSink`)."""

    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.engine = Deduplicator(config, track_expired=True)
        self.restored = 0
        self._deleted: set[bytes] = set()
        """keys whose tombstone the changelog replayed during the current recovery"""
        self._owed: list[bytes] = []
        """tombstones owed for rows that expired during a restore (see the module docstring)"""

    # ---- ChangelogSink ----------------------------------------------------------------------
    def restore_bytes(self, key: bytes | None, value: bytes) -> None:
        try:
            row = Row.from_bytes(value)
        except ValueError:
            log.error("unreadable dedup row %r in the changelog; skipped", key)
            return
        self.engine.restore(row)
        self.restored += 1

    def restore_tombstone(self, key: bytes | None) -> None:
        if key is not None:
            self._deleted.add(key)

    def reset(self) -> None:
        self.engine = Deduplicator(self.config, track_expired=True)
        self._deleted.clear()
        self._owed.clear()
        self.restored = 0

    def recovered(self) -> None:
        self.engine.flush_restored()  # index the recovered rows in bulk (engine.restore)
        expired = [row_key(a, r) for a, r in self.engine.store.drain_expired()]
        self._owed.extend(k for k in expired if k not in self._deleted)
        self._deleted.clear()
        if self.restored:
            log.info("dedup memory rebuilt from the table changelog: %d rows read, %d articles "
                     "remembered, %d expired rows to delete", self.restored, len(self.engine),
                     len(self._owed))
        self.restored = 0

    # ---- after decisions ----------------------------------------------------------------------
    def tombstones(self) -> list[bytes]:
        """Keys to delete from the table now: rows expired by decisions since the last call,
        and those owed by a recovery."""
        out = self._owed + [row_key(a, r) for a, r in self.engine.store.drain_expired()]
        self._owed = []
        return out
