"""The one table of a two-broker bench run: merge by row name, ratios to each broker's own
pass-through, library rows once. Pure: no broker, no clock."""

from __future__ import annotations

import math

from bench.common import CpuSampler, library_rows, passthrough_relative, ratio_row, row
from bench.table import PASSTHROUGH_ROW, merge, ratio, render


class _Ctx:
    passthrough_per_s = 1000.0
    last_cpu_ms: float | None = None


def _runs() -> dict[str, list[dict]]:
    tansu = [
        row("producer -> broker", 500, "articles/s"),
        *ratio_row("pass-through agent (reference)", 1400, _Ctx(), 10, 10),
        *library_rows([row("extraction library", 1082, "articles/s", ">= 1000")]),
        *ratio_row("dedup service", 700, _Ctx(), 10, 10),
        row("claim -> webhook latency p99", 900, "ms"),
    ]
    kafka = [
        row("producer -> broker", 4000, "articles/s"),
        *ratio_row("pass-through agent (reference)", 2000, _Ctx(), 10, 10),
        *ratio_row("dedup service", 1500, _Ctx(), 10, 10),
        row("claim -> webhook latency p99", 300, "ms"),
    ]
    return {"tansu": tansu, "kafka": kafka}


def test_ratio_is_value_over_reference_and_none_without_a_reference() -> None:
    assert ratio(700, 1400) == 0.5
    assert ratio(1, 3) == 0.333
    assert ratio(700, None) is None
    assert ratio(700, 0) is None
    assert ratio(700, float("nan")) is None
    assert ratio(float("nan"), 1400) is None


def test_ratio_row_is_one_rate_row_marked_for_the_table() -> None:
    (only,) = ratio_row("dedup service", 700, _Ctx(), 9, 10)
    assert only["name"] == "dedup service throughput on broker"
    assert only["vs_passthrough"] is True and only["notes"] == "9/10 outputs"
    assert passthrough_relative(row("x", 1, "records/s"))["vs_passthrough"] is True


def test_merge_matches_rows_by_name_and_each_broker_uses_its_own_passthrough() -> None:
    merged = {r["name"]: r for r in merge(_runs(), {"tansu": 1400, "kafka": 2000})}
    assert list(merged) == ["producer -> broker", PASSTHROUGH_ROW, "extraction library",
                            "dedup service throughput on broker", "claim -> webhook latency p99"]
    dedup = merged["dedup service throughput on broker"]["brokers"]
    assert {b: (c["value"], c["ratio"]) for b, c in dedup.items()} == {"tansu": (700, 0.5),
                                                                        "kafka": (1500, 0.75)}
    reference = merged[PASSTHROUGH_ROW]["brokers"]
    assert reference["tansu"]["ratio"] == 1.0 and reference["kafka"]["ratio"] == 1.0
    # rows that are no rate of records through a service get no ratio
    assert merged["claim -> webhook latency p99"]["brokers"]["kafka"]["ratio"] is None
    assert merged["producer -> broker"]["brokers"]["tansu"]["ratio"] is None


def test_library_rows_are_kept_once() -> None:
    merged = {r["name"]: r for r in merge(_runs(), {"tansu": 1400, "kafka": 2000})}
    lib = merged["extraction library"]
    assert lib["library"] is True and list(lib["brokers"]) == ["tansu"]


def test_a_failed_passthrough_leaves_that_brokers_ratios_empty_not_the_others() -> None:
    merged = {r["name"]: r for r in merge(_runs(), {"tansu": None, "kafka": 2000})}
    dedup = merged["dedup service throughput on broker"]["brokers"]
    assert dedup["tansu"]["ratio"] is None and dedup["kafka"]["ratio"] == 0.75


def test_a_row_only_one_broker_reported_is_blank_under_the_other() -> None:
    runs = _runs()
    runs["kafka"].append(row("bench_page FAILED", 0, "-", notes="TimeoutError: x"))
    merged = merge(runs, {"tansu": 1400, "kafka": 2000})
    text = render(merged, ["tansu", "kafka"])
    failed = next(line for line in text.splitlines() if line.startswith("bench_page FAILED"))
    assert failed.split()[3:7] == ["-", "-", "0.000", "-"]
    assert failed.endswith("TimeoutError: x")


def test_render_has_a_value_and_a_ratio_column_per_broker() -> None:
    merged = merge(_runs(), {"tansu": 1400, "kafka": 2000})
    lines = render(merged, ["tansu", "kafka"]).splitlines()
    assert lines[0].split()[:7] == ["benchmark", "unit", "tansu", "/pt", "kafka", "/pt", "target"]
    dedup = next(line for line in lines if line.startswith("dedup service"))
    assert dedup.split()[-6:-2] == ["700.000", "0.50", "1,500.000", "0.75"]
    lib = next(line for line in lines if line.startswith("extraction library"))
    assert "lib" in lib.split() and "1,082.000" in lib and lib.count(".000") == 1


def test_notes_that_differ_between_brokers_are_named_by_broker() -> None:
    runs = {"tansu": [row("s", 1, "records/s", notes="9/10 outputs")],
            "kafka": [row("s", 2, "records/s", notes="10/10 outputs")]}
    assert merge(runs, {})[0]["notes"] == "tansu: 9/10 outputs; kafka: 10/10 outputs"
    runs["kafka"][0]["notes"] = "9/10 outputs"
    assert merge(runs, {})[0]["notes"] == "9/10 outputs"


def test_render_one_broker_and_non_finite_values() -> None:
    merged = merge({"tansu": [row("x throughput", math.nan, "records/s")]}, {"tansu": 10})
    text = render(merged, ["tansu"])
    assert "nan" in text.splitlines()[2]


def test_ratio_row_notes_the_service_cpu_per_output_when_measured() -> None:
    ctx = _Ctx()
    ctx.last_cpu_ms = 1.234
    (only,) = ratio_row("dedup service", 700, ctx, 10, 10)
    assert only["notes"] == "10/10 outputs; service CPU 1.23 ms/output"


def test_cpu_sampler_reads_the_cpu_spent_between_two_moments() -> None:
    sampler = CpuSampler(None)
    sampler.samples = [(10.0, 1.0), (11.0, 1.5), (12.0, 2.5), (13.0, 3.0)]
    assert sampler.between(11.2, 12.5) == 1.5  # from the sample before the start to the one after the end
    assert sampler.between(9.0, 12.0) is None  # no sample before the start
