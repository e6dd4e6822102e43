"""Accepted webhook-ids, remembered across restarts for as long as a replay could still verify.

Standard Webhooks lets a captured request verify for +-5 minutes (the timestamp tolerance), and
the sender retries one notification with the same webhook-id for its retry budget. An id kept
only in memory is forgotten by a restart, so a replay inside that window would be accepted twice.
Here every accepted id goes to an append-only log (one JSON line, flushed and fsynced before the
receiver answers 2xx); the log is compacted (live entries written to a temporary file, then an
atomic `os.replace`) on open and whenever it has grown well past the live entries. A torn last
line from a kill mid-append is skipped on load and disappears with the compaction that follows.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

TOLERANCE_S = 300.0
"""The `standardwebhooks` timestamp tolerance: a signed request older than this no longer verifies."""


class SeenIds:
    """webhook-id -> when it was accepted (epoch seconds); entries older than `keep_s` are pruned.

    `keep_s` never goes below the signature tolerance: a shorter memory would reopen the replay
    window. `capacity` bounds memory and the file if ids ever arrive faster than they expire.
    Without `path` the store is memory-only (tests, the bench).
    """

    def __init__(
        self, path: Path | None = None, *, keep_s: float = TOLERANCE_S, capacity: int = 100_000,
        fsync: bool = True, now: float | None = None,
    ) -> None:
        self.path = path
        self.keep_s = max(float(keep_s), TOLERANCE_S)
        self.capacity = capacity
        self.fsync = fsync
        self._at: dict[str, float] = {}  # insertion order = acceptance order
        self._appended = 0
        self._log: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._load(path)
            self.prune(time.time() if now is None else now)
            self._compact()

    def __len__(self) -> int:
        return len(self._at)

    def seen(self, webhook_id: str, now: float | None = None) -> bool:
        """True if `webhook_id` was accepted within the last `keep_s` seconds."""
        at = self._at.get(webhook_id)
        return at is not None and at >= (time.time() if now is None else now) - self.keep_s

    def add(self, webhook_id: str, now: float | None = None) -> bool:
        """Remember `webhook_id` (persisted before returning); True if it was not already seen."""
        now = time.time() if now is None else now
        self.prune(now)
        if webhook_id in self._at:
            return False
        self._at[webhook_id] = now
        while len(self._at) > self.capacity:
            del self._at[next(iter(self._at))]
        if self._log is not None:
            self._log.write(json.dumps({"id": webhook_id, "at": now}) + "\n")
            self._log.flush()
            if self.fsync:
                os.fsync(self._log.fileno())
            self._appended += 1
            if self._appended > max(1000, 2 * len(self._at)):
                self._compact()
        return True

    def prune(self, now: float | None = None) -> int:
        """Forget ids accepted more than `keep_s` ago; returns how many were dropped."""
        cutoff = (time.time() if now is None else now) - self.keep_s
        dropped = 0
        # oldest first, stop at the first live one: O(expired) per call, not O(all) per webhook
        # (after a clock step back an id may outlive its window a little; never the reverse)
        while self._at:
            oldest = next(iter(self._at))
            if self._at[oldest] >= cutoff:
                break
            del self._at[oldest]
            dropped += 1
        return dropped

    def close(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _load(self, path: Path) -> None:
        """Read the log; unreadable lines (a torn append) are skipped, never fatal."""
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return
        skipped = 0
        for line in text.splitlines():
            try:
                entry = json.loads(line)
                webhook_id, at = entry["id"], float(entry["at"])
                if not isinstance(webhook_id, str):
                    raise TypeError("id is not a string")
            except (ValueError, TypeError, KeyError):
                skipped += bool(line.strip())
                continue
            self._at.pop(webhook_id, None)
            self._at[webhook_id] = at
        if skipped:
            log.warning("%s: skipped %d unreadable line(s) (a torn write?)", path, skipped)

    def _compact(self) -> None:
        """Rewrite the live entries to a temporary file and atomically replace the log with it."""
        if self.path is None:
            raise RuntimeError("a memory-only SeenIds has no log to compact")
        self.close()
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for webhook_id, at in self._at.items():
                f.write(json.dumps({"id": webhook_id, "at": at}) + "\n")
            f.flush()
            if self.fsync:
                os.fsync(f.fileno())
        os.replace(tmp, self.path)
        if self.fsync:
            dir_fd = os.open(self.path.parent, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        self._log = self.path.open("a", encoding="utf-8")
        self._appended = 0
