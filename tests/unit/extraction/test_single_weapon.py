"""One weapon named without a numeral ('a drone', 'one of the bombs') is a count of one when the
sentence says what befell it (README of the real-text set, settled readings of 2026-12-07): it hit,
it attacked or was fired at a target, or it was downed. Our own sentences, one per construction."""

from __future__ import annotations

import pytest

from tests.support.extraction import brief

CASES = [
    ("A drone slammed into a warehouse on the outskirts overnight.", ("RU", "hit", "drones", 1)),
    ("Overnight a Russian drone struck a school in the town, the mayor said.", ("RU", "hit", "drones", 1)),
    ("A shop was hit late on Monday by a Russian missile, the governor said.", ("RU", "hit", "missiles", 1)),
    ("A depot caught fire after being struck by a drone, the governor said.", ("RU", "hit", "drones", 1)),
    ("Russia pounded the city with guided bombs, one of which hit a school.", ("RU", "hit", "glide_bombs", 1)),
    ("One of the missiles hit a playground in the centre, officials said.", ("RU", "hit", "missiles", 1)),
    ("Russia said it had fired an Iskander-M missile at the port.", ("RU", "launched", "ballistic_missiles", 1)),
    ("A farm was attacked by a drone in the afternoon, the governor said.", ("RU", "launched", "drones", 1)),
    ("Wreckage of a downed drone set a garage alight, the governor said.", ("RU", "intercepted", "drones", 1)),
    ("The mayor said a missile impact in the centre injured two people.", ("RU", "hit", "missiles", 1)),
    ("Four drones plunged into the harbour district, the mayor said.", ("RU", "hit", "drones", 4)),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_one_weapon_is_counted_by_what_befell_it(text: str, expected: tuple) -> None:
    assert expected in brief(text)


@pytest.mark.parametrize("text", [
    "A drone attack damaged a power line in the region.",  # the attack, not a weapon
    "One of the missiles was a Kinzhal, the air force said.",  # described, not counted
    "In the city, a missile brought down part of a block.",  # damage told, no act on a target
])
def test_one_weapon_without_an_act_is_no_count(text: str) -> None:
    assert [c for c in brief(text) if c[1] in ("hit", "launched", "intercepted")] == []
