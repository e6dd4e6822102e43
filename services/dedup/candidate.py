"""Fingerprint <-> DedupCandidate (the record between the parallel and the ordered step)."""

from __future__ import annotations

import base64

import numpy as np

from schemas.article import Article
from schemas.dedup import DedupCandidate
from services.dedup.fingerprint import Fingerprint


def _b64(a: np.ndarray, dtype: str) -> str:
    return base64.b64encode(a.astype(dtype).tobytes()).decode("ascii")


def _arr(s: str, dtype: str, out: type) -> np.ndarray:
    return np.frombuffer(base64.b64decode(s), dtype=dtype).astype(out)


def to_candidate(article: Article, fp: Fingerprint, position: str) -> DedupCandidate:
    return DedupCandidate(
        article=article, position=position, exact=fp.exact, shingles=fp.shingles,
        hashvalues_b64=_b64(fp.hashvalues, "<u4"), features_b64=_b64(fp.features, "<u8"),
        figures_b64=_b64(fp.figures, "<u2"), night=fp.night,
        keys_b64=None if fp.keys is None else _b64(fp.keys, "<u4"),
    )


def fingerprint_of(c: DedupCandidate) -> Fingerprint:
    return Fingerprint(
        exact=c.exact, hashvalues=_arr(c.hashvalues_b64, "<u4", np.uint32), shingles=c.shingles,
        features=_arr(c.features_b64, "<u8", np.uint64),
        figures=_arr(c.figures_b64, "<u2", np.uint16), night=c.night,
        keys=None if c.keys_b64 is None else _arr(c.keys_b64, "<u4", np.uint32),
    )
