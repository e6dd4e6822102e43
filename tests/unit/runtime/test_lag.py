"""Consumer lag arithmetic and topic labels (the broker part is in tests/integration)."""

from __future__ import annotations

from services.runtime.lag import is_changelog, partition_lag, topic_label


def test_lag_is_end_minus_committed_and_counts_uncommitted_from_the_log_start():
    parts = [("a", 0), ("a", 1), ("a", 2)]
    lag = partition_lag(parts, committed={("a", 0): 7, ("a", 1): -1}, end={("a", 0): 10, ("a", 1): 5,
                        ("a", 2): 4}, start={("a", 1): 2, ("a", 2): 0})
    assert lag == {("a", 0): 3, ("a", 1): 3, ("a", 2): 4}


def test_lag_never_negative_and_unknown_end_left_out():
    lag = partition_lag([("a", 0), ("b", 0)], committed={("a", 0): 12}, end={("a", 0): 10}, start={})
    assert lag == {("a", 0): 0}


def test_topic_labels_are_registry_names():
    app_id = "strikewatch-aggregation-t123"
    assert topic_label("t1.articles.raw", "t1.", app_id) == "articles.raw"
    assert topic_label("t1.t1.strikewatch-aggregation-t123-claims-by-attacker", "t1.", app_id) == (
        "claims-by-attacker"
    )
    assert topic_label("strikes.claims", "", app_id) == "strikes.claims"
    assert is_changelog("strikewatch-dedup-memory-changelog") and not is_changelog("articles.raw")


def test_end_offset_is_the_larger_of_listed_and_fetched():
    from services.runtime.lag import _max_end

    assert _max_end({("a", 0): 1, ("a", 1): 9}, {("a", 0): 4}) == {("a", 0): 4, ("a", 1): 9}
