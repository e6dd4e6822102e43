"""Faust app factory: one app (= consumer group, web port, /metrics, /health) per service.

Every faust option is passed explicitly and faust is given an empty environment (`env={}`), so
stray variables such as BROKER_URL or WEB_PORT in a container cannot reconfigure a service.

Fast start on the embedded broker (measured, see docs/runtime.md): Tansu's group coordinator
holds the first JoinGroup of a new generation for half the member's session timeout, waiting for
other members. faust's default `broker_session_timeout` is 60 s, hence the ~30 s first join (a bare
aiokafka consumer defaults to 10 s, hence ~5 s). The dev profile uses a 6 s session with 1 s
heartbeats: join in 3 s, a worker `Ready` ~5 s after its process starts. The prod profile keeps
faust's 60 s, which avoids rebalance storms on a real cluster.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from services.runtime import offset_reset, rebalance_seek
from services.runtime.broker_watch import BrokerWatch
from services.runtime.lag import install_lag_probe
from services.runtime.logs import configure_logging, logging_config
from services.runtime.metrics import READY, UP
from services.runtime.settings import RuntimeSettings
from services.runtime.topics_admin import broker_default_replication, wait_for_broker

log = logging.getLogger(__name__)

_FAUST_LEVELS = {"DEBUG": "debug", "INFO": "info", "WARNING": "warn", "ERROR": "error", "CRITICAL": "crit"}

_DEV_TIMEOUTS: dict[str, Any] = {
    "broker_session_timeout": 6.0,
    "broker_heartbeat_interval": 1.0,
    "broker_rebalance_timeout": 10.0,
    "broker_request_timeout": 30.0,
    "broker_commit_interval": 1.0,
}
_PROD_TIMEOUTS: dict[str, Any] = {
    "broker_session_timeout": 60.0,
    "broker_heartbeat_interval": 3.0,
    "broker_rebalance_timeout": 60.0,
    "broker_request_timeout": 90.0,
    "broker_commit_interval": 2.8,
}


def _shorten_fetch_wait(max_wait_ms: int) -> None:
    """faust 0.15 hard-codes aiokafka's fetch_max_wait_ms=1500 (drivers/aiokafka.py) and has no
    setting for it. On Tansu a fetch with no data waits the full time even when records arrive
    meanwhile, so every hop of a trickle (a claim reaching an analyst crosses four) paid up to
    1.5 s. The consumer reads this attribute when it starts, so setting it on the freshly built
    consumer is enough; nothing else of faust's consumer changes."""
    from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

    original = AIOKafkaConsumerThread._create_worker_consumer
    if getattr(original, "_strikewatch_wait", None) == max_wait_ms:
        return

    def create(self: Any, *args: Any, **kwargs: Any) -> Any:
        consumer = original(self, *args, **kwargs)
        consumer._fetch_max_wait_ms = max_wait_ms
        return consumer

    create._strikewatch_wait = max_wait_ms  # type: ignore[attr-defined]
    AIOKafkaConsumerThread._create_worker_consumer = create


TOPIC_METADATA_TIMEOUT_S = 30.0


def _wait_for_created_topics() -> None:
    """faust creates its changelog and repartition topics at start and subscribes to them right
    after (~0.1 s later). Apache Kafka acknowledges CreateTopics once the controller has the topic;
    the broker's metadata can show it a moment later, and aiokafka takes a metadata answer without
    the topic as "no partitions" and asks again only after `metadata_max_age_ms` (5 min). faust
    then finds its table's changelog with 0 partitions and raises PartitionsMismatch for every
    record written to the table (seen once in `make test` on a loaded machine: the e2e dedup
    dead-lettered its first records). So after creating a topic, wait until the broker's metadata
    shows all its partitions with a leader. Tansu shows a topic at once; this costs one metadata
    request per created topic."""
    from faust.transport.drivers.aiokafka import Transport

    original = Transport._really_create_topic
    if getattr(original, "_strikewatch_waits", False):
        return

    async def create(self: Any, owner: Any, client: Any, topic: str, partitions: int, replication: int,
                     **kwargs: Any) -> None:
        if replication == BROKER_DEFAULT_REPLICATION:
            bootstrap = tuple(f"{url.host}:{url.port}" for url in self.url)
            replication = await asyncio.to_thread(_broker_replication, bootstrap)
        await original(self, owner, client, topic, partitions, replication, **kwargs)
        await _until_topic_has_leaders(client, topic, partitions)

    create._strikewatch_waits = True  # type: ignore[attr-defined]
    Transport._really_create_topic = create


BROKER_DEFAULT_REPLICATION = 0
"""faust's topic_replication_factor when STRIKEWATCH_TOPIC_REPLICATION_FACTOR is unset: replaced,
when a topic is created, by the broker's default.replication.factor (CreateTopics v1-v3, which
faust sends, has no "broker default" value)."""


@functools.cache
def _broker_replication(bootstrap: tuple[str, ...]) -> int:
    """Asked once per process: every topic of the service gets the same factor."""
    return broker_default_replication(list(bootstrap))


async def _until_topic_has_leaders(client: Any, topic: str, partitions: int) -> None:
    """Poll the broker's metadata (aiokafka client) until `topic` has `partitions` led partitions."""
    from aiokafka.structs import TopicPartition

    deadline = time.monotonic() + TOPIC_METADATA_TIMEOUT_S
    while True:
        try:
            cluster = await client.fetch_all_metadata()
            found = cluster.partitions_for_topic(topic) or set()
            leaders = [cluster.leader_for_partition(TopicPartition(topic, p)) for p in found]
            if len(found) >= partitions and all(leader is not None and leader >= 0 for leader in leaders):
                return
        except Exception as exc:  # noqa: BLE001 - a failed probe is retried until the deadline
            log.debug("metadata for %s not readable yet: %s", topic, exc)
        if time.monotonic() > deadline:
            log.warning("topic %s shows no %d led partitions after %.0fs; going on", topic, partitions,
                        TOPIC_METADATA_TIMEOUT_S)
            return
        await asyncio.sleep(0.05)


def faust_options(service: str, settings: RuntimeSettings, **overrides: Any) -> dict[str, Any]:
    """The complete, explicit faust configuration of a service."""
    opts: dict[str, Any] = {
        "broker": [f"kafka://{s}" for s in settings.bootstrap_list()],
        "env": {},
        "store": "memory://",
        "processing_guarantee": "at_least_once",
        "topic_partitions": settings.topic_partitions or 4,
        "topic_replication_factor": settings.topic_replication_factor or BROKER_DEFAULT_REPLICATION,
        "topic_allow_declare": True,
        "topic_disable_leader": True,
        "table_standby_replicas": 0,
        "table_cleanup_interval": 30.0,
        "consumer_auto_offset_reset": "earliest",
        "web_enabled": True,
        "web_host": settings.web_host,
        "web_bind": settings.web_host,
        "web_port": settings.port_for(service),
        "web_in_thread": False,
        "datadir": str(settings.data_dir / "faust" / service),
        "stream_wait_empty": False,
        "producer_acks": -1,
        # one size policy (record_size.py): faust's 1 MB defaults would refuse what we let through
        "producer_max_request_size": settings.kafka_limit_bytes,
        # fewer, fuller produce requests (settings.py): one request in flight per broker
        "producer_max_batch_size": min(settings.producer_max_batch_bytes, settings.kafka_limit_bytes),
        "producer_linger": settings.producer_linger_ms / 1000,
        "consumer_max_fetch_size": settings.kafka_limit_bytes,
        "logging_config": logging_config(
            settings.log_level, settings.log_json, quiet_libraries=not settings.log_faust_internals,
            repeat_window=settings.log_repeat_seconds,
        ),
    }
    opts |= _PROD_TIMEOUTS if settings.profile == "prod" else _DEV_TIMEOUTS
    opts |= overrides
    return opts


def create_app(service: str, settings: RuntimeSettings, **overrides: Any) -> faust.App:
    """A faust app for `service` with /metrics and /health pages."""
    _shorten_fetch_wait(settings.fetch_max_wait_ms)
    _wait_for_created_topics()
    offset_reset.install()
    rebalance_seek.install()
    app = faust.App(settings.app_id(service), **faust_options(service, settings, **overrides))
    UP.labels(service).set(1)
    watch = BrokerWatch(settings.bootstrap_list())
    watch.install(app)

    @app.page("/metrics")
    async def metrics(web: Any, request: Any) -> Any:
        return web.bytes(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST.split(";")[0])

    @app.page("/health")
    async def health(web: Any, request: Any) -> Any:
        # ready = broker reachable, group joined and table recovery finished (processing);
        # 503 otherwise, so a load balancer or compose's healthcheck sees "not ready"
        reason = not_ready_reason(watch.reachable, app.tables.recovery.completed.is_set(), app.rebalancing)
        body = {"service": service, "status": "not ready" if reason else "ok", "ready": not reason}
        if reason:
            body["reason"] = reason
        return web.json(body, status=HTTP_NOT_READY if reason else HTTP_OK)

    @app.task
    async def _ready_after_recovery() -> None:
        # Ready = group joined and every table recovered from its changelog: only then do
        # reads of table state (web views, tests, operators) see what was there before a restart.
        await app.tables.recovery.completed.wait()
        READY.labels(service).set(1)
        log.info("%s worker ready (group %s)", service, app.conf.id)

    install_lag_probe(app, service, settings, watch)  # strikewatch_consumer_lag, every few seconds
    return app


HTTP_OK = 200
HTTP_NOT_READY = 503


def not_ready_reason(broker_reachable: bool, recovered: bool, rebalancing: bool) -> str:
    """Why the worker is not processing now ("" when it is): what /health answers."""
    if not broker_reachable:
        return "broker unreachable"
    if rebalancing:
        return "joining the consumer group"
    if not recovered:
        return "recovering tables"
    return ""


def run_worker(app: faust.App, service: str, settings: RuntimeSettings) -> None:
    """Run the app's worker in this process until SIGTERM/SIGINT (both shut down cleanly)."""
    configure_logging(settings.log_level, settings.log_json, not settings.log_faust_internals,
                      settings.log_repeat_seconds)
    Path(app.conf.datadir).mkdir(parents=True, exist_ok=True)
    wait_for_broker(settings.bootstrap_list(), timeout=120)  # started together with the broker
    # faust's worker installs its own SIGINT/SIGTERM handlers that stop the worker gracefully
    # (LeaveGroup, commit); SIGTERM default action would skip that, so make sure it is handled.
    signal.signal(signal.SIGTERM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
    log.info("starting %s (group %s) on %s", service, app.conf.id, settings.kafka_bootstrap_servers)
    sys.argv = [sys.argv[0], "--loglevel", _FAUST_LEVELS.get(settings.log_level.upper(), "info"), "worker"]
    app.main()
