"""`strikewatch alerts redeliver`: replay `alerts.dlq` to the receivers named in each record.

The records are read with their own consumer group, so each run replays only what earlier runs
have not handled; offsets are committed after the deliveries. A record that fails again is
written back to `alerts.dlq` (one more attempt count) for a later run. The webhook-id is the
original one, so a receiver that did get the alert after all drops the duplicate.
"""

from __future__ import annotations

import logging
import sys

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from pydantic import ValidationError

from schemas.alerts import FailedDelivery
from schemas.topics import ALERTS_DLQ
from services.alerting.delivery import Dispatcher
from services.alerting.receivers import load_receivers
from services.alerting.settings import AlertingSettings
from services.alerting.topic_reader import read_until_end

log = logging.getLogger(__name__)


def _read_dlq(
    settings: AlertingSettings, idle_timeout_s: float,
) -> tuple[KafkaConsumer, list[FailedDelivery]]:
    """Every record between the group's committed offset (else the start) and the current end.

    Partitions are assigned by hand (no group join: quick on every broker); the group id is used
    only to store how far earlier runs got.
    """
    topic = settings.topic_name(ALERTS_DLQ)
    consumer = KafkaConsumer(
        bootstrap_servers=settings.bootstrap_list(),
        group_id=f"{settings.app_id('alerting')}-redeliver",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or [])]
    if not partitions:
        print(f"topic {topic} not found", file=sys.stderr)
        return consumer, []
    consumer.assign(partitions)
    for tp in partitions:
        committed = consumer.committed(tp)
        if committed is None:
            consumer.seek_to_beginning(tp)
        else:
            consumer.seek(tp, committed)
    records: list[FailedDelivery] = []
    messages, unread = read_until_end(consumer, partitions, idle_timeout_s)
    for message in messages:
        try:
            records.append(FailedDelivery.model_validate_json(message.value))
        except ValidationError as exc:
            print(f"skipping undecodable {topic} record at offset {message.offset}: {exc}",
                  file=sys.stderr)
    if unread:
        print(f"stopped reading {topic}: nothing new for {idle_timeout_s:g}s", file=sys.stderr)
    return consumer, records


async def redeliver(
    receivers_path: str | None = None, dry_run: bool = False, idle_timeout_s: float = 3.0,
    settings: AlertingSettings | None = None,
) -> int:
    settings = settings or AlertingSettings()
    config = load_receivers(receivers_path or settings.alerting_receivers)
    consumer, records = _read_dlq(settings, idle_timeout_s)
    try:
        if dry_run or not records:
            for r in records:
                print(f"{r.receiver}\t{r.alert.webhook_id}\t{r.attempts} attempts\t{r.last_error}")
            print(f"{len(records)} records in {settings.topic_name(ALERTS_DLQ)}"
                  f"{' (dry run)' if dry_run else ''}")
            return 0
        failed: list[FailedDelivery] = []

        async def keep(record: FailedDelivery) -> None:
            failed.append(record)

        dispatcher = Dispatcher(config.receivers, config.retry, keep)
        delivered = unknown = 0
        try:
            for record in records:
                worker = dispatcher.workers.get(record.receiver)
                if worker is None:
                    print(f"receiver {record.receiver!r} is not configured (or disabled); "
                          f"{record.alert.webhook_id} stays dead-lettered", file=sys.stderr)
                    failed.append(record)
                    unknown += 1
                    continue
                outcome = await worker.deliver(record.alert)
                if outcome.outcome == "delivered":
                    delivered += 1
                    print(f"delivered {record.alert.webhook_id} to {record.receiver}")
        finally:
            await dispatcher.close()
        if failed:
            producer = KafkaProducer(bootstrap_servers=settings.bootstrap_list(), acks="all")
            for record in failed:
                producer.send(settings.topic_name(ALERTS_DLQ), key=record.alert.fingerprint.encode(),
                              value=record.model_dump_json().encode())
            producer.flush()
            producer.close()
        consumer.commit()
        print(f"{delivered} delivered, {len(failed)} back to {settings.topic_name(ALERTS_DLQ)}"
              f" ({unknown} for unknown receivers)")
        return 0 if not failed else 1
    finally:
        consumer.close()
