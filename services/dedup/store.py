"""The memory of remembered articles: a ring of compact rows plus one hash index over their keys.

Why not datasketch's `MinHashLSH` as the store: its dict storage keeps one Python set per band
bucket, measured at ~300 bytes per band per article, and it has no expiry (ekzhu/datasketch#219).
Why not Python dicts for the index: ~100 bytes per key with the int objects, and an article has
~26 keys (id, URL, exact hash, LSH bands, story features). The issue budgets 1 KB per remembered
article, bounded memory, and a decision time that stays flat from 10k to 1M remembered articles,
so both structures are numpy arrays sized by what is alive:

- `RowRing`: one row per remembered article version, in arrival order, columns in numpy arrays
  indexed by `seq % capacity` (a ring). Arrival order is expiry order, so expiry advances the
  tail; capacity grows by half when the ring is full and never shrinks below what is alive.
- `KeyIndex`: an open-addressing multimap from a 32-bit key tag to row sequence numbers
  (8 bytes per posting). A key's postings live within `WINDOW` slots of its home slot, so a lookup
  of all of a decision's keys is one gather of a (keys x WINDOW) block: constant time whatever the
  number of rows. A posting whose row expired is free again (its age says so), so expiry costs
  nothing here; each key keeps at most `cap` live postings (its newest ones). Tags are 32 bits:
  a rare foreign key sharing a tag only adds a candidate, and every candidate is verified against
  the row's own columns (id, URL, exact hash, signature, features) before it counts.
  The table grows by half (not doubling: a power-of-two table at 1M articles was 2^26 slots at
  39% load, 537 bytes/article and 1,045 bytes of state per article in all; grown by half it is
  ~310 and ~820), so homes come from multiplying the tag by the size, not from masking its bits.
  The probe window was measured at 32 too: no faster (numpy's per-call cost dominates the
  gather), and less room for a key's capped postings, so it stays at 64.

Restoring (a restart replays the changelog): rows are appended as they are read and indexed all
at once when recovery completes (`Store.index_rows` -> `KeyIndex.bulk_insert`: one sort by
(tag, age) applies the per-key caps, one rehash places them), ~6x faster than one insert per row.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

import numpy as np

NO_KEY = 0
_U32 = 0xFFFFFFFF
ROW_VERSION = 3
_LE_U32 = np.dtype("<u4")
_LE_U16 = np.dtype("<u2")


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
    sig: np.ndarray
    """low 8 bits of each MinHash value (b-bit MinHash): estimates Jaccard, chance agreement 1/256"""
    bands: np.ndarray
    """LSH band tags (uint32), empty for rows that do not flow on (duplicates are not indexed)"""
    features: np.ndarray
    """the article's rarest story features (low 32 bits of their hashes), empty unless flowing"""
    figures: np.ndarray
    """the body's figures in text order (uint16 codes, figures.py): near-duplicates state them"""
    night: int
    """the night the body reports (days since 1970-01-01, figures.read): stories keep to it"""
    shingles: int
    revision: int
    verdict: int
    duplicate_of: str | None
    similarity: float
    story_id: str
    position: int

    _HEAD = struct.Struct("<HddQQIIBfQiHBBB")
    _FIXED = struct.Struct(_HEAD.format + "HHH")
    """the head and the three string lengths"""

    def to_bytes(self) -> bytes:
        """Compact binary form for the changelog (~350 bytes at 128 permutations). A row of an
        older version is not read back (`from_bytes` raises): the recovery skips it, so after an
        upgrade the memory starts from the rows written since (at most a horizon of verdicts)."""
        enc = [s.encode("utf-8") for s in (self.article_id, self.duplicate_of or "", self.story_id)]
        head = self._HEAD.pack(
            ROW_VERSION, self.ts, self.story_ts, self.exact, self.url_key, self.shingles,
            self.revision, self.verdict, self.similarity, self.position, self.night, len(self.sig),
            len(self.bands), len(self.features), len(self.figures),
        )
        lens = struct.pack("<HHH", *(len(e) for e in enc))
        return b"".join([head, lens, *enc, self.sig.astype("u1").tobytes(),
                         self.bands.astype("<u4").tobytes(), self.features.astype("<u4").tobytes(),
                         self.figures.astype("<u2").tobytes()])

    @classmethod
    def from_bytes(cls, data: bytes) -> Row:
        """Inverse of `to_bytes`; raises ValueError on anything else. One unpack of the fixed
        part and two read-only array views (no copies: the ring copies what it keeps), ~3x
        cheaper than a field-by-field decode: a restart decodes every remembered row."""
        try:
            (version, ts, story_ts, exact, url_key, shingles, revision, verdict, similarity, position,
             night, nsig, nbands, nfeat, nfig, n_id, n_dup, n_story) = cls._FIXED.unpack_from(data, 0)
            if version != ROW_VERSION:
                raise ValueError(f"unknown row version {version}")
            e_id = cls._FIXED.size + n_id
            e_dup = e_id + n_dup
            e_story = e_dup + n_story
            e_sig = e_story + nsig
            e_words = e_sig + 4 * (nbands + nfeat)
            if e_words + 2 * nfig != len(data):
                raise ValueError("wrong length")
            article_id = data[cls._FIXED.size:e_id].decode("utf-8")
            duplicate_of = data[e_id:e_dup].decode("utf-8") or None
            story_id = data[e_dup:e_story].decode("utf-8")
        except (struct.error, UnicodeDecodeError) as exc:
            raise ValueError(f"not a dedup row: {exc}") from exc
        sig = np.frombuffer(data, np.uint8, nsig, e_story)
        words = np.frombuffer(data, _LE_U32, nbands + nfeat, e_sig).astype(np.uint32, copy=False)
        figures = np.frombuffer(data, _LE_U16, nfig, e_words).astype(np.uint16, copy=False)
        return cls(article_id, url_key, ts, story_ts, exact, sig, words[:nbands], words[nbands:],
                   figures, night, shingles, revision, verdict, duplicate_of, similarity, story_id,
                   position)


def _age(cur: int, seqs: np.ndarray) -> np.ndarray:
    """How many rows ago each (32-bit, wrapping) sequence number was written."""
    with np.errstate(over="ignore"):
        return (np.uint32(cur & _U32) - seqs).astype(np.int64)


class KeyIndex:
    """Open-addressing multimap: 32-bit tag -> row sequence numbers (see the module docstring)."""

    WINDOW = 64
    MAX_LOAD = 0.7

    def __init__(self, size: int = 1024) -> None:
        self._alloc(size)
        self.postings = 0
        """upper bound of live postings (sum of the live rows' key counts): drives growth"""
        self.evicted = 0

    def _alloc(self, size: int) -> None:
        self.size = size
        self.tags = np.zeros(size + self.WINDOW, dtype=np.uint32)  # tag 0 = never used
        self.seqs = np.zeros(size + self.WINDOW, dtype=np.uint32)
        self._ar = np.arange(self.WINDOW, dtype=np.intp)
        self._scale = self._scale_of(size)
        # (slot, WINDOW) views: a key's window is one fancy-index row, no index matrix to build
        self._tag_windows = np.lib.stride_tricks.sliding_window_view(self.tags, self.WINDOW)
        self._seq_windows = np.lib.stride_tricks.sliding_window_view(self.seqs, self.WINDOW)
        self._rows = np.arange(256, dtype=np.intp)

    def nbytes(self) -> int:
        return self.tags.nbytes + self.seqs.nbytes

    @staticmethod
    def _scale_of(size: int) -> float:
        return size / 2**32  # exact: a power-of-two divisor

    @staticmethod
    def _home(tags: np.ndarray, scale: float) -> np.ndarray:
        """A tag's home slot, tag * size / 2^32 (range reduction by multiplication: any table
        size, not only powers of two, so the table grows by half instead of doubling; tags are
        uniform 32-bit hashes). In float64: two numpy calls, as cheap as a mask; rounding is
        deterministic and monotone, and the result is below size (never past the window tail)."""
        return (tags * scale).astype(np.intp)

    @classmethod
    def grown(cls, size: int) -> int:
        """The next table size (by half: doubling would leave up to 2/3 of the table empty)."""
        return size + size // 2

    def _windows(self, tags: np.ndarray) -> np.ndarray:
        return self._home(tags, self._scale)[:, None] + self._ar

    def find(self, tags: np.ndarray, cur: int, alive: int) -> tuple[np.ndarray, np.ndarray]:
        """(query index, row seq) for every live posting of the query tags."""
        win = self._windows(tags)
        qi, wj = np.nonzero(self.tags[win] == tags[:, None])
        if not len(qi):
            return qi, qi.astype(np.int64)
        age = _age(cur, self.seqs[win[qi, wj]])
        ok = (age >= 1) & (age <= alive)
        return qi[ok], cur - age[ok]

    def probe(self, tags: np.ndarray, caps: np.ndarray, cur: int, alive: int
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """`find` plus, from the same gather, where each of the tags would be inserted for row
        `cur` (None when a key is at its cap or a window is full: `insert` handles those)."""
        home = self._home(tags, self._scale)
        wt = self._tag_windows[home]  # two (tags x WINDOW) gathers: the cost of a lookup
        age = self._seq_windows[home]
        # age in place on the gathered copy (no second temporary); uint32 wraps like the seqs
        np.subtract(np.uint32(cur & _U32), age, out=age)
        free = age > alive
        free |= wt == 0
        hit = wt == tags[:, None]  # tags are never 0: a hit is a used slot
        hit &= ~free
        flat = np.flatnonzero(hit)
        qi = flat // self.WINDOW
        seqs = cur - age.ravel()[flat].astype(np.int64)
        pick = free.argmax(axis=1)
        ok = free[self._rows[: len(tags)], pick]
        # hits per key from the flat hits (cheaper than a count over the whole block)
        at_cap = np.bincount(qi, minlength=len(tags)) >= caps
        if at_cap.any():  # a key at its cap replaces its own oldest posting
            pick = np.where(at_cap, np.where(hit, age, 0).argmax(axis=1), pick)
            ok |= at_cap
        if not ok.all():  # a full window: `insert` evicts
            return qi, seqs, None
        return qi, seqs, home + pick

    def place(self, tags: np.ndarray, caps: np.ndarray, seq: int, alive: int,
              slots: np.ndarray | None) -> None:
        """Write postings at the slots `probe` planned, else (or on a clash) via `insert`."""
        if slots is not None:
            slot_list = slots.tolist()
            if len(set(slot_list)) == len(slot_list):
                self.tags[slots] = tags
                self.seqs[slots] = np.uint32(seq & _U32)
                return
        self.insert(tags, caps, seq, alive)

    def insert(self, tags: np.ndarray, caps: np.ndarray, seq: int, alive: int) -> None:
        """Add postings tag -> seq (tags unique); `alive` counts live rows before this one."""
        s32 = np.uint32(seq & _U32)
        while len(tags):
            win = self._windows(tags)
            wt = self.tags[win]
            age = _age(seq, self.seqs[win])  # the row being added has age 0: taken
            live = (wt != 0) & (age <= alive)
            same = live & (wt == tags[:, None])
            free = ~live
            has_free = free.any(axis=1)
            nsame = same.sum(axis=1)
            full = nsame >= caps
            pick = np.where(full, np.where(same, age, -1).argmax(axis=1),
                            np.where(has_free, free.argmax(axis=1),
                                     np.where(live, age, -1).argmax(axis=1)))
            slots = win[self._rows[: len(tags)], pick]
            self.evicted += int(np.count_nonzero(~full & ~has_free))
            slot_list = slots.tolist()
            if len(set(slot_list)) == len(slot_list):
                self.tags[slots] = tags
                self.seqs[slots] = s32
                return
            _, first = np.unique(slots, return_index=True)  # two keys of one row, one slot
            self.tags[slots[first]] = tags[first]
            self.seqs[slots[first]] = s32
            rest = np.ones(len(tags), dtype=bool)
            rest[first] = False
            tags, caps = tags[rest], caps[rest]

    def _live(self, cur: int, alive: int) -> tuple[np.ndarray, np.ndarray]:
        """(tag, age) of every live posting."""
        age = _age(cur, self.seqs)
        live = (self.tags != 0) & (age >= 1) & (age <= alive)
        return self.tags[live], age[live]

    def maybe_grow(self, cur: int, alive: int) -> None:
        """Rehash into a table half as large again when the live postings exceed MAX_LOAD."""
        if self.postings <= self.MAX_LOAD * self.size:
            return
        tags, age = self._live(cur, alive)
        self._rehash(tags, np.uint32(cur & _U32) - age.astype(np.uint32), self.grown(self.size))

    def _rehash(self, tags: np.ndarray, seqs: np.ndarray, size: int) -> None:
        """Place every posting anew in a table of at least `size` slots (grown until each
        posting lies within WINDOW of its home)."""
        while True:
            home = self._home(tags, self._scale_of(size))
            order = np.argsort(home, kind="stable")
            h = home[order]
            # linear probing of sorted homes: each posting goes to max(home, previous slot + 1)
            rank = np.arange(len(h), dtype=np.int64)
            slots = np.maximum.accumulate(h - rank) + rank if len(h) else h
            if not len(h) or ((slots - h).max() < self.WINDOW and slots.max() < size + self.WINDOW):
                break
            size = self.grown(size)
        self._alloc(size)
        self.tags[slots] = tags[order]
        self.seqs[slots] = seqs[order]
        self.postings = len(tags)

    def bulk_insert(self, tags: np.ndarray, caps: np.ndarray, seqs: np.ndarray, cur: int,
                    alive: int, postings: int) -> None:
        """Add many postings (rows restored from the changelog) with one sort and one rehash
        instead of one `insert` per row: the same live postings as inserting them in seq order
        (each key keeps its newest `cap`, the smallest cap of its new postings; keys with no new
        posting keep theirs), in a table sized as the incremental growth would size it for
        `postings` (the live rows' key counts)."""
        old_tags, old_age = self._live(cur, alive)
        t = np.concatenate([old_tags, tags.astype(np.uint32)])
        age = np.concatenate([old_age, cur - seqs.astype(np.int64)])
        cap = np.concatenate([np.full(len(old_tags), np.iinfo(np.uint16).max, np.uint16),
                              np.minimum(caps, np.iinfo(np.uint16).max).astype(np.uint16)])
        # one sort by (tag, age): a key's postings become a run, newest first
        order = np.argsort((t.astype(np.uint64) << np.uint64(32)) | age.astype(np.uint64))
        t, age, cap = t[order], age[order], cap[order]
        del order
        n = len(t)
        start = np.ones(n, dtype=bool)
        start[1:] = t[1:] != t[:-1]
        dup = np.zeros(n, dtype=bool)  # one row's key twice (32-bit tag clash): one posting
        dup[1:] = ~start[1:] & (age[1:] == age[:-1])
        first = np.flatnonzero(start)
        gid = np.cumsum(start) - 1
        rank = np.cumsum(~dup) - 1
        rank -= rank[first][gid]
        keep = ~dup
        if n:
            keep &= rank < np.minimum.reduceat(cap, first)[gid]
        t, age = t[keep], age[keep]
        size = self.size
        while postings > self.MAX_LOAD * size:
            size = self.grown(size)
        self._rehash(t, np.uint32(cur & _U32) - age.astype(np.uint32), size)
        self.postings = postings


class RowRing:
    """Remembered rows in arrival order; seq -> slot `seq % capacity`."""

    GROWTH = 1.5

    def __init__(self, num_perm: int, max_features: int, max_figures: int, capacity: int = 256
                 ) -> None:
        self.num_perm, self.max_features, self.max_figures = num_perm, max_features, max_figures
        self.first = 0
        """oldest live seq"""
        self.next = 0
        """seq of the next row"""
        self._alloc(capacity)

    def _alloc(self, cap: int) -> None:
        self.cap = cap
        self.ts = np.zeros(cap, np.float64)
        self.story_ts = np.zeros(cap, np.float64)
        self.exact = np.zeros(cap, np.uint64)
        self.url_key = np.zeros(cap, np.uint64)
        self.position = np.zeros(cap, np.uint64)
        self.sig = np.zeros((cap, self.num_perm), np.uint8)
        self.features = np.zeros((cap, self.max_features), np.uint32)
        self.nfeatures = np.zeros(cap, np.uint8)
        self.figures = np.zeros((cap, self.max_figures), np.uint16)
        self.nfigures = np.zeros(cap, np.uint8)
        self.night = np.zeros(cap, np.int32)
        self.shingles = np.zeros(cap, np.uint32)
        self.revision = np.zeros(cap, np.uint16)
        self.verdict = np.zeros(cap, np.uint8)
        self.nkeys = np.zeros(cap, np.uint8)
        self.similarity = np.zeros(cap, np.float32)
        self.ids = np.full(cap, None, dtype=object)
        self.duplicate_of = np.full(cap, None, dtype=object)
        self.story = np.full(cap, None, dtype=object)

    _COLUMNS = ("ts", "story_ts", "exact", "url_key", "position", "sig", "features", "nfeatures",
                "figures", "nfigures", "night", "shingles", "revision", "verdict", "nkeys", "similarity",
                "ids", "duplicate_of", "story")

    def __len__(self) -> int:
        return self.next - self.first

    def nbytes(self) -> int:
        return sum(getattr(self, c).nbytes for c in self._COLUMNS)

    def slot(self, seqs: np.ndarray | int) -> np.ndarray | int:
        return seqs % self.cap

    def append(self, row: Row, nkeys: int) -> int:
        if len(self) == self.cap:
            self._grow()
        seq = self.next
        i = seq % self.cap
        self.ts[i], self.story_ts[i], self.exact[i] = row.ts, row.story_ts, row.exact
        self.url_key[i], self.position[i] = row.url_key, row.position
        self.sig[i] = row.sig[: self.num_perm]
        nf, nn = min(len(row.features), self.max_features), min(len(row.figures), self.max_figures)
        self.features[i, :nf] = row.features[:nf]
        self.nfeatures[i] = nf
        self.figures[i, :nn] = row.figures[:nn]
        self.nfigures[i] = nn
        self.night[i] = row.night
        self.shingles[i], self.revision[i], self.verdict[i] = row.shingles, row.revision, row.verdict
        self.nkeys[i], self.similarity[i] = nkeys, row.similarity
        self.ids[i], self.duplicate_of[i], self.story[i] = row.article_id, row.duplicate_of, row.story_id
        self.next += 1
        return seq

    def _grow(self) -> None:
        old = {c: getattr(self, c) for c in self._COLUMNS}
        src = np.arange(self.first, self.next, dtype=np.int64) % self.cap
        self._alloc(max(256, int(self.cap * self.GROWTH)))
        dst = np.arange(self.first, self.next, dtype=np.int64) % self.cap
        for c, a in old.items():
            getattr(self, c)[dst] = a[src]

    def row(self, seq: int) -> Row:
        """Materialise one row (for the few candidates a decision looks at)."""
        i = seq % self.cap
        nf, nn = int(self.nfeatures[i]), int(self.nfigures[i])
        return Row(self.ids[i], int(self.url_key[i]), float(self.ts[i]), float(self.story_ts[i]),
                   int(self.exact[i]), self.sig[i], np.zeros(0, np.uint32), self.features[i, :nf],
                   self.figures[i, :nn], int(self.night[i]), int(self.shingles[i]), int(self.revision[i]),
                   int(self.verdict[i]), self.duplicate_of[i], float(self.similarity[i]),
                   self.story[i], int(self.position[i]))

    def pop_expired(self, cutoff: float) -> np.ndarray:
        """Drop rows from the tail while they arrived before `cutoff`; returns their slots."""
        start = self.first
        while self.first < self.next and self.ts[self.first % self.cap] < cutoff:
            n = min(1024, self.next - self.first)
            idx = np.arange(self.first, self.first + n) % self.cap
            keep = np.nonzero(self.ts[idx] >= cutoff)[0]
            self.first += int(keep[0]) if len(keep) else n
        return np.arange(start, self.first) % self.cap

    def release(self, idx: np.ndarray) -> None:
        """Let go of the expired rows' strings (memory stays flat)."""
        self.ids[idx] = None
        self.duplicate_of[idx] = None
        self.story[idx] = None


class Store:
    """RowRing + KeyIndex, with expiry by arrival time over `horizon_s`."""

    def __init__(self, horizon_s: float, num_perm: int, max_features: int, max_figures: int,
                 track_expired: bool = False) -> None:
        self.horizon_s = horizon_s
        self.rows = RowRing(num_perm, max_features, max_figures)
        self.index = KeyIndex()
        self.clock = -math.inf
        self.expired_total = 0
        self.track_expired = track_expired
        self.expired: list[tuple[str, int]] = []
        """(article id, revision) of expired rows not yet drained (changelog tombstones)"""

    def __len__(self) -> int:
        return len(self.rows)

    def nbytes(self) -> int:
        """numpy bytes of the ring and the index (tracemalloc in the bench counts everything)."""
        return self.rows.nbytes() + self.index.nbytes()

    def find(self, tags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(query index, row seq) of every live row holding one of the tags."""
        return self.index.find(tags, self.rows.next, len(self.rows))

    def probe(self, tags: np.ndarray, caps: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """`find`, plus the slots where the tags would go if the next row were added under them
        (one gather for both: the decision looks up every key it will then store)."""
        return self.index.probe(tags, caps, self.rows.next, len(self.rows))

    def add(self, row: Row, tags: np.ndarray, caps: np.ndarray, slots: np.ndarray | None = None
            ) -> int:
        """Remember a row under its key tags (at `slots` if a `probe` since the last add planned
        them); returns how many rows expired as a consequence."""
        self.clock = max(self.clock, row.ts)
        if len(set(tags.tolist())) != len(tags):
            tags, first = np.unique(tags, return_index=True)
            caps, slots = caps[first], None
        alive = len(self.rows)
        seq = self.rows.append(row, len(tags))
        self.index.place(tags, caps, seq, alive, slots)
        self.index.postings += len(tags)
        self.index.maybe_grow(self.rows.next, len(self.rows))
        return self.expire()

    def append_unindexed(self, row: Row) -> int:
        """Remember a row without index postings yet (restore: `index_rows` adds them in bulk);
        returns its seq."""
        self.clock = max(self.clock, row.ts)
        seq = self.rows.append(row, 0)
        self.expire()
        return seq

    def index_rows(self, tags: np.ndarray, caps: np.ndarray, seqs: np.ndarray) -> None:
        """Postings for rows added by `append_unindexed` (seqs ascending, all live, newer than
        every indexed row). Few rows: inserted one by one; many: one bulk rebuild."""
        rows = self.rows
        if not len(seqs):
            return
        starts = np.flatnonzero(np.diff(seqs, prepend=seqs[0] - 1))
        counts = np.diff(starts, append=len(seqs))
        row_seqs = seqs[starts]
        rows.nkeys[rows.slot(row_seqs)] = np.minimum(counts, 255)
        self.index.postings += int(counts.sum())
        if len(seqs) * 8 < self.index.postings:  # few: the table is sized already
            for a, n, seq in zip(starts.tolist(), counts.tolist(), row_seqs.tolist(), strict=True):
                t, first = np.unique(tags[a:a + n], return_index=True)
                self.index.insert(t, caps[a:a + n][first], seq, seq - rows.first)
            self.index.maybe_grow(rows.next, len(rows))
            return
        self.index.bulk_insert(tags, caps, seqs, rows.next, len(rows), self.index.postings)

    def expire(self, now: float | None = None) -> int:
        """Drop rows that arrived more than the horizon before `now` (default: the newest row)."""
        now = self.clock if now is None else now
        if not len(self.rows) or self.rows.ts[self.rows.first % self.rows.cap] >= now - self.horizon_s:
            return 0
        idx = self.rows.pop_expired(now - self.horizon_s)
        dropped = len(idx)
        self.expired_total += dropped
        self.index.postings -= int(self.rows.nkeys[idx].sum())
        if self.track_expired:
            self.expired.extend(zip(self.rows.ids[idx].tolist(), self.rows.revision[idx].tolist(),
                                    strict=True))
        self.rows.release(idx)
        return dropped

    def drain_expired(self) -> list[tuple[str, int]]:
        """Expired (article id, revision) since the last call."""
        out, self.expired = self.expired, []
        return out
