"""32-bit index tags of an article's keys (store.py's KeyIndex holds tags, never raw keys).

The tags that depend only on the text (exact hash, LSH bands, story features) are computed in
the parallel fingerprint stage of the service (`TextKeys`, called by the Fingerprinter) and travel
in the `DedupCandidate`, so the single ordered decision stage only adds the id/URL tags and picks
the features to look up (which depends on its document frequencies).
"""

from __future__ import annotations

import numpy as np

_M64 = 0xFFFFFFFFFFFFFFFF
# Distinct salts keep the key kinds (id, URL, exact, band i, feature) apart in one key space.
SALT_ID, SALT_URL, SALT_EXACT, SALT_FEATURE = (
    0x243F6A8885A308D3, 0x13198A2E03707344, 0xA4093822299F31D0, 0x082EFA98EC4E6C89)
_SALT_BAND = np.uint64(0x452821E638D01377)
_SALT_FEATURE32 = np.uint32(SALT_FEATURE & 0xFFFFFFFF)
_ONE = np.uint32(1)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised: spreads salted keys over the whole 64-bit space."""
    with np.errstate(over="ignore"):
        x = x.astype(np.uint64)
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def tag(value: int, salt: int) -> int:
    """32-bit index tag (never 0, which marks an empty slot) of one salted Python int key."""
    x = (value ^ salt) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return ((x ^ (x >> 31)) >> 32) or 1


def tags_of(values: np.ndarray, salt: int) -> np.ndarray:
    """`tag` of many uint64 keys at once (same values)."""
    with np.errstate(over="ignore"):
        mixed = mix64(values.astype(np.uint64) ^ np.uint64(salt & _M64))
    return np.maximum((mixed >> np.uint64(32)).astype(np.uint32), _ONE)


def feature_tags(features: np.ndarray) -> np.ndarray:
    """Index tags of story features: their hashes are uniform already, a salt sets them apart."""
    return np.maximum(features.astype(np.uint32) ^ _SALT_FEATURE32, _ONE)


class TextKeys:
    """The stateless tags of a fingerprint, for an LSH of `bands` x `rows_per_band`."""

    def __init__(self, bands: int, rows_per_band: int) -> None:
        self.bands, self.rows_per_band = bands, rows_per_band
        rng = np.random.default_rng(20240601)
        self._band_mult = rng.integers(1, 2**63, size=(bands, rows_per_band),
                                       dtype=np.uint64) | np.uint64(1)
        self._band_salts = (mix64(_SALT_BAND + np.arange(bands, dtype=np.uint64))
                            >> np.uint64(32)).astype(np.uint32)

    def band_tags(self, hashvalues: np.ndarray) -> np.ndarray:
        """One tag per LSH band: multiply-shift hash of the band's values (random odd 64-bit
        multipliers: the high half of the sum depends on every bit of every value), salted per band."""
        used = hashvalues[: self.bands * self.rows_per_band].astype(np.uint64)
        with np.errstate(over="ignore"):
            mixed = (used.reshape(self.bands, self.rows_per_band) * self._band_mult).sum(axis=1)
        return np.maximum((mixed >> np.uint64(32)).astype(np.uint32) ^ self._band_salts, _ONE)

    def of(self, exact: int, hashvalues: np.ndarray, features: np.ndarray) -> np.ndarray:
        """[exact tag, band tags..., feature tags in `features` order] (uint32)."""
        return np.concatenate([np.array([tag(exact, SALT_EXACT)], dtype=np.uint32),
                               self.band_tags(hashvalues), feature_tags(features)])

    def fits(self, keys: np.ndarray, n_features: int) -> bool:
        """Were these keys made for this LSH shape and these features (a candidate from a worker
        with another configuration is re-keyed by the decision stage)?"""
        return len(keys) == 1 + self.bands + n_features
