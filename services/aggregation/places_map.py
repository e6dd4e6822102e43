"""Coordinates of the regions and towns of regions.yaml, from the extraction gazetteer, for the
page's map (the aggregates are per region; the gazetteer knows where each place lies)."""

from __future__ import annotations

from functools import lru_cache

from services.aggregation.regions import RegionTable, default_region_table

PlaceEntry = tuple[str, str | None, str | None, float, float]


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
    """The packaged tables' places (the gazetteer is read once, on the first map request)."""
    from services.extraction.gazetteer import EntityType, load_entries

    entries = [(e.name, e.kind, e.country, e.lat, e.lon) for e, _ in load_entries()
               if e.type == EntityType.PLACE and e.lat is not None and e.lon is not None]
    return places(default_region_table(), entries)
