"""The shipped extraction corpus: every article has a well-formed gold file that obeys the
annotation conventions of tests/data/extraction/README.md."""

from __future__ import annotations

import json

import pytest

from services.common.article_files import load_articles
from services.offline.extraction_eval import (
    DEFAULT_CORPUS,
    GOLD_SUFFIX,
    corpus_article_paths,
    gold_path_for,
    load_gold,
)

ARTICLES = corpus_article_paths(DEFAULT_CORPUS)
CASUALTY_MEASURES = {"killed", "injured"}


def test_corpus_is_big_enough():
    assert len(ARTICLES) >= 45


def test_every_article_has_gold_and_every_gold_has_article():
    gold_files = {p.name for p in DEFAULT_CORPUS.glob(f"*{GOLD_SUFFIX}")}
    expected = {gold_path_for(p).name for p in ARTICLES}
    assert gold_files == expected


def test_articles_load_with_file_ids_and_timezone():
    articles = load_articles(ARTICLES, id_policy="file")
    assert [a.id for a in articles] == [p.stem for p in ARTICLES]
    for article, path in zip(articles, ARTICLES, strict=True):
        assert article.published_at is not None, path.name
        assert len(article.text) >= 500, path.name
        raw_published = json.loads(path.read_text())["published"]
        assert raw_published[-6] in "+-" or raw_published.endswith("Z"), f"{path.name}: no timezone"


@pytest.mark.parametrize("path", ARTICLES, ids=[p.stem for p in ARTICLES])
def test_gold_file_is_valid(path):
    gold = load_gold(gold_path_for(path))  # enums, StrictInt values, ISO dates, no unknown keys
    names = [(e.type.value, e.name) for e in gold.entities]
    assert len(names) == len(set(names)), "duplicate entity"
    assert all(e.name.strip() == e.name and e.name for e in gold.entities)
    places = {e.name for e in gold.entities if e.type.value == "place"}
    weapons = {e.name for e in gold.entities if e.type.value == "weapon"}
    for claim in gold.strikes:
        assert claim.value >= 0
        if claim.scope.value == "period_total":
            assert claim.period is not None and claim.date is None, claim
            assert claim.period.start and claim.period.end and claim.period.start <= claim.period.end
        else:
            assert claim.period is None, claim
        if claim.measure.value in CASUALTY_MEASURES:
            assert claim.weapon_class is None and claim.weapon_model is None, claim
        else:
            assert claim.weapon_class is not None, claim
        if claim.weapon_model is not None:
            assert claim.weapon_model in weapons, f"{claim.weapon_model} is not among the weapon entities"
        assert set(claim.locations) <= places, f"{claim.locations} not among the place entities"
