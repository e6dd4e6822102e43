"""docs/metrics.md parses and every entry follows the Prometheus naming conventions.

(The scrape of every running service against it is in tests/e2e/test_pipeline_e2e.py.)
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from tests.support.metrics_catalogue import (
    RUNTIME_SERVICES,
    SERVICES,
    Entry,
    load_catalogue,
    naming_problems,
    scrape_problems,
)


def test_catalogue_lists_every_service_and_follows_conventions():
    catalogue = load_catalogue()
    assert {s for e in catalogue.values() for s in e.services} == set(SERVICES)
    assert [p for e in catalogue.values() for p in naming_problems(e)] == []
    assert catalogue["strikewatch_consumer_lag"].labels == {"service", "topic", "partition"}
    assert catalogue["strikewatch_messages_in_total"].services == RUNTIME_SERVICES


def test_naming_rules_catch_the_usual_mistakes():
    bad = [
        Entry("strikewatch_things", "counter", frozenset(), "1", ("dedup",)),
        Entry("strikewatch_wait_milliseconds", "histogram", frozenset(), "seconds", ("dedup",)),
        Entry("strikewatch_fetches_total", "gauge", frozenset({"url"}), "1", ("dedup",)),
        Entry("strikewatch_rate", "summary", frozenset(), "ratio", ("nowhere",)),
    ]
    problems = [p for e in bad for p in naming_problems(e)]
    assert any("counters end in _total" in p for p in problems)
    assert any("not a base unit" in p for p in problems)
    assert any("only counters end in _total" in p for p in problems)
    assert any("unbounded labels ['url']" in p for p in problems)
    assert any("no summaries" in p for p in problems)
    assert any("unknown services" in p for p in problems)


def test_scrape_check_reports_missing_extra_and_wrong_labels():
    registry = CollectorRegistry()
    Counter("strikewatch_dedup_verdicts", "verdicts", ["kind"], registry=registry).labels("unique").inc()
    Gauge("strikewatch_surprise", "not catalogued", registry=registry).set(1)
    Histogram("strikewatch_dedup_similarity", "sim", registry=registry).observe(0.5)
    text = generate_latest(registry).decode()
    problems = scrape_problems("dedup", text, load_catalogue())
    assert "dedup serves strikewatch_surprise, not in docs/metrics.md for it" in problems
    assert any("strikewatch_dedup_verdicts_total: labels ['kind']" in p for p in problems)
    assert any("does not serve strikewatch_dedup_remembered_articles" in p for p in problems)
    assert not any("strikewatch_dedup_similarity" in p for p in problems)
