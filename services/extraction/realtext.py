"""The real-text evaluation set: a manifest of real news pages, our gold, texts kept outside git.

Third-party text never enters the repository, so `tests/data/extraction/realtext/` holds only
what is ours (address, the query that finds the page, outlet, publication date, the text's length
and sha256, the split, the gold annotations) and the texts live in the git-ignored `var/realtext/`
(`<id>.txt`, exactly as stored). `check` says which texts are present and unchanged, so a score is
never computed on a text that differs from the one annotated; `articles` turns the present ones
are scored by `strikewatch eval extract --texts DIR --gold FILE`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.common.checkout import CHECKOUT as REPO
from services.common.checkout import TEST_DATA

DEFAULT_SET = TEST_DATA / "extraction" / "realtext"
DEFAULT_TEXTS = REPO / "var" / "realtext"
MANIFEST_NAME = "manifest.jsonl"


class ManifestEntry(BaseModel):
    """One real page: where it is, how it was found, and the fingerprint of its text."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^rt-[a-z]-\d{3}$")
    url: str
    query: str = Field(description="the search that returns the page")
    outlet: str
    language: str
    kind: str
    published: dt.date | None = Field(description="read off the page; null when it gives none")
    length: int = Field(ge=1, description="characters of the text")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    # check1: a one-shot check; frozen2..frozen4: the next frozen parts (README)
    split: Literal["dev", "frozen", "check1", "frozen2", "frozen3", "frozen4"]


class TextStatus(StrEnum):
    OK = "ok"
    MISSING = "missing"
    CHANGED = "changed"


def load_manifest(path: Path) -> list[ManifestEntry]:
    """Parse and validate a manifest (raises pydantic.ValidationError naming the bad field)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ManifestEntry.model_validate_json(line) for line in lines if line.strip()]


def text_path(texts: Path, entry_id: str) -> Path:
    return texts / f"{entry_id}.txt"


def status_of(texts: Path, entry: ManifestEntry) -> TextStatus:
    """Is the text present and the very one that was annotated (length and sha256)?"""
    path = text_path(texts, entry.id)
    if not path.is_file():
        return TextStatus.MISSING
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return TextStatus.CHANGED
    if len(text) != entry.length or hashlib.sha256(data).hexdigest() != entry.sha256:
        return TextStatus.CHANGED
    return TextStatus.OK


@dataclass(frozen=True)
class Check:
    """What `check` found, per status."""

    ok: list[ManifestEntry]
    missing: list[ManifestEntry]
    changed: list[ManifestEntry]


def check(texts: Path, manifest: list[ManifestEntry]) -> Check:
    found: dict[TextStatus, list[ManifestEntry]] = {s: [] for s in TextStatus}
    for entry in manifest:
        found[status_of(texts, entry)].append(entry)
    return Check(found[TextStatus.OK], found[TextStatus.MISSING], found[TextStatus.CHANGED])


def read_text(texts: Path, entry: ManifestEntry) -> str:
    return text_path(texts, entry.id).read_text(encoding="utf-8")


def published_of(entry: ManifestEntry) -> str | None:
    """The publication time to give the pipeline: noon UTC of the day the page gives (the day is
    all it gives), None when it gives none (then only the text's own dates date a figure)."""
    return None if entry.published is None else f"{entry.published.isoformat()}T12:00:00+00:00"
