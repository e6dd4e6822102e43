"""Which brokers `make bench` runs on, and the one line when Apache Kafka cannot run here."""

from __future__ import annotations

import pytest

from bench.brokers import parse_args, plan, skip_line


def _never() -> str | None:
    raise AssertionError("Kafka's tools were probed although Kafka is not wanted")


def test_arguments_default_to_both_brokers_and_keep_quick_and_only() -> None:
    args = parse_args([])
    assert (args.broker, args.quick, args.only) == ("both", False, None)
    args = parse_args(["--broker", "kafka", "--quick", "--only", "dedup"])
    assert (args.broker, args.quick, args.only) == ("kafka", True, "dedup")


def test_an_unknown_broker_is_refused() -> None:
    with pytest.raises(SystemExit):
        parse_args(["--broker", "redpanda"])


def test_both_runs_tansu_then_kafka_when_kafka_can_run() -> None:
    assert plan("both", None, lambda: None) == (["tansu", "kafka"], "")
    assert plan("kafka", None, lambda: None) == (["kafka"], "")
    assert plan("tansu", None, _never) == (["tansu"], "")


def test_kafka_bootstrap_servers_means_that_broker_only() -> None:
    for choice in ("both", "kafka", "tansu"):
        assert plan(choice, "10.0.0.5:9092", _never) == (["env"], "")


def test_without_java_both_runs_tansu_only_and_says_why_in_one_line() -> None:
    brokers, line = plan("both", None, lambda: "no `java` on PATH: --engine kafka needs it")
    assert brokers == ["tansu"]
    assert line == "Apache Kafka skipped: no `java` on PATH: --engine kafka needs it; running Tansu only"
    assert "\n" not in line


def test_kafka_alone_without_java_runs_nothing() -> None:
    brokers, line = plan("kafka", None, lambda: "no `mvn` on PATH")
    assert brokers == [] and line.startswith("Apache Kafka skipped: no `mvn` on PATH;")


def test_skip_line_keeps_the_first_line_of_a_long_reason() -> None:
    assert skip_line("could not start: boom\nstack...") == (
        "Apache Kafka skipped: could not start: boom; running Tansu only")
    assert skip_line("") == "Apache Kafka skipped: unknown reason; running Tansu only"
