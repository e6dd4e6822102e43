"""The web API's view of every worker's rows: with N aggregation workers each one holds only the
table partitions it owns, so a request answered from one worker gathers the others' rows.

Why a gather and not faust's `route_req`: these tables are written on the partition of the record
being processed (the by-attacker topic's, keyed by attacker), not on a hash of the table key, so a
key cannot be routed by itself; and faust's memory store keeps the keys of partitions it lost in a
rebalance. So each worker serves only the rows of the partitions it owns NOW, the owner computed
from the row (its attacker, or the article key of a set-aside claim) with Kafka's default
partitioner, and asks its peers (every host in faust's table metadata) for theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aiokafka.partitioner import murmur2

PEER_TIMEOUT_SECONDS = 5.0
GATHERED_TABLES = ("events", "daily", "set-aside", "alerts")


class PeerError(RuntimeError):
    """A peer worker did not answer: the API says so rather than answer with a part of the data."""


def partition_of(key: bytes, partitions: int) -> int:
    """The partition Kafka's default partitioner (murmur2, as aiokafka and kafka-python) picks."""
    return (murmur2(key) & 0x7FFFFFFF) % partitions


def attacker_of_event(event_id: str) -> str:
    """`RU-2025-07-09` / `RU-P2025-07-01_2025-07-31` -> `RU`."""
    return event_id.split("-", 1)[0]


def attacker_of_day_row(key: str) -> str:
    """`2025-07-09|RU|drones|*` and `__watermark__|RU` -> `RU`."""
    parts = key.split("|")
    return parts[1] if len(parts) == 4 else parts[-1]


def article_of_set_aside(value: Mapping[str, Any]) -> str:
    """The article id a set-aside claim came with: `strikes.claims` is keyed by it."""
    return str(value.get("claim", {}).get("article_id", ""))


def owned_rows(rows: Mapping[str, Any], owner_key: Callable[[str, Any], str], partitions: int,
               owned: set[int]) -> dict[str, Any]:
    """The rows whose partition (of `owner_key(key, value)`) this worker owns now."""
    cache: dict[str, int] = {}
    out: dict[str, Any] = {}
    for key, value in list(rows.items()):
        owner = owner_key(key, value)
        part = cache.get(owner)
        if part is None:
            part = cache[owner] = partition_of(owner.encode(), partitions)
        if part in owned:
            out[key] = value
    return out


def peer_urls(tables_metadata: Mapping[str, Any], own_url: str) -> list[str]:
    """Every other worker that holds table partitions (faust's assignor metadata, by web URL)."""
    own = own_url.rstrip("/")
    return sorted({str(url).rstrip("/") for url in tables_metadata} - {own})


async def fetch_json(http: Any, url: str) -> tuple[int, Any]:
    """(status, JSON body) of a GET to a peer; PeerError when it cannot be reached."""
    import aiohttp  # noqa: PLC0415 - faust's web stack

    try:
        timeout = aiohttp.ClientTimeout(total=PEER_TIMEOUT_SECONDS)
        async with http.get(url, timeout=timeout) as response:
            body = await response.json(content_type=None) if response.status in (200, 404) else None
            return response.status, body
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        raise PeerError(f"peer {url} did not answer: {type(exc).__name__}: {exc}") from exc
