"""Domain metrics of the alerting service (labels bounded by the rule and receiver files)."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

ALERTS = Counter(
    "strikewatch_alerts", "Alert lifecycle changes (firing, resolved), per rule and severity",
    ["rule", "severity", "status"],
)
ALERTS_FIRING = Gauge("strikewatch_alerts_firing", "Alerts currently firing, per rule and severity",
                      ["rule", "severity"])
DELIVERIES = Counter(
    "strikewatch_alert_deliveries",
    "Alert notifications per receiver by final outcome (delivered, rejected, dead_lettered, dropped)",
    ["receiver", "outcome"],
)
DELIVERY_ATTEMPTS = Counter(
    "strikewatch_alert_delivery_attempts",
    "HTTP attempts per receiver by result (ok, http_4xx, http_429, http_5xx, timeout, network)",
    ["receiver", "result"],
)
DELIVERY_SECONDS = Histogram(
    "strikewatch_alert_delivery_seconds",
    "From an alert entering a receiver's queue to its 2xx (retries included)",
    ["receiver"], buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900),
)
QUEUE_DEPTH = Gauge("strikewatch_alert_delivery_queue_depth",
                    "Deliveries pending per receiver (each on its own retry schedule)", ["receiver"])
ALERTMANAGER_RESENDS = Counter(
    "strikewatch_alertmanager_resends",
    "Firing alerts re-posted to an Alertmanager receiver (its resend_interval_s)", ["receiver"],
)
OUTBOX_INVALID = Counter("strikewatch_alert_outbox_invalid",
                         "alerts.outbox records that could not be read at start (logged, skipped)")

OUTCOMES = ("delivered", "rejected", "dead_lettered", "dropped")
RESULTS = ("ok", "http_4xx", "http_429", "http_5xx", "timeout", "network")


def init_receiver(name: str) -> None:
    """Create every label set of a receiver up front, so dashboards see zeros, not gaps."""
    for outcome in OUTCOMES:
        DELIVERIES.labels(name, outcome)
    for result in RESULTS:
        DELIVERY_ATTEMPTS.labels(name, result)
    QUEUE_DEPTH.labels(name).set(0)
    DELIVERY_SECONDS.labels(name)
