"""Coordinates of the regions and towns of regions.yaml, for the page's map (the aggregates are per
region; the extraction gazetteer knows where each place lies, and `services.offline.places` writes
what the map needs of it to place_coordinates.csv, so this service does not import extraction)."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from services.aggregation.regions import RegionTable, default_region_table

PlaceEntry = tuple[str, str | None, str | None, float, float]
COORDINATES_FILE = Path(__file__).with_name("place_coordinates.csv")


def places(regions: RegionTable, entries: list[PlaceEntry]) -> list[dict]:
    """Regions first, then towns; `entries` = (name, kind, country, lat, lon) of gazetteer places.

    A region the gazetteer does not place itself (e.g. `Kyiv City`) takes its first placed town's
    coordinates, so every region that can have figures gets a marker.
    """
    by_name: dict[str, tuple[str, str | None, float, float]] = {}
    for name, _kind, country, lat, lon in entries:
        by_name.setdefault(name.lower(), (name, country, lat, lon))
    region_names = sorted(set(regions.by_place.values()))
    towns = sorted(p for p, r in regions.by_place.items() if p != r.lower())
    out_towns: list[dict] = []
    first_town: dict[str, dict] = {}
    for town in towns:
        if town in by_name:
            name, country, lat, lon = by_name[town]
            region = regions.by_place[town]
            row = {"name": name, "kind": "city", "region": region, "country": country,
                   "lat": lat, "lon": lon}
            out_towns.append(row)
            first_town.setdefault(region, row)
    out_regions = []
    for region in region_names:
        found = by_name.get(region.lower())
        if found:
            _, country, lat, lon = found
        elif region in first_town:
            town_row = first_town[region]
            country, lat, lon = town_row["country"], town_row["lat"], town_row["lon"]
        else:
            continue
        out_regions.append({"name": region, "kind": "region", "region": region, "country": country,
                            "lat": lat, "lon": lon})
    return out_regions + out_towns


@lru_cache(maxsize=1)
def default_places() -> list[dict]:
    """The packaged tables' places (the coordinates file is read once, on the first map request)."""
    with COORDINATES_FILE.open(encoding="utf-8", newline="") as f:
        entries = [(r["name"], r["kind"] or None, r["country"] or None, float(r["lat"]), float(r["lon"]))
                   for r in csv.DictReader(f)]
    return places(default_region_table(), entries)
