"""`strikewatch events PATH...`: the attack events resolved from article files, offline.

One JSON line per event on stdout (`event_id, attacker, date, scope, launched, intercepted, lost,
hit, killed, injured, sources`; counts keyed by weapon class). Claims that count towards no night
(undated, references to earlier attacks) are reported on stderr, one JSON line each.
"""

from __future__ import annotations

import argparse
import sys

from services.common.article_files import ArticleFileError, load_articles
from services.offline.events import dumps, event_line, extract_claims, read_claim_files, resolve_offline


def _run(args: argparse.Namespace) -> int:
    try:
        if args.claims:
            claims = list(read_claim_files(args.paths))
        else:
            claims = list(extract_claims(load_articles(args.paths, id_policy="file")))
    except (ArticleFileError, ValueError, OSError) as exc:
        print(f"strikewatch events: {exc}", file=sys.stderr)
        return 2
    resolver = resolve_offline(claims)
    for event in resolver.events():
        print(dumps(event_line(event)))
    for aside in resolver.set_aside.values():
        m = aside.message
        print(dumps({"set_aside": aside.route.value, "claim_id": m.claim_id, "article_id": m.article_id,
                     "measure": m.claim.measure.value, "weapon_class": m.claim.weapon_class,
                     "value": m.claim.value, "text": m.claim.evidence.text}), file=sys.stderr)
    print(f"{len(resolver.states)} events from {len(claims)} claims; {len(resolver.set_aside)} set aside",
          file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `events`."""
    parser = subparsers.add_parser("events", help="resolve article files into attack events (offline)")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    parser.add_argument("--claims", action="store_true",
                        help="PATHs are JSON-lines ClaimMessage files instead of articles")
    parser.set_defaults(func=_run)
