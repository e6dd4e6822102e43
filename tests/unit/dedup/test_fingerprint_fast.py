"""The fingerprint's fast paths give exactly what the plain forms give (rows remembered before a
change must still match the fingerprints made after it)."""

from __future__ import annotations

import re

import numpy as np

from services.dedup.fingerprint import _CAPITALISED, Fingerprinter

TEXTS = [
    "Russia launched 52 drones at Kyiv overnight, the Air Force said.",
    "Ukraine's General Staff: O'Brien met McDonald in Odesa.\nKharkiv was hit again.",
    "Росія запустила 52 дрони по Києву, повідомили Повітряні сили. Над Одесою працювала ППО.",
    "Ёлки в Іванівці; ЄС та Ґрунт, «Дніпро»: (Запоріжжя) aBc Def-Ghi x-Yz",
    "",
]


def test_capital_word_pattern_matches_the_lookbehind_first_form() -> None:
    plain = re.compile(r"(?<!\w)[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ][\w'’-]*")
    for text in TEXTS:
        assert [(m.start(), m.group()) for m in _CAPITALISED.finditer(text)] == \
            [(m.start(), m.group()) for m in plain.finditer(text)]


def test_numpy_minhash_equals_datasketch_and_is_used() -> None:
    f = Fingerprinter()
    rng = np.random.default_rng(3)
    for n in (0, 1, 2, 500):
        values = rng.integers(0, 2**32, n, dtype=np.uint64).astype(np.uint32)
        assert np.array_equal(f.minhash_values(values), f.minhash(values).hashvalues.astype(np.uint32))
    assert f._fast is True  # datasketch's scheme still matches: the fast path is taken


def test_word_hash_cache_keeps_shingles_the_same_after_it_is_cleared() -> None:
    f = Fingerprinter()
    words = "russia launched drones at kyiv and drones at odesa".split()
    first = f.shingle_hashes(words)
    f._word_crc.clear()
    assert np.array_equal(f.shingle_hashes(words), first)
    assert np.array_equal(f.shingle_hashes(words), first)  # from the cache
