"""`strikewatch dedup PATH...`: the dedup service's decisions over article files, without Kafka."""

from __future__ import annotations

import argparse
import json
import sys

from services.common.article_files import ArticleFileError


def add_config_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by `dedup` and `eval dedup` (defaults = the service's defaults)."""
    from services.dedup.engine import DedupConfig

    d = DedupConfig()
    parser.add_argument("--threshold", type=float, default=d.threshold,
                        help=f"near-duplicate Jaccard threshold (default {d.threshold})")
    parser.add_argument("--shingle-size", type=int, default=d.shingle_size,
                        help=f"words per shingle (default {d.shingle_size})")
    parser.add_argument("--num-perm", type=int, default=d.num_perm,
                        help=f"MinHash permutations (default {d.num_perm})")


def config_from(args: argparse.Namespace):  # noqa: ANN201 - DedupConfig, imported lazily
    """A DedupConfig from the parsed options."""
    from services.dedup.engine import DedupConfig

    return DedupConfig(threshold=args.threshold, shingle_size=args.shingle_size,
                       num_perm=args.num_perm)


def _run(args: argparse.Namespace) -> int:
    from services.common.article_files import load_articles
    from services.dedup.engine import Deduplicator

    try:
        articles = load_articles(args.paths, id_policy="file")
    except (ArticleFileError, OSError) as exc:
        print(f"strikewatch dedup: {exc}", file=sys.stderr)
        return 2
    dedup = Deduplicator(config_from(args))
    for article in articles:
        d = dedup.decide(article)
        print(json.dumps({"article_id": d.article_id, "verdict": str(d.verdict),
                          "duplicate_of": d.duplicate_of, "similarity": d.similarity,
                          "story_id": d.story_id}, ensure_ascii=False))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `dedup PATH...`."""
    parser = subparsers.add_parser(
        "dedup", help="exact/near-duplicate, revision and story verdicts for article files",
        description="Prints one JSON line per article in input order: article_id, verdict, "
                    "duplicate_of, similarity, story_id.",
    )
    parser.add_argument("paths", nargs="+", help=".txt/.json/.jsonl files or folders")
    add_config_arguments(parser)
    parser.set_defaults(func=_run)
