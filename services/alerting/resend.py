"""Alertmanager re-sends: every firing alert posted again at the receiver's `resend_interval_s`.

Alertmanager's client contract (what Prometheus does): a firing alert is re-posted regularly, and
an alert not re-posted within `resolve_timeout` (5 min by default) counts as resolved. Our alerts
change only when data arrives, so without this every episode would resolve itself in Alertmanager
after five quiet minutes and analysts would get false "resolved" notices. The firing ones go
without `endsAt`; the resolved notification (through the outbox) carries it.

A re-send is one POST of every open episode the receiver's filters accept, built and sent while
holding one of the receiver's request slots: with `concurrency: 1` (the default) it can never
overtake a `resolved` notification of the same episode. A failed re-send is logged and counted;
the next interval sends again (nothing to retry or dead-letter: the outbox carries the changes).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections.abc import Callable

import httpx

from schemas.alerts import Alert
from schemas.base import utc_now
from services.alerting import metrics
from services.alerting.delivery import ReceiverWorker, classify
from services.alerting.formats import alertmanager_item, alertmanager_url

log = logging.getLogger(__name__)

FiringAlerts = Callable[[dt.datetime], list[Alert]]


async def resend_firing(worker: ReceiverWorker, firing: FiringAlerts) -> int:
    """Post every firing alert the receiver wants; returns how many were posted (0 if none or failed)."""
    receiver = worker.receiver
    async with worker.slots:
        now = utc_now()
        items = [alertmanager_item(a, now, receiver.generator_url) for a in firing(now) if receiver.wants(a)]
        if not items:
            return 0
        try:
            response = await worker.client.post(
                alertmanager_url(receiver), content=json.dumps(items).encode("utf-8"),
                headers={"content-type": "application/json"}, timeout=worker.policy.timeout_s)
        except httpx.HTTPError as exc:
            metrics.DELIVERY_ATTEMPTS.labels(receiver.name, "network").inc()
            log.warning("receiver %s: re-send of %d firing alerts failed: %s", receiver.name, len(items), exc)
            return 0
    result, _ = classify(response.status_code)
    metrics.DELIVERY_ATTEMPTS.labels(receiver.name, result).inc()
    if result != "ok":
        log.warning("receiver %s: re-send of %d firing alerts answered HTTP %d", receiver.name, len(items),
                    response.status_code)
        return 0
    metrics.ALERTMANAGER_RESENDS.labels(receiver.name).inc(len(items))
    return len(items)


async def resend_forever(worker: ReceiverWorker, firing: FiringAlerts) -> None:
    """Re-send every `resend_interval_s` until cancelled (the service's shutdown)."""
    while True:
        await asyncio.sleep(worker.receiver.resend_interval_s)
        try:
            await resend_firing(worker, firing)
        except Exception:  # noqa: BLE001 - a bug here must not end the re-sends for good
            log.exception("receiver %s: re-send crashed", worker.receiver.name)
