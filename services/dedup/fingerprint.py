"""What dedup needs to know about one article's text: exact hash, MinHash, story features.

Computing this is the expensive, stateless part (shingling and hashing ~500 words); the service
does it on every worker in parallel, before the single ordered decision step (see app.py).

Shingle hashing: each word is hashed once with CRC-32 (stable across processes, unlike `hash()`)
and the k words of a shingle are combined with numpy; datasketch's MinHash then applies its
permutations to those 32-bit values (its `hashfunc` is the identity). Hashing shingle strings
with datasketch's default SHA-1 costs ~4x more per article for the same estimate quality.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from datasketch import MinHash

from services.dedup.figures import read as read_figures
from services.dedup.keys import TextKeys
from services.dedup.text import content, tokens

_UINT32 = np.uint64(0xFFFFFFFF)
# Odd multipliers combining the k word hashes of a shingle (position-dependent, so order counts).
_SHINGLE_MULTIPLIERS = np.array(
    [0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C, 0xFD7046C5, 0xB55A4F09],
    dtype=np.uint64,
)
MAX_SHINGLE_SIZE = len(_SHINGLE_MULTIPLIERS)
WORD_CACHE_SIZE = 50_000
"""distinct words whose CRC-32 a fingerprinter keeps (~5 MB at most)"""


def _identity(value: int) -> int:
    return value


def stable_hash64(text: str) -> int:
    """A 64-bit hash that is the same in every process (keys of the index and of features)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass(slots=True)
class Fingerprint:
    """The dedup view of one article's text."""

    exact: int
    """64-bit hash of the normalised content: equal means the same text."""
    hashvalues: np.ndarray
    """MinHash values (uint32, num_perm) of the content's word shingles."""
    shingles: int
    features: np.ndarray
    """uint64 hashes of story features (numbers, named things), sorted unique."""
    figures: np.ndarray
    """the body's figures in text order (uint16 codes, figures.py)"""
    night: int
    """the night the body reports (figures.read; NO_NIGHT without a time)"""
    keys: np.ndarray | None = None
    """index tags of the text's keys (keys.py TextKeys.of), when the fingerprinter was given the
    LSH shape: computed here, in the parallel stage, so the ordered decision does not"""


# MurmurHash3's 32-bit finaliser, which datasketch's "affine32" scheme applies to each input
# before its permutations (a * h + b mod 2^32) and the minimum over the inputs
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def _affine32_minhash(values: np.ndarray, template: MinHash) -> np.ndarray:
    """datasketch's affine32 MinHash of uint32 `values` with `template`'s permutations."""
    if not len(values):
        return template.hashvalues.astype(np.uint32)
    s1, m1, s2, m2, s3 = _FMIX32
    hv = values.astype(np.uint32).reshape(-1, 1)
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    a, b = template.permutations
    return np.minimum(template.hashvalues, (hv * a + b).min(axis=0)).astype(np.uint32)


# ---- story features ------------------------------------------------------------------------
# Capitalised words in Latin and Cyrillic scripts (what the feeds carry).
# The "not after a word character" check comes after the capital (`(?<!\w.)` looks back past it):
# written first, as `(?<!\w)`, it ran at every position of the text, and the pattern lost re's
# fast scan for its first character (10x slower, ~0.3 ms of a ~0.9 ms fingerprint; same matches).
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ](?<!\w.)[\w'’-]*")
_STOP_CAPITALS = frozenset(
    """the a an and or but in on at of for to from by with as after before during since until while
    this that these those it its he she they we you i his her their our your there here when where what
    who which why how if than then also however meanwhile earlier later according said says mr mrs ms
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
    overnight today yesterday tomorrow night morning evening on""".split()
)
_MIN_NUMBER = 2


def story_features(title: str, body: str, words: list[str] | None = None) -> set[str]:
    """Numbers and capitalised names of an article: what independent retellings of one report share.

    Numbers keep their digits only ("1,200" and "1200" agree); names are single capitalised words
    that do not start a sentence or line (those are capitalised whatever they are), case folded.
    Rarity weighting (an online document frequency) happens at decision time.
    """
    out: set[str] = set()
    joined = f"{title}\n{body}"
    digits = {w for w in (tokens(joined) if words is None else [*tokens(title), *words]) if w.isdigit()}
    for word in digits:
        if len(word) < 10 and int(word) >= _MIN_NUMBER:
            out.add(f"n:{int(word)}")
    for m in _CAPITALISED.finditer(joined):
        word = m.group()
        before = joined[max(0, m.start() - 3):m.start()].rstrip(" \"“‘'(")
        if not before or before[-1] in ".!?:\n":
            continue
        folded = word.casefold().removesuffix("’s").removesuffix("'s").rstrip("'’")
        if len(folded) > 1 and folded not in _STOP_CAPITALS:
            out.add(f"e:{folded}")
    return out


class Fingerprinter:
    """Turns article text into a Fingerprint; configured once, shared by every article."""

    def __init__(self, num_perm: int = 128, shingle_size: int = 3, seed: int = 1,
                 keys: TextKeys | None = None) -> None:
        if not 1 <= shingle_size <= MAX_SHINGLE_SIZE:
            raise ValueError(f"shingle_size must be 1..{MAX_SHINGLE_SIZE}")
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self.keys = keys
        self._template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
        self._fast: bool | None = None
        """minhash_values may skip datasketch (decided on first use)"""
        self._word_crc: dict[str, int] = {}
        """word -> CRC-32: news repeats its words, and one hash per word was ~a quarter of a
        fingerprint; bounded by WORD_CACHE_SIZE (cleared when full)"""

    def shingle_hashes(self, words: list[str]) -> np.ndarray:
        """Distinct uint32 hashes of the k-word shingles (one shingle if the text is shorter)."""
        if not words:
            return np.zeros(0, dtype=np.uint32)
        crc = self._word_crc
        if len(crc) > WORD_CACHE_SIZE:
            crc.clear()
        for w in set(words).difference(crc):
            crc[w] = zlib.crc32(w.encode("utf-8"))
        wh = np.fromiter(map(crc.__getitem__, words), dtype=np.uint64, count=len(words))
        k = min(self.shingle_size, len(words))
        n = len(words) - k + 1
        acc = np.zeros(n, dtype=np.uint64)
        for i in range(k):
            acc = (acc + wh[i:i + n] * _SHINGLE_MULTIPLIERS[i]) & _UINT32
        return np.unique(acc.astype(np.uint32))

    def minhash(self, shingle_hashes: np.ndarray) -> MinHash:
        """datasketch MinHash of precomputed 32-bit shingle hashes."""
        m = MinHash(num_perm=self.num_perm, seed=self.seed, hashfunc=_identity,
                    permutations=self._template.permutations, scheme=self._template.scheme)
        if len(shingle_hashes):
            m.update_batch(shingle_hashes.tolist())
        return m

    def minhash_values(self, shingle_hashes: np.ndarray) -> np.ndarray:
        """The uint32 MinHash values of `minhash`, computed in numpy alone when that gives
        datasketch's values (checked once: `_affine32_matches`): its update_batch calls the hash
        function once per shingle in Python and builds a MinHash object per article."""
        if self._fast is None:
            self._fast = self._affine32_matches()
        if not self._fast:
            return self.minhash(shingle_hashes).hashvalues.astype(np.uint32)
        return _affine32_minhash(shingle_hashes, self._template)

    def _affine32_matches(self) -> bool:
        if self._template.scheme != "affine32":
            return False
        probe = np.random.default_rng(7).integers(0, 2**32, 300, dtype=np.uint64).astype(np.uint32)
        for sample in (probe, probe[:1], probe[:0]):
            expected = self.minhash(sample).hashvalues.astype(np.uint32)
            if not np.array_equal(_affine32_minhash(sample, self._template), expected):
                return False
        return True

    def fingerprint(self, title: str, text: str, published: datetime | None = None) -> Fingerprint:
        """Exact hash, MinHash, story features, figures and night of an article (title excluded
        from all but the story features: republishers rewrite headlines); `published` dates the
        night (figures.read)."""
        body = content(text) or text  # an article that is all boilerplate keeps every line
        words = tokens(body)
        shingles = self.shingle_hashes(words)
        features = story_features(title, body, words)
        figures, night = read_figures(words, published)
        exact = stable_hash64(" ".join(words))
        hashvalues = self.minhash_values(shingles)
        feature_hashes = np.array(sorted(stable_hash64(f) for f in features), dtype=np.uint64)
        return Fingerprint(
            exact=exact, hashvalues=hashvalues, shingles=len(shingles), features=feature_hashes,
            figures=figures, night=night,
            keys=None if self.keys is None else self.keys.of(exact, hashvalues, feature_hashes),
        )
