"""Two aggregation workers on the real broker: the final aggregates equal a one-worker run on the
same claims, and the API of EITHER worker answers for every partition (gather.py)."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from schemas.alerts import Alert
from schemas.events import AttackEvent, DailyAggregate
from schemas.topics import ALERTS, STRIKES_CLAIMS, STRIKES_DAILY, STRIKES_EVENTS
from services.aggregation.gather import partition_of
from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics
from tests.support.claims import batches, claim
from tests.support.kafka_io import produce, read_models
from tests.support.processes import ServiceProcess

pytestmark = pytest.mark.integration

NIGHTS = [dt.date(2025, 8, 1) + dt.timedelta(days=n) for n in range(6)]
SETTLE_SECONDS = 90


def _claims() -> list:
    """Both attackers (their rows live on different partitions), set-aside claims, a period."""
    out = []
    for n, night in enumerate(NIGHTS):
        out.append(claim(200 + n, date=night, outlet="mil.gov.ua", article=f"af-{n}"))
        out.append(claim(180 + n, measure="intercepted", date=night, outlet="mil.gov.ua", article=f"af-{n}"))
        out.append(claim(60 + n, attacker="UA", date=night, outlet="mil.ru", article=f"mod-{n}"))
        out.append(claim(2, weapon_class="cruise_missiles", date=night, locations=["Kharkiv"], article=f"k-{n}"))
    out.append(claim(728, is_reference=True, article="ref"))
    out.append(claim(40, date=None, article="undated"))
    out.append(claim(3000, scope="period_total", period=(dt.date(2025, 7, 1), dt.date(2025, 7, 31)),
                     article="july"))
    return out


ALERT = Alert(fingerprint="fp-w", rule="drones_spike", series="RU/drones", attacker="RU", weapon_class="drones",
              date=NIGHTS[-1], status="firing", severity="critical", value=205, baseline=150,
              summary="205 drones", fired_at=dt.datetime(2025, 8, 6, 8, tzinfo=dt.UTC))
API_PATHS = [
    f"/api/days?from={NIGHTS[0]}&to={NIGHTS[-1]}&oblast=all",
    f"/api/events?from={NIGHTS[0]}&to={NIGHTS[-1]}",
    "/api/events?scope=period_total",
    f"/api/events/RU-{NIGHTS[2]}",
    f"/api/events/UA-{NIGHTS[3]}",
    "/api/set-aside",
    "/api/alerts",
]


def _env(bootstrap: str, prefix: str, data: Path, port: int) -> dict[str, str]:
    return {"STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": bootstrap, "STRIKEWATCH_TOPIC_PREFIX": prefix,
            "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}", "STRIKEWATCH_DATA_DIR": str(data),
            "STRIKEWATCH_WEB_PORT": str(port), "STRIKEWATCH_LOG_LEVEL": "INFO"}


@contextmanager
def _workers(bootstrap: str, root: Path, count: int) -> Iterator[tuple[str, list[str]]]:
    """`count` aggregation workers of one group on fresh topics: (prefix, their base URLs)."""
    prefix = f"w{uuid.uuid4().hex[:10]}."
    create_topics(bootstrap, prefix=prefix)
    ports = [free_port() for _ in range(count)]
    with ExitStack() as stack:
        procs = [stack.enter_context(ServiceProcess(
            "services.aggregation", _env(bootstrap, prefix, root / f"{prefix}{i}", port),
            root / f"{prefix}agg{i}.log")) for i, port in enumerate(ports)]
        for proc in procs:
            proc.wait_ready(timeout=90)
        yield prefix, [f"http://127.0.0.1:{port}" for port in ports]


def _get(url: str) -> Any:
    response = httpx.get(url, timeout=15)
    assert response.status_code in (200, 404), f"{url}: {response.status_code} {response.text[:300]}"
    return response.json()


def _settled(base: str) -> bool:
    """Every night of both attackers, the period, both set-aside claims and the alert are in."""
    status = httpx.get(f"{base}/api/status", timeout=15)
    if status.status_code != 200:
        return False  # a peer still rebalancing: ask again
    s = status.json()
    return (s["events"], s["set_aside"], s["alerts"]) == (2 * len(NIGHTS) + 1, 2, 1) and \
        _get(f"{base}/api/events/RU-{NIGHTS[-1]}").get("launched", {}).get("drones") == 205


def _feed_and_read(bootstrap: str, prefix: str, bases: list[str]) -> dict[str, Any]:
    produce(bootstrap, prefix + STRIKES_CLAIMS.name, batches(_claims()))
    produce(bootstrap, prefix + ALERTS.name, [(ALERT.fingerprint, ALERT)])
    deadline = time.monotonic() + SETTLE_SECONDS
    while not all(_settled(b) for b in bases):
        assert time.monotonic() < deadline, f"not settled: {[_get(b + '/api/status') for b in bases]}"
        time.sleep(0.5)
    return {"api": [{path: _get(base + path) for path in API_PATHS} for base in bases],
            "owned": [_get(f"{base}/internal/rows/events")["rows"] for base in bases],
            "events": _final_events(bootstrap, prefix), "daily": _final_daily(bootstrap, prefix)}


def _final_events(bootstrap: str, prefix: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for e in read_models(bootstrap, prefix + STRIKES_EVENTS.name, AttackEvent, 100_000, timeout=5):
        out[e.event_id] = e.model_dump(mode="json", exclude={"updated_at"})
    return out


def _final_daily(bootstrap: str, prefix: str) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for a in read_models(bootstrap, prefix + STRIKES_DAILY.name, DailyAggregate, 100_000, timeout=5):
        out[(a.window, a.start, a.attacker, a.weapon_class, a.oblast)] = a.model_dump(
            mode="json", exclude={"updated_at"})
    return out


def _without_times(body: Any) -> Any:
    """API bodies without the wall-clock fields (`updated_at`) that differ between two runs."""
    if isinstance(body, dict):
        return {k: _without_times(v) for k, v in body.items() if k != "updated_at"}
    if isinstance(body, list):
        return [_without_times(v) for v in body]
    return body


def test_two_workers_give_the_one_worker_results_and_either_api_answers_for_all(
        kafka_bootstrap: str, tmp_path: Path) -> None:
    assert partition_of(b"RU", STRIKES_CLAIMS.partitions) != partition_of(b"UA", STRIKES_CLAIMS.partitions)
    with _workers(kafka_bootstrap, tmp_path, 1) as (prefix, bases):
        one = _feed_and_read(kafka_bootstrap, prefix, bases)
    with _workers(kafka_bootstrap, tmp_path, 2) as (prefix, bases):
        two = _feed_and_read(kafka_bootstrap, prefix, bases)

    assert len(one["events"]) == 2 * len(NIGHTS) + 1
    assert two["events"] == one["events"]
    assert two["daily"] == one["daily"]
    expected = _without_times(one["api"][0])
    assert expected[f"/api/events/RU-{NIGHTS[2]}"]["launched"]["drones"] == 202
    assert expected[f"/api/events/UA-{NIGHTS[3]}"]["launched"]["drones"] == 63
    for answers in two["api"]:  # either worker answers for every partition, like the one worker
        assert _without_times(answers) == expected
    # the workers split the rows (each serves only its own partitions), so the answers above needed
    # the gather: one worker alone holds fewer events than the whole
    owned = [set(rows) for rows in two["owned"]]
    assert owned[0].isdisjoint(owned[1]) and owned[0] | owned[1] == set(one["events"])
    assert min(len(o) for o in owned) < len(one["events"])
