"""The scenarios as data: a name, what is fed besides the sample, and the fault with its moment."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from faults.hostile_inbox import check_hostile_inbox, hostile_inbox
from faults.poison import FUTURE_ARTICLE
from faults.receiver_outage import RECEIVER_OUTAGE_S, check_delivered_once, receiver_outage, retry_policy
from faults.run import PRODUCER_STATE, Check, Fault, Run
from tests.support.stack import SERVICES

BROKER_DOWN_S = 3.0
DEFAULT_POISON = 10_000


@dataclass(frozen=True)
class Scenario:
    name: str
    fault: Fault | None = None
    poison: int = 0
    inbox_extra: dict[str, bytes] = field(default_factory=dict)
    check: Check | None = None
    """The scenario's own expectations, beyond the comparison with the clean run."""
    retry: dict[str, float] = field(default_factory=dict)
    """The alert receivers' retry policy for this run (see faults/receiver_outage.py)."""
    needs_own_broker: bool = False
    """Restarts the broker: not on a shared (session) broker."""


def kill9(service: str) -> Fault:
    """SIGKILL the service once it handles input, then start it again (a supervisor's restart)."""

    def strike(run: Run) -> None:
        run.until_started(service)
        run.kill9(service)
        run.fault_at = time.monotonic()
        run.start_again(service)

    return strike


def restart_broker(run: Run) -> None:
    """Stop the broker once dedup handles input, start it again BROKER_DOWN_S later. On a memory
    broker everything sent so far is gone with it; the operator's documented step (docs/runtime.md)
    is to re-ingest: the feed producer is restarted without its state file, so the whole input is
    sent again and the outcome is compared with the clean run as usual."""
    run.until_started("dedup")
    run.broker.stop()
    run.fault_at = time.monotonic()
    time.sleep(BROKER_DOWN_S)
    started = time.monotonic()
    run.broker.start()
    run.notes.append(f"broker away {time.monotonic() - run.fault_at:.0f}s "
                     f"(its start took {time.monotonic() - started:.0f}s)")
    if run.broker.keeps_data:
        return
    run.stop_gracefully("feed_producer")
    (run.stack.root / "data" / PRODUCER_STATE).unlink(missing_ok=True)
    run.start_again("feed_producer")
    run.notes.append("memory broker: input sent again after the restart (producer state file removed)")


def outage(seconds: float = RECEIVER_OUTAGE_S) -> Scenario:
    """Receivers down for `seconds`, alerting kill -9'd while its deliveries fail."""
    return Scenario("receivers down, kill -9 alerting", fault=receiver_outage(seconds),
                    check=check_delivered_once, retry=retry_policy(seconds))


HOSTILE_INBOX = Scenario("hostile inbox files", fault=hostile_inbox, check=check_hostile_inbox)


def scenarios(poison: int = DEFAULT_POISON, receiver_outage_s: float = RECEIVER_OUTAGE_S) -> list[Scenario]:
    """Every scenario, the clean run first (the others are compared with it)."""
    return [
        Scenario("clean"),
        Scenario("clean again"),  # what differs between two clean runs is noise, not a fault's loss
        *(Scenario(f"kill -9 {service}", fault=kill9(service)) for service in SERVICES),
        Scenario("broker restart", fault=restart_broker, needs_own_broker=True),
        Scenario(f"{poison:,} poison records", poison=poison),
        Scenario("future-dated article", inbox_extra=dict([FUTURE_ARTICLE])),
        outage(receiver_outage_s),
        HOSTILE_INBOX,
    ]
