"""`strikewatch realtext check`: which real-text pages are present and unchanged.

The real-text set's texts are third-party pages kept out of git (`var/realtext/`); the manifest
holds each one's address, the query that finds it, its length and sha256. This says which texts
a score would use and, for the others, where to get them again.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pydantic import ValidationError


def _check(args: argparse.Namespace) -> int:
    from services.extraction.realtext import check, load_manifest

    manifest = Path(args.manifest)
    texts = Path(args.texts)
    try:
        entries = load_manifest(manifest)
    except FileNotFoundError:
        print(f"strikewatch realtext check: no manifest at {manifest}", file=sys.stderr)
        return 2
    except ValidationError as exc:
        print(f"strikewatch realtext check: {manifest}: {exc.errors()[0]['msg']}", file=sys.stderr)
        return 2
    found = check(texts, entries)
    for entry in found.missing:
        print(f"missing  {entry.id}  {entry.url}  (query: {entry.query})")
    for entry in found.changed:
        print(f"changed  {entry.id}  {entry.url}  (length or sha256 differs from the manifest)")
    splits = Counter(e.split for e in found.ok)
    per_split = ", ".join(f"{name} {count}" for name, count in sorted(splits.items()))
    print(f"{len(found.ok)} of {len(entries)} texts present and unchanged in {texts} "
          f"({per_split}); {len(found.missing)} missing, {len(found.changed)} changed")
    return 0 if not found.missing and not found.changed else 1


def register(subparsers: argparse._SubParsersAction) -> None:
    from services.extraction.realtext import DEFAULT_SET, DEFAULT_TEXTS, MANIFEST_NAME

    parser = subparsers.add_parser("realtext", help="the real-text evaluation set (texts kept out of git)")
    sub = parser.add_subparsers(dest="action", required=True)
    chk = sub.add_parser("check", help="which texts are present and match their length and sha256")
    chk.add_argument("--texts", default=str(DEFAULT_TEXTS), help="folder of <id>.txt (git-ignored)")
    chk.add_argument("--manifest", default=str(DEFAULT_SET / MANIFEST_NAME),
                     help="manifest.jsonl of the set (address, query, length, sha256 per text)")
    chk.set_defaults(func=_check)
