"""The bundled sample feed keeps the promises samples/README.md makes about it.

`make run` and the end-to-end test rely on these files: every night of the stretch reported,
readable by the producer's own readers, the duplicate and revision pairs really being duplicates
and revisions after normalisation, and the README describing every file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import feedparser
import pytest

from services.common.article_files import iter_article_paths, load_articles
from services.common.normalise import canonical_url, clean_html_text

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "samples"
INBOX = SAMPLES / "inbox"
README = (SAMPLES / "README.md").read_text(encoding="utf-8")
FIRST_NIGHT, LAST_NIGHT = dt.date(2026, 10, 27), dt.date(2026, 11, 19)


@pytest.fixture(scope="module")
def inbox():
    return {a.id: a for a in load_articles([INBOX], id_policy="file")}


@pytest.fixture(scope="module")
def feed_entries():
    out = {}
    for name in ("sample.rss", "sample.atom"):
        parsed = feedparser.parse((SAMPLES / "feeds" / name).read_bytes())
        assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
        out[name] = parsed.entries
    return out


def _entry_text(entry) -> str:
    if entry.get("content"):
        return clean_html_text(max((c.get("value", "") for c in entry["content"]), key=len))
    return clean_html_text(entry.get("summary") or "")


def test_inbox_has_at_least_thirty_articles_all_dated(inbox):
    assert len(inbox) >= 30
    undated = [aid for aid, a in inbox.items() if a.published_at is None]
    assert not undated


def test_every_night_of_the_stretch_is_reported(inbox):
    dates = {a.published_at.date() for a in inbox.values()}
    nights = [FIRST_NIGHT + dt.timedelta(days=n) for n in range((LAST_NIGHT - FIRST_NIGHT).days + 1)]
    missing = [d.isoformat() for d in nights if d not in dates]
    assert not missing, f"nights without a dated article: {missing}"
    assert len(nights) >= 22


def test_feeds_parse_and_carry_links_ids_and_dates(feed_entries):
    assert len(feed_entries["sample.rss"]) >= 6 and len(feed_entries["sample.atom"]) >= 5
    for name, entries in feed_entries.items():
        for entry in entries:
            assert entry.get("link") and entry.get("id"), name
            assert entry.get("published_parsed"), f"{name}: {entry.get('link')} has no date"
            assert _entry_text(entry), f"{name}: {entry.get('link')} has no text"


def test_verbatim_republications_have_identical_text_and_another_url(inbox, feed_entries):
    by_text = defaultdict(list)
    for a in inbox.values():
        by_text[a.text].append(a.url)
    for entries in feed_entries.values():
        for entry in entries:
            by_text[_entry_text(entry)].append(canonical_url(entry["link"]))
    groups = [urls for urls in by_text.values() if len(urls) > 1]
    # kyivwire-v2 / uadigest; the 11-09 Air Force report / RSS; blacksea-herald / Atom.
    assert len(groups) >= 3
    for urls in groups:
        assert len(set(urls)) == len(urls), f"a republication must have its own URL: {urls}"


def test_revisions_share_a_canonical_url_and_change_the_text(inbox):
    by_url = defaultdict(list)
    for a in inbox.values():
        if a.url:
            by_url[a.url].append(a)
    revised = {url: arts for url, arts in by_url.items() if len(arts) > 1}
    assert len(revised) == 2, sorted(revised)
    for arts in revised.values():
        first, second = sorted(arts, key=lambda a: a.published_at)
        assert first.text != second.text


def test_readme_describes_every_inbox_file_and_feed_item(feed_entries):
    for path in iter_article_paths([INBOX]):
        assert path.name in README, f"samples/README.md does not describe {path.name}"
    for entry in feed_entries["sample.rss"]:
        path = re.sub(r"^https?://[^/]+", "", canonical_url(entry["link"]))
        assert path in README, f"samples/README.md does not describe RSS item {path}"
    for entry in feed_entries["sample.atom"]:
        assert entry["id"].split(",", 1)[1] in README, f"samples/README.md does not describe {entry['id']}"
