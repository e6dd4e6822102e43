"""The analyst's page in a real headless Chromium, on the whole stack fed the sample feed.

The stack (tests/support/stack.py, without Prometheus) runs on the session broker; once the pipeline
has settled (the sample's expected alerts kept by the aggregation service, every consumer group's
lag 0), Chromium opens the page and the test checks what an analyst sees against the API: the
chart's nights and values, the map's regions, an event's sources, and a CSV download. Screenshots
are saved in the test's tmp dir (`page.png`, `event.png`). Every wait is on a condition.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from schemas.topics import ARTICLES_RAW
from services.runtime.topics_admin import create_topics
from tests.support import browser
from tests.support.processes import ROOT
from tests.support.stack import FAUST_SERVICES, Stack, new_webhook_secret

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(
    not browser.available(), reason="Debian's chromium + chromium-driver are not installed "
    "(deploy/ensure-test-tools.sh installs them in `make test` when run as root or with sudo)")]

# samples/README.md: the alerts the sample raises (rule, night), and nights whose figures it states
EXPECTED_ALERTS = {("drones_spike", "2026-11-16"), ("drones_record_90d", "2026-11-16"),
                   ("cruise_mass_launch", "2026-11-16"), ("drones_spike", "2026-11-18")}
STATED = {"2026-11-16": (734, 689), "2026-11-17": (121, 103), "2026-11-19": (93, 79), "2026-11-20": (88, 74)}
FIRST_NIGHT, LAST_NIGHT = "2026-10-27", "2026-11-20"
SETTLE_TIMEOUT = 150.0


def _settled(stack: Stack, api: str) -> bool:
    """The sample's alerts and last night are in, dedup read all the producer emitted, no lag."""
    status = httpx.get(f"{api}/api/status", timeout=5).json()
    if status["watermark"].get("RU") != LAST_NIGHT:
        return False
    alerts = httpx.get(f"{api}/api/alerts", timeout=5).json()["alerts"]
    if {(a["rule"], a["date"]) for a in alerts} < EXPECTED_ALERTS:
        return False
    lag, emitted, read = 0.0, 0.0, 0.0
    for service in (*FAUST_SERVICES, "feed_producer"):
        for family in text_string_to_metric_families(stack.metrics_text(service)):
            for s in family.samples:
                if s.name == "strikewatch_consumer_lag":
                    lag += s.value
                elif s.name == "strikewatch_articles_emitted_total":
                    emitted += s.value
                elif (s.name == "strikewatch_messages_in_total" and service == "dedup"
                      and s.labels.get("topic") == ARTICLES_RAW.name):
                    read += s.value
    return lag == 0 and emitted > 0 and read >= emitted


@pytest.fixture(scope="module")
def page_stack(session_broker: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    bootstrap = session_broker[0]
    root = tmp_path_factory.mktemp("page")
    prefix = f"page{int(time.time() * 1000) % 10**9}."
    create_topics(bootstrap, prefix=prefix)
    # alerts go to the stack's own receiver; the "probe" receiver is a closed port (retried, then dead-lettered)
    run = Stack(bootstrap, prefix, root, new_webhook_secret(), "http://127.0.0.1:9/hook", with_prometheus=False)
    try:
        run.start()
        run.feed({p.name: p.read_bytes() for p in (ROOT / "samples" / "inbox").iterdir()})
        api = f"http://127.0.0.1:{run.ports['aggregation']}"
        deadline = time.monotonic() + SETTLE_TIMEOUT
        while not _settled(run, api):
            assert time.monotonic() < deadline, f"the sample did not settle:\n{run.logs()}"
            time.sleep(0.5)
        # what `make run` shows in its terminal: where the page is
        assert f"analyst's page on {api}/" in run.procs["aggregation"].log()
        yield api
    finally:
        run.stop()


@pytest.fixture(scope="module")
def page(page_stack: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    root = tmp_path_factory.mktemp("chromium")
    downloads = root / "downloads"
    downloads.mkdir()
    with browser.chromium(downloads, root / "profile") as driver:
        driver.get(f"{page_stack}/")
        browser.wait(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-state") == "ready",
                     message="the page did not load its data")
        yield driver, page_stack, downloads, root


def _api(api: str, path: str, **params) -> dict:
    return httpx.get(f"{api}{path}", params=params, timeout=10).json()


def test_chart_shows_the_sample_nights_with_the_api_values(page):
    driver, api, _, root = page
    chart = driver.execute_script("return window.strikewatch.chartData()")
    drones = chart["byClass"]["drones"]
    plotted = {n: (drones["launched"][i], drones["intercepted"][i]) for i, n in enumerate(chart["nights"])
               if drones["launched"][i] is not None}
    assert min(plotted) == FIRST_NIGHT and max(plotted) == LAST_NIGHT == chart["nights"][-1]
    rows = _api(api, "/api/days", **{"from": chart["nights"][0], "to": LAST_NIGHT, "attacker": "RU",
                                     "weapon_class": "drones", "limit": 5000})["rows"]
    assert plotted == {r["start"]: (r["launched"], r["intercepted"] or None) for r in rows}
    for night, figures in STATED.items():
        assert plotted[night] == figures, night
    assert plotted["2026-11-18"][0] == 642
    assert set(chart["alertNights"]) == {night for _, night in EXPECTED_ALERTS}
    assert driver.execute_script("return window.strikewatch.hoverNight('2026-11-16')")
    hover = browser.wait(driver, lambda d: (t := d.find_element("id", "hover").text) and "2026-11-16" in t and t)
    assert "734 launched / 689 intercepted" in hover and "drones_spike" in hover
    event = _api(api, "/api/events/RU-2026-11-16")
    stated = [x for x in event["sources"] if x["measure"] == "launched" and x["weapon_class"] == "drones"
              and not x["superseded"] and not x["weapon_model"] and not x["location"]]
    agree = sum(x["value"] == 734 for x in stated)
    assert browser.wait(driver, lambda d: f"drones launched 734: {agree} of {len(stated)} source" in d.find_element(
        "id", "hover").text, message="no agreement line in the hover")
    driver.save_screenshot(str(root / "page.png"))


def test_map_shows_the_sample_regions(page):
    driver, api, _, _ = page
    chart = driver.execute_script("return window.strikewatch.chartData()")
    rows = _api(api, "/api/days", **{"from": chart["nights"][0], "to": LAST_NIGHT, "attacker": "RU",
                                     "oblast": "all", "weapon_class": "total", "limit": 5000})["rows"]
    regions = {r["oblast"] for r in rows if r["oblast"] and r["attacks"]}
    assert {"Kharkiv Oblast", "Odesa Oblast", "Lviv Oblast"} <= regions  # named in samples/README.md
    shown = json.loads(driver.find_element("id", "map").get_attribute("data-regions"))
    assert set(shown) == regions
    labels = {e.text.rsplit(" ", 1)[0] for e in driver.find_elements("css selector", "#map .leaflet-tooltip")}
    assert labels == {r.removesuffix(" Oblast") for r in regions}
    boxes = driver.execute_script("return [...document.querySelectorAll('#map .leaflet-tooltip')].map((e) => {"
                                  "const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, "
                                  "r.right, r.bottom]; })")
    overlapping = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert not overlapping, f"labels cover each other: {overlapping}"  # Kyiv City under Kyiv did
    # no tiles unless asked: the page makes no third-party request by default
    assert not driver.find_elements("css selector", "#map .leaflet-tile-pane img")


def test_an_event_opens_with_its_sources(page):
    driver, api, _, root = page
    event = _api(api, "/api/events/RU-2026-11-16")
    driver.find_element("css selector", 'tr[data-event-id="RU-2026-11-16"]').click()
    browser.wait(driver, lambda d: d.find_element("id", "event-detail").get_attribute("data-event-id")
                 == "RU-2026-11-16", message="the event panel did not open")
    rows = driver.find_elements("css selector", "#sources-table tbody tr")
    assert len(rows) == len(event["sources"]) > 1
    assert {r.get_attribute("data-article") for r in rows} == {s["article_id"] for s in event["sources"]}
    text = driver.find_element("id", "sources-table").text
    assert all(s["outlet"] in text for s in event["sources"] if s["outlet"])
    assert event["sources"][0]["text"][:40] in text  # the evidence sentences are shown
    driver.save_screenshot(str(root / "event.png"))


def test_the_nights_csv_downloads_and_holds_the_api_numbers(page):
    driver, api, downloads, _ = page
    link = driver.find_element("id", "nights-csv")
    driver.execute_script("arguments[0].scrollIntoView()", link)
    link.click()
    done = browser.wait(driver, lambda d: [p for p in downloads.glob("*.csv")], timeout=30,
                        message=f"no CSV downloaded: {list(downloads.iterdir())}")
    table = list(csv.DictReader(io.StringIO(Path(done[0]).read_text(encoding="utf-8"))))
    chart = driver.execute_script("return window.strikewatch.chartData()")
    rows = _api(api, "/api/days", **{"from": chart["nights"][0], "to": LAST_NIGHT, "attacker": "RU",
                                     "window": "1d", "limit": 5000})["rows"]
    def numbers(items):
        return sorted((r["start"], r["weapon_class"], int(r["launched"]), int(r["intercepted"])) for r in items)
    assert len(table) == len(rows) > 25
    assert numbers(table) == numbers(rows)


def test_alerts_and_set_aside_tabs_show_the_api_rows(page):
    """The alert history (rule, night, value vs baseline, status) with a link that opens the night,
    and the claims set aside with why they were not counted."""
    driver, api, _, _ = page
    alerts = _api(api, "/api/alerts", limit=1000)["alerts"]
    driver.find_element("css selector", '.tabs button[data-tab="alerts"]').click()
    rows = browser.wait(driver, lambda d: [r for r in d.find_elements("css selector", "#alerts-table tbody tr")
                                           if r.is_displayed()], message="the alerts tab shows no row")
    assert len(rows) == len(alerts) and driver.find_element("id", "n-alerts").text == str(len(alerts))
    shown = {r.get_attribute("data-fingerprint"): [c.text for c in r.find_elements("tag name", "td")] for r in rows}
    for a in alerts:
        _, rule, _, _, night, value, baseline, status, _ = shown[a["fingerprint"]]
        assert (rule, night, status) == (a["rule"], a["date"], a["status"])
        assert float(value.replace(",", "")) == a["value"] and baseline != ""
    assert {(a["rule"], a["date"]) for a in alerts} >= EXPECTED_ALERTS
    spike = next(r for r in rows if r.find_elements("tag name", "td")[1].text == "drones_spike"
                 and r.find_elements("tag name", "td")[4].text == "2026-11-18")
    spike.find_element("tag name", "a").click()
    browser.wait(driver, lambda d: d.find_element("id", "event-detail").get_attribute("data-event-id")
                 == "RU-2026-11-18", message="the alert's night did not open")
    claims = _api(api, "/api/set-aside", limit=1000)["claims"]
    driver.find_element("css selector", '.tabs button[data-tab="set-aside"]').click()
    rows = browser.wait(driver, lambda d: [r for r in d.find_elements("css selector", "#set-aside-table tbody tr")
                                           if r.is_displayed()], message="the set-aside tab shows no row")
    assert claims and len(rows) == len(claims)
    for row, item in zip(rows, claims, strict=True):
        route, why = (c.text for c in row.find_elements("tag name", "td")[:2])
        assert route == item["route"] and why  # the reason is spelled out
    driver.find_element("css selector", '.tabs button[data-tab="events"]').click()


def _click_and_wait(driver, selector: str) -> None:
    body = driver.find_element("tag name", "body")
    loads = int(body.get_attribute("data-loads"))
    driver.find_element("css selector", selector).click()
    browser.wait(driver, lambda d: int(body.get_attribute("data-loads")) > loads
                 and body.get_attribute("data-state") == "ready", message=f"no redraw after {selector}")


def test_attacker_and_window_switches_redraw_from_the_api(page):
    driver, api, _, _ = page
    _click_and_wait(driver, '#attacker button[data-attacker="UA"]')
    chart = driver.execute_script("return window.strikewatch.chartData()")
    status = _api(api, "/api/status")
    assert chart["nights"][-1] == status["watermark"]["UA"]
    rows = _api(api, "/api/days", **{"from": chart["nights"][0], "to": chart["nights"][-1], "attacker": "UA",
                                     "weapon_class": "drones"})["rows"]
    drones = chart["byClass"]["drones"]
    assert rows and all(drones["intercepted"][chart["nights"].index(r["start"])] == (r["intercepted"] or None)
                        for r in rows)
    # back to RU over everything: the classes UA had no figures for are drawn again
    _click_and_wait(driver, '#attacker button[data-attacker="RU"]')
    _click_and_wait(driver, '#window button[data-days="all"]')
    chart = driver.execute_script("return window.strikewatch.chartData()")
    assert chart["nights"][0] == status["first_date"] and "cruise launched" in chart["shown"]


def test_tiles_are_drawn_when_asked_and_the_markers_stay_offline(page):
    """`?tiles=osm` adds OpenStreetMap's tiles beneath the markers; this machine is offline, so the
    tiles fail to load and the regions, labels and legend must still be there. Runs last: it
    reloads the page with another address."""
    driver, api, _, root = page
    regions = json.loads(driver.find_element("id", "map").get_attribute("data-regions"))
    driver.get(f"{api}/?tiles=osm")
    browser.wait(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-state") == "ready",
                 message="the page with tiles did not load its data")
    tiles = browser.wait(driver, lambda d: d.find_elements("css selector", "#map .leaflet-tile-pane img"),
                         message="no tile requested")
    assert all(t.get_attribute("src").startswith("https://tile.openstreetmap.org/") for t in tiles)
    assert driver.find_element("id", "map").get_attribute("data-tiles").startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in driver.find_element("css selector", "#map .leaflet-control-attribution").text
    assert json.loads(driver.find_element("id", "map").get_attribute("data-regions")) == regions
    labels = driver.find_elements("css selector", "#map .leaflet-tooltip")
    assert len(labels) >= len(regions) and driver.find_element("id", "map-legend").text
    driver.get(f"{api}/?tiles=http://plain.example/{{z}}/{{x}}/{{y}}.png")  # not https: refused, no tiles
    browser.wait(driver, lambda d: d.find_element("tag name", "body").get_attribute("data-state") == "ready")
    assert not driver.find_elements("css selector", "#map .leaflet-tile-pane img")
    driver.save_screenshot(str(root / "tiles.png"))
