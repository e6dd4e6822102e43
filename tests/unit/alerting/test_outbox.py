"""The outbox fold: the latest record per key wins, tombstones end an entry, bad records are
counted and skipped, and recovered entries come back in delivery order."""

import datetime as dt

from schemas.alerts import Alert, AlertStatus, OutboxEntry, Severity, outbox_key
from services.alerting import metrics
from services.alerting.outbox import pending_entries

T0 = dt.datetime(2025, 9, 7, 8, tzinfo=dt.UTC)


def entry(n: int, status: AlertStatus = AlertStatus.FIRING, receiver: str = "local", minutes: int = 0) -> OutboxEntry:
    alert = Alert(fingerprint=f"{n:016x}", rule="r", series="RU/drones", date=dt.date(2025, 9, 7),
                  status=status, severity=Severity.WARNING, value=1, fired_at=T0)
    return OutboxEntry(receiver=receiver, alert=alert, queued_at=T0 + dt.timedelta(minutes=minutes))


def record(e: OutboxEntry) -> tuple[bytes, bytes]:
    return e.key.encode(), e.model_dump_json().encode()


def test_tombstones_end_entries_and_order_is_firing_first():
    a, b = entry(1, minutes=1), entry(2, minutes=1)
    a_resolved = entry(1, AlertStatus.RESOLVED, minutes=1)  # queued in the same instant as its firing
    other = entry(1, receiver="slack", minutes=0)
    records = [record(a_resolved), record(a), record(b), record(other), (b.key.encode(), None)]
    assert [e.key for e in pending_entries(records)] == [other.key, a.key, a_resolved.key]
    assert a.key == outbox_key("local", "0000000000000001-firing")


def test_unreadable_records_are_counted_not_fatal():
    before = metrics.OUTBOX_INVALID._value.get()
    good = entry(3)
    out = pending_entries([record(good), (good.key.encode(), b"{not json"), (None, b"{}")])
    assert [e.key for e in out] == [good.key]  # the earlier readable entry is kept
    assert metrics.OUTBOX_INVALID._value.get() == before + 2
