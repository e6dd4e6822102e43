"""Backtest: replay a nightly history through the rules, night by night, without Kafka.

Each night is evaluated with only the nights before it, exactly as the live service would have
seen them, at a simulated clock of that night's morning (so repeat intervals mean something).
Only lifecycle changes are reported (firing, resolved), not repeats.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from schemas.alerts import Alert
from services.alerting.engine import AlertEngine
from services.alerting.rules import RuleSet
from services.alerting.series import Observation

MORNING = dt.time(8, 0, tzinfo=dt.UTC)
BACKTEST_FIELDS = ("fingerprint", "rule", "series", "date", "value", "baseline", "severity", "status")


def backtest(observations: Iterable[Observation], rules: RuleSet) -> Iterator[Alert]:
    engine = AlertEngine(rules)
    ordered = sorted(observations, key=lambda o: (o.night, str(o.series)))
    for obs in ordered:
        now = dt.datetime.combine(obs.night, MORNING)
        for alert in engine.observe(obs, now):
            if alert.repeat == 0:
                yield alert


def backtest_row(alert: Alert) -> dict[str, Any]:
    """The JSON line of one alert: the public contract of `strikewatch backtest`, then detail."""
    row = alert.model_dump(mode="json", include=set(BACKTEST_FIELDS))
    ordered = {k: row[k] for k in BACKTEST_FIELDS}
    ordered["last_date"] = alert.last_date.isoformat() if alert.last_date else None
    ordered["score"] = None if alert.score is None else round(alert.score, 3)
    for k in ("value", "baseline"):
        if ordered[k] is not None:
            ordered[k] = round(ordered[k], 3)
    return ordered
