"""Two aggregation workers on the real broker: the final aggregates equal a one-worker run on the
same claims, and the API of EITHER worker answers for every partition (gather.py): every request
the analyst's page sends, the page itself in headless Chromium (when Debian's chromium is
installed), and the page's live update when only the peer's rows change."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from schemas.alerts import Alert
from schemas.events import AttackEvent, DailyAggregate
from schemas.topics import ALERTS, STRIKES_CLAIMS, STRIKES_DAILY, STRIKES_EVENTS
from services.aggregation.gather import partition_of
from services.aggregation.views import PAGE_DIR
from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics
from tests.support import browser
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


@dataclass
class Run:
    prefix: str
    bases: list[str]
    results: dict[str, Any]

    def holder(self, attacker: str) -> int:
        """Index of the worker whose partitions hold `attacker`'s rows."""
        (index,) = [i for i, rows in enumerate(self.results["owned"])
                    if any(e.startswith(f"{attacker}-") for e in rows)]
        return index


@pytest.fixture(scope="module")
def one_worker(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with _workers(kafka_bootstrap, tmp_path_factory.mktemp("one"), 1) as (prefix, bases):
        return _feed_and_read(kafka_bootstrap, prefix, bases)


@pytest.fixture(scope="module")
def two_workers(kafka_bootstrap: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """Two workers kept running for the module's tests (the one-worker run has stopped by then)."""
    with _workers(kafka_bootstrap, tmp_path_factory.mktemp("two"), 2) as (prefix, bases):
        yield Run(prefix, bases, _feed_and_read(kafka_bootstrap, prefix, bases))


def test_two_workers_give_the_one_worker_results_and_either_api_answers_for_all(
        one_worker: dict[str, Any], two_workers: Run) -> None:
    assert partition_of(b"RU", STRIKES_CLAIMS.partitions) != partition_of(b"UA", STRIKES_CLAIMS.partitions)
    one, two = one_worker, two_workers.results
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


# -- the analyst's page on two workers ----------------------------------------------------------

# The page's figures for the claims above: drones launched / intercepted per night, by attacker.
LAUNCHED = {"RU": {str(night): 200 + n for n, night in enumerate(NIGHTS)},
            "UA": {str(night): 60 + n for n, night in enumerate(NIGHTS)}}
INTERCEPTED = {"RU": {str(night): 180 + n for n, night in enumerate(NIGHTS)}, "UA": {}}
PAGE_WINDOW_NIGHTS = 30  # app.js's default window
TABLE_LIMIT, DAYS_LIMIT = 1000, 5000  # the limits app.js and api.js ask for
API_CALL = re.compile(r"""["'`](/api/[a-z-]+)(/\$\{)?""")


def _page_endpoints() -> set[str]:
    """Every API endpoint the page's scripts name (a `/${...}` suffix is the event id)."""
    found = set()
    for script in PAGE_DIR.glob("*.js"):
        for path, suffix in API_CALL.findall(script.read_text(encoding="utf-8")):
            found.add(path + "/{event_id}" if suffix else path)
    return found


def _page_requests(status: dict[str, Any], attacker: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(endpoint, path, params) of what app.js loads for one attacker's default view, and its export
    links (same queries as CSV)."""
    to = dt.date.fromisoformat(status["watermark"][attacker])
    days = {"from": str(to - dt.timedelta(days=PAGE_WINDOW_NIGHTS - 1)), "to": str(to), "attacker": attacker,
            "window": "1d", "limit": DAYS_LIMIT}
    regions = days | {"oblast": "all", "weapon_class": "total"}
    events = {"from": days["from"], "to": days["to"], "attacker": attacker, "limit": TABLE_LIMIT}
    tables = [("/api/events", events), ("/api/alerts", {"limit": TABLE_LIMIT}),
              ("/api/set-aside", {"limit": TABLE_LIMIT})]
    loads = [("/api/status", {}), ("/api/places", {}), ("/api/days", days), ("/api/days", regions), *tables]
    exports = [(path, params | {"format": "csv"}) for path, params in [("/api/days", days), ("/api/days", regions),
                                                                       *tables]]
    events_of = [(f"/api/events/{attacker}-{night}", {}) for night in LAUNCHED[attacker]]
    return [(path, path, params) for path, params in [*loads, *exports]] + \
        [("/api/events/{event_id}", path, params) for path, params in events_of]


def _answer(base: str, path: str, params: dict[str, Any]) -> Any:
    response = httpx.get(base + path, params=params, timeout=15)
    assert response.status_code == 200, f"{base}{path} {params}: {response.status_code} {response.text[:300]}"
    if params.get("format") == "csv":
        return list(csv.DictReader(io.StringIO(response.text)))
    return response.json()


def _without_clocks(body: Any) -> Any:
    """A body without `now` (the wall clock of the answer) and the rows' `updated_at`."""
    body = _without_times(body)
    return {k: v for k, v in body.items() if k != "now"} if isinstance(body, dict) else body


def test_every_request_of_the_page_is_answered_from_both_workers_partitions(two_workers: Run) -> None:
    """The page's own list of endpoints (read from its scripts) is what is asked here, so a new
    call in app.js fails this test until it is checked on two workers too."""
    status = _answer(two_workers.bases[0], "/api/status", {})
    assert set(status["watermark"]) == {"RU", "UA"}
    for attacker in ("RU", "UA"):
        requests = _page_requests(status, attacker)
        assert {endpoint for endpoint, _, _ in requests} == _page_endpoints()
        peer = two_workers.bases[1 - two_workers.holder(attacker)]  # holds none of this attacker's rows
        owner = two_workers.bases[two_workers.holder(attacker)]
        answers = {(path, str(params)): _answer(peer, path, params) for _, path, params in requests}
        for _, path, params in requests:
            assert _without_clocks(_answer(owner, path, params)) == _without_clocks(answers[(path, str(params))]), \
                f"{path} {params}"
        days = next(v for (path, q), v in answers.items() if path == "/api/days" and "oblast" not in q
                    and "csv" not in q)["rows"]
        drones = [r for r in days if r["weapon_class"] == "drones" and not r["oblast"]]
        assert {r["start"]: r["launched"] for r in drones} == LAUNCHED[attacker]
        assert {r["start"]: r["intercepted"] for r in drones if r["intercepted"]} == INTERCEPTED[attacker]
        csv_days = next(v for (path, q), v in answers.items() if path == "/api/days" and "oblast" not in q
                        and "csv" in q)
        assert len(csv_days) == len(days)
        events = next(v for (path, q), v in answers.items() if path == "/api/events" and "csv" not in q)["events"]
        assert [e["date"] for e in events] == list(LAUNCHED[attacker])
        for night, launched in LAUNCHED[attacker].items():
            assert answers[(f"/api/events/{attacker}-{night}", "{}")]["launched"]["drones"] == launched


@pytest.mark.skipif(not browser.available(), reason="Debian's chromium + chromium-driver are not installed")
def test_the_page_on_one_worker_shows_the_nights_of_both(two_workers: Run, tmp_path: Path) -> None:
    """Opened on the worker that holds UA, the default RU view comes wholly from its peer."""
    base = two_workers.bases[two_workers.holder("UA")]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    with browser.chromium(downloads, tmp_path / "profile") as driver:
        driver.get(f"{base}/")
        body = driver.find_element("tag name", "body")
        browser.wait(driver, lambda _: body.get_attribute("data-state") == "ready", message="the page did not load")
        for attacker in ("RU", "UA"):
            if attacker == "UA":
                loads = int(body.get_attribute("data-loads"))
                driver.find_element("css selector", '#attacker button[data-attacker="UA"]').click()
                browser.wait(driver, lambda _, n=loads: int(body.get_attribute("data-loads")) > n
                             and body.get_attribute("data-state") == "ready", message="no redraw for UA")
            chart = driver.execute_script("return window.strikewatch.chartData()")
            drones = chart["byClass"]["drones"]
            shown = {night: drones["launched"][i] for i, night in enumerate(chart["nights"]) if drones["launched"][i]}
            assert shown == LAUNCHED[attacker], attacker
            intercepted = {night: drones["intercepted"][i] for i, night in enumerate(chart["nights"])
                           if drones["intercepted"][i]}
            assert intercepted == INTERCEPTED[attacker], attacker
            rows = driver.find_elements("css selector", "#events-table tr[data-event-id]")
            assert {r.get_attribute("data-event-id") for r in rows} == {f"{attacker}-{n}" for n in LAUNCHED[attacker]}
            if attacker == "RU":
                assert chart["alertNights"] == [str(NIGHTS[-1])]  # the alert, kept by one worker
                regions = json.loads(driver.find_element("id", "map").get_attribute("data-regions"))
                assert set(regions) == {"Kharkiv Oblast"}  # the cruise claims' place, every night
                driver.save_screenshot(str(tmp_path / "page-two-workers.png"))


def test_the_page_updates_when_only_the_peer_rows_change(kafka_bootstrap: str, two_workers: Run) -> None:
    """The page reloads when /api/status's signature changes (app.js: changed_at, counts, watermark).
    A new figure for a night that exists changes none of the counts nor the watermark, only the
    time of the last change, which must be the newest of every worker's, not the answering one's.
    Runs last: it adds a claim to the module's workers."""
    night = str(NIGHTS[1])
    base = two_workers.bases[1 - two_workers.holder("RU")]  # holds none of RU's rows
    def signature(status: dict[str, Any]) -> tuple:
        return (status["changed_at"], status["events"], status["alerts"], status["set_aside"], status["watermark"])
    before = signature(_answer(base, "/api/status", {}))
    produce(kafka_bootstrap, two_workers.prefix + STRIKES_CLAIMS.name,
            batches([claim(4, weapon_class="ballistic_missiles", date=NIGHTS[1], outlet="mil.gov.ua",
                           article="late-ballistic")]))
    deadline = time.monotonic() + SETTLE_SECONDS
    while _answer(base, f"/api/events/RU-{night}", {})["launched"].get("ballistic_missiles") != 4:
        assert time.monotonic() < deadline, "the new figure never reached the peer's API"
        time.sleep(0.5)
    after = signature(_answer(base, "/api/status", {}))
    assert after[1:] == before[1:]  # counts and watermark as before: only the change time can tell
    assert after[0] != before[0], "the peer's change does not show in this worker's status: the page would not reload"
