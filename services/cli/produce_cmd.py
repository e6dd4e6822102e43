"""`strikewatch produce`: the feed producer (feeds, inbox folder, or JSONL on stdin)."""

from __future__ import annotations

import argparse


def _run(args: argparse.Namespace) -> int:
    from services.feed_producer.main import run

    return run(args)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `produce`."""
    from services.feed_producer.main import add_arguments

    parser = subparsers.add_parser("produce", help="ingest feeds, an inbox folder or JSONL stdin into Kafka")
    add_arguments(parser)
    parser.set_defaults(func=_run)
