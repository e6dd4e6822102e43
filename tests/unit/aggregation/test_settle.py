"""A crash between the service's table writes, replayed (settle.py): whatever subset of one
group's writes landed, replaying the group after a restart gives the clean run's tables.

The service writes a figure (`event-figures`), the event's row (`events`) and its day rows
(`daily`) to separate changelogs and commits the input offset afterwards; `kill -9` can land any
subset of those writes. Plain dicts stand in for the tables; a restart is a new Settler over new
caches reading what landed.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Iterator, MutableMapping
from typing import Any

import pytest

from schemas.extraction import ClaimMessage
from services.aggregation.regions import default_region_table
from services.aggregation.settle import Settler
from services.aggregation.state_cache import EventStates
from services.aggregation.tiers import default_tier_table
from services.aggregation.windows import book_event
from tests.support.claims import claim

TIERS, REGIONS = default_tier_table(), default_region_table()
NIGHT = dt.date(2025, 7, 9)
T0 = dt.datetime(2025, 7, 9, 6, 0, tzinfo=dt.UTC)
_DELETED = object()


class Recording(MutableMapping[str, Any]):
    """A table that logs each write, so a crash can land any subset of them."""

    def __init__(self, name: str, log: list[tuple[str, str, Any]], data: dict[str, Any] | None = None) -> None:
        self.name, self.log, self.data = name, log, dict(data or {})

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.data[key] = value
        self.log.append((self.name, key, copy.deepcopy(value)))

    def __delitem__(self, key: str) -> None:
        del self.data[key]
        self.log.append((self.name, key, _DELETED))

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


class Worker:
    """One aggregation process: caches over the tables it was started with."""

    def __init__(self, tables: dict[str, dict[str, Any]]) -> None:
        self.log: list[tuple[str, str, Any]] = []
        self.tables = {name: Recording(name, self.log, rows) for name, rows in tables.items()}
        states = EventStates(self.tables["events"], self.tables["figures"], max_figures=50)
        self.settler = Settler(states, self.tables["events"], self.tables["daily"], tiers=TIERS,
                               regions=REGIONS, oblasts=REGIONS.names())

    def feed(self, group: list[ClaimMessage]) -> list[Any]:
        return self.settler.apply(group)

    def snapshot(self) -> dict[str, dict[str, Any]]:
        return {name: copy.deepcopy(t.data) for name, t in self.tables.items()}


def groups() -> list[list[ClaimMessage]]:
    """Five articles about one night (and one the night before), each one by-attacker group:
    later ones revise figures, add places and casualties, and move the consensus."""
    out = []
    for n in range(5):
        # the last article is the official source's later statement: it moves the consensus
        art, outlet = f"art-{n}", ("mil.gov.ua", "reuters.com", "example-news.com", "kyivwire.example",
                                   "mil.gov.ua")[n]
        published = T0 + dt.timedelta(hours=n)
        group = [claim(400 + 10 * n, article=art, outlet=outlet, index=0, published=published),
                 claim(380 + 5 * n, "intercepted", article=art, outlet=outlet, index=1, published=published),
                 claim(n + 1, "killed", None, article=art, outlet=outlet, index=2, published=published,
                       locations=["Kharkiv"] if n % 2 else ["Lviv"])]
        if n == 2:
            group.append(claim(7, weapon_class="missiles", date=NIGHT - dt.timedelta(days=1), article=art,
                               outlet=outlet, index=3, published=published))
        out.append(group)
    return out


def clean_run() -> dict[str, dict[str, Any]]:
    worker = Worker({"figures": {}, "events": {}, "daily": {}})
    for group in groups():
        worker.feed(group)
    return worker.snapshot()


def without_times(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The tables with each event row's resolve time dropped (the only field a replay changes)."""
    out = copy.deepcopy(tables)
    for row in out["events"].values():
        row["summary"].pop("updated_at", None)
    return out


def crash_in_last_group(keep: Any) -> dict[str, dict[str, Any]]:
    """Run all groups but the last; run the last and land only the writes `keep` keeps."""
    *before, last = groups()
    worker = Worker({"figures": {}, "events": {}, "daily": {}})
    for group in before:
        worker.feed(group)
    landed = worker.snapshot()
    start = len(worker.log)
    worker.feed(last)
    for table, key, value in worker.log[start:]:
        if keep(table, key):
            if value is _DELETED:
                landed[table].pop(key, None)
            else:
                landed[table][key] = value
    return landed


def replay_last_group(landed: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A restarted worker over what landed reads the last group again (its offset was not committed)."""
    worker = Worker(landed)
    worker.feed(groups()[-1])
    return worker.snapshot()


def test_the_traced_crash_figure_and_event_row_landed_day_rows_did_not():
    """2026-12-07 fault run: the figure and the event's row were on their changelogs, the day
    rows were not; the replay found the figure recorded and, before settle.py, moved nothing."""
    landed = crash_in_last_group(lambda table, _key: table != "daily")
    clean = without_times(clean_run())
    assert without_times(landed)["daily"] != clean["daily"], "the crash must lose day rows"
    assert without_times(replay_last_group(landed)) == clean


@pytest.mark.parametrize("seed", range(12))
def test_any_subset_of_the_last_groups_writes_replays_to_the_clean_tables(seed: int):
    rng = random.Random(seed)
    landed = crash_in_last_group(lambda _table, _key: rng.random() < 0.5)
    assert without_times(replay_last_group(landed)) == without_times(clean_run())


def test_settling_again_writes_nothing_but_resends_the_event_and_its_windows():
    worker = Worker(clean_run())
    start = len(worker.log)
    settled = worker.feed(groups()[-1])
    assert worker.log[start:] == []
    assert [s.event.event_id for s in settled] == ["RU-2025-07-09"]
    assert settled[0].replayed and not settled[0].row_changed
    assert {series.weapon_class for _, series in settled[0].touched} >= {"drones", "total"}


def test_a_new_figure_changes_the_row_and_touches_only_the_rows_it_moves():
    worker = Worker(clean_run())
    settled = worker.feed([claim(900, article="art-9", outlet="mil.gov.ua", index=0,
                                 published=T0 + dt.timedelta(hours=9))])
    assert settled[0].row_changed and not settled[0].replayed
    touched = {(s.weapon_class, s.oblast) for _, s in settled[0].touched}
    assert ("drones", None) in touched and ("total", "Kharkiv Oblast") not in touched


def test_book_event_deletes_the_rows_of_a_series_the_event_no_longer_has():
    worker = Worker({"figures": {}, "events": {}, "daily": {}})
    first = worker.feed([claim(3, "killed", None, article="a", locations=["Odesa"], index=0)])[0].event
    book = worker.snapshot()["daily"]
    assert any("Odesa Oblast" in key for key in book)
    changed = first.model_copy(update={"regions": {}, "killed": None})
    touched = book_event(book, changed, REGIONS.names())
    assert not any("Odesa Oblast" in key for key in book)
    assert any(series.oblast == "Odesa Oblast" for _, series in touched)
