"""Scoring of `strikewatch eval extract`, checked on hand-computed cases (no real extractor)."""

from __future__ import annotations

import argparse
import json
import sys
import types
from pathlib import Path

import pytest

from schemas.extraction import Entity, Evidence, Extraction, StrikeClaim
from services.offline import extraction_eval as ev


def claim(measure="launched", value=10, *, attacker="RU", weapon_class="drones", model=None,
          qualifier="exact", period=None, date="2025-07-09", locations=(), ref=False) -> dict:
    return ev.normalise_claim({
        "attacker": attacker, "measure": measure, "weapon_class": weapon_class,
        "weapon_model": model, "value": value, "qualifier": qualifier,
        "scope": "period_total" if period else "single_attack",
        "period": {"start": period[0], "end": period[1]} if period else None,
        "date": None if period else date, "locations": list(locations), "is_reference": ref,
    })


def test_counts_ratios_hand_computed():
    c = ev.Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(6 / 9)
    assert (c.gold, c.predicted) == (5, 4)


def test_counts_undefined_ratios_are_none_not_zero():
    empty = ev.Counts()
    assert (empty.precision, empty.recall, empty.f1) == (None, None, None)
    only_misses = ev.Counts(fn=2)
    assert only_misses.precision is None
    assert only_misses.recall == 0.0
    assert only_misses.f1 == 0.0


def test_matching_is_one_to_one():
    gold = [claim(value=5)]
    pred = [claim(value=5), claim(value=5)]
    assert ev.match_claims(gold, pred) == [(0, 0)]
    scores = ev.score_claims(gold, pred)
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (1, 1, 0)


def test_matching_prefers_candidate_with_same_locations():
    gold = [claim("killed", 2, weapon_class=None, locations=["Kyiv"]),
            claim("killed", 2, weapon_class=None)]
    pred = [claim("killed", 2, weapon_class=None), claim("killed", 2, weapon_class=None, locations=["Kyiv"])]
    assert ev.match_claims(gold, pred) == [(0, 1), (1, 0)]
    assert ev.score_claims(gold, pred).locations.correct == 2


def test_matching_prefers_candidate_agreeing_on_strict_fields():
    gold = [claim(value=7, date="2025-07-09")]
    pred = [claim(value=7, date="2025-07-08"), claim(value=7, date="2025-07-09")]
    assert ev.match_claims(gold, pred) == [(0, 1)]


@pytest.mark.parametrize("field_change", [
    {"attacker": "UA"}, {"measure": "intercepted"}, {"weapon_class": "missiles"}, {"value": 11},
    {"ref": True},
])
def test_any_match_field_difference_means_no_match(field_change):
    kwargs = {"measure": "launched", "value": 10, "attacker": "RU", "weapon_class": "drones", "ref": False}
    kwargs.update(field_change)
    measure, value = kwargs.pop("measure"), kwargs.pop("value")
    scores = ev.score_claims([claim()], [claim(measure, value, **kwargs)])
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (0, 1, 1)


def test_per_measure_counts_hand_computed():
    gold = [claim("launched", 10), claim("intercepted", 8)]
    pred = [claim("launched", 10), claim("lost", 8)]
    scores = ev.score_claims(gold, pred)
    assert (scores.by_measure["launched"].tp, scores.by_measure["launched"].fp) == (1, 0)
    assert (scores.by_measure["intercepted"].tp, scores.by_measure["intercepted"].fn) == (0, 1)
    assert (scores.by_measure["lost"].fp, scores.by_measure["lost"].gold) == (1, 0)
    overall = scores.overall
    assert (overall.precision, overall.recall, overall.f1) == (0.5, 0.5, 0.5)


def test_strict_score_and_accuracies_on_matched_claims():
    gold = [claim("launched", 10, date="2025-07-09"),
            claim("killed", 3, weapon_class=None, qualifier="at_least"),
            claim("launched", 900, period=("2025-07-01", "2025-07-31"))]
    pred = [claim("launched", 10, date="2025-07-08"),             # wrong date
            claim("killed", 3, weapon_class=None, qualifier="exact"),  # wrong qualifier
            claim("launched", 900, period=("2025-07-01", "2025-07-30"))]  # wrong period end
    scores = ev.score_claims(gold, pred)
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (3, 0, 0)
    strict = scores.strict_overall
    assert (strict.tp, strict.fp, strict.fn) == (1, 2, 2)  # only the period total is strict-equal
    assert (scores.date.correct, scores.date.total) == (2, 3)
    assert (scores.scope.correct, scores.scope.total) == (3, 3)
    assert (scores.period.correct, scores.period.total) == (0, 1)


def test_scope_accuracy_counts_wrong_scope():
    gold = [claim("launched", 900, period=("2025-07-01", "2025-07-31"))]
    pred = [claim("launched", 900, date=None)]
    scores = ev.score_claims(gold, pred)
    assert (scores.scope.correct, scores.scope.total) == (0, 1)
    assert (scores.period.correct, scores.period.total) == (0, 1)


def test_entity_scores_hand_computed():
    gold = {("place", "Kyiv"), ("person", "Volodymyr Zelenskyy")}
    pred = {("place", "Kyiv"), ("place", "Kiev")}
    scores = ev.score_entities(gold, pred)
    assert (scores["place"].tp, scores["place"].fp, scores["place"].fn) == (1, 1, 0)
    assert (scores["person"].tp, scores["person"].fn) == (0, 1)
    total = ev._total(scores.values())
    assert (total.precision, total.recall) == (0.5, 0.5)


def test_entity_keys_collapse_mentions_and_accept_models():
    ents = [Entity(type="place", name="Kyiv", text="Kiev", start=0, end=4),
            Entity(type="place", name="Kyiv", text="Kyiv", start=10, end=14)]
    assert ev.entity_keys(ents) == {("place", "Kyiv")}


def test_normalise_claim_same_for_model_and_json():
    model = StrikeClaim(attacker="RU", measure="launched", weapon_class="drones", value=728,
                        date="2025-07-09", evidence=Evidence(text="728 drones", start=0, end=10))
    from_json = ev.normalise_claim(json.loads(model.model_dump_json()))
    assert ev.normalise_claim(model) == from_json
    assert from_json["date"] == "2025-07-09" and from_json["qualifier"] == "exact"


def test_report_accumulates_articles_and_lists_errors():
    report = ev.Report()
    kyiv, lviv = {"type": "place", "name": "Kyiv"}, {"type": "place", "name": "Lviv"}
    killed = claim("killed", 2, weapon_class=None)
    gold1 = {"entities": [kyiv], "strikes": [killed]}
    gold2 = {"entities": [], "strikes": [claim("launched", 5), claim("intercepted", 4)]}
    report.add_article("a1", gold1, [killed], [kyiv])
    report.add_article("a2", gold2, [claim("launched", 5), claim("launched", 99)], [lviv])
    overall = report.claims.overall
    assert (overall.tp, overall.fp, overall.fn) == (2, 1, 1)
    assert report.entities_overall.tp == 1 and report.entities_overall.fp == 1
    assert [e.article_id for e in report.errors] == ["a2"]
    assert report.errors[0].missed_claims[0]["measure"] == "intercepted"
    data = report.as_dict()
    assert data["articles"] == 2
    assert data["claims"]["overall"]["f1"] == pytest.approx(2 * 2 / (4 + 1 + 1))
    table = ev.render_table(report)
    assert "overall" in table and "killed" in table and "date accuracy" in table


def _tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "n1.json").write_text(json.dumps({
        "id": "n1", "url": "https://example.org/a", "title": "t",
        "text": "Russia launched 50 drones overnight.", "published": "2025-07-09T09:00:00+03:00"}))
    (corpus / "n1.gold.json").write_text(json.dumps({
        "entities": [{"type": "place", "name": "Russia"}],
        "strikes": [{"attacker": "RU", "measure": "launched", "weapon_class": "drones", "weapon_model": None,
                     "value": 50, "qualifier": "exact", "scope": "single_attack", "period": None,
                     "date": "2025-07-09", "locations": [], "is_reference": False}]}))
    return corpus


def test_main_runs_an_extractor_over_a_corpus(tmp_path, monkeypatch, capsys):
    corpus = _tiny_corpus(tmp_path)

    def fake_extract(article):  # stands in for the real extractor: answers "50 launched" always
        return Extraction(
            article_id=article.id,
            entities=[Entity(type="place", name="Russia", text="Russia", start=0, end=6)],
            strikes=[StrikeClaim(attacker="RU", measure="launched", weapon_class="drones", value=50,
                                 date="2025-07-09", evidence=Evidence(text="x", start=0, end=1)),
                     StrikeClaim(attacker="RU", measure="launched", weapon_class="drones", value=7,
                                 date="2025-07-09", evidence=Evidence(text="x", start=0, end=1))])

    module = types.ModuleType("services.extraction.extractor")
    module.extract = fake_extract
    monkeypatch.setitem(sys.modules, "services.extraction.extractor", module)
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    assert ev.main(parser.parse_args(["--corpus", str(corpus), "--json"])) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"]["overall"]["tp"] == 1 and data["claims"]["overall"]["fp"] == 1
    assert data["claims"]["overall"]["precision"] == 0.5
    assert data["entities"]["overall"]["f1"] == 1.0


def test_main_says_clearly_when_extractor_is_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "services.extraction.extractor", None)  # import raises ImportError
    parser = argparse.ArgumentParser()
    ev.add_arguments(parser)
    assert ev.main(parser.parse_args(["--corpus", str(_tiny_corpus(tmp_path))])) == 2
    assert "extractor is not available" in capsys.readouterr().err


def test_corpus_paths_skip_gold_files(tmp_path):
    corpus = _tiny_corpus(tmp_path)
    assert [p.name for p in ev.corpus_article_paths(corpus)] == ["n1.json"]
    assert ev.gold_path_for(corpus / "n1.json").name == "n1.gold.json"
