"""Receiver down for a long outage with alerting killed during it (issue 11 item 3).

Both receivers go away at once (the stack's webhook receiver stopped with TERM, the recorder's
server shut down: connections refused), the sample's alerts are queued and fail; once a delivery
to the recorder has failed, alerting is killed with SIGKILL and started again at once; the
receivers come back when the outage is over. Expected: every notification alerting queued for the
recorder (`alerts.outbox`, key `probe|<webhook-id>`) reaches it exactly once after it returns, and
none goes to `alerts.dlq`. The scenario's retry policy outlasts the outage (the stack's own is a
few seconds, the shipped default 30 min), so a loss here is the outbox's, not the budget's.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
from prometheus_client.parser import text_string_to_metric_families

from faults.run import QUIET_S, TRIGGER_TIMEOUT_S, Run, read_all, valid
from schemas.alerts import Alert, FailedDelivery, OutboxEntry
from schemas.topics import ALERTS, ALERTS_DLQ, ALERTS_OUTBOX

RECEIVER_OUTAGE_S = 600.0
"""The issue's ten minutes (`python -m faults --receiver-outage`); the fast test uses less."""
PROBE = "probe"
"""The recorder's name in the stack's receivers file: the receiver whose deliveries are counted."""
DELIVERY_WAIT_S = 120.0
"""After the receivers return: how long the queued notifications may take to arrive."""
RETRY_MAX_DELAY_S = 2.0
"""Pause between attempts at most, so the first attempt after the outage comes within seconds."""


def retry_policy(outage_s: float) -> dict[str, float]:
    """A retry budget that outlasts the outage (with the kill and the restart in it)."""
    return {"base_delay_s": 0.2, "max_delay_s": RETRY_MAX_DELAY_S, "max_attempts": 1_000_000,
            "max_elapsed_s": 2 * outage_s + 600}


def _failed_attempts(run: Run) -> float:
    try:
        text = run.stack.metrics_text("alerting")
    except httpx.HTTPError:  # not answering (being restarted) counts as none
        return 0.0
    return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
               if s.name == "strikewatch_alert_delivery_attempts_total"
               and s.labels.get("receiver") == PROBE and s.labels.get("result") != "ok")


def receiver_outage(outage_s: float) -> Callable[[Run], None]:
    """The fault: receivers down for `outage_s`, alerting kill -9'd while its deliveries fail."""

    def strike(run: Run) -> None:
        down_at = time.monotonic()
        run.recorder.stop()
        run.stop_gracefully("webhook_receiver")
        deadline = down_at + min(TRIGGER_TIMEOUT_S, outage_s)
        while _failed_attempts(run) == 0 and time.monotonic() < deadline:
            time.sleep(0.2)
        if _failed_attempts(run) == 0:
            run.notes.append("no failed delivery before the kill; struck anyway")
        run.kill9("alerting")
        run.notes.append(f"alerting killed {time.monotonic() - down_at:.0f}s into the outage")
        run.start_again("alerting")
        time.sleep(max(0.0, outage_s - (time.monotonic() - down_at)))
        run.recorder.start()
        run.start_again("webhook_receiver")
        run.fault_at = time.monotonic()  # times count from the receivers' return
        run.notes.append(f"receivers away {time.monotonic() - down_at:.0f}s")

    return strike


def check_delivered_once(run: Run) -> None:
    """Every notification queued for the recorder (in the outbox) or published on `alerts` is
    delivered to it (doubles are counted by compare)."""
    prefix, bootstrap = run.stack.prefix, run.broker.bootstrap
    outbox = read_all(bootstrap, prefix + ALERTS_OUTBOX.name)
    entries = [e for r in outbox if (e := valid(OutboxEntry, r.value)) is not None]
    published = read_all(bootstrap, prefix + ALERTS.name)
    alerts = [a for r in published if (a := valid(Alert, r.value)) is not None]
    # the recorder takes every alert (no filters): one on `alerts` but never in the outbox is lost too
    queued = {e.alert.webhook_id for e in entries if e.receiver == PROBE} | {a.webhook_id for a in alerts}
    if not queued:
        run.broken.append("no notification was queued for the recorder: nothing was tested")
    deadline = time.monotonic() + DELIVERY_WAIT_S
    while time.monotonic() < deadline and not queued <= run.delivered():
        time.sleep(1.0)
    time.sleep(QUIET_S)  # a late second copy would show now
    missing = sorted(queued - run.delivered())
    run.missed += [f"alert {w} never delivered" for w in missing]
    dead = [d.alert.webhook_id for r in read_all(bootstrap, prefix + ALERTS_DLQ.name)
            if (d := valid(FailedDelivery, r.value)) is not None and d.receiver == PROBE]
    if dead:  # also missing above: named here, not counted twice
        run.notes.append(f"{len(dead)} alerts dead-lettered: {', '.join(sorted(dead)[:5])}")
    run.notes.append(f"{len(queued)} notifications queued for the recorder, {len(queued) - len(missing)} "
                     f"delivered")
