"""The dedup decision: exact duplicate, near-duplicate, revision or unique, plus a story id.

Pure logic (no Kafka): the service, the offline CLI, the evaluation and the benchmark all drive
this one class, so they cannot disagree.

Order of checks for an article (id, URL, text):
1. same source position seen before -> a replay after a restart: the stored verdict is returned
   again and nothing flows on (idempotent under at-least-once delivery);
2. same id or URL seen before -> same text: `duplicate` of itself (a re-fetch); changed text:
   `revision` n+1 if the earlier version flowed on (corrected figures matter), else re-judged;
   a version published before the one that flowed on is a `duplicate` of it (an out-of-order
   arrival must not undo a correction: the fault suite saw a 62 replace its corrected 71);
3. same normalised text as a remembered article that flowed on, about the same night ->
   `duplicate` (a source's overnight report can repeat word for word on another day);
4. MinHash LSH candidates (band keys) whose estimated Jaccard >= threshold, that state the same
   figures (one figure sequence within the other) about the same night -> `near_duplicate` of the
   most similar (figures.py: a daily template filled with another night's figures is not one);
5. otherwise `unique`. Story: the story of the matched article for 2-4; for a unique article,
   the story of the recent article about the same night sharing the most (rarity-weighted)
   numbers and names, if the overlap is strong enough, else a new story named after the article.

Speed and size (bench/bench_dedup.py): every key a decision needs (id, URL, exact hash, LSH bands,
the article's rarest story features) is looked up in ONE vectorised probe of the store's hash
index, and candidates are scored on the store's numpy columns, so a decision costs the same with
10k or 1M remembered articles. Similarity is estimated from 128 MinHash values kept at 8 bits each
(b-bit MinHash, corrected for the 1/256 chance agreement): as accurate as 64 full values at a
quarter of their bytes. The LSH bands use the first `lsh_perm` values with the band/row split
datasketch's optimiser picks for the threshold (15 bands x 3 rows at 64): half as many index keys
as 128 permutations would need, for the same candidate probability around the threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import MinHashLSH

from schemas.article import Article
from schemas.dedup import Verdict
from services.dedup.figures import FIGURES_KEPT, NO_NIGHT, figures_agree, same_night
from services.dedup.fingerprint import Fingerprint, Fingerprinter, stable_hash64
from services.dedup.keys import (
    SALT_EXACT,
    SALT_ID,
    SALT_URL,
    TextKeys,
    feature_tags,
    tag,
    tags_of,
)
from services.dedup.store import NO_KEY, Row, Store

VERDICT_CODES: dict[Verdict, int] = {
    Verdict.UNIQUE: 0, Verdict.DUPLICATE: 1, Verdict.NEAR_DUPLICATE: 2, Verdict.REVISION: 3,
}
CODE_VERDICTS = {v: k for k, v in VERDICT_CODES.items()}
FLOWING = {VERDICT_CODES[Verdict.UNIQUE], VERDICT_CODES[Verdict.REVISION]}
_UNIQUE, _REVISION = VERDICT_CODES[Verdict.UNIQUE], VERDICT_CODES[Verdict.REVISION]
DAY_S = 86400.0
_CHANCE = 1 / 256  # two unrelated 8-bit MinHash values agree by chance
# Newest postings kept per key: versions of one URL, flowing copies of one text, articles in one
# LSH bucket (candidates; only the best few are ever needed). Features: DedupConfig.
ID_CAP, EXACT_CAP, BAND_CAP = 16, 4, 16
STORY_PYTHON_MAX = 64
"""story candidates up to which scoring runs as plain Python loops (numpy above)"""


@dataclass(frozen=True)
class DedupConfig:
    """Tuning knobs (defaults measured on tests/data/dedup with `strikewatch eval dedup`)."""

    threshold: float = 0.5
    """estimated Jaccard of word shingles at or above which an article is a near-duplicate"""
    num_perm: int = 128
    """MinHash values per article (kept at 8 bits each for the similarity estimate)"""
    lsh_perm: int = 64
    """of which the first ones feed the LSH bands (datasketch's optimiser picks bands x rows)"""
    shingle_size: int = 3
    lsh_weights: tuple[float, float] = (0.2, 0.8)
    """(false-positive, false-negative) weights for datasketch's LSH parameter optimiser"""
    horizon_s: float = 7 * DAY_S
    df_halving_s: float = DAY_S
    """story feature document frequencies halve every period: recent counts matter"""
    story_window_s: float = 3 * DAY_S
    story_min_score: float = 0.5
    story_min_shared: int = 3
    story_features_kept: int = 8
    story_query_features: int = 16
    """rarest features a decision looks up (real wire articles have 25-85; 16 keep every story
    figure of the eval at 1.000, as do 8, and cut ~7% of the decision on 50-feature articles)"""
    story_candidates_per_key: int = 16
    df_slots: int = 1 << 18


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


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard from two 8-bit MinHash signatures."""
    return _unbias(float((sig_a == sig_b).mean()))


def _unbias(agree: float) -> float:
    return max(0.0, (agree - _CHANCE) / (1 - _CHANCE))


def _ts(value: datetime | None) -> float | None:
    return None if value is None else value.timestamp()


class Deduplicator:
    """Remembers articles for `horizon_s` and decides on each new one."""

    def __init__(self, config: DedupConfig | None = None, *, track_expired: bool = False) -> None:
        self.config = c = config or DedupConfig()
        lsh_perm = min(c.lsh_perm, c.num_perm)
        params = MinHashLSH(threshold=c.threshold, num_perm=lsh_perm, weights=c.lsh_weights)
        self.bands, self.rows_per_band = params.b, params.r
        self.keys = TextKeys(self.bands, self.rows_per_band)
        self.fingerprinter = Fingerprinter(num_perm=c.num_perm, shingle_size=c.shingle_size,
                                           keys=self.keys)
        self.store = Store(c.horizon_s, c.num_perm, c.story_features_kept, FIGURES_KEPT,
                           track_expired=track_expired)
        if c.df_slots & (c.df_slots - 1):
            raise ValueError("df_slots must be a power of two")
        self._df = np.zeros(c.df_slots, dtype=np.uint32)
        self._df_mask = np.uint32(c.df_slots - 1)
        self._docs = 0
        self._df_period: int | None = None
        self._feature_cols = np.arange(c.story_features_kept)
        self._caps_cache: dict[tuple[int, int], np.ndarray] = {}
        self._restoring: int | None = None
        """seq of the first restored row not indexed yet (see `restore`)"""
        self._pending = _Pending(self.bands, c.story_features_kept)

    # ---- keys ---------------------------------------------------------------------------------
    def band_tags(self, hashvalues: np.ndarray) -> np.ndarray:
        """One uint32 index tag per LSH band of a MinHash (from the full 32-bit values)."""
        return self.keys.band_tags(hashvalues)

    def _caps(self, n_id: int, n_feat: int) -> np.ndarray:
        """Newest-postings caps of a query's tags: id/URL, exact, bands, kept features, and no cap
        for the features only looked up."""
        key = (n_id, n_feat)
        if (caps := self._caps_cache.get(key)) is None:
            kept = min(n_feat, self.config.story_features_kept)
            caps = np.concatenate([np.full(n_id, ID_CAP), [EXACT_CAP], np.full(self.bands, BAND_CAP),
                                   np.full(kept, self.config.story_candidates_per_key),
                                   np.full(n_feat - kept, np.iinfo(np.int64).max)]).astype(np.int64)
            self._caps_cache[key] = caps
        return caps

    def _id_tags(self, article_id: str, url_key: int) -> list[int]:
        tags = [tag(stable_hash64(article_id), SALT_ID)]
        if url_key != NO_KEY:
            tags.append(tag(url_key, SALT_URL))
        return tags

    def _row_tags(self, row: Row) -> tuple[np.ndarray, np.ndarray]:
        """Index tags of a row and the newest-postings cap of each."""
        ids = self._id_tags(row.article_id, row.url_key)
        if row.verdict not in FLOWING:
            return np.array(ids, dtype=np.uint32), np.full(len(ids), ID_CAP)
        tags = np.concatenate([np.array([*ids, tag(row.exact, SALT_EXACT)], dtype=np.uint32),
                               row.bands.astype(np.uint32), feature_tags(row.features)])
        caps = np.concatenate([np.full(len(ids), ID_CAP), [EXACT_CAP],
                               np.full(len(row.bands), BAND_CAP),
                               np.full(len(row.features), self.config.story_candidates_per_key)])
        return tags, caps

    # ---- story features weighting ---------------------------------------------------------------
    def _idf(self, feats: np.ndarray) -> np.ndarray:
        df = self._df[feats & self._df_mask]
        return math.log(self._docs + 2.0) - np.log1p(df)

    def _count_df(self, df_slots: np.ndarray, ts: float) -> None:
        """Count one article's features (their `_df` slots: hashes & `_df_mask`)."""
        period = math.floor(ts / self.config.df_halving_s)
        if self._df_period is not None and period > self._df_period:  # decay: recent counts matter
            self._df >>= np.uint32(min(period - self._df_period, 31))
            self._docs >>= min(period - self._df_period, 31)
        self._df_period = period if self._df_period is None else max(self._df_period, period)
        if len(df_slots):
            self._df[df_slots] += 1  # a rare slot clash counts once
        self._docs += 1

    # ---- candidates -------------------------------------------------------------------------------
    def _flowing(self, slots: np.ndarray) -> np.ndarray:
        v = self.store.rows.verdict[slots]
        return (v == _UNIQUE) | (v == _REVISION)

    def _best_near(self, sig: np.ndarray, seqs: list[int], figures: np.ndarray, night: int,
                   exclude: str) -> tuple[Row | None, float]:
        """The most similar flowing candidate at or above the threshold that states the same
        figures about the same night. Candidates below the threshold are dropped first, with one
        gather: most band hits of a unique article are 32-bit tag clashes, whose number grows with
        the memory (measured: ~1 decision in 10 at 1M remembered, 1 in 60 at 100k), and `decide` would
        reject them anyway."""
        ring = self.store.rows
        cand = np.array(sorted(set(seqs)), dtype=np.int64)
        slots = ring.slot(cand)
        agree = (ring.sig[slots] == sig).mean(axis=1)
        # the same float operations as _unbias: the same verdicts as judging each candidate
        close = np.maximum(0.0, (agree - _CHANCE) / (1 - _CHANCE)) >= self.config.threshold
        if not close.any():
            return None, 0.0
        cand, slots, agree = cand[close], slots[close], agree[close]
        ok = self._flowing(slots) & (ring.ids[slots] != exclude) & self._same_night(slots, night)
        cand, slots, agree = cand[ok], slots[ok], agree[ok]
        if not len(cand):
            return None, 0.0
        for j in np.lexsort((cand, -agree)).tolist():  # most similar first, older on ties
            i = int(slots[j])
            if figures_agree(figures, ring.figures[i, :ring.nfigures[i]]):
                return ring.row(int(cand[j])), _unbias(float(agree[j]))
        return None, 0.0

    def _same_night(self, slots: np.ndarray, night: int) -> np.ndarray:
        """Which rows report `night`: figures.same_night over the rows' nights."""
        rows_night = self.store.rows.night[slots]
        if night == NO_NIGHT:
            return np.ones(len(slots), dtype=bool)
        return (rows_night == night) | (rows_night == NO_NIGHT)

    def _story_for(self, features: np.ndarray, seqs: np.ndarray, story_ts: float, night: int
                   ) -> str | None:
        """The story of the remembered article about the same night whose rarity-weighted features
        are mostly shared."""
        c, ring = self.config, self.store.rows
        # rows hit by at least `story_min_shared` features: in the sorted hits such a row's first
        # and k-1'th-next entries are equal (a sort and one compare beat np.unique and a Counter
        # on the ~100 hits a decision sees)
        srt = np.sort(seqs)
        k = c.story_min_shared - 1
        many = srt[k:][srt[k:] == srt[:len(srt) - k]] if k > 0 else srt
        if not len(many):
            return None
        cand = sorted(set(many.tolist()))
        slots = ring.slot(np.array(cand, dtype=np.int64))
        if len(cand) > STORY_PYTHON_MAX:
            # a story is one attack: one night
            return self._story_numpy(features, slots[self._same_night(slots, night)], story_ts)
        # the usual handful: numpy's per-call cost exceeds the work, so gather the candidates'
        # columns once and score them in plain Python (same scores and ties as _story_numpy)
        feats = ring.features[slots]
        query = set(features.tolist())
        best, best_score = -1, -math.inf
        for j, (t, nt, row, weights, n) in enumerate(zip(
                ring.story_ts[slots].tolist(), ring.night[slots].tolist(), feats.tolist(),
                self._idf(feats).tolist(), ring.nfeatures[slots].tolist(), strict=True)):
            if abs(t - story_ts) > c.story_window_s or not same_night(nt, night):
                continue
            total = shared = 0.0
            for f, w in zip(row[:n], weights[:n], strict=True):
                total += w
                if f in query:
                    shared += w
            score = shared / max(total, 1e-12)
            if score > best_score:  # first (oldest) of equal scores
                best, best_score = j, score
        return ring.story[slots[best]] if best >= 0 and best_score >= c.story_min_score else None

    def _story_numpy(self, features: np.ndarray, slots: np.ndarray, story_ts: float) -> str | None:
        """`_story_for` vectorised, for many candidates."""
        c, ring = self.config, self.store.rows
        # (only flowing rows are indexed by feature: no verdict test needed)
        slots = slots[np.abs(ring.story_ts[slots] - story_ts) <= c.story_window_s]
        if not len(slots):
            return None
        feats = ring.features[slots]
        idf = self._idf(feats) * (self._feature_cols < ring.nfeatures[slots][:, None])
        shared = (feats[:, :, None] == features).any(axis=2)
        score = (idf * shared).sum(axis=1) / np.maximum(idf.sum(axis=1), 1e-12)
        best = int(np.argmax(score))  # first (oldest) of equal scores
        return ring.story[slots[best]] if score[best] >= c.story_min_score else None

    # ---- the decision ---------------------------------------------------------------------------
    def fingerprint(self, article: Article) -> Fingerprint:
        """The stateless part (parallel in the service)."""
        return self.fingerprinter.fingerprint(article.title, article.text,
                                              article.published_at or article.fetched_at)

    def decide(self, article: Article, fp: Fingerprint | None = None, position: str | None = None
               ) -> Decision:
        """Decide on one article and remember it; `position` ("topic/partition/offset") makes
        replays of the same record idempotent."""
        fp = fp or self.fingerprint(article)
        self.flush_restored()
        c = self.config
        ring = self.store.rows
        arrival = _ts(article.fetched_at) or 0.0
        story_ts = _ts(article.published_at) or arrival
        pos = stable_hash64(position) if position else 0
        url_key = stable_hash64(article.url) if article.url else NO_KEY
        sig = fp.hashvalues.astype(np.uint8)
        features = fp.features.astype(np.uint32)
        # the text's tags come from the parallel stage (recomputed if absent or of another shape)
        keys = fp.keys
        if keys is None or not self.keys.fits(keys, len(features)):
            keys = self.keys.of(fp.exact, fp.hashvalues, fp.features)
        # rarest first: idf falls as the document frequency rises, so sort the counts themselves
        df_slots = features & self._df_mask
        order = np.argsort(self._df[df_slots], kind="stable")[
            : c.story_query_features]
        top = features[order]

        # every key of the decision in one probe of the index, which also plans where the keys
        # go when the article is remembered
        id_tags = self._id_tags(article.id, url_key)
        n_id, n_band = len(id_tags), self.bands
        bands = keys[1:1 + n_band]
        query = np.concatenate([np.array(id_tags, dtype=np.uint32), keys[:1 + n_band],
                                keys[1 + n_band:][order]])
        qi, seqs, slots = self.store.probe(query, self._caps(n_id, len(top)))
        b1, b2, b3 = np.searchsorted(qi, [n_id, n_id + 1, n_id + 1 + n_band]).tolist()  # sorted
        seq_list = seqs[:b3].tolist()
        id_hits, exact_hits, band_hits = seq_list[:b1], seq_list[b1:b2], seq_list[b2:b3]
        feature_hits = seqs[b3:]

        previous = [r for r in (ring.row(s) for s in sorted(set(id_hits)))
                    if r.article_id == article.id or (url_key != NO_KEY and r.url_key == url_key)]
        if pos and (replayed := next((r for r in previous if r.position == pos), None)):
            return Decision(article.id, CODE_VERDICTS[replayed.verdict], replayed.duplicate_of,
                            None if math.isnan(replayed.similarity) else replayed.similarity,
                            replayed.story_id, replayed.revision, replay=True)
        revision = 0
        latest: Row | None = None
        kept = c.story_features_kept
        flowing_tags = (query, min(kept, len(top)), top[:kept], slots, df_slots)
        remember = (arrival, story_ts, pos, url_key, sig, bands, flowing_tags)
        if previous:
            latest = max(previous, key=lambda r: (r.revision, r.ts))
            if latest.exact == fp.exact:  # a re-fetch of the same text: nothing new to remember
                return Decision(article.id, Verdict.DUPLICATE, latest.article_id, 1.0,
                                latest.story_id, latest.revision)
            if latest.verdict in FLOWING and article.published_at is not None and story_ts < latest.story_ts:
                # an older version arriving after a newer one (feeds and inbox files do not arrive
                # in publication order): the newer one stays current, whatever the arrival order
                return Decision(article.id, Verdict.DUPLICATE, latest.article_id, similarity(latest.sig, sig),
                                latest.story_id, latest.revision)
            revision = latest.revision + 1
            if latest.verdict in FLOWING:
                return self._remember(article, fp, Verdict.REVISION, latest.article_id,
                                      similarity(latest.sig, sig), latest.story_id, revision,
                                      *remember)

        if exact_hits:
            same = np.array(sorted(set(exact_hits)), dtype=np.int64)
            slots = ring.slot(same)
            ok = ((ring.exact[slots] == np.uint64(fp.exact)) & self._flowing(slots)
                  & (ring.ids[slots] != article.id) & self._same_night(slots, fp.night))
            if ok.any():
                orig = ring.row(int(same[np.argmax(ok)]))  # the oldest flowing copy
                return self._remember(article, fp, Verdict.DUPLICATE, orig.article_id, 1.0,
                                      orig.story_id, revision, *remember)
        if band_hits:
            near, sim = self._best_near(sig, band_hits, fp.figures, fp.night, article.id)
            if near is not None and sim >= c.threshold:
                return self._remember(article, fp, Verdict.NEAR_DUPLICATE, near.article_id, sim,
                                      near.story_id, revision, *remember)
        if latest is not None:  # an earlier version was a duplicate; this one is new content
            return self._remember(article, fp, Verdict.REVISION, latest.article_id,
                                  similarity(latest.sig, sig), latest.story_id, revision, *remember)
        story = (self._story_for(features, feature_hits, story_ts, fp.night)
                 if len(feature_hits) >= c.story_min_shared else None)
        return self._remember(article, fp, Verdict.UNIQUE, None, None, story or article.id, 0,
                              *remember)

    def _remember(self, article: Article, fp: Fingerprint, verdict: Verdict, duplicate_of: str | None,
                  similarity: float | None, story_id: str, revision: int, arrival: float,
                  story_ts: float, pos: int, url_key: int, sig: np.ndarray, bands: np.ndarray,
                  flowing_tags: tuple[np.ndarray, int, np.ndarray, np.ndarray | None, np.ndarray]
                  ) -> Decision:
        """Remember the decision's row under the tags its query already computed: id/URL (+ exact,
        bands and its `story_features_kept` rarest features if it flows on: the head of the
        query's features, ranked by the same document frequencies), where the probe planned."""
        flowing = verdict in (Verdict.UNIQUE, Verdict.REVISION)
        query, n_kept, kept, slots, df_slots = flowing_tags
        n_id = 2 if url_key != NO_KEY else 1
        n = n_id + 1 + len(bands) + n_kept if flowing else n_id
        if flowing and len(df_slots):
            self._count_df(df_slots, arrival)
        if not flowing:
            kept = np.zeros(0, dtype=np.uint32)
        caps = self._caps(n_id, n_kept)[:n]
        row = Row(article.id, url_key, arrival, story_ts, fp.exact, sig,
                  bands if flowing else np.zeros(0, dtype=np.uint32), kept,
                  fp.figures if flowing else np.zeros(0, dtype=np.uint16), fp.night, fp.shingles,
                  revision,
                  VERDICT_CODES[verdict], duplicate_of,
                  math.nan if similarity is None else similarity, story_id, pos)
        self.store.add(row, query[:n], caps, None if slots is None else slots[:n])
        sim = None if similarity is None else round(min(1.0, max(0.0, similarity)), 4)
        return Decision(article.id, verdict, duplicate_of, sim, story_id, revision, row=row)

    # ---- memory ---------------------------------------------------------------------------------
    def add_row(self, row: Row) -> int:
        """Remember a row (a new decision or one restored from the changelog); returns expired."""
        self.flush_restored()
        tags, caps = self._row_tags(row)
        return self.store.add(row, tags, caps)

    def restore(self, row: Row) -> None:
        """Re-remember a row read back from the changelog, in changelog order. The row is stored
        now; its index postings and story-feature counts wait for `flush_restored` (called by the
        next decision, or by the service when recovery completes), which adds a whole recovery's
        rows with a few vectorised passes: ~10x faster than one index insert per row."""
        flowing = row.verdict in FLOWING
        if flowing and (len(row.bands) != self.bands
                        or len(row.features) > self.config.story_features_kept):
            self.flush_restored()  # a row of another configuration: the one-by-one path
            self._restore_now(row)
            return
        seq = self.store.append_unindexed(row)
        if self._restoring is None:
            self._restoring = seq
        self._pending.add(tag(stable_hash64(row.article_id), SALT_ID), row, flowing)

    def _restore_now(self, row: Row) -> None:
        if row.verdict in FLOWING and len(row.features):
            self._count_df(row.features.astype(np.uint32) & self._df_mask, row.ts)
        self.add_row(row)

    def flush_restored(self) -> None:
        """Index the rows restored since the last flush and count their story features."""
        if self._restoring is None:
            return
        p, base = self._pending, self._restoring
        self._pending, self._restoring = _Pending(self.bands, self.config.story_features_kept), None
        n = p.n
        # every restored row counts, also those that expired since (as one-by-one restores did)
        self._count_df_bulk(p.feats[:n], p.nfeat[:n], p.ts[:n], p.flowing[:n])
        ring = self.store.rows
        start = max(base, ring.first)
        k = slice(start - base, n)
        seqs = np.arange(start, ring.next, dtype=np.int64)
        slots = ring.slot(seqs)
        flow = p.flowing[k]
        fseqs = seqs[flow]
        url = ring.url_key[slots]
        has_url = url != NO_KEY
        nfeat = p.nfeat[k][flow].astype(np.int64)
        feats = p.feats[k][flow][self._feature_cols < nfeat[:, None]]
        parts = [  # (tags, seqs, cap) per key kind, as _row_tags makes them row by row
            (p.ids[k], seqs, ID_CAP),
            (tags_of(url[has_url], SALT_URL), seqs[has_url], ID_CAP),
            (tags_of(ring.exact[slots[flow]], SALT_EXACT), fseqs, EXACT_CAP),
            (p.bands[k][flow].ravel(), np.repeat(fseqs, self.bands), BAND_CAP),
            (feature_tags(feats), np.repeat(fseqs, nfeat), self.config.story_candidates_per_key),
        ]
        tags = np.concatenate([t for t, _, _ in parts]).astype(np.uint32)
        tseqs = np.concatenate([q for _, q, _ in parts])
        caps = np.concatenate([np.full(len(t), c, np.int64) for t, _, c in parts])
        order = np.argsort(tseqs, kind="stable")
        self.store.index_rows(tags[order], caps[order], tseqs[order])

    def _count_df_bulk(self, feats: np.ndarray, nfeat: np.ndarray, ts: np.ndarray,
                       flowing: np.ndarray) -> None:
        """`_count_df` over many rows in order: one bincount per decay period."""
        sel = flowing & (nfeat > 0)
        feats, nfeat, ts = feats[sel], nfeat[sel].astype(np.int64), ts[sel]
        if not len(ts):
            return
        period = np.floor(ts / self.config.df_halving_s).astype(np.int64)
        if self._df_period is not None:
            period = np.maximum(period, self._df_period)
        period = np.maximum.accumulate(period)
        bounds = [0, *(np.flatnonzero(np.diff(period)) + 1).tolist(), len(period)]
        slots_n = self.config.df_slots
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            p = int(period[a])
            if self._df_period is not None and p > self._df_period:
                self._df >>= np.uint32(min(p - self._df_period, 31))
                self._docs >>= min(p - self._df_period, 31)
            self._df_period = p
            nf = nfeat[a:b]
            slot = (feats[a:b] & self._df_mask)[self._feature_cols < nf[:, None]].astype(np.int64)
            # a rare slot clash within one row counts once, as in _count_df
            key = np.unique(np.repeat(np.arange(b - a, dtype=np.int64), nf) * slots_n + slot)
            self._df += np.bincount(key % slots_n, minlength=slots_n).astype(np.uint32)
            self._docs += b - a

    def __len__(self) -> int:
        return len(self.store)

    @property
    def expired_total(self) -> int:
        return self.store.expired_total


class _Pending:
    """What `flush_restored` needs of restored rows that the ring does not keep (or may have
    dropped by expiry): id tag, band tags, story features and arrival time, in growable columns."""

    def __init__(self, bands: int, kept: int) -> None:
        self.n = 0
        self.ids = np.zeros(0, np.uint32)
        self.bands = np.zeros((0, bands), np.uint32)
        self.feats = np.zeros((0, kept), np.uint32)
        self.nfeat = np.zeros(0, np.uint8)
        self.ts = np.zeros(0, np.float64)
        self.flowing = np.zeros(0, bool)

    def add(self, id_tag: int, row: Row, flowing: bool) -> None:
        i = self.n
        if i == len(self.ts):
            cap = max(1024, 2 * i)
            for name in ("ids", "bands", "feats", "nfeat", "ts", "flowing"):
                old = getattr(self, name)
                new = np.zeros((cap, *old.shape[1:]), old.dtype)
                new[:i] = old
                setattr(self, name, new)
        self.ids[i], self.ts[i], self.flowing[i] = id_tag, row.ts, flowing
        if flowing:
            self.bands[i] = row.bands
            nf = len(row.features)
            self.feats[i, :nf] = row.features
            self.nfeat[i] = nf
        self.n = i + 1
