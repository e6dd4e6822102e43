"""docs/metrics.md as data, and the checks a scraped /metrics page must pass against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from services.common.checkout import CHECKOUT

ROOT = CHECKOUT
CATALOGUE = ROOT / "docs" / "metrics.md"
RUNTIME_SERVICES = ("feed_producer", "dedup", "extraction", "aggregation", "alerting")
SERVICES = (*RUNTIME_SERVICES, "webhook_receiver")
# Labels whose values are unbounded (one series per article, URL, alert...) or free text.
FORBIDDEN_LABELS = {"url", "link", "id", "article_id", "event_id", "claim_id", "story_id", "fingerprint",
                    "webhook_id", "title", "text", "error", "message", "path", "date", "day"}
NON_BASE_UNITS = ("_milliseconds", "_microseconds", "_ms", "_minutes", "_hours", "_days", "_kilobytes",
                  "_megabytes", "_kb", "_mb", "_percent")
MAX_SERIES = 500  # per metric; the largest, strikes_trailing, is 2 x 8 x 7 x 3 = 336
TYPES = {"counter", "gauge", "histogram"}


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    labels: frozenset[str]
    unit: str
    services: tuple[str, ...]


def load_catalogue(path: Path = CATALOGUE) -> dict[str, Entry]:
    """Rows of the markdown tables whose first cell is a backquoted metric name."""
    out: dict[str, Entry] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or not re.fullmatch(r"`strikewatch_[a-z0-9_]+`", cells[0]):
            continue
        name = cells[0].strip("`")
        if name in out:
            raise ValueError(f"{name} listed twice in {path.name}")
        services = tuple(s.strip() for s in cells[5].split(","))
        if services == ("runtime",):
            services = RUNTIME_SERVICES
        labels = frozenset(x.strip() for x in cells[2].split(",") if x.strip())
        out[name] = Entry(name, cells[1], labels, cells[3], services)
    return out


def naming_problems(entry: Entry) -> list[str]:
    """Prometheus naming conventions for one catalogue entry."""
    problems = []
    n = entry.name
    if entry.type not in TYPES:
        problems.append(f"{n}: type {entry.type!r} (use counter, gauge or histogram; no summaries)")
    if entry.type == "counter" and not n.endswith("_total"):
        problems.append(f"{n}: counters end in _total")
    if entry.type != "counter" and n.endswith("_total"):
        problems.append(f"{n}: only counters end in _total")
    if any(n.endswith(u) or f"{u}_" in n for u in NON_BASE_UNITS):
        problems.append(f"{n}: not a base unit (seconds, bytes, ratio)")
    if entry.unit in ("seconds", "timestamp seconds") and not n.endswith("_seconds"):
        problems.append(f"{n}: a time in seconds must end in _seconds")
    if entry.unit == "ratio" and not n.endswith("_ratio"):
        problems.append(f"{n}: a ratio must end in _ratio")
    bad = entry.labels & FORBIDDEN_LABELS
    if bad:
        problems.append(f"{n}: unbounded labels {sorted(bad)}")
    if entry.services and not set(entry.services) <= set(SERVICES):
        problems.append(f"{n}: unknown services {sorted(set(entry.services) - set(SERVICES))}")
    return problems


@dataclass(frozen=True)
class Exposed:
    name: str
    type: str
    labels: frozenset[str]
    series: int
    help: str


def exposed_metrics(text: str) -> dict[str, Exposed]:
    """The strikewatch_* families of one /metrics page, named as queried (counters with _total)."""
    out: dict[str, Exposed] = {}
    for family in text_string_to_metric_families(text):
        if not family.name.startswith("strikewatch_") or family.name.endswith("_created"):
            continue
        name = f"{family.name}_total" if family.type == "counter" else family.name
        samples = [s for s in family.samples if not s.name.endswith("_created")]
        labels = frozenset(k for s in samples for k in s.labels if k != "le")
        series = len({tuple(sorted((k, v) for k, v in s.labels.items() if k != "le")) for s in samples})
        out[name] = Exposed(name, family.type, labels, series, family.documentation)
    return out


def scrape_problems(service: str, text: str, catalogue: dict[str, Entry]) -> list[str]:
    """What a service's /metrics page gets wrong against the catalogue."""
    exposed = exposed_metrics(text)
    listed = {n for n, e in catalogue.items() if service in e.services}
    problems = [f"{service} serves {n}, not in docs/metrics.md for it" for n in sorted(set(exposed) - listed)]
    problems += [f"{service} does not serve {n} (docs/metrics.md lists it)" for n in sorted(listed - set(exposed))]
    for name in sorted(set(exposed) & listed):
        got, entry = exposed[name], catalogue[name]
        if got.type != entry.type:
            problems.append(f"{service} {name}: type {got.type}, catalogue says {entry.type}")
        if got.series and got.labels != entry.labels:
            problems.append(f"{service} {name}: labels {sorted(got.labels)}, catalogue {sorted(entry.labels)}")
        if got.series > MAX_SERIES:
            problems.append(f"{service} {name}: {got.series} series (> {MAX_SERIES}): unbounded labels?")
        if not got.help.strip():
            problems.append(f"{service} {name}: no HELP text")
        if got.labels & FORBIDDEN_LABELS:
            problems.append(f"{service} {name}: unbounded labels {sorted(got.labels & FORBIDDEN_LABELS)}")
    return problems
