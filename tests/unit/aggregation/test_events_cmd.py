"""`strikewatch events`: JSON lines with the contract fields, from claims or article files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from services.cli import main
from services.offline.events import EVENT_FIELDS
from tests.support.claims import claim


def test_events_from_claim_files_prints_one_json_line_per_event(tmp_path, capsys):
    msgs = [claim(539, outlet="kyivindependent.com"), claim(11, weapon_class="missiles"),
            claim(550, weapon_class="total", outlet="reuters.com"),
            claim(805, date=dt.date(2025, 7, 10), outlet="reuters.com"),
            claim(810, date=dt.date(2025, 7, 10), outlet="mil.gov.ua"),
            claim(728, is_reference=True)]
    path = tmp_path / "claims.jsonl"
    path.write_text("\n".join(m.model_dump_json() for m in msgs) + "\n")
    assert main(["events", "--claims", str(path)]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["event_id"] for line in lines] == ["RU-2025-07-09", "RU-2025-07-10"]
    assert list(lines[0])[: len(EVENT_FIELDS)] == list(EVENT_FIELDS)
    assert lines[0]["launched"] == {"drones": 539, "missiles": 11, "total": 550}
    assert lines[1]["launched"]["drones"] == 810
    assert {s["outlet"] for s in lines[1]["sources"]} == {"reuters.com", "mil.gov.ua"}
    assert '"set_aside":"reference"' in err


def test_bad_claim_file_is_an_error_not_a_crash(tmp_path, capsys):
    path = tmp_path / "claims.jsonl"
    path.write_text('{"nope": 1}\n')
    assert main(["events", "--claims", str(path)]) == 2
    assert "not a ClaimMessage" in capsys.readouterr().err


def test_events_from_article_files_runs_extraction(tmp_path, capsys):
    pytest.importorskip("services.extraction.extractor")
    article = tmp_path / "night.txt"
    article.write_text(
        "date 2025-07-09\nOvernight barrage\n"
        "Russia launched 539 drones and 11 missiles at Ukraine overnight, the Air Force said.\n"
    )
    assert main(["events", str(article)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(line["launched"].get("drones") == 539 for line in lines)
