"""Which rows a worker serves to the API's gather: the partitions it owns, by Kafka's partitioner."""

from __future__ import annotations

from kafka.partitioner import murmur2 as kafka_python_murmur2

from services.aggregation.gather import (
    article_of_set_aside,
    attacker_of_day_row,
    attacker_of_event,
    owned_rows,
    partition_of,
    peer_urls,
)


def test_the_partition_is_the_one_kafka_clients_pick() -> None:
    # kafka-python (the feed producer, the tests) and aiokafka (faust) share Java's murmur2
    for key in (b"RU", b"UA", b"article-17", b""):
        assert partition_of(key, 4) == (kafka_python_murmur2(key) & 0x7FFFFFFF) % 4
    assert partition_of(b"RU", 4) != partition_of(b"UA", 4)


def test_rows_name_their_owner() -> None:
    assert attacker_of_event("RU-2025-07-09") == "RU"
    assert attacker_of_event("UA-P2025-07-01_2025-07-31") == "UA"
    assert attacker_of_day_row("2025-07-09|UA|drones|*") == "UA"
    assert attacker_of_day_row("__watermark__|RU") == "RU"
    assert article_of_set_aside({"route": "undated", "claim": {"article_id": "a1"}}) == "a1"


def test_a_worker_serves_only_the_rows_of_the_partitions_it_owns() -> None:
    rows = {"RU-2025-07-09": 1, "UA-2025-07-09": 2, "RU-2025-07-10": 3}
    ru, ua = partition_of(b"RU", 4), partition_of(b"UA", 4)
    by_attacker = lambda k, _: attacker_of_event(k)  # noqa: E731
    assert owned_rows(rows, by_attacker, 4, {ru}) == {"RU-2025-07-09": 1, "RU-2025-07-10": 3}
    assert owned_rows(rows, by_attacker, 4, {ua}) == {"UA-2025-07-09": 2}
    assert owned_rows(rows, by_attacker, 4, set()) == {}  # revoked: its stale keys are not served


def test_peers_are_the_other_hosts_of_the_table_metadata() -> None:
    meta = {"http://127.0.0.1:6069": {}, "http://127.0.0.1:6070/": {}}
    assert peer_urls(meta, "http://127.0.0.1:6069/") == ["http://127.0.0.1:6070"]
    assert peer_urls({}, "http://127.0.0.1:6069") == []
