"""The end-to-end proof: the whole stack as processes on a real broker, watched by a real Prometheus.

One run per broker (`stack` fixture): on the session's broker (Apache Kafka where java + mvn or
Docker exist, tests/support/broker.py), then once more on the embedded Tansu, the default engine
of `make run`, so both stay proven (skipped when the session broker is Tansu already). Each run:
the webhook receiver, dedup, extraction, aggregation and alerting start with the run's topic
prefix and consumer groups, then Prometheus (Debian's package;
config generated from deploy/prometheus/local.yml), then the feed producer with a copy of
samples/inbox, the two sample feeds and a few bad files; two more bad records go straight to
`articles.raw`. The alerting service signs with a fresh whsec_ secret and delivers to the stack's
receiver and to a recorder of this test, so signatures are verified here with `standardwebhooks`.

The run is over when the expected alerts of samples/README.md arrived, every consumer group has
committed everything (`strikewatch_consumer_lag` all 0 on every service's /metrics) and dedup has
read every record sent. Then each test checks one promise of issue 6; `pytest -s` prints the
value every dashboard panel query returned.
"""

from __future__ import annotations

import base64
import json
import logging
import shutil
import subprocess
import time
from collections.abc import Iterator

import httpx
import pytest
from kafka import KafkaConsumer, TopicPartition
from prometheus_client.parser import text_string_to_metric_families
from pytest_httpserver import HTTPServer
from standardwebhooks.webhooks import Webhook

from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW, TOPICS
from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics
from tests.support.dashboard import load_dashboard, panel_queries
from tests.support.kafka_io import produce
from tests.support.metrics_catalogue import load_catalogue, scrape_problems
from tests.support.processes import ROOT
from tests.support.stack import FAUST_SERVICES, LOCAL_CONFIG, RULES, SERVICES, Stack, new_webhook_secret

pytestmark = pytest.mark.e2e

# samples/README.md, "Expected alerts": what the sample timeline must raise, and nothing else.
EXPECTED_FIRING = {
    ("drones_spike", "2026-11-16"),
    ("drones_record_90d", "2026-11-16"),
    ("cruise_mass_launch", "2026-11-16"),
    ("drones_spike", "2026-11-18"),
}
# Bad input: unreadable inbox files (the producer dead-letters them) ...
BAD_FILES = {
    "zz-truncated.json": b'{"url": "https://wire.example/x", "title": "Cut',
    "zz-not-utf8.txt": b"date 2026-11-01\nNight report\n\n\xff\xfe\xfa drones\n",
    "zz-no-body.txt": b"date 2026-11-01\n\n\n",
}
# ... and records that are not Articles, produced straight to articles.raw (dedup dead-letters them).
BAD_RECORDS = {
    "bad-raw-json": b"{not json",
    "bad-raw-model": json.dumps({"id": "bad-raw-model", "feed": "wire"}).encode(),
}
HAS_PROMETHEUS = shutil.which("prometheus") is not None and shutil.which("promtool") is not None
needs_prometheus = pytest.mark.skipif(
    not HAS_PROMETHEUS,
    reason="prometheus/promtool not installed and not installable here (deploy/ensure-test-tools.sh "
           "installs Debian's `prometheus` package in `make test` when run as root or with sudo)",
)
SETTLE_TIMEOUT = 120.0
QUIET_S = 6.0


def _firing(payloads: list[dict]) -> set[tuple[str, str]]:
    return {(p["data"]["rule"], p["data"]["date"]) for p in payloads if p["data"]["status"] == "firing"}


def _emitted(stack: Stack) -> float:
    return sum(s.value for f in text_string_to_metric_families(stack.metrics_text("feed_producer"))
               for s in f.samples if s.name == "strikewatch_articles_emitted_total")


@pytest.fixture(scope="module", params=["session-broker", "tansu"])
def stack(
    request: pytest.FixtureRequest, session_broker: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict]:
    if request.param == "tansu":
        if session_broker[1] == "tansu":
            pytest.skip("the session broker is Tansu: the run on it proved the default engine")
        bootstrap = request.getfixturevalue("tansu_bootstrap")
    else:
        bootstrap = session_broker[0]
    root = tmp_path_factory.mktemp("e2e")
    prefix = f"e2e{int(time.time() * 1000) % 10**9}."
    create_topics(bootstrap, prefix=prefix)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the recorder's access log
    recorder = HTTPServer(host="127.0.0.1", port=free_port())
    recorder.expect_request("/hook", method="POST").respond_with_data("", status=204)
    recorder.start()
    run = Stack(bootstrap, prefix, root, new_webhook_secret(), recorder.url_for("/hook"),
                with_prometheus=HAS_PROMETHEUS)
    inbox = {p.name: p.read_bytes() for p in (ROOT / "samples" / "inbox").iterdir()} | BAD_FILES
    started = time.monotonic()
    try:
        run.start()
        up = time.monotonic() - started
        run.feed(inbox)
        produce(bootstrap, prefix + ARTICLES_RAW.name, list(BAD_RECORDS.items()))
        deadline = time.monotonic() + SETTLE_TIMEOUT
        lag, read, last, quiet_since = None, 0.0, -1.0, time.monotonic()
        while time.monotonic() < deadline:
            payloads = [json.loads(r.get_data()) for r, _ in list(recorder.log)]
            lag, read, moved = run.progress()
            if moved != last:
                last, quiet_since = moved, time.monotonic()
            # idle for longer than the lag probe's 5 s period, so a lag of 0 is a fresh one
            if (_firing(payloads) >= EXPECTED_FIRING and lag == 0 and time.monotonic() - quiet_since > QUIET_S
                    and read >= _emitted(run) + len(BAD_RECORDS)):
                break
            time.sleep(0.5)
        settled = time.monotonic() - started
        time.sleep(2.5)  # two more scrapes, so Prometheus holds the final values
        print(f"\n[e2e] {request.param} ({bootstrap}): stack up in {up:.1f}s, settled after {settled:.1f}s "
              f"(lag {lag}, dedup read {read:.0f})")
        yield {"stack": run, "recorder": recorder, "settled": settled}
    finally:
        codes = run.stop()
        recorder.stop()
        print(f"[e2e] stopped (exit codes {codes}) after {time.monotonic() - started:.1f}s")


def test_the_expected_alerts_arrive_signed(stack):
    run: Stack = stack["stack"]
    requests = [request for request, _ in stack["recorder"].log]
    verifier = Webhook(run.secret)
    payloads = [verifier.verify(r.get_data(), dict(r.headers)) for r in requests]  # raises if unsigned
    assert _firing(payloads) == EXPECTED_FIRING, f"{_firing(payloads)}\n{run.logs()}"
    ids = {r.headers["webhook-id"] for r in requests}

    # the stack's own receiver verified and kept the same alerts
    kept = [json.loads(line) for line in (run.root / "received.jsonl").read_text().splitlines()]
    assert {row["webhook_id"] for row in kept} == ids
    # and refuses a body that does not match its signature
    forged = requests[0]
    headers = {k: v for k, v in forged.headers.items() if k.lower().startswith("webhook-")}
    answer = httpx.post(f"http://127.0.0.1:{run.ports['webhook_receiver']}/webhook",
                        content=forged.get_data().replace(b"firing", b"resolved"), headers=headers)
    assert answer.status_code == 401


@pytest.mark.parametrize(("event_id", "marker", "launched", "intercepted"), [
    ("RU-2026-11-19", "Повітряні сили", 93, 79),  # the Air Force's post, in Ukrainian
    ("UA-2026-11-17", "Минобороны России", None, 201),  # the MoD's post, in Russian
])
def test_primary_sources_in_their_own_languages_count_as_official(stack, event_id, marker, launched, intercepted):
    """samples/inbox holds a Ukrainian Air Force post and a Russian MoD post of our own wording:
    their figures reach the night's event as official sources, and the night equals them."""
    run: Stack = stack["stack"]
    api = f"http://127.0.0.1:{run.ports['aggregation']}"
    event = httpx.get(f"{api}/api/events/{event_id}", timeout=10).json()
    assert event["intercepted"].get("drones") == intercepted, event
    if launched is not None:
        assert event["launched"].get("drones") == launched, event
    own = [s for s in event["sources"] if marker in s["text"]]
    assert own and all(s["tier"] == "official" for s in own), event["sources"]


def _dead_letters(
    bootstrap: str, topics: list[str], expect: int, idle_s: float = 2.0, deadline_s: float = 60.0
) -> list[tuple[str, DeadLetter]]:
    """Every record of the given dead-letter topics: read until at least `expect` came and then
    nothing more for `idle_s` (a loaded machine can take seconds to answer the first fetch)."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest",
                             enable_auto_commit=False, group_id=None)
    try:
        consumer.assign([TopicPartition(t, 0) for t in topics])
        consumer.seek_to_beginning()
        out: list[tuple[str, DeadLetter]] = []
        started = last = time.monotonic()
        while (len(out) < expect or time.monotonic() - last < idle_s) and time.monotonic() - started < deadline_s:
            batch = consumer.poll(timeout_ms=300)
            for tp, records in batch.items():
                out += [(tp.topic, DeadLetter.model_validate_json(r.value)) for r in records]
                last = time.monotonic()
        return out
    finally:
        consumer.close()


def test_bad_input_is_dead_lettered_and_good_input_is_not(stack):
    run: Stack = stack["stack"]
    dlq_topics = sorted({spec.dlq for spec in TOPICS.values() if spec.dlq})
    sent = sorted([*BAD_FILES.values(), *BAD_RECORDS.values()])
    records = _dead_letters(run.bootstrap, [run.prefix + t for t in dlq_topics], expect=len(sent))
    got = sorted(base64.b64decode(d.value_b64) for _, d in records)
    assert got == sent, "\n".join(f"{t}: {d.service} {d.error_type} {d.error}" for t, d in records)
    assert {t for t, _ in records} == {run.prefix + ARTICLES_RAW.dlq}
    by_value = {base64.b64decode(d.value_b64): d for _, d in records}
    assert {(by_value[v].service, by_value[v].error_type) for v in BAD_FILES.values()} == {
        ("feed_producer", "unreadable_file")}
    assert {by_value[v].service for v in BAD_RECORDS.values()} == {"dedup"}
    assert {by_value[v].error_type for v in BAD_RECORDS.values()} <= {"decode", "validation"}


def test_every_service_serves_what_the_catalogue_says(stack):
    run: Stack = stack["stack"]
    catalogue = load_catalogue()
    problems = [p for service in SERVICES for p in scrape_problems(service, run.metrics_text(service), catalogue)]
    assert problems == []


def test_consumer_lag_is_reported_per_partition_and_drained(stack):
    run: Stack = stack["stack"]
    for service in FAUST_SERVICES:
        lag = [s for f in text_string_to_metric_families(run.metrics_text(service)) for s in f.samples
               if s.name == "strikewatch_consumer_lag"]
        assert lag, f"{service} reports no consumer lag"
        assert {s.labels["service"] for s in lag} == {service}
        assert all(s.labels["topic"] and s.labels["partition"].isdigit() for s in lag)
        assert not any(run.prefix.strip(".") in s.labels["topic"] for s in lag), "run prefix in a label"
        assert sum(s.value for s in lag) == 0, f"{service}: {[(s.labels, s.value) for s in lag]}"


def _show(result: list[dict]) -> str:
    parts = []
    for item in result[:20]:
        labels = ",".join(f"{k}={v}" for k, v in sorted(item["metric"].items()) if k not in ("instance", "__name__"))
        value = float(item["value"][1])
        parts.append(f"{{{labels}}} {value:g}")
    more = f" (+{len(result) - 20} more)" if len(result) > 20 else ""
    return "; ".join(parts) + more


@needs_prometheus
def test_every_dashboard_panel_query_returns_data(stack):
    run: Stack = stack["stack"]
    empty = []
    print("\n[e2e] dashboard panel values (Prometheus /api/v1/query, $__rate_interval=2m):")
    for query in panel_queries(load_dashboard()):
        result = run.query(query.promql(rate_interval="2m", range_="10m"))
        print(f"  [{query.row}] {query.panel} ({query.ref_id}): {_show(result) or 'NO DATA'}")
        if not result:
            empty.append(f"{query.panel} ({query.ref_id}): {query.expr}")
    assert empty == [], "panels without data:\n" + "\n".join(empty)


@needs_prometheus
def test_prometheus_scraped_every_service_and_rules_load(stack):
    run: Stack = stack["stack"]
    up = {r["metric"]["job"]: float(r["value"][1]) for r in run.query("up")}
    assert up == {job: 1.0 for job in (*SERVICES, "prometheus")}
    rules = httpx.get(f"{run.prom_url}/api/v1/rules", timeout=10).json()["data"]["groups"]
    assert sum(len(g["rules"]) for g in rules) > 0
    firing = [a["labels"]["alertname"] for a in
              httpx.get(f"{run.prom_url}/api/v1/alerts", timeout=10).json()["data"]["alerts"]
              if a["state"] == "firing"]
    # the bad input makes StrikeWatchDeadLetters fire; nothing else may
    assert set(firing) <= {"StrikeWatchDeadLetters"}, firing


@needs_prometheus
def test_promtool_accepts_the_configs_and_rules(stack):
    run: Stack = stack["stack"]
    checks = [
        ["promtool", "check", "config", str(run.root / "prometheus.yml")],
        ["promtool", "check", "config", str(LOCAL_CONFIG)],
        ["promtool", "check", "config", str(LOCAL_CONFIG.with_name("prometheus.yml"))],
        ["promtool", "check", "rules", str(RULES)],
    ]
    for args in checks:
        result = subprocess.run(args, capture_output=True, text=True, timeout=60, cwd=LOCAL_CONFIG.parent)
        assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}{result.stderr}"
