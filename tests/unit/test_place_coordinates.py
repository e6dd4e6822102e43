"""The map's coordinates file equals what the extraction gazetteer gives (aggregation reads the file
so that it need not import extraction; `python -m services.offline.places` rewrites it)."""

from __future__ import annotations

from services.aggregation.places_map import COORDINATES_FILE
from services.aggregation.regions import default_region_table
from services.offline.places import main, map_entries, render


def test_coordinates_file_is_what_the_gazetteer_gives():
    assert COORDINATES_FILE.read_text(encoding="utf-8") == render(map_entries(default_region_table())), (
        "place_coordinates.csv is stale: run python -m services.offline.places")


def test_check_mode_passes_on_the_committed_file():
    assert main(["--check"]) == 0
