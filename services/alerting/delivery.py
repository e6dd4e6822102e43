"""Alert delivery: one retry schedule per notification, retries, dead letters.

Every (receiver, notification) pair is its own asyncio task with its own backoff, so one alert
that keeps failing never holds up the later ones for the same receiver (no head-of-line queue).
A receiver's `concurrency` bounds only the requests in flight (a semaphore held for the HTTP call,
never across a backoff sleep). Notifications of one episode (same fingerprint) to one receiver
still go in order: a `resolved` waits until its `firing` is delivered or dead-lettered, so an
Alertmanager never sees an episode resolved and then firing again.

`Dispatcher.schedule` only starts a task (never awaits the network), so a slow or dead receiver
can never hold up the stream. Each attempt retries 5xx, 429 and timeouts/network errors with
exponential backoff and jitter (at least the server's Retry-After), never retries other 4xx, and
hands the alert to `on_failed` (-> `alerts.dlq`) once the budget is used up. The budget's clock
starts at the entry's `queued_at`, which the outbox keeps across restarts. When a delivery ends
(delivered, rejected, dead-lettered) `on_settled` is told, so the service can clear the entry from
its outbox; an entry whose dead letter could not be written is not settled (it stays pending).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from schemas.alerts import Alert, AlertStatus, FailedDelivery, OutboxEntry
from schemas.base import utc_now
from services.alerting import metrics
from services.alerting.formats import attempt_headers, render_body
from services.alerting.receivers import Receiver, RetryPolicy

log = logging.getLogger(__name__)

FailedHandler = Callable[[FailedDelivery], Awaitable[None]]
SettledHandler = Callable[[OutboxEntry, "Outcome"], Awaitable[None]]
Sleeper = Callable[[float], Awaitable[None]]

BACKLOG_FULL = "delivery backlog full"
Attempt = tuple[str, bool, str, int | None, float | None]


@dataclass(frozen=True)
class Outcome:
    """The end of one alert's delivery to one receiver."""

    outcome: str  # delivered | rejected | dead_lettered | dropped
    attempts: int
    status: int | None = None
    error: str = ""
    settled: bool = True
    """False when its dead letter could not be written: the entry must stay pending."""


def backoff_delay(policy: RetryPolicy, attempt: int, rng: random.Random) -> float:
    """Delay after failed attempt number `attempt` (1-based): base * multiplier^(n-1), capped,
    with the `jitter` fraction of it drawn at random so receivers coming back are not stampeded."""
    delay = min(policy.max_delay_s, policy.base_delay_s * policy.multiplier ** (attempt - 1))
    return delay * (1 - policy.jitter * rng.random())


def parse_retry_after(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent/invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or utc_now())).total_seconds())


def classify(status: int) -> tuple[str, bool]:
    """(metric result, retryable) of an HTTP status. 3xx is a failure: redirects are not followed."""
    if 200 <= status < 300:
        return "ok", False
    if status == 429:
        return "http_429", True
    if status >= 500:
        return "http_5xx", True
    return "http_4xx", False


def delivery_order(entry: OutboxEntry) -> tuple[dt.datetime, int, int]:
    """Recovered entries are scheduled in this order: as queued, firing before resolved."""
    return entry.queued_at, int(entry.alert.status is AlertStatus.RESOLVED), entry.alert.repeat


async def _settled_noop(entry: OutboxEntry, outcome: Outcome) -> None:
    return None


class ReceiverWorker:
    """The pending deliveries of one receiver, each on its own retry schedule."""

    def __init__(
        self,
        receiver: Receiver,
        policy: RetryPolicy,
        client: httpx.AsyncClient,
        on_failed: FailedHandler,
        *,
        on_settled: SettledHandler = _settled_noop,
        sleep: Sleeper = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.receiver = receiver
        self.policy = policy
        self.client = client
        self.on_failed = on_failed
        self.on_settled = on_settled
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.slots = asyncio.Semaphore(receiver.concurrency)
        self.pending: dict[str, asyncio.Task[None]] = {}
        """webhook-id -> its delivery task (a recovered entry already scheduled is not doubled)."""
        self._episode_tail: dict[str, asyncio.Task[None]] = {}
        self.depth = metrics.QUEUE_DEPTH.labels(receiver.name)
        metrics.init_receiver(receiver.name)

    def schedule(self, entry: OutboxEntry) -> bool:
        """Start the entry's delivery without waiting; False if it was dead-lettered instead
        (backlog over `queue_size`). An entry already pending is left alone (True)."""
        webhook_id = entry.alert.webhook_id
        if webhook_id in self.pending:
            return True
        if len(self.pending) >= self.receiver.queue_size:
            metrics.DELIVERIES.labels(self.receiver.name, "dropped").inc()
            log.error("receiver %s: %d deliveries pending, alert %s dead-lettered", self.receiver.name,
                      len(self.pending), webhook_id)
            task = asyncio.ensure_future(self._give_up(entry, BACKLOG_FULL))
            task.add_done_callback(lambda _: None)
            return False
        before = self._episode_tail.get(entry.alert.fingerprint)
        task = asyncio.create_task(self._run(entry, before),
                                   name=f"deliver-{self.receiver.name}-{webhook_id}")
        self.pending[webhook_id] = task
        self._episode_tail[entry.alert.fingerprint] = task
        task.add_done_callback(lambda t, e=entry: self._forget(e, t))
        self.depth.set(len(self.pending))
        return True

    def _forget(self, entry: OutboxEntry, task: asyncio.Task[None]) -> None:
        self.pending.pop(entry.alert.webhook_id, None)
        if self._episode_tail.get(entry.alert.fingerprint) is task:
            del self._episode_tail[entry.alert.fingerprint]
        self.depth.set(len(self.pending))

    async def _give_up(self, entry: OutboxEntry, error: str) -> None:
        if await self._fail(entry.alert, 0, error, None):
            await self.on_settled(entry, Outcome("dropped", 0, None, error))

    async def _run(self, entry: OutboxEntry, before: asyncio.Task[None] | None) -> None:
        if before is not None:
            await asyncio.wait([before])  # the episode's earlier notification ends first
        try:
            outcome = await self.deliver(entry.alert, entry.queued_at)
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - one bad alert must not kill the others; it stays pending
            log.exception("receiver %s: delivery of %s crashed", self.receiver.name, entry.alert.webhook_id)
            return
        if outcome.settled:
            await self.on_settled(entry, outcome)

    async def stop(self) -> None:
        """Cancel every pending delivery (they stay in the outbox and resume at the next start)."""
        tasks = list(self.pending.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def join(self) -> None:
        while self.pending:
            await asyncio.gather(*list(self.pending.values()), return_exceptions=True)

    async def _attempt(self, url: str, body: bytes, alert: Alert) -> Attempt:
        """One HTTP attempt: (result, retryable, error, status, retry_after)."""
        headers = attempt_headers(self.receiver, alert, body, utc_now())
        async with self.slots:
            try:
                response = await self.client.post(url, content=body, headers=headers,
                                                  timeout=self.policy.timeout_s)
            except httpx.TimeoutException as exc:
                return "timeout", True, f"timeout: {type(exc).__name__}", None, None
            except httpx.HTTPError as exc:
                return "network", True, f"{type(exc).__name__}: {exc}", None, None
        status = response.status_code
        result, retryable = classify(status)
        return (result, retryable, f"HTTP {status}: {response.text[:300]}", status,
                parse_retry_after(response.headers.get("retry-after")))

    async def deliver(self, alert: Alert, queued_at: dt.datetime | None = None) -> Outcome:
        """Deliver one alert with retries; returns how it ended (dead letters already written)."""
        name, policy = self.receiver.name, self.policy
        started = queued_at or utc_now()
        url, body = render_body(self.receiver, alert, utc_now())
        attempt = 0
        while True:
            attempt += 1
            result, retryable, error, status, retry_after = await self._attempt(url, body, alert)
            metrics.DELIVERY_ATTEMPTS.labels(name, result).inc()
            if result == "ok":
                metrics.DELIVERIES.labels(name, "delivered").inc()
                metrics.DELIVERY_SECONDS.labels(name).observe(max(0.0, (utc_now() - started).total_seconds()))
                return Outcome("delivered", attempt, status)
            if not retryable:
                log.error("receiver %s rejected %s (no retry): %s", name, alert.webhook_id, error)
                metrics.DELIVERIES.labels(name, "rejected").inc()
                written = await self._fail(alert, attempt, error, status)
                return Outcome("rejected", attempt, status, error, written)
            delay = backoff_delay(policy, attempt, self.rng)
            if retry_after is not None:
                delay = max(delay, min(retry_after, policy.max_retry_after_s))
            elapsed = (utc_now() - started).total_seconds()
            if attempt >= policy.max_attempts or elapsed + delay > policy.max_elapsed_s:
                log.error("receiver %s: %s undeliverable after %d attempts: %s", name, alert.webhook_id,
                          attempt, error)
                metrics.DELIVERIES.labels(name, "dead_lettered").inc()
                written = await self._fail(alert, attempt, error, status)
                return Outcome("dead_lettered", attempt, status, error, written)
            log.warning("receiver %s: attempt %d for %s failed (%s); retry in %.2fs", name, attempt,
                        alert.webhook_id, error, delay)
            await self.sleep(delay)

    async def _fail(self, alert: Alert, attempts: int, error: str, status: int | None) -> bool:
        """Dead-letter the alert; False (logged loudly) when the dead letter itself failed."""
        record = FailedDelivery(receiver=self.receiver.name, alert=alert, attempts=attempts,
                                last_error=error[:2000], last_status=status, failed_at=utc_now())
        try:
            await self.on_failed(record)
        except Exception:  # noqa: BLE001 - logged loudly: the DLQ itself failed
            log.exception("could not dead-letter %s for receiver %s; it stays pending", alert.webhook_id,
                          self.receiver.name)
            return False
        return True


class Dispatcher:
    """Fans each alert out to the receivers whose filters accept it."""

    def __init__(
        self,
        receivers: list[Receiver],
        policy: RetryPolicy,
        on_failed: FailedHandler,
        *,
        on_settled: SettledHandler = _settled_noop,
        client: httpx.AsyncClient | None = None,
        sleep: Sleeper = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._own_client = client is None
        self.client = client or httpx.AsyncClient(follow_redirects=False)
        self.on_failed = on_failed
        self.on_settled = on_settled
        self.workers: dict[str, ReceiverWorker] = {}
        for receiver in receivers:
            problem = receiver.problem()
            if problem:
                log.error("%s", problem)
                continue
            self.workers[receiver.name] = ReceiverWorker(
                receiver, policy, self.client, on_failed, on_settled=on_settled, sleep=sleep, rng=rng)

    def start(self) -> None:
        """Nothing to start: deliveries are tasks of their own (kept for callers and symmetry)."""

    def entries_for(self, alert: Alert, now: dt.datetime | None = None) -> list[OutboxEntry]:
        """One outbox entry per receiver that wants the alert."""
        queued = now or utc_now()
        return [OutboxEntry(receiver=name, alert=alert, queued_at=queued)
                for name, w in self.workers.items() if w.receiver.wants(alert)]

    def schedule(self, entry: OutboxEntry) -> bool:
        worker = self.workers.get(entry.receiver)
        if worker is None:
            return False
        return worker.schedule(entry)

    def submit(self, alert: Alert) -> list[str]:
        """Schedule the alert for every receiver that wants it; returns their names. Never blocks."""
        return [e.receiver for e in self.entries_for(alert) if self.schedule(e)]

    async def unknown_receiver(self, entry: OutboxEntry) -> None:
        """A recovered entry whose receiver is gone from the configuration: dead-lettered (then
        `strikewatch alerts redeliver` can still send it once the receiver is back), never dropped."""
        error = f"receiver {entry.receiver!r} is not configured (or disabled) any more"
        log.error("outbox entry %s: %s; dead-lettered", entry.key, error)
        record = FailedDelivery(receiver=entry.receiver, alert=entry.alert, attempts=0, last_error=error,
                                last_status=None, failed_at=utc_now())
        await self.on_failed(record)
        await self.on_settled(entry, Outcome("dropped", 0, None, error))

    async def join(self) -> None:
        """Wait until nothing is pending (tests, CLI)."""
        await asyncio.gather(*(w.join() for w in self.workers.values()))

    async def close(self) -> None:
        for worker in self.workers.values():
            await worker.stop()
        if self._own_client:
            await self.client.aclose()
