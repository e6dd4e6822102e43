"""Other stories' headlines on a stored page give no claims and no entities (our own page text)."""

from __future__ import annotations

from services.extraction.claims.other_stories import other_story_spans
from tests.support.extraction import claims

PAGE = """Drone damages a school in Sumy - mayor
A Russian drone damaged a school in Sumy overnight, the mayor said. Two people were injured.
MORE ABOUT
Missile strike kills 4 in Odesa - governor
08:10, 02.03.2025
Russia launches 90 drones at Kharkiv
07:55, 02.03.2025
LATEST
Ukraine downs 50 of 70 drones overnight
09:01, 02.03.2025
"""


def _lines_in(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_headlines_under_a_list_header_are_other_stories() -> None:
    assert _lines_in(PAGE, other_story_spans(PAGE)) == [
        "Missile strike kills 4 in Odesa - governor",
        "Russia launches 90 drones at Kharkiv",
        "Ukraine downs 50 of 70 drones overnight",
    ]


def test_a_run_of_timestamped_headlines_without_a_header_is_a_list() -> None:
    text = ("Strike on Lviv\nThree people were injured in Lviv.\n"
            "Kyiv hit by 20 drones\n10:00, 01.02.2025\nOdesa port struck by 3 missiles\n09:00, 01.02.2025\n")
    assert _lines_in(text, other_story_spans(text)) == ["Kyiv hit by 20 drones", "Odesa port struck by 3 missiles"]


def test_the_article_own_headline_with_its_timestamp_is_kept() -> None:
    text = "Russia launches 40 drones at Kyiv\n06:30, 05.04.2025\nRussia launched 40 drones at Kyiv overnight.\n"
    assert other_story_spans(text) == []


def test_listed_headlines_give_no_claims() -> None:
    assert [(c.measure.value, c.value) for c in claims(PAGE)] == [("injured", 2)]
