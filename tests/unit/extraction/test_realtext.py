"""The real-text set: its committed files are consistent, and texts are checked before scoring."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from services.cli import main as cli_main
from services.extraction.extractor import extract
from services.extraction.realtext import (
    DEFAULT_SET,
    MANIFEST_NAME,
    ManifestEntry,
    TextStatus,
    check,
    load_manifest,
    status_of,
)
from services.offline.extraction_eval import evaluate_realtext, load_gold_lines

# our own words, for the mechanics (the real pages are never committed)
TEXT = "Russia launched 40 drones at Ukraine overnight, the air force said; 31 were shot down.\n"


def _entry(text: str, **extra: object) -> ManifestEntry:
    data = text.encode("utf-8")
    return ManifestEntry.model_validate({
        "id": "rt-z-001", "url": "https://example.org/a", "query": "drones overnight",
        "outlet": "Example", "language": "en", "kind": "wire", "published": "2025-07-09",
        "length": len(text), "sha256": hashlib.sha256(data).hexdigest(), "split": "dev", **extra,
    })


def test_the_committed_set_is_consistent():
    manifest = load_manifest(DEFAULT_SET / MANIFEST_NAME)
    by_id = {e.id: e for e in manifest}
    assert len(by_id) == len(manifest) >= 150
    assert len({e.url for e in manifest}) == len(manifest)
    assert len({e.outlet.casefold() for e in manifest}) >= 40
    for split in ("dev", "frozen"):
        golds = load_gold_lines(DEFAULT_SET / f"{split}.gold.jsonl")
        assert golds and all(by_id[i].split == split for i in golds)
    assert sum(e.split == "dev" for e in manifest) >= 100
    assert sum(e.split == "frozen" for e in manifest) >= 50


def test_a_text_is_ok_only_when_present_and_unchanged(tmp_path: Path):
    entry = _entry(TEXT)
    assert status_of(tmp_path, entry) is TextStatus.MISSING
    (tmp_path / "rt-z-001.txt").write_text(TEXT.replace("40", "41"), encoding="utf-8")
    assert status_of(tmp_path, entry) is TextStatus.CHANGED
    (tmp_path / "rt-z-001.txt").write_text(TEXT, encoding="utf-8")
    assert status_of(tmp_path, entry) is TextStatus.OK
    found = check(tmp_path, [entry, _entry(TEXT, id="rt-z-002")])
    assert ([e.id for e in found.ok], [e.id for e in found.missing]) == (["rt-z-001"], ["rt-z-002"])


def test_check_command_says_what_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    manifest = tmp_path / MANIFEST_NAME
    manifest.write_text(_entry(TEXT).model_dump_json() + "\n", encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    assert cli_main(["realtext", "check", "--texts", str(texts), "--manifest", str(manifest)]) == 1
    assert "missing  rt-z-001  https://example.org/a  (query: drones overnight)" in capsys.readouterr().out
    (texts / "rt-z-001.txt").write_text(TEXT, encoding="utf-8")
    assert cli_main(["realtext", "check", "--texts", str(texts), "--manifest", str(manifest)]) == 0
    assert cli_main(["realtext", "check", "--manifest", str(tmp_path / "none.jsonl")]) == 2


def test_realtext_scoring_reads_the_page_as_the_pipeline_would(tmp_path: Path):
    (tmp_path / "rt-z-001.txt").write_text(TEXT, encoding="utf-8")
    claim = {"attacker": "RU", "measure": "launched", "weapon_class": "drones", "weapon_model": None,
             "value": 40, "qualifier": "exact", "scope": "single_attack", "period": None,
             "date": "2025-07-09", "locations": [], "is_reference": False}
    gold_file = tmp_path / "g.jsonl"
    gold_file.write_text(json.dumps({"id": "rt-z-001", "entities": [], "strikes": [claim]}) + "\n")
    report = evaluate_realtext(tmp_path, [_entry(TEXT)], load_gold_lines(gold_file), extract)
    assert report.articles == 1
    assert report.claims.by_measure["launched"].tp == 1
    assert report.claims.date.correct == 1  # dated from the manifest's publication day
