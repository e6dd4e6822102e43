"""`strikewatch produce`: the feed producer (feeds, inbox folder, or JSONL on stdin)."""

from __future__ import annotations

import argparse
from pathlib import Path
from urllib.parse import urlsplit

from services.cli.errors import UsageError

WEB_SCHEMES = ("http", "https")


def check_sources(args: argparse.Namespace) -> None:
    """A mistyped --inbox or --url is refused before the producer starts: it would otherwise wait
    on the broker first and then poll a folder or file that is not there, every interval."""
    if args.inbox is not None and not Path(args.inbox).is_dir():
        raise UsageError(f"--inbox {args.inbox}: no such folder")
    for spec in args.url:
        name, sep, url = spec.partition("=")
        if not sep or not name:
            raise UsageError(f"--url takes NAME=URL, got {spec!r}")
        parts = urlsplit(url)
        if parts.scheme in WEB_SCHEMES:
            if not parts.netloc:
                raise UsageError(f"--url {spec}: no host in the URL")
        elif not Path(parts.path if parts.scheme == "file" else url).is_file():
            raise UsageError(f"--url {spec}: neither an http(s) URL nor an existing feed file")


def _run(args: argparse.Namespace) -> int:
    from services.feed_producer.main import run

    check_sources(args)
    return run(args)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `produce`."""
    from services.feed_producer.main import add_arguments

    parser = subparsers.add_parser("produce", help="ingest feeds, an inbox folder or JSONL stdin into Kafka")
    add_arguments(parser)
    parser.set_defaults(func=_run)
