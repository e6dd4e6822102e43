"""The dedup decision: exact duplicate, near-duplicate, revision or unique, plus a story id.

Pure logic (no Kafka): the service, the offline CLI, the evaluation and the benchmark all drive
this one class, so they cannot disagree.

Order of checks for an article (id, URL, text):
1. same source position seen before -> a replay after a restart: the stored verdict is returned
   again and nothing flows on (idempotent under at-least-once delivery);
2. same id or URL seen before -> same text: `duplicate` of itself (a re-fetch); changed text:
   `revision` n+1 if the earlier version flowed on (corrected figures matter), else re-judged;
3. same normalised text as a remembered article that flowed on -> `duplicate`;
4. MinHash LSH candidates (band keys) whose estimated Jaccard >= threshold -> `near_duplicate`
   of the most similar;
5. otherwise `unique`. Story: the story of the matched article for 2-4; for a unique article,
   the story of the recent article sharing the most (rarity-weighted) numbers and names, if the
   overlap is strong enough, else a new story named after the article.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import MinHashLSH

from schemas.article import Article
from schemas.dedup import Verdict
from services.dedup.fingerprint import Fingerprint, Fingerprinter, stable_hash64
from services.dedup.store import NO_KEY, Row, Store

VERDICT_CODES: dict[Verdict, int] = {
    Verdict.UNIQUE: 0, Verdict.DUPLICATE: 1, Verdict.NEAR_DUPLICATE: 2, Verdict.REVISION: 3,
}
CODE_VERDICTS = {v: k for k, v in VERDICT_CODES.items()}
FLOWING = {VERDICT_CODES[Verdict.UNIQUE], VERDICT_CODES[Verdict.REVISION]}
DAY_S = 86400.0
_MASK64 = np.uint64(0xFFFFFFFFFFFFFFFF)
# Distinct salts keep the key kinds (id, URL, exact, band i, feature) apart in one key space.
_SALT_ID, _SALT_URL, _SALT_EXACT, _SALT_FEATURE = (np.uint64(s) for s in (
    0x243F6A8885A308D3, 0x13198A2E03707344, 0xA4093822299F31D0, 0x082EFA98EC4E6C89))
_SALT_BAND = np.uint64(0x452821E638D01377)


def _mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised: spreads salted keys over the whole 64-bit space."""
    with np.errstate(over="ignore"):
        x = x.astype(np.uint64)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


@dataclass(frozen=True)
class DedupConfig:
    """Tuning knobs (defaults measured on tests/data/dedup with `strikewatch eval dedup`)."""

    threshold: float = 0.5
    """estimated Jaccard of word shingles at or above which an article is a near-duplicate"""
    num_perm: int = 128
    shingle_size: int = 3
    lsh_weights: tuple[float, float] = (0.2, 0.8)
    """(false-positive, false-negative) weights for datasketch's LSH parameter optimiser"""
    horizon_s: float = 7 * DAY_S
    segments: int = 7
    numbers_min_overlap: float = 0.5
    """near-duplicates must share this fraction of the smaller text's numbers"""
    story_window_s: float = 3 * DAY_S
    story_min_score: float = 0.5
    story_min_shared: int = 3
    story_features_kept: int = 8
    story_query_features: int = 24
    story_candidates_per_key: int = 16
    df_slots: int = 1 << 18
    buffer_rows: int = 2048


@dataclass(frozen=True)
class Decision:
    """The verdict for one article (what goes to `dedup.verdicts`)."""

    article_id: str
    verdict: Verdict
    duplicate_of: str | None
    similarity: float | None
    story_id: str
    revision: int
    replay: bool = False
    row: Row | None = None
    """the row remembered for this decision (None for replays and re-fetches)"""

    @property
    def flows(self) -> bool:
        """True when the article goes on to `articles.unique` (first versions and revisions)."""
        return not self.replay and self.verdict in (Verdict.UNIQUE, Verdict.REVISION)


def numbers_agree(a: np.ndarray, b: np.ndarray, min_overlap: float) -> bool:
    """Do two texts report the same figures? Republications keep (a subset of) the numbers;
    the same template filled with another night's figures does not. Vacuously true without
    numbers on either side."""
    if not len(a) or not len(b):
        return True
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / min(len(a), len(b)) >= min_overlap


def _ts(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()


class Deduplicator:
    """Remembers articles for `horizon_s` and decides on each new one."""

    def __init__(self, config: DedupConfig | None = None, *, track_expired: bool = False) -> None:
        self.config = c = config or DedupConfig()
        self.fingerprinter = Fingerprinter(num_perm=c.num_perm, shingle_size=c.shingle_size)
        # datasketch's optimiser picks bands x rows for the threshold; we keep its parameters and
        # store band keys compactly ourselves (see store.py for why not its dict storage).
        params = MinHashLSH(threshold=c.threshold, num_perm=c.num_perm, weights=c.lsh_weights)
        self.bands, self.rows_per_band = params.b, params.r
        rng = np.random.default_rng(20240601)
        self._band_mult = rng.integers(1, 2**63, size=(self.bands, self.rows_per_band),
                                       dtype=np.uint64) | np.uint64(1)
        self._band_salts = _mix64(_SALT_BAND + np.arange(self.bands, dtype=np.uint64))
        self.store = Store(c.horizon_s, c.segments, c.buffer_rows, track_expired=track_expired)
        self._df = np.zeros(c.df_slots, dtype=np.uint32)
        self._docs = 0
        self._df_period: int | None = None

    # ---- keys ---------------------------------------------------------------------------------
    def band_keys(self, hashvalues: np.ndarray) -> np.ndarray:
        """One uint64 key per LSH band of a MinHash."""
        used = hashvalues[: self.bands * self.rows_per_band].astype(np.uint64)
        with np.errstate(over="ignore"):
            mixed = (used.reshape(self.bands, self.rows_per_band) * self._band_mult).sum(axis=1)
        return _mix64(mixed ^ self._band_salts)

    @staticmethod
    def _key(value: int, salt: np.uint64) -> int:
        return int(_mix64(np.array([value], dtype=np.uint64) ^ salt)[0])

    def _row_keys(self, row: Row) -> np.ndarray:
        keys = [self._key(stable_hash64(row.article_id), _SALT_ID)]
        if row.url_key != NO_KEY:
            keys.append(self._key(row.url_key, _SALT_URL))
        base = np.array(keys, dtype=np.uint64)
        if row.verdict not in FLOWING:
            return base
        exact = np.array([self._key(row.exact, _SALT_EXACT)], dtype=np.uint64)
        feats = _mix64(row.features ^ _SALT_FEATURE)
        return np.concatenate([base, exact, row.bands, feats])

    # ---- story features weighting ---------------------------------------------------------------
    def _idf(self, feats: np.ndarray) -> np.ndarray:
        df = self._df[(feats % np.uint64(self.config.df_slots)).astype(np.int64)]
        return np.log((self._docs + 2.0) / (df + 1.0))

    def _count_df(self, feats: np.ndarray, ts: float) -> None:
        period = self.store.period_of(ts)
        if self._df_period is not None and period > self._df_period:  # decay: recent counts matter
            self._df >>= np.uint32(min(period - self._df_period, 31))
            self._docs >>= min(period - self._df_period, 31)
        self._df_period = period if self._df_period is None else max(self._df_period, period)
        if len(feats):
            np.add.at(self._df, (feats % np.uint64(self.config.df_slots)).astype(np.int64), 1)
        self._docs += 1

    # ---- lookups --------------------------------------------------------------------------------
    def _find(self, keys: np.ndarray, cap: int = 64) -> list[Row]:
        out: list[Row] = []
        for seg in self.store.segments():
            _, rows = seg.find(keys, cap)
            for i in dict.fromkeys(rows.tolist()):
                out.append(seg.row(i))
        return out

    def _best_near(self, fp_sig16: np.ndarray, bands: np.ndarray, numbers: np.ndarray,
                   exclude: str | None) -> tuple[Row | None, float]:
        best: Row | None = None
        best_sim = -1.0
        for seg in self.store.segments():
            _, rows = seg.find(bands, 64)
            if not len(rows):
                continue
            rows = np.unique(rows)
            sims = (seg.sig16(rows) == fp_sig16).mean(axis=1)
            order = np.argsort(-sims, kind="stable")
            for j in order.tolist():
                if sims[j] <= best_sim:
                    break
                row = seg.row(int(rows[j]))
                if (row.article_id == exclude or row.verdict not in FLOWING
                        or not numbers_agree(numbers, row.numbers, self.config.numbers_min_overlap)):
                    continue
                best, best_sim = row, float(sims[j])
                break
        chance = 2.0 ** -16  # correction for chance agreement of 16-bit values
        return best, max(0.0, (best_sim - chance) / (1 - chance)) if best else 0.0

    def _story_for(self, features: np.ndarray, story_ts: float) -> str | None:
        c = self.config
        if not len(features):
            return None
        idf = self._idf(features)
        top = features[np.argsort(-idf, kind="stable")[: c.story_query_features]]
        qkeys = _mix64(top ^ _SALT_FEATURE)
        feature_idf = dict(zip(features.tolist(), idf.tolist(), strict=True))
        best_story, best_score = None, 0.0
        for seg in self.store.segments():
            qi, rows = seg.find(qkeys, c.story_candidates_per_key)
            if not len(rows):
                continue
            uniq, counts = np.unique(rows, return_counts=True)
            for i in uniq[counts >= c.story_min_shared].tolist():
                row = seg.row(int(i))
                if row.verdict not in FLOWING or abs(story_ts - row.story_ts) > c.story_window_s:
                    continue
                row_idf = self._idf(row.features)
                shared = [f in feature_idf for f in row.features.tolist()]
                total = float(row_idf.sum())
                score = float(row_idf[shared].sum()) / total if total > 0 else 0.0
                if score >= c.story_min_score and score > best_score:
                    best_story, best_score = row.story_id, score
        return best_story

    # ---- the decision ---------------------------------------------------------------------------
    def fingerprint(self, article: Article) -> Fingerprint:
        """The stateless part (parallel in the service)."""
        return self.fingerprinter.fingerprint(article.title, article.text)

    def decide(self, article: Article, fp: Fingerprint | None = None, position: str | None = None
               ) -> Decision:
        """Decide on one article and remember it; `position` ("topic/partition/offset") makes
        replays of the same record idempotent."""
        fp = fp or self.fingerprint(article)
        c = self.config
        arrival = _ts(article.fetched_at) or 0.0
        story_ts = _ts(article.published_at) or arrival
        pos = stable_hash64(position) if position else 0
        url_key = stable_hash64(article.url) if article.url else NO_KEY
        sig16 = fp.hashvalues.astype(np.uint16)
        bands = self.band_keys(fp.hashvalues)

        id_keys = [self._key(stable_hash64(article.id), _SALT_ID)]
        if url_key != NO_KEY:
            id_keys.append(self._key(url_key, _SALT_URL))
        previous = [r for r in self._find(np.array(id_keys, dtype=np.uint64))
                    if r.article_id == article.id or (url_key != NO_KEY and r.url_key == url_key)]
        if pos and (replayed := next((r for r in previous if r.position == pos), None)):
            return Decision(article.id, CODE_VERDICTS[replayed.verdict], replayed.duplicate_of,
                            None if math.isnan(replayed.similarity) else replayed.similarity,
                            replayed.story_id, replayed.revision, replay=True)
        revision = 0
        latest: Row | None = None
        if previous:
            latest = max(previous, key=lambda r: (r.revision, r.ts))
            if latest.exact == fp.exact:  # a re-fetch of the same text: nothing new to remember
                return Decision(article.id, Verdict.DUPLICATE, latest.article_id, 1.0,
                                latest.story_id, latest.revision)
            revision = latest.revision + 1
            if latest.verdict in FLOWING:
                sim = float((latest.sig16 == sig16).mean())
                return self._remember(article, fp, Verdict.REVISION, latest.article_id, sim,
                                      latest.story_id, revision, arrival, story_ts, pos, url_key,
                                      sig16, bands)

        exact_key = np.array([self._key(fp.exact, _SALT_EXACT)], dtype=np.uint64)
        same = [r for r in self._find(exact_key) if r.exact == fp.exact and r.verdict in FLOWING
                and r.article_id != article.id]
        if same:
            orig = same[0]
            return self._remember(article, fp, Verdict.DUPLICATE, orig.article_id, 1.0, orig.story_id,
                                  revision, arrival, story_ts, pos, url_key, sig16, bands)
        near, sim = self._best_near(sig16, bands, fp.numbers, exclude=article.id)
        if near is not None and sim >= c.threshold:
            return self._remember(article, fp, Verdict.NEAR_DUPLICATE, near.article_id, sim,
                                  near.story_id, revision, arrival, story_ts, pos, url_key,
                                  sig16, bands)
        if latest is not None:  # an earlier version was a duplicate; this one is new content
            return self._remember(article, fp, Verdict.REVISION, latest.article_id,
                                  float((latest.sig16 == sig16).mean()), latest.story_id, revision,
                                  arrival, story_ts, pos, url_key, sig16, bands)
        story = self._story_for(fp.features, story_ts) or article.id
        return self._remember(article, fp, Verdict.UNIQUE, None, None, story, 0, arrival, story_ts,
                              pos, url_key, sig16, bands)

    def _remember(self, article: Article, fp: Fingerprint, verdict: Verdict, duplicate_of: str | None,
                  similarity: float | None, story_id: str, revision: int, arrival: float,
                  story_ts: float, pos: int, url_key: int, sig16: np.ndarray, bands: np.ndarray
                  ) -> Decision:
        flowing = verdict in (Verdict.UNIQUE, Verdict.REVISION)
        kept = np.zeros(0, dtype=np.uint64)
        if flowing and len(fp.features):
            idf = self._idf(fp.features)
            kept = fp.features[np.argsort(-idf, kind="stable")[: self.config.story_features_kept]]
            self._count_df(fp.features, arrival)
        row = Row(article.id, url_key, arrival, story_ts, fp.exact, sig16,
                  bands if flowing else np.zeros(0, dtype=np.uint64), kept,
                  fp.numbers if flowing else np.zeros(0, dtype=np.uint32), fp.shingles, revision,
                  VERDICT_CODES[verdict], duplicate_of,
                  math.nan if similarity is None else similarity, story_id, pos)
        self.add_row(row)
        sim = None if similarity is None else round(min(1.0, max(0.0, similarity)), 4)
        return Decision(article.id, verdict, duplicate_of, sim, story_id, revision, row=row)

    # ---- memory ---------------------------------------------------------------------------------
    def add_row(self, row: Row) -> int:
        """Remember a row (a new decision or one restored from the changelog); returns expired."""
        row.keys = self._row_keys(row)
        return self.store.add(row)

    def restore(self, row: Row) -> None:
        """Re-remember a row read back from the changelog (also re-counts its story features)."""
        if row.verdict in FLOWING and len(row.features):
            self._count_df(row.features, row.ts)
        self.add_row(row)

    def __len__(self) -> int:
        return len(self.store)

    @property
    def expired_total(self) -> int:
        return self.store.expired_total
