"""The analyst's page with a year of nights: how long it takes to show them.

A year of nights (365 nights x 6 weapon classes, launched and intercepted, from one official
source each, plus a regional casualty figure) is fed to the aggregation service on the broker; once
it has resolved them all, headless Chromium (Debian's, see tests/support/browser.py) opens the page.

Rows:
- `page.first_load (30-day view)`: navigation start until the page has drawn its chart, map and
  tables (the page marks `data-state=ready`);
- `page.365_view`, `page.all_view`: a click on "365" / "all" until redrawn (the data fetches
  included);
- `api.days_365`: one /api/days request for the year, every class, nationwide.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import httpx

from bench.common import BenchContext, Row, produce_models, row
from schemas.extraction import ClaimMessage, Evidence, StrikeClaim, claim_batches
from schemas.topics import STRIKES_CLAIMS
from services.runtime.broker import free_port
from services.runtime.topics_admin import create_topics
from tests.support import browser
from tests.support.processes import ServiceProcess

CLASSES = ("drones", "missiles", "cruise_missiles", "ballistic_missiles", "aeroballistic_missiles",
           "guided_air_missiles")
LAST_NIGHT = dt.date(2026, 11, 20)
NIGHTS = 365


def year_claims() -> list[ClaimMessage]:
    out = []
    for n in range(NIGHTS):
        day = LAST_NIGHT - dt.timedelta(days=n)
        article = f"af-{day}"
        figures = [(m, c, (80 + n % 150) if c == "drones" else 1 + n % 9) for c in CLASSES
                   for m in ("launched", "intercepted")]
        figures.append(("injured", None, n % 5))
        for i, (measure, wclass, value) in enumerate(figures):
            text = f"{value} {wclass or 'people'} {measure}, the Air Force said."
            out.append(ClaimMessage(
                claim_id=f"{article}:0:{i}", article_id=article, url=f"https://mil.gov.ua/{article}",
                outlet="mil.gov.ua", published_at=dt.datetime.combine(day, dt.time(7), dt.UTC),
                claim=StrikeClaim(attacker="RU", measure=measure, weapon_class=wclass,
                                  value=value if measure == "launched" or wclass is None else value - (n % 2),
                                  date=day, locations=["Kharkiv"] if wclass is None else [],
                                  evidence=Evidence(text=text, start=0, end=len(text)))))
    return out


def _wait(condition, timeout: float, what: str) -> None:  # noqa: ANN001 - a predicate
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(what)
        time.sleep(0.5)


def run(ctx: BenchContext) -> list[Row]:
    if not browser.available():
        return [row("page.first_load SKIPPED", 0, "-", notes="no chromium/chromedriver")]
    claims = year_claims()
    prefix = f"benchpage{uuid.uuid4().hex[:8]}."
    create_topics(ctx.bootstrap, prefix=prefix)
    work = ctx.work_dir / prefix.strip(".")
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {"STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": ctx.bootstrap, "STRIKEWATCH_TOPIC_PREFIX": prefix,
           "STRIKEWATCH_APP_SUFFIX": f"-{prefix.strip('.')}", "STRIKEWATCH_DATA_DIR": str(work / "data"),
           "STRIKEWATCH_WEB_PORT": str(port), "STRIKEWATCH_LOG_LEVEL": "INFO"}
    api = f"http://127.0.0.1:{port}"
    expected = sum(80 + n % 150 for n in range(NIGHTS))
    first = (LAST_NIGHT - dt.timedelta(days=NIGHTS - 1)).isoformat()
    year = {"from": first, "to": LAST_NIGHT.isoformat(), "attacker": "RU", "limit": 5000}

    def settled() -> bool:
        drones = year | {"weapon_class": "drones"}
        rows = httpx.get(f"{api}/api/days", params=drones, timeout=30).json()["rows"]
        return sum(r["launched"] for r in rows) == expected and len(rows) == NIGHTS

    with ServiceProcess("services.aggregation", env, work / "aggregation.log") as proc:
        proc.wait_ready(timeout=120)
        produce_models(ctx.bootstrap, prefix + STRIKES_CLAIMS.name,
                       [(b.article_id, b) for b in claim_batches(claims)])
        _wait(settled, 600, f"the year was not resolved:\n{proc.log()[-2000:]}")
        started = time.perf_counter()
        rows = httpx.get(f"{api}/api/days", params=year, timeout=30).json()["rows"]
        api_ms = (time.perf_counter() - started) * 1000
        with browser.chromium(work / "downloads", work / "profile") as driver:
            driver.get(f"{api}/")
            body = driver.find_element("tag name", "body")
            browser.wait(driver, lambda d: body.get_attribute("data-state") == "ready", 60)
            first_ms = float(body.get_attribute("data-first-load-ms"))
            views = {}
            for loads, days in ((2, "365"), (3, "all")):
                driver.find_element("css selector", f'#window button[data-days="{days}"]').click()
                browser.wait(driver, lambda d, n=loads: body.get_attribute("data-loads") == str(n)
                             and body.get_attribute("data-state") == "ready", 60)
                views[days] = float(body.get_attribute("data-load-ms"))
            nights = driver.execute_script("return window.strikewatch.chartData().nights.length")
            driver.save_screenshot(str(work / "year.png"))  # to look at: var/bench/<run>/year.png
    note = f"{NIGHTS} nights x {len(CLASSES)} classes, {len(claims)} claims"
    return [
        row("page.first_load (30-day view, a year loaded)", first_ms, "ms", notes=note),
        row("page.365_view (click until redrawn)", views["365"], "ms", notes=f"{nights} nights drawn"),
        row("page.all_view (click until redrawn)", views["all"], "ms"),
        row("api.days_365 (every class, nationwide)", api_ms, "ms", notes=f"{len(rows)} rows"),
    ]
