"""Writes `services/aggregation/place_coordinates.csv`: where the places of regions.yaml lie.

The page's map needs coordinates for the regions and towns the aggregation knows; the extraction
gazetteer has them. Rather than the aggregation service importing extraction, this module (which
may import both) writes the few rows the map needs to a data file beside regions.yaml, and a test
fails when the file no longer equals what the gazetteer gives (`python -m services.offline.places`
rewrites it; `--check` only compares).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys

from services.aggregation.places_map import COORDINATES_FILE, PlaceEntry
from services.aggregation.regions import RegionTable, default_region_table

FIELDS = ("name", "kind", "country", "lat", "lon")


def map_entries(regions: RegionTable) -> list[PlaceEntry]:
    """The gazetteer's first placed entry for every region or town name of the table, in
    gazetteer order (the map takes the first entry of a name)."""
    from services.extraction.gazetteer import EntityType, load_entries  # noqa: PLC0415

    wanted = set(regions.by_place) | {r.lower() for r in regions.by_place.values()}
    seen: set[str] = set()
    out: list[PlaceEntry] = []
    for entry, _aliases in load_entries():
        key = entry.name.lower()
        if (entry.type == EntityType.PLACE and entry.lat is not None and entry.lon is not None
                and key in wanted and key not in seen):
            seen.add(key)
            out.append((entry.name, entry.kind, entry.country, entry.lat, entry.lon))
    return out


def render(entries: list[PlaceEntry]) -> str:
    """The CSV text (floats written as repr, so they read back to the same value)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(FIELDS)
    for name, kind, country, lat, lon in entries:
        writer.writerow([name, kind or "", country or "", repr(lat), repr(lon)])
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Rewrite the file, or with --check say whether it is current (exit 1 when not)."""
    parser = argparse.ArgumentParser(prog="python -m services.offline.places", description=__doc__)
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when stale")
    args = parser.parse_args(argv)
    text = render(map_entries(default_region_table()))
    if args.check:
        current = COORDINATES_FILE.read_text(encoding="utf-8") if COORDINATES_FILE.exists() else ""
        if current != text:
            print(f"{COORDINATES_FILE} is stale: run python -m services.offline.places", file=sys.stderr)
            return 1
        return 0
    COORDINATES_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {COORDINATES_FILE} ({text.count(chr(10)) - 1} places)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
