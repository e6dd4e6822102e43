"""The alerting service: `strikes.daily` (1d rows) -> rules -> `alerts` + webhook delivery.

One `AlertingService` object owns the faust app and all state (engine, evidence, delivery); it is
built by `main()` (`python -m services.alerting`), so importing this module reads no file.

- each 1-day aggregate updates its series' night; the engine re-evaluates what that changes and
  returns the notifications; each goes to `alerts` (keyed by fingerprint) and, per receiver that
  wants it, to the outbox `alerts.outbox` (acked) before its delivery task starts. Both writes
  are awaited inside the record's handler, so they are on the broker before the record's offset
  is committed;
- Alertmanager receivers get every firing alert again at their `resend_interval_s` (resend.py);
- `strikes.events` feeds the evidence cache (event ids, urls, sentences) attached to alerts;
- a delivery that ends (delivered, or dead-lettered to `alerts.dlq`) is cleared from the outbox;
  at start, what the outbox still holds is delivered again with the same webhook-id (kill -9,
  SIGTERM: nothing pending is lost);
- state (history seen on the stream + episodes) is snapshotted to <data_dir>/alerting/state.json
  every `alerting_snapshot_every_s` when it changed, and on shutdown. A snapshot is taken under
  the same lock as a record's engine step and outbox writes, so it never holds an alert whose
  delivery is not in the outbox yet. A hard crash can lose up to one interval of state: nights
  whose offsets were already committed are missing until the aggregation republishes them, and
  an alert may then be sent again, with the same webhook-id, which receivers drop.
Run one instance: the engine holds every series.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from pydantic import BaseModel

from schemas.alerts import Alert, FailedDelivery, OutboxEntry, Severity
from schemas.base import utc_now
from schemas.domain import AGGREGATE_MEASURES as MEASURES
from schemas.events import AttackEvent, DailyAggregate
from schemas.topics import ALERTS, ALERTS_DLQ, STRIKES_DAILY, STRIKES_EVENTS, TopicSpec
from services.alerting import metrics
from services.alerting.delivery import Dispatcher, Outcome
from services.alerting.engine import AlertEngine
from services.alerting.evidence import EvidenceCache
from services.alerting.outbox import KafkaOutbox, read_outbox, send_acked
from services.alerting.receivers import load_receivers
from services.alerting.resend import resend_forever
from services.alerting.rules import load_rules
from services.alerting.series import Observation, SeriesKey
from services.alerting.settings import AlertingSettings
from services.alerting.state_file import load_state, write_snapshot
from services.runtime.metrics import MESSAGES_OUT
from services.runtime.streams import ServiceRuntime

log = logging.getLogger(__name__)

SERVICE = "alerting"
OUTBOX_READ_RETRY_S = 5.0


def observation(agg: DailyAggregate) -> Observation:
    series = SeriesKey(agg.attacker.value, agg.weapon_class, agg.oblast or None)
    return Observation(series, agg.start, {m: float(getattr(agg, m)) for m in MEASURES})


class AlertingService:
    """The alerting app and everything it holds."""

    def __init__(self, settings: AlertingSettings) -> None:
        self.settings = settings
        self.runtime = ServiceRuntime(SERVICE, settings)
        self.app = self.runtime.app
        self.rules = load_rules(settings.alerting_rules)
        self.receivers = load_receivers(settings.alerting_receivers)
        self.evidence = EvidenceCache()
        self.engine = AlertEngine(self.rules, evidence=self.evidence.lookup)
        self.outbox = KafkaOutbox(self.app, settings)
        self.dispatcher = Dispatcher(self.receivers.receivers, self.receivers.retry, self.dead_letter,
                                     on_settled=self.settled)
        self._topics: dict[str, Any] = {}
        self._resends: list[asyncio.Task[None]] = []
        self._recovered = asyncio.Event()
        self._state_lock = asyncio.Lock()
        self._prepared = False
        self._dirty = False
        self._last_save = 0.0
        self._wire()

    # -- faust wiring --------------------------------------------------------------------------
    def _wire(self) -> None:
        app, runtime = self.app, self.runtime

        @app.agent(runtime.source(STRIKES_DAILY), name="alerting.daily")
        async def daily(stream: Any) -> None:
            await runtime.consume(stream, STRIKES_DAILY, self.on_daily)

        @app.agent(runtime.source(STRIKES_EVENTS), name="alerting.events")
        async def events(stream: Any) -> None:
            await runtime.consume(stream, STRIKES_EVENTS, self.on_event)

        @app.task
        async def start_delivery() -> None:
            self._prepare()
            await self.recover_outbox()
            self.start_resends()

        @app.timer(interval=1.0)
        async def snapshot() -> None:
            await self.save()

        @app.on_before_shutdown.connect
        async def stop(sender: Any, **_: Any) -> None:
            await self.save(force=True)
            for task in self._resends:
                task.cancel()
            await self.dispatcher.close()

    # -- start ----------------------------------------------------------------------------------
    def _prepare(self) -> None:
        """Once, before the first record (no await inside, so no record can slip in between):
        baseline, then the snapshot."""
        if self._prepared:
            return
        self._prepared = True
        base, snap = load_state(self.engine, self.settings.baseline_path(), self.settings.state_path())
        log.info("alerting: %d rules, %d baseline nights, %d snapshot nights, %d open alerts",
                 len(self.rules.rules), base, snap, len(self.engine.book.open))
        self._update_firing_gauge()
        if not self.dispatcher.workers:
            log.error("no usable receiver: alerts go to the %s topic only",
                      self.settings.topic_name(ALERTS))

    async def recover_outbox(self) -> None:
        """Deliver what the outbox still holds; records wait until this is done, so a delivery
        that ends meanwhile cannot be read back as pending."""
        while True:
            try:
                entries = await asyncio.to_thread(read_outbox, self.settings)
                break
            except Exception as exc:  # noqa: BLE001 - the broker is away: try again, loudly
                log.error("cannot read the delivery outbox yet (%s: %s); retrying in %.0fs",
                          type(exc).__name__, exc, OUTBOX_READ_RETRY_S)
                await asyncio.sleep(OUTBOX_READ_RETRY_S)
        for entry in entries:
            if not self.dispatcher.schedule(entry):
                await self.dispatcher.unknown_receiver(entry)
        log.info("delivery outbox: %d pending deliveries resumed", len(entries))
        self._recovered.set()

    def start_resends(self) -> None:
        """Alertmanager receivers get every firing alert again at their interval (resend.py)."""
        for worker in self.dispatcher.workers.values():
            if worker.receiver.format == "alertmanager":
                resends = resend_forever(worker, self.engine.book.firing_alerts)
                self._resends.append(asyncio.create_task(resends, name=f"resend-{worker.receiver.name}"))

    # -- records --------------------------------------------------------------------------------
    async def on_daily(self, agg: DailyAggregate, event: Any) -> None:
        """One aggregate row: only 1-day windows are nightly series."""
        if agg.window != "1d":
            return
        self._prepare()
        await self._recovered.wait()
        async with self._state_lock:
            alerts = self.engine.observe(observation(agg), utc_now())
            self._dirty = True
            for alert in alerts:
                await self.publish(alert)
        if alerts:
            self._update_firing_gauge()

    async def on_event(self, ev: AttackEvent, event: Any) -> None:
        self.evidence.add(ev)

    async def publish(self, alert: Alert) -> None:
        """`alerts`, then one outbox entry per receiver (both acked), then the deliveries start."""
        if alert.repeat == 0:
            metrics.ALERTS.labels(alert.rule, alert.severity.value, alert.status.value).inc()
        log.info("alert %s %s", alert.status.value, alert.summary,
                 extra={"fingerprint": alert.fingerprint, "rule": alert.rule})
        await self._send(ALERTS, alert.fingerprint, alert)
        entries = self.dispatcher.entries_for(alert)
        for entry in entries:
            await self.outbox.put(entry)
        for entry in entries:
            self.dispatcher.schedule(entry)

    async def dead_letter(self, record: FailedDelivery) -> None:
        await self._send(ALERTS_DLQ, record.alert.fingerprint, record)

    async def settled(self, entry: OutboxEntry, outcome: Outcome) -> None:
        await self.outbox.clear(entry)

    async def _send(self, spec: TopicSpec, key: str, value: BaseModel) -> None:
        """An acked send to a registry topic (the runtime's `send` only buffers)."""
        if spec.name not in self._topics:
            self._topics[spec.name] = self.app.topic(self.settings.topic_name(spec), key_serializer="raw",
                                                     value_serializer="raw", partitions=spec.partitions)
        await send_acked(self._topics[spec.name], key.encode(), value.model_dump_json().encode())
        MESSAGES_OUT.labels(SERVICE, spec.name).inc()

    # -- state ----------------------------------------------------------------------------------
    async def save(self, force: bool = False) -> None:
        if not self._dirty:
            return
        now = time.monotonic()
        if not force and now - self._last_save < self.settings.alerting_snapshot_every_s:
            return
        async with self._state_lock:
            state = self.engine.snapshot()
            self._dirty, self._last_save = False, now
        write_snapshot(state, self.settings.state_path())

    def _update_firing_gauge(self) -> None:
        counts = self.engine.book.firing_count()
        for rule in self.rules.rules:
            for severity in Severity:
                firing = counts.get((rule.name, severity), 0)
                metrics.ALERTS_FIRING.labels(rule.name, severity.value).set(firing)
