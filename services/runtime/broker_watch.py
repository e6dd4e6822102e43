"""Is the broker reachable from this worker? A cheap TCP probe, for /health and the lag probe.

Why not ask aiokafka: its clients keep reconnecting on their own and expose no public "connected"
state; a consumer that lost the broker looks the same as one idle on an empty topic. During an
outage faust's worker still says it is not rebalancing and its recovery is complete, so without
this probe `/health` answered "ready" while nothing could be read or written (issue 11 item 5).
A TCP connect to a bootstrap server every second costs next to nothing; a broker that accepts
connections but is still starting shows up as a rebalance right after, which /health covers too.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

import faust

log = logging.getLogger(__name__)

PROBE_INTERVAL_SECONDS = 1.0
CONNECT_TIMEOUT_SECONDS = 1.0


def host_port(server: str) -> tuple[str, int]:
    """`host:port` (IPv6 in brackets allowed) of a bootstrap server."""
    host, _, port = server.strip().removeprefix("kafka://").rpartition(":")
    return host.strip("[]") or "127.0.0.1", int(port)


async def any_reachable(servers: list[str], timeout: float = CONNECT_TIMEOUT_SECONDS) -> bool:
    """True when a TCP connection to one of the bootstrap servers succeeds."""
    for server in servers:
        host, port = host_port(server)
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        except (OSError, TimeoutError):
            continue
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass
        return True
    return False


class BrokerWatch:
    """Reachability of the broker as last probed; logs each outage once, at its start and end."""

    def __init__(self, servers: list[str]) -> None:
        self.servers = servers
        self.reachable = True  # the worker only starts once the broker answered (run_worker)
        self.down_since: float | None = None
        self.listeners: list[Callable[[bool], None]] = []
        """Called with the new state on each change (e.g. the lag probe drops its gauge at once:
        its own poll may hang on the dead connection for many seconds)."""

    def record(self, reachable: bool, now: float) -> None:
        """Take one probe's answer; one log line when the state changes, none while it holds."""
        if reachable == self.reachable:
            return
        self.reachable = reachable
        for listener in self.listeners:
            listener(reachable)
        if not reachable:
            self.down_since = now
            log.error("broker unreachable at %s: not ready until it is back", ",".join(self.servers))
            return
        lasted = 0.0 if self.down_since is None else now - self.down_since
        self.down_since = None
        log.warning("broker reachable again after %.1fs; rejoining the group", lasted)

    def install(self, app: faust.App, interval: float = PROBE_INTERVAL_SECONDS) -> None:
        """Probe every `interval` seconds for as long as the worker runs."""

        @app.timer(interval=interval)
        async def broker_probe() -> None:
            self.record(await any_reachable(self.servers), time.monotonic())
