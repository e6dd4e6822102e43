"""`strikewatch extract PATH...`: entities and strike figures of article files, one JSON line each.

The line's field names are a public contract (other tools read them): `article_id`, `published`,
`entities` and `strikes`, with the `Entity` and `StrikeClaim` fields of `schemas.extraction`;
`--explain` adds to each strike the names of the rules behind it (`claims.measure_rules.RULES`).
"""

from __future__ import annotations

import argparse
import json
import sys


def _run(args: argparse.Namespace) -> int:
    from services.common.article_files import ArticleFileError, iter_article_paths, read_article_file
    from services.extraction.extractor import read_article  # lazy: keeps `strikewatch --help` fast

    status = 0
    out = sys.stdout
    for path in iter_article_paths(args.paths):
        try:
            articles = read_article_file(path, id_policy="file")
        except (ArticleFileError, OSError) as exc:
            print(f"strikewatch extract: {exc}", file=sys.stderr)
            status = 1
            continue
        for article in articles:
            mentions, drafts, _language = read_article(article)
            strikes = []
            for draft in drafts:
                strike = draft.to_claim().model_dump(mode="json")
                if args.explain:
                    strike["explain"] = {"measure_rule": draft.measure_rule, "scope_rule": draft.scope_rule,
                                         "passes": draft.passes}
                strikes.append(strike)
            line = {
                "article_id": article.id,
                "published": article.published_at.isoformat() if article.published_at else None,
                "entities": [m.to_entity().model_dump(mode="json", exclude_none=not args.all_fields)
                             for m in mentions],
                "strikes": strikes,
            }
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return status


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `extract`."""
    parser = subparsers.add_parser(
        "extract", help="print entities and strike figures of article files as JSON lines",
        description="One JSON line per article: article_id, published, entities, strikes.",
    )
    parser.add_argument("paths", nargs="+", help="article files (.txt/.json/.jsonl) or folders")
    parser.add_argument("--all-fields", action="store_true",
                        help="print entity fields that are null too (default: omit them)")
    parser.add_argument("--explain", action="store_true",
                        help="give each strike figure an 'explain' object: the rules that chose its "
                             "measure and scope, and the article passes that changed it")
    parser.set_defaults(func=_run)
