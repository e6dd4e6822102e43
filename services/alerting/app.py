"""The alerting service: `strikes.daily` (1d rows) -> rules -> `alerts` + webhook delivery.

A thin shell around the pure engine (engine.py) and the delivery queues (delivery.py):
- each 1-day aggregate updates its series' night; when the figure changed, the series' rules run
  on that night; lifecycle changes go to `alerts` (keyed by fingerprint) and to the receivers'
  queues (never awaited here, so a dead receiver cannot stall the stream);
- `strikes.events` feeds the evidence cache (event ids, urls, sentences) attached to alerts;
- deliveries that use up their retry budget go to `alerts.dlq`.
State (history seen on the stream + open alerts) is snapshotted to <data_dir>/alerting/state.json
every `alerting_snapshot_every_s` when it changed, and on shutdown; it is loaded at start after the
baseline CSV. A hard crash can lose up to that interval of state: nights whose offsets were already
committed are missing until the aggregation republishes them, and an alert may be sent again, with
the same webhook-id, which receivers drop. Run one instance: the engine holds every series.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from schemas.alerts import Alert, FailedDelivery, Severity
from schemas.base import utc_now
from schemas.events import AttackEvent, DailyAggregate
from schemas.topics import ALERTS, ALERTS_DLQ, STRIKES_DAILY, STRIKES_EVENTS
from services.alerting import metrics
from services.alerting.delivery import Dispatcher
from services.alerting.engine import AlertEngine
from services.alerting.evidence import EvidenceCache
from services.alerting.receivers import load_receivers
from services.alerting.rules import load_rules
from services.alerting.series import Observation, SeriesKey
from services.alerting.settings import AlertingSettings
from services.alerting.state_file import load_state, save_state
from services.runtime.streams import ServiceRuntime

log = logging.getLogger(__name__)

SERVICE = "alerting"
MEASURES = ("launched", "intercepted", "lost", "hit", "killed", "injured", "attacks")

settings = AlertingSettings()
runtime = ServiceRuntime(SERVICE, settings)
app = runtime.app

rules = load_rules(settings.alerting_rules)
receivers = load_receivers(settings.alerting_receivers)
evidence = EvidenceCache()
engine = AlertEngine(rules, evidence=evidence.lookup)
_dispatcher: Dispatcher | None = None
_dirty = False
_last_save = 0.0


def observation(agg: DailyAggregate) -> Observation:
    series = SeriesKey(agg.attacker.value, agg.weapon_class, agg.oblast or None)
    return Observation(series, agg.start, {m: float(getattr(agg, m)) for m in MEASURES})


def _update_firing_gauge() -> None:
    counts = engine.book.firing_count()
    for rule in rules.rules:
        for severity in Severity:
            metrics.ALERTS_FIRING.labels(rule.name, severity.value).set(counts.get((rule.name, severity), 0))


def _save(force: bool = False) -> None:
    global _dirty, _last_save
    if not _dirty:
        return
    now = time.monotonic()
    if force or now - _last_save >= settings.alerting_snapshot_every_s:
        save_state(engine, settings.state_path())
        _dirty, _last_save = False, now


async def publish(alerts: list[Alert]) -> None:
    for alert in alerts:
        if alert.repeat == 0:
            metrics.ALERTS.labels(alert.rule, alert.severity.value, alert.status.value).inc()
        log.info("alert %s %s", alert.status.value, alert.summary,
                 extra={"fingerprint": alert.fingerprint, "rule": alert.rule})
        await runtime.send(ALERTS, alert.fingerprint, alert)
        if _dispatcher is not None:
            _dispatcher.submit(alert)


async def on_daily(agg: DailyAggregate, event: Any) -> None:
    """One aggregate row: only 1-day windows are nightly series."""
    global _dirty
    if agg.window != "1d":
        return
    _prepare()
    alerts = engine.observe(observation(agg), utc_now())
    _dirty = True
    if alerts:
        await publish(alerts)
        _update_firing_gauge()


async def on_event(ev: AttackEvent, event: Any) -> None:
    evidence.add(ev)


async def dead_letter(record: FailedDelivery) -> None:
    await runtime.send(ALERTS_DLQ, record.alert.fingerprint, record)


def _prepare() -> None:
    """Once, before the first record (whichever of the task and agents runs first; no await
    inside, so no record can slip in between): baseline, snapshot, delivery queues."""
    global _dispatcher
    if _dispatcher is not None:
        return
    base, snap = load_state(engine, settings.baseline_path(), settings.state_path())
    log.info("alerting: %d rules, %d baseline nights, %d snapshot nights, %d open alerts",
             len(rules.rules), base, snap, len(engine.book.open))
    _update_firing_gauge()
    _dispatcher = Dispatcher(receivers.receivers, receivers.retry, dead_letter)
    _dispatcher.start()
    if not _dispatcher.workers:
        log.error("no usable receiver: alerts go to the %s topic only", settings.topic_name(ALERTS))


@app.task
async def start_delivery() -> None:
    _prepare()


@app.timer(interval=1.0)
async def snapshot() -> None:
    _save()


@app.on_before_shutdown.connect
async def _stop(sender: Any, **_: Any) -> None:
    _save(force=True)
    if _dispatcher is not None:
        await _dispatcher.close()


@app.agent(runtime.source(STRIKES_DAILY))
async def daily(stream: Any) -> None:
    await runtime.consume(stream, STRIKES_DAILY, on_daily)


@app.agent(runtime.source(STRIKES_EVENTS))
async def events(stream: Any) -> None:
    await runtime.consume(stream, STRIKES_EVENTS, on_event)

