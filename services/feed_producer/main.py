"""Starting the producer: from feeds.yaml and the command line, into Kafka, until SIGTERM."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from schemas.topics import ARTICLES_RAW
from services.feed_producer.kafka_sink import BrokerUnavailable, KafkaArticleSink
from services.feed_producer.metrics import init_feed_metrics
from services.feed_producer.runner import Producer
from services.feed_producer.settings import FeedConfig, FeedProducerSettings, load_feeds_file
from services.feed_producer.web import serve
from services.runtime.logs import configure_logging
from services.runtime.metrics import MESSAGES_OUT, READY, UP
from services.runtime.topics_admin import wait_for_broker

log = logging.getLogger("services.feed_producer")
SERVICE = "feed_producer"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options shared by `python -m services.feed_producer` and `strikewatch produce`."""
    parser.add_argument("--feeds", type=Path, help="feeds.yaml (default STRIKEWATCH_FEEDS_FILE)")
    parser.add_argument(
        "--url", action="append", default=[], metavar="NAME=URL", help="an extra feed to poll (repeatable)"
    )
    parser.add_argument("--inbox", type=Path, help="folder of .txt/.json/.jsonl articles to watch")
    parser.add_argument("--stdin", action="store_true", help="read JSONL articles from stdin, then exit")
    parser.add_argument("--once", action="store_true", help="poll every feed and the inbox once, then exit")
    parser.add_argument("--no-web", action="store_true", help="do not serve /metrics and /health")


def _feeds(args: argparse.Namespace, settings: FeedProducerSettings) -> tuple[list[FeedConfig], Path | None]:
    feeds: list[FeedConfig] = []
    inbox = args.inbox
    path = args.feeds or settings.feeds_file
    if path and path.exists():
        doc = load_feeds_file(path)
        feeds.extend(f for f in doc.feeds if f.enabled)
        inbox = inbox or doc.inbox
    elif args.feeds:
        raise SystemExit(f"strikewatch produce: no such feeds file {args.feeds}")
    for spec in args.url:
        name, sep, url = spec.partition("=")
        if not sep:
            raise SystemExit(f"strikewatch produce: --url takes NAME=URL, got {spec!r}")
        feeds.append(FeedConfig(name=name, url=url))
    return feeds, inbox


def run(args: argparse.Namespace) -> int:
    """Run the producer; returns the exit code."""
    settings = FeedProducerSettings()
    configure_logging(settings.log_level, settings.log_json)
    feeds, inbox = _feeds(args, settings)
    try:
        wait_for_broker(settings.bootstrap_list(), timeout=60)
    except TimeoutError as exc:
        print(f"feed producer: {exc}", file=sys.stderr)
        return 1
    sink = KafkaArticleSink(settings)
    producer = Producer(settings, sink, feeds, inbox)
    init_feed_metrics([f.name for f in feeds], inbox=inbox is not None)
    MESSAGES_OUT.labels(SERVICE, ARTICLES_RAW.name)
    UP.labels(SERVICE).set(1)
    if not args.no_web and not args.stdin:
        serve(
            settings.web_host,
            settings.port_for(SERVICE),
            lambda: {"service": SERVICE, "status": "ok", "feeds": len(feeds)},
        )
    gave_up = False
    try:
        if args.stdin:
            from services.feed_producer.stdin import replay_stdin

            emitted, rejected = replay_stdin(producer)
            print(f"emitted {emitted} articles, rejected {rejected}", file=sys.stderr)
            return 0 if rejected == 0 else 2
        if args.once:
            n = producer.poll_due_feeds() + producer.scan_inbox(settle=False)
            print(f"emitted {n} articles", file=sys.stderr)
            return 0
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        READY.labels(SERVICE).set(1)
        log.info("feed producer ready: %d feeds, inbox %s, topic %s", len(feeds), inbox, sink.topic)
        producer.run(stop)
        return 0
    except BrokerUnavailable as exc:
        print(f"feed producer: {exc}", file=sys.stderr)
        gave_up = True  # (its state is not saved: what was not sent is sent again on restart)
        return 1
    finally:
        if not gave_up:
            producer.close()
        sink.close()
