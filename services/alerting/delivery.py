"""Alert delivery: one asyncio queue and worker(s) per receiver, retries, dead letters.

`Dispatcher.submit` only enqueues (never awaits the network), so a slow or dead receiver can
never hold up the stream. Each receiver's worker retries 5xx, 429 and timeouts/network errors
with exponential backoff and jitter (at least the server's Retry-After), never retries other
4xx, and hands the alert to `on_failed` (-> `alerts.dlq`) once the budget is used up. The
webhook-id is fixed per notification, so the receiver can dedupe retries and redeliveries.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from schemas.alerts import Alert, FailedDelivery
from schemas.base import utc_now
from services.alerting import metrics
from services.alerting.formats import attempt_headers, render_body
from services.alerting.receivers import Receiver, RetryPolicy

log = logging.getLogger(__name__)

FailedHandler = Callable[[FailedDelivery], Awaitable[None]]
Sleeper = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class Outcome:
    """The end of one alert's delivery to one receiver."""

    outcome: str  # delivered | rejected | dead_lettered
    attempts: int
    status: int | None = None
    error: str = ""


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


class ReceiverWorker:
    """The queue and worker task(s) of one receiver."""

    def __init__(
        self,
        receiver: Receiver,
        policy: RetryPolicy,
        client: httpx.AsyncClient,
        on_failed: FailedHandler,
        *,
        sleep: Sleeper = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.receiver = receiver
        self.policy = policy
        self.client = client
        self.on_failed = on_failed
        self.sleep = sleep
        self.rng = rng or random.Random()
        self.queue: asyncio.Queue[tuple[Alert, float]] = asyncio.Queue(maxsize=receiver.queue_size)
        self.tasks: list[asyncio.Task[None]] = []
        self.depth = metrics.QUEUE_DEPTH.labels(receiver.name)
        metrics.init_receiver(receiver.name)

    def start(self) -> None:
        self.tasks = [asyncio.create_task(self._run(), name=f"deliver-{self.receiver.name}-{i}")
                      for i in range(self.receiver.concurrency)]

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks = []

    def submit(self, alert: Alert) -> bool:
        """Enqueue without waiting; a full queue dead-letters the alert instead of blocking."""
        try:
            self.queue.put_nowait((alert, time.monotonic()))
        except asyncio.QueueFull:
            metrics.DELIVERIES.labels(self.receiver.name, "dropped").inc()
            log.error("receiver %s: queue full (%d), alert %s dead-lettered", self.receiver.name,
                      self.queue.maxsize, alert.webhook_id)
            task = asyncio.ensure_future(self._fail(alert, 0, "delivery queue full", None))
            task.add_done_callback(lambda _: None)
            return False
        self.depth.set(self.queue.qsize())
        return True

    async def _run(self) -> None:
        while True:
            alert, enqueued = await self.queue.get()
            self.depth.set(self.queue.qsize())
            try:
                await self.deliver(alert, enqueued)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 - one bad alert must not kill the receiver's worker
                log.exception("receiver %s: delivery of %s crashed", self.receiver.name, alert.webhook_id)
            finally:
                self.queue.task_done()

    async def deliver(self, alert: Alert, enqueued: float | None = None) -> Outcome:
        """Deliver one alert with retries; returns how it ended (dead letters already written)."""
        name, policy = self.receiver.name, self.policy
        started = enqueued if enqueued is not None else time.monotonic()
        url, body = render_body(self.receiver, alert, utc_now())
        attempt = 0
        while True:
            attempt += 1
            headers = attempt_headers(self.receiver, alert, body, utc_now())
            retry_after: float | None = None
            status: int | None = None
            try:
                response = await self.client.post(url, content=body, headers=headers,
                                                  timeout=policy.timeout_s)
            except httpx.TimeoutException as exc:
                result, retryable, error = "timeout", True, f"timeout: {type(exc).__name__}"
            except httpx.HTTPError as exc:
                result, retryable, error = "network", True, f"{type(exc).__name__}: {exc}"
            else:
                status = response.status_code
                result, retryable = classify(status)
                error = f"HTTP {status}: {response.text[:300]}"
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            metrics.DELIVERY_ATTEMPTS.labels(name, result).inc()
            if result == "ok":
                metrics.DELIVERIES.labels(name, "delivered").inc()
                metrics.DELIVERY_SECONDS.labels(name).observe(time.monotonic() - started)
                return Outcome("delivered", attempt, status)
            if not retryable:
                log.error("receiver %s rejected %s (no retry): %s", name, alert.webhook_id, error)
                metrics.DELIVERIES.labels(name, "rejected").inc()
                await self._fail(alert, attempt, error, status)
                return Outcome("rejected", attempt, status, error)
            delay = backoff_delay(policy, attempt, self.rng)
            if retry_after is not None:
                delay = max(delay, min(retry_after, policy.max_retry_after_s))
            elapsed = time.monotonic() - started
            if attempt >= policy.max_attempts or elapsed + delay > policy.max_elapsed_s:
                log.error("receiver %s: %s undeliverable after %d attempts: %s", name, alert.webhook_id,
                          attempt, error)
                metrics.DELIVERIES.labels(name, "dead_lettered").inc()
                await self._fail(alert, attempt, error, status)
                return Outcome("dead_lettered", attempt, status, error)
            log.warning("receiver %s: attempt %d for %s failed (%s); retry in %.2fs", name, attempt,
                        alert.webhook_id, error, delay)
            await self.sleep(delay)

    async def _fail(self, alert: Alert, attempts: int, error: str, status: int | None) -> None:
        record = FailedDelivery(receiver=self.receiver.name, alert=alert, attempts=attempts,
                                last_error=error[:2000], last_status=status, failed_at=utc_now())
        try:
            await self.on_failed(record)
        except Exception:  # noqa: BLE001 - logged loudly: the DLQ itself failed
            log.exception("could not dead-letter %s for receiver %s", alert.webhook_id, self.receiver.name)


class Dispatcher:
    """Fans each alert out to the receivers whose filters accept it."""

    def __init__(
        self,
        receivers: list[Receiver],
        policy: RetryPolicy,
        on_failed: FailedHandler,
        *,
        client: httpx.AsyncClient | None = None,
        sleep: Sleeper = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._own_client = client is None
        self.client = client or httpx.AsyncClient(follow_redirects=False)
        self.workers: dict[str, ReceiverWorker] = {}
        for receiver in receivers:
            problem = receiver.problem()
            if problem:
                log.error("%s", problem)
                continue
            self.workers[receiver.name] = ReceiverWorker(receiver, policy, self.client, on_failed,
                                                         sleep=sleep, rng=rng)

    def start(self) -> None:
        for worker in self.workers.values():
            worker.start()

    def submit(self, alert: Alert) -> list[str]:
        """Queue the alert for every receiver that wants it; returns their names. Never blocks."""
        chosen = [w for w in self.workers.values() if w.receiver.wants(alert)]
        return [w.receiver.name for w in chosen if w.submit(alert)]

    async def join(self) -> None:
        """Wait until every queue is empty and nothing is in flight (tests, CLI)."""
        await asyncio.gather(*(w.queue.join() for w in self.workers.values()))

    async def close(self) -> None:
        for worker in self.workers.values():
            await worker.stop()
        if self._own_client:
            await self.client.aclose()
