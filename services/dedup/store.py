"""The memory of remembered articles: compact, time-segmented, with whole-segment expiry.

Why not datasketch's `MinHashLSH` as the store: its dict storage keeps one Python set per band
bucket, measured at ~300 bytes per band per article (2.4 KB at 8 bands, 4.7 KB at 16), and it has
no expiry (ekzhu/datasketch#219). The issue budgets 1 KB per remembered article and a bounded
memory, so the band keys (computed with datasketch's MinHash and LSH parameter optimiser, see
engine.py) live here in sorted numpy arrays instead:

- new rows go to a small `Buffer` (dicts, fast to insert);
- a full buffer is frozen into a `Run`: columns in numpy arrays plus one sorted uint64 array of
  every index key (id, URL, exact hash, LSH bands, story features) -> row, searched with
  `np.searchsorted` (12 bytes per key);
- runs of one period (horizon / segments) are merged when there are too many, so a lookup touches
  at most `segments + max_runs_per_period` runs whatever the number of rows: time per article
  stays flat from 10k to 1M remembered articles;
- a period older than the horizon is dropped whole: memory stays flat while articles keep coming.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

NO_KEY = 0
_NO_KEYS = np.zeros(0, dtype=np.uint64)


@dataclass(slots=True)
class Row:
    """One remembered article version (also the unit persisted to the changelog)."""

    article_id: str
    url_key: int
    ts: float
    """arrival time (s since epoch): drives expiry"""
    story_ts: float
    """publication time, else arrival: drives the story window"""
    exact: int
    sig16: np.ndarray
    """low 16 bits of each MinHash value: enough to estimate Jaccard (chance agreement 2^-16)"""
    bands: np.ndarray
    """LSH band keys (uint64), empty for rows that do not flow on (duplicates are not indexed)"""
    features: np.ndarray
    """the article's rarest story features (uint64), empty for rows that do not flow on"""
    numbers: np.ndarray
    """bottom-k hashes (uint32) of the numbers in the text: near-duplicates must agree on figures"""
    shingles: int
    revision: int
    verdict: int
    duplicate_of: str | None
    similarity: float
    story_id: str
    position: int
    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    """index keys of this row (set by the engine)"""

    _HEAD = struct.Struct("<HddQQIIBfQBBBB")

    def to_bytes(self) -> bytes:
        """Compact binary form for the changelog (~450 bytes at 128 permutations)."""
        strings = [self.article_id, self.duplicate_of or "", self.story_id]
        enc = [s.encode("utf-8") for s in strings]
        head = self._HEAD.pack(
            1, self.ts, self.story_ts, self.exact, self.url_key, self.shingles, self.revision,
            self.verdict, self.similarity, self.position, len(self.sig16) // 8,
            len(self.bands), len(self.features), len(self.numbers),
        )
        lens = struct.pack("<HHH", *(len(e) for e in enc))
        return b"".join([head, lens, *enc, self.sig16.astype("<u2").tobytes(),
                         self.bands.astype("<u8").tobytes(), self.features.astype("<u8").tobytes(),
                         self.numbers.astype("<u4").tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes) -> Row:
        """Inverse of `to_bytes`; raises ValueError on anything else."""
        try:
            (version, ts, story_ts, exact, url_key, shingles, revision, verdict, similarity, position,
             sig8, nbands, nfeat, nnum) = cls._HEAD.unpack_from(data, 0)
            if version != 1:
                raise ValueError(f"unknown row version {version}")
            off = cls._HEAD.size
            lens = struct.unpack_from("<HHH", data, off)
            off += 6
            strings = []
            for n in lens:
                strings.append(data[off:off + n].decode("utf-8"))
                off += n
            sig = np.frombuffer(data, dtype="<u2", count=sig8 * 8, offset=off).astype(np.uint16)
            off += sig8 * 16
            bands = np.frombuffer(data, dtype="<u8", count=nbands, offset=off).astype(np.uint64)
            off += nbands * 8
            feats = np.frombuffer(data, dtype="<u8", count=nfeat, offset=off).astype(np.uint64)
            off += nfeat * 8
            nums = np.frombuffer(data, dtype="<u4", count=nnum, offset=off).astype(np.uint32)
            if off + nnum * 4 != len(data):
                raise ValueError("trailing bytes")
        except (struct.error, UnicodeDecodeError) as exc:
            raise ValueError(f"not a dedup row: {exc}") from exc
        return cls(strings[0], url_key, ts, story_ts, exact, sig, bands, feats, nums, shingles, revision,
                   verdict, strings[1] or None, similarity, strings[2], position)


class Buffer:
    """The newest rows, in dicts (cheap inserts); frozen into a Run when full."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.by_key: dict[int, list[int]] = {}
        self.max_ts = -math.inf
        self.min_ts = math.inf

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, row: Row) -> None:
        i = len(self.rows)
        self.rows.append(row)
        for k in row.keys.tolist():
            self.by_key.setdefault(k, []).append(i)
        self.max_ts = max(self.max_ts, row.ts)
        self.min_ts = min(self.min_ts, row.ts)

    def find(self, query: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
        """(query index, row index) pairs for every key hit, newest `cap` rows per key."""
        qi: list[int] = []
        ri: list[int] = []
        for n, k in enumerate(query.tolist()):
            hits = self.by_key.get(k)
            if hits:
                hits = hits[-cap:]
                qi.extend([n] * len(hits))
                ri.extend(hits)
        return np.array(qi, dtype=np.int64), np.array(ri, dtype=np.int64)

    def row(self, i: int) -> Row:
        return self.rows[i]

    def sig16(self, rows: np.ndarray) -> np.ndarray:
        return np.stack([self.rows[i].sig16 for i in rows.tolist()])


class Run:
    """Frozen rows: numpy columns and one sorted key array (12 bytes per index key)."""

    def __init__(self, rows: list[Row], period: int) -> None:
        n = len(rows)
        self.period = period
        self.ids = [r.article_id for r in rows]
        self.url_key = np.array([r.url_key for r in rows], dtype=np.uint64)
        self.ts = np.array([r.ts for r in rows], dtype=np.float64)
        self.story_ts = np.array([r.story_ts for r in rows], dtype=np.float64)
        self.exact = np.array([r.exact for r in rows], dtype=np.uint64)
        width = max((len(r.sig16) for r in rows), default=0)
        self.sigs = np.zeros((n, width), dtype=np.uint16)
        kmax = max((len(r.features) for r in rows), default=0)
        self.feats = np.zeros((n, kmax), dtype=np.uint64)
        bmax = max((len(r.bands) for r in rows), default=0)
        self.bands = np.zeros((n, bmax), dtype=np.uint64)
        nmax = max((len(r.numbers) for r in rows), default=0)
        self.numbers = np.zeros((n, nmax), dtype=np.uint32)
        self.nnumbers = np.array([len(r.numbers) for r in rows], dtype=np.uint8)
        for i, r in enumerate(rows):
            self.numbers[i, :len(r.numbers)] = r.numbers
            self.sigs[i, :len(r.sig16)] = r.sig16
            self.feats[i, :len(r.features)] = r.features
            self.bands[i, :len(r.bands)] = r.bands
        self.shingles = np.array([r.shingles for r in rows], dtype=np.uint32)
        self.revision = np.array([r.revision for r in rows], dtype=np.uint16)
        self.verdict = np.array([r.verdict for r in rows], dtype=np.uint8)
        self.duplicate_of = [r.duplicate_of for r in rows]
        self.similarity = np.array([r.similarity for r in rows], dtype=np.float32)
        self.story = [r.story_id for r in rows]
        self.position = np.array([r.position for r in rows], dtype=np.uint64)
        lens = np.array([len(r.keys) for r in rows], dtype=np.int64)
        all_keys = np.concatenate([r.keys for r in rows]) if rows else np.zeros(0, np.uint64)
        owners = np.repeat(np.arange(n, dtype=np.uint32), lens)
        order = np.argsort(all_keys, kind="stable")
        self.keys = all_keys[order]
        self.key_rows = owners[order]
        self.max_ts = float(self.ts.max()) if n else -math.inf
        self.row_keys = lens  # per-row key counts, to rebuild rows on merge

    def __len__(self) -> int:
        return len(self.ids)

    def find(self, query: np.ndarray, cap: int) -> tuple[np.ndarray, np.ndarray]:
        """(query index, row index) pairs for every key hit, newest `cap` rows per key."""
        lo = np.searchsorted(self.keys, query, "left")
        hi = np.searchsorted(self.keys, query, "right")
        hit = np.nonzero(hi > lo)[0]
        if not len(hit):
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        qi: list[np.ndarray] = []
        ri: list[np.ndarray] = []
        for n in hit.tolist():
            a, b = int(lo[n]), int(hi[n])
            rows = self.key_rows[max(a, b - cap):b]  # rows of one key are in insertion order
            qi.append(np.full(len(rows), n, dtype=np.int64))
            ri.append(rows.astype(np.int64))
        return np.concatenate(qi), np.concatenate(ri)

    def row(self, i: int) -> Row:
        """Materialise one row (for the few candidates a decision looks at; index keys are left
        out: finding them is a scan of the run, only merges need them, via `rows()`)."""
        return self.row_by_keys(i, _NO_KEYS)

    def sig16(self, rows: np.ndarray) -> np.ndarray:
        return self.sigs[rows]

    def rows(self) -> Iterator[Row]:
        """Every row with its keys (used to merge runs; O(keys) once per merge)."""
        order = np.argsort(self.key_rows, kind="stable")
        keys_by_row = np.split(self.keys[order], np.cumsum(self.row_keys)[:-1]) if len(self) else []
        for i in range(len(self)):
            r = self.row_by_keys(i, keys_by_row[i])
            yield r

    def row_by_keys(self, i: int, keys: np.ndarray) -> Row:
        nf = int(np.count_nonzero(self.feats[i])) if self.feats.shape[1] else 0
        nb = int(np.count_nonzero(self.bands[i])) if self.bands.shape[1] else 0
        return Row(
            self.ids[i], int(self.url_key[i]), float(self.ts[i]), float(self.story_ts[i]),
            int(self.exact[i]), self.sigs[i], self.bands[i, :nb], self.feats[i, :nf],
            self.numbers[i, :int(self.nnumbers[i])], int(self.shingles[i]), int(self.revision[i]),
            int(self.verdict[i]), self.duplicate_of[i], float(self.similarity[i]), self.story[i],
            int(self.position[i]), keys,
        )


Segment = Buffer | Run


class Store:
    """Buffer + runs grouped by period; lookups across all, expiry by whole period."""

    def __init__(self, horizon_s: float, segments: int = 7, buffer_rows: int = 2048,
                 max_runs_per_period: int = 6, track_expired: bool = False) -> None:
        self.horizon_s = horizon_s
        self.period_s = horizon_s / segments
        self.buffer_rows = buffer_rows
        self.max_runs_per_period = max_runs_per_period
        self.buffer = Buffer()
        self.runs: list[Run] = []
        self.clock = -math.inf
        self.expired_total = 0
        self.track_expired = track_expired
        self.expired: list[tuple[str, int]] = []
        """(article id, revision) of expired rows not yet drained (changelog tombstones)"""

    def __len__(self) -> int:
        return len(self.buffer) + sum(len(r) for r in self.runs)

    def period_of(self, ts: float) -> int:
        return math.floor(ts / self.period_s)

    def segments(self) -> Iterable[Segment]:
        yield self.buffer
        yield from reversed(self.runs)  # newest first

    def add(self, row: Row) -> int:
        """Remember a row; returns how many rows expired as a consequence (whole periods)."""
        self.clock = max(self.clock, row.ts)
        if len(self.buffer) and self.period_of(row.ts) != self.period_of(self.buffer.max_ts):
            self._flush()
        self.buffer.add(row)
        if len(self.buffer) >= self.buffer_rows:
            self._flush()
        return self.expire()

    def _flush(self) -> None:
        if not len(self.buffer):
            return
        period = self.period_of(self.buffer.max_ts)
        self.runs.append(Run(self.buffer.rows, period))
        self.buffer = Buffer()
        same = [r for r in self.runs if r.period == period]
        if len(same) > self.max_runs_per_period:
            merged = Run([row for run in same for row in run.rows()], period)
            self.runs = [r for r in self.runs if r.period != period] + [merged]
            self.runs.sort(key=lambda r: (r.period, r.max_ts))

    def expire(self, now: float | None = None) -> int:
        """Drop runs whose newest row is older than the horizon; returns rows dropped."""
        now = self.clock if now is None else now
        cutoff = now - self.horizon_s
        dead = [r for r in self.runs if r.max_ts < cutoff]
        if not dead:
            return 0
        self.runs = [r for r in self.runs if r.max_ts >= cutoff]
        dropped = sum(len(r) for r in dead)
        self.expired_total += dropped
        for run in dead if self.track_expired else []:
            self.expired.extend(zip(run.ids, run.revision.tolist(), strict=True))
        return dropped

    def drain_expired(self) -> list[tuple[str, int]]:
        """Expired (article id, revision) since the last call."""
        out, self.expired = self.expired, []
        return out
