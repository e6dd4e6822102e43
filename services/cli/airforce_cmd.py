"""`strikewatch airforce check`: the uk/ru dev set's Air Force summaries against the nightly table.

For every Ukrainian/Russian dev page that is an Air Force nightly summary (manifest kind) or
retells one (names the Air Force and gives Russia's nightly figures), the figures we extract for
its night are compared with the project's excerpt of the Air Force table
(`tests/data/extraction/airforce_nights.csv`). Only the dev split is read: the frozen part is
scored once, by `eval extract`, and never looked at here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import ValidationError

STUDIED_SPLIT = "dev"
LANGUAGES = ("uk", "ru")
AIRFORCE_KIND = "airforce_summary"


def _check(args: argparse.Namespace) -> int:
    from services.common.article_files import build_article
    from services.extraction.cyrillic.airforce_table import (
        AIR_FORCE_NAMED,
        ExcerptError,
        compare,
        load_nights,
        night_of,
    )
    from services.extraction.extractor import extract
    from services.extraction.realtext import MANIFEST_NAME, check, load_manifest, published_of, read_text

    manifest = Path(args.set) / MANIFEST_NAME
    try:
        nights = load_nights(Path(args.nights))
        entries = [e for e in load_manifest(manifest) if e.split == STUDIED_SPLIT and e.language in LANGUAGES]
    except (FileNotFoundError, ExcerptError) as exc:
        print(f"strikewatch airforce check: {exc}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"strikewatch airforce check: {manifest}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    present = check(Path(args.texts), entries).ok
    rows: list[tuple[str, ...]] = []
    skipped: list[str] = []
    summaries = matched = 0
    for entry in present:
        text = read_text(Path(args.texts), entry)
        article = build_article(feed="realtext", url=entry.url, title="", text=text,
                                published=published_of(entry), article_id=entry.id, language=entry.language)
        claims = extract(article).strikes
        night = night_of(claims)
        if entry.kind != AIRFORCE_KIND and not (AIR_FORCE_NAMED.search(text) and night is not None):
            continue  # neither a summary nor a retelling of one
        if night is None or night not in nights:
            why = "undated (no night)" if night is None else f"night {night} not in the excerpt"
            skipped.append(f"{entry.id}  {entry.kind}: {why}")
            continue
        found = compare(entry.id, claims, nights[night])
        summaries += 1
        compared = [c for c in found if c.ours is not None and c.table is not None]
        matched += bool(compared) and all(c.verdict == "match" for c in compared)
        rows += [(c.article_id, c.night.isoformat(), c.weapon_class.value, c.measure.value,
                  "-" if c.ours is None else str(c.ours), "-" if c.table is None else str(c.table),
                  c.verdict) for c in found]
    _print_table(("article", "night", "class", "measure", "ours", "table", "verdict"), rows)
    for line in skipped:
        print(f"skipped  {line}")
    print(f"{matched} of {summaries} Air Force summaries with a night in the excerpt match the table "
          f"(every figure we extract equals it); {len(skipped)} skipped; "
          f"{len(entries) - len(present)} dev texts missing or changed")
    return 0 if matched == summaries else 1


def _print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def register(subparsers: argparse._SubParsersAction) -> None:
    from services.common.checkout import TEST_DATA
    from services.extraction.realtext import DEFAULT_SET, DEFAULT_TEXTS

    parser = subparsers.add_parser("airforce", help="Air Force summaries against the nightly table")
    sub = parser.add_subparsers(dest="action", required=True)
    chk = sub.add_parser("check", help="uk/ru dev Air Force summaries: extracted launched/intercepted per "
                                       "weapon class against the table's excerpt, per night")
    chk.add_argument("--texts", default=str(DEFAULT_TEXTS), help="folder of <id>.txt (git-ignored)")
    chk.add_argument("--set", default=str(DEFAULT_SET), help="folder of the manifest")
    chk.add_argument("--nights", default=str(TEST_DATA / "extraction" / "airforce_nights.csv"),
                     help="the project's excerpt of the Air Force table")
    chk.set_defaults(func=_check)
