"""The held-out set (tests/data/extraction/heldout/) is well formed like the corpus: every article
has a gold file that loads, with the annotation rules the corpus test checks."""

from __future__ import annotations

import pytest

from services.common.article_files import load_articles
from services.offline.extraction_eval import (
    DEFAULT_HELDOUT,
    GOLD_SUFFIX,
    corpus_article_paths,
    gold_path_for,
    load_gold,
)

ARTICLES = corpus_article_paths(DEFAULT_HELDOUT)


def test_heldout_pairs_articles_and_gold() -> None:
    assert len(ARTICLES) >= 15
    assert {p.name for p in DEFAULT_HELDOUT.glob(f"*{GOLD_SUFFIX}")} == {gold_path_for(p).name for p in ARTICLES}
    assert all(a.published_at is not None and a.published_at.tzinfo for a in load_articles(ARTICLES))


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_heldout_gold_is_valid(path) -> None:
    gold = load_gold(gold_path_for(path))
    names = [(e.type.value, e.name) for e in gold.entities]
    assert len(names) == len(set(names))
    for claim in gold.strikes:
        if claim.scope.value == "period_total":
            assert claim.period is not None and claim.date is None
            assert claim.period.start and claim.period.end and claim.period.start <= claim.period.end
        else:
            assert claim.period is None
        if claim.measure.value in ("killed", "injured"):
            assert claim.weapon_class is None and claim.weapon_model is None
