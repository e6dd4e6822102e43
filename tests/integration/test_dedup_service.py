"""The dedup service on a real broker: verdicts, restart replay, two workers sharing partitions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.article import Article
from schemas.dedup import DedupVerdict, UniqueArticle
from schemas.topics import ARTICLES_RAW, ARTICLES_UNIQUE, DEDUP_DECIDE, DEDUP_VERDICTS
from services.common.article_files import load_articles
from services.runtime.broker import free_port
from tests.support.kafka_io import produce, read_models, read_raw
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration
SET = Path(__file__).resolve().parents[1] / "data" / "dedup" / "articles.jsonl"


def _labelled() -> list[tuple[Article, dict]]:
    labels = [json.loads(line)["label"] for line in SET.read_text().splitlines() if line.strip()]
    now = datetime.now(UTC)
    return [(a.model_copy(update={"fetched_at": now}), lab)
            for a, lab in zip(load_articles([SET]), labels, strict=True)]


def _story(key: str) -> list[tuple[Article, dict]]:
    return [(a, lab) for a, lab in _labelled() if lab["story"] == key]


def test_verdicts_and_no_second_unique_after_replay(kafka_bootstrap, topic_prefix, service_env, tmp_path):
    records = _story("odesa-port")
    raw, verdicts_t, unique_t = (topic_prefix + s.name for s in (ARTICLES_RAW, DEDUP_VERDICTS,
                                                                  ARTICLES_UNIQUE))
    proc = ServiceProcess("services.dedup", service_env, tmp_path / "dedup1.log")
    with proc:
        proc.wait_ready(timeout=60)
        # arrival order across partitions is arbitrary, so send in the order the labels assume:
        # the originals, then their republications, then the wire's own update
        phases = [["original", "independent"], ["exact", "near"], ["revision"]]
        sent = 0
        for kinds in phases:
            batch = [(a.id, a) for a, lab in records if lab["kind"] in kinds]
            sent += produce(kafka_bootstrap, raw, batch)
            verdicts = read_models(kafka_bootstrap, verdicts_t, DedupVerdict, sent, timeout=40)
        metrics = proc.get(int(service_env["STRIKEWATCH_WEB_PORT"]), "/metrics").text
    assert len(verdicts) == len(records)
    expected = {"original": "unique", "independent": "unique", "exact": "duplicate",
                "near": "near_duplicate", "revision": "revision"}
    by_id: dict[str, list[str]] = {}
    for v in verdicts:
        by_id.setdefault(v.article_id, []).append(str(v.verdict))
    for article, lab in records:
        assert expected[lab["kind"]] in by_id[article.id], (article.id, by_id[article.id])
    wire_story = next(v.story_id for v in verdicts if v.article_id == "odesa-port-wire")
    assert all(v.story_id == wire_story for v in verdicts)  # the independent retelling too
    uniques = read_models(kafka_bootstrap, unique_t, UniqueArticle, 3, timeout=20)
    assert sorted((u.article.id, u.revision) for u in uniques) == [
        ("odesa-port-other", 0), ("odesa-port-wire", 0), ("odesa-port-wire", 1)]
    assert 'strikewatch_dedup_verdicts_total{verdict="near_duplicate"}' in metrics

    # restart, then re-deliver every record already decided, exactly as an at-least-once replay
    # does (same source positions; the embedded broker refuses offset resets, so the records of
    # the decision topic are re-produced): same verdicts again, no second unique
    decide_t = topic_prefix + DEDUP_DECIDE.name
    seen = read_raw(kafka_bootstrap, decide_t, len(records), timeout=20)
    assert len(seen) == len(records)
    env2 = service_env | {"STRIKEWATCH_WEB_PORT": str(free_port())}
    with ServiceProcess("services.dedup", env2, tmp_path / "dedup2.log") as proc2:
        proc2.wait_ready(timeout=60)
        produce(kafka_bootstrap, decide_t, [(None, v) for v in seen])
        again = read_models(kafka_bootstrap, verdicts_t, DedupVerdict, 2 * len(records), timeout=40)
        log2 = proc2.log()
    assert len(again) >= 2 * len(records)
    assert "rebuilt from the table" in log2
    assert len(read_raw(kafka_bootstrap, unique_t, 4, timeout=5)) == 3


def test_two_workers_catch_near_duplicates_across_partitions(
    kafka_bootstrap, topic_prefix, service_env, tmp_path
):
    pairs = [(a, lab) for a, lab in _labelled() if "series" not in lab
             and (lab["kind"] == "original" and not a.id.startswith("night")
                  or a.id.endswith("-headline-drop"))]
    raw, verdicts_t = topic_prefix + ARTICLES_RAW.name, topic_prefix + DEDUP_VERDICTS.name
    env_b = service_env | {"STRIKEWATCH_WEB_PORT": str(free_port())}
    with ServiceProcess("services.dedup", service_env, tmp_path / "w1.log") as w1, \
            ServiceProcess("services.dedup", env_b, tmp_path / "w2.log") as w2:
        w1.wait_ready(timeout=60)
        w2.wait_ready(timeout=60)
        w1.wait_for_log("[^Worker]: Ready", timeout=30)
        # originals and their republications all at once, spread over the partitions
        produce(kafka_bootstrap, raw, [(a.id, a) for a, _ in pairs])
        verdicts = read_models(kafka_bootstrap, verdicts_t, DedupVerdict, len(pairs), timeout=120)  # (a rebalance first)
        # a rebalance replays what was fetched but not committed (at-least-once): repeated verdicts
        # count towards the number read, so read on until every article has one (or time is up)
        for _ in range(3):
            missing = {a.id for a, _ in pairs} - {v.article_id for v in verdicts}
            if not missing:
                break
            verdicts = read_models(kafka_bootstrap, verdicts_t, DedupVerdict,
                                   len(verdicts) + len(missing), timeout=30)
        logs = w1.log() + w2.log()
    assert len(verdicts) >= len(pairs), logs[-3000:]
    first = {}
    for v in verdicts:  # a rebalance may replay a record: its verdict is repeated, never changed
        assert first.setdefault(v.article_id, v).verdict == v.verdict
    assert set(first) == {a.id for a, _ in pairs}
    # arrival order across partitions is arbitrary: per story, exactly one of the two is unique
    # and the other is caught as its near-duplicate
    for story in {lab["story"] for _, lab in pairs}:
        ids = [a.id for a, lab in pairs if lab["story"] == story]
        verdicts_of = sorted(str(first[i].verdict) for i in ids)
        assert verdicts_of == ["near_duplicate", "unique"], (story, [first[i] for i in ids])
        dup = next(first[i] for i in ids if str(first[i].verdict) == "near_duplicate")
        assert dup.duplicate_of in ids and dup.duplicate_of != dup.article_id


def test_templated_nightly_reports_keep_every_night(kafka_bootstrap, topic_prefix, service_env, tmp_path):
    """Issue 18 on the broker: consecutive Air Force and MoD nights in one wording all flow on,
    and their republications are caught as copies of the right night."""
    series = [(a, lab) for a, lab in _labelled()
              if lab.get("series") == "mixed-30" and lab["night"] <= "2026-06-06"]
    raw, verdicts_t = topic_prefix + ARTICLES_RAW.name, topic_prefix + DEDUP_VERDICTS.name
    with ServiceProcess("services.dedup", service_env, tmp_path / "dedup.log") as proc:
        proc.wait_ready(timeout=60)
        sent = 0
        for kind in ("original", "republication"):  # partitions interleave: nights first
            sent += produce(kafka_bootstrap, raw, [(a.id, a) for a, lab in series if lab["kind"] == kind])
            verdicts = read_models(kafka_bootstrap, verdicts_t, DedupVerdict, sent, timeout=40)
    first: dict[str, DedupVerdict] = {}
    for v in verdicts:
        first.setdefault(v.article_id, v)
    nights = [(a, lab) for a, lab in series if lab["kind"] == "original"]
    assert len(nights) == 18
    assert all(str(first[a.id].verdict) == "unique" for a, _ in nights)
    assert len({first[a.id].story_id for a, _ in nights}) == len(nights)
    for a, lab in series:
        if lab["kind"] == "republication":
            assert first[a.id].duplicate_of == lab["of"], (a.id, first[a.id])
