"""The fault suite's rules for lost and duplicated, and its poison records, without a stack."""

from __future__ import annotations

import json
from collections import Counter

from faults.__main__ import table
from faults.compare import Outcome, compare
from faults.poison import KINDS, LARGE_EVERY, is_refused_by_broker, poison_records
from schemas.article import Article


def _clean() -> Outcome:
    return Outcome(articles={"a", "b", "c"}, verdicts=Counter(a=1, b=1, c=1), uniques=Counter(a=1, b=1),
                   days={"d1", "d2"}, webhooks=Counter(w1=1))


def test_a_run_equal_to_the_clean_one_lost_and_duplicated_nothing():
    verdict = compare(_clean(), _clean())
    assert (verdict.lost, verdict.duplicated, verdict.details) == (0, 0, ())


def test_lost_counts_articles_without_verdict_differing_days_and_poison_not_dead_lettered():
    run = _clean()
    run.verdicts = Counter(a=2, b=1)  # c has none (a twice is at-least-once, not a loss)
    run.days = {"d1", "d2 changed"}
    run.poison_sent, run.poison_refused, run.dead_letters = 10, 2, 7
    verdict = compare(run, _clean())
    assert verdict.lost == 1 + 1 + 1
    assert any("1 articles without a verdict: c" in d for d in verdict.details)
    assert any("1 of 2 day rows differ" in d for d in verdict.details)


def test_an_article_the_run_never_received_is_lost_too():
    run = _clean()
    run.articles, run.verdicts = {"a", "b"}, Counter(a=1, b=1)  # c never reached articles.raw
    assert compare(run, _clean()).lost == 1
    assert compare(run).lost == 0  # without a clean run only what the run shows by itself


def test_a_scenario_check_adds_what_it_missed_to_lost_and_what_broke_to_broken():
    run = _clean()
    run.missed = ["alert x-firing never delivered"]
    run.broken = ["outside/victim.txt was written", "huge-night.txt: no dead letter"]
    verdict = compare(run, _clean())
    assert (verdict.lost, verdict.duplicated, verdict.broken) == (1, 0, 2)
    assert "outside/victim.txt was written" in verdict.details


def test_duplicated_counts_repeated_webhook_ids_and_names_repeated_uniques():
    run = _clean()
    run.uniques = Counter(a=3, b=1, c=1)  # c new (1 is fine), a twice more
    run.webhooks = Counter(w1=2, w2=1)
    verdict = compare(run, _clean())
    assert verdict.duplicated == 1
    assert "2 articles published on articles.unique again (not counted)" in verdict.details


def test_poison_covers_every_kind_is_seeded_and_never_an_article():
    records = list(poison_records(2 * LARGE_EVERY))
    assert records == list(poison_records(2 * LARGE_EVERY))
    kinds = {key.removeprefix("poison-").rsplit("-", 1)[0] for key, _ in records}
    assert kinds == {*KINDS, "near_limit", "megabytes"}
    for _, value in records:
        try:
            Article.model_validate_json(value)
        except ValueError:
            continue
        raise AssertionError(f"a poison record is a valid article: {value[:80]!r}")
    large = [v for k, v in records if "megabytes" in k]
    assert large and all(is_refused_by_broker(v) for v in large)
    assert not any(is_refused_by_broker(v) for k, v in records if "megabytes" not in k)


def test_the_table_lines_up():
    text = table([("tansu", "clean", "0", "0", "0", "0", "18.7 s", "3.3 s")])
    lines = text.splitlines()
    assert lines[0].startswith("| broker | scenario | lost |")
    assert len({len(line) for line in lines}) == 1
    assert json.dumps(lines)  # plain text
