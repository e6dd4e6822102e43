"""The rule engine: history + rules + lifecycle. Pure and synchronous (the faust agent and the
backtest both drive it), so every alert decision is testable without a broker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from schemas.alerts import Alert, AlertEvidence
from services.alerting.lifecycle import AlertBook
from services.alerting.rules import RuleSet
from services.alerting.series import HistoryStore, Observation, SeriesKey

EvidenceLookup = Callable[[SeriesKey, dt.date], AlertEvidence | None]


class AlertEngine:
    def __init__(
        self,
        rules: RuleSet,
        history: HistoryStore | None = None,
        evidence: EvidenceLookup | None = None,
    ) -> None:
        self.rules = rules
        self.history = history or HistoryStore()
        self.book = AlertBook(dt.timedelta(seconds=rules.repeat_interval_s))
        self.evidence = evidence
        self.latest_night: dt.date | None = None

    def observe(self, obs: Observation, now: dt.datetime) -> list[Alert]:
        """Record one night's measures; if they changed, run the series' rules on that night.

        The first figure of a new night closes the nights before it: an open episode whose
        series has no figure for the night after its last one gets that night as 0 (no attack of
        that class reported), so sparse series resolve instead of firing forever.
        """
        out: list[Alert] = []
        if self.latest_night is None or obs.night > self.latest_night:
            self.latest_night = obs.night
            out.extend(self.close_quiet_nights(obs.night - dt.timedelta(days=1), now))
        if self.history.update(obs):
            out.extend(self.evaluate(obs.series, obs.night, now))
            # Later nights compared this one with their own history: look at them again, in order
            # (a late calm night can complete the 14 nights a spike needed; a revision can
            # make or unmake a record). Already-notified episodes are not notified again.
            for later in self.history.later_nights(obs.series, obs.night, self._lookahead(obs.series)):
                out.extend(self.evaluate(obs.series, later, now))
        return out

    def _lookahead(self, series: SeriesKey) -> int:
        spans = [r.history_nights() for r in self.rules.for_series(series)]
        return min(90, max([s if s is not None else 90 for s in spans] or [0]))

    def close_quiet_nights(self, upto: dt.date, now: dt.datetime) -> list[Alert]:
        """Evaluate, as 0, the night after each open episode when it has no figure and is <= upto."""
        out: list[Alert] = []
        for ep in list(self.book.open.values()):
            series = SeriesKey.parse(ep.series)
            night = ep.last + dt.timedelta(days=1)
            if night <= upto and self.history.nights(series) and night not in self.history.nights(series):
                self.history.update(Observation(series, night, {}))
                out.extend(self.evaluate(series, night, now))
        return out

    def evaluate(self, series: SeriesKey, night: dt.date, now: dt.datetime) -> list[Alert]:
        out: list[Alert] = []
        for rule in self.rules.for_series(series):
            value = self.history.value(series, night, rule.measure)
            if value is None:
                continue
            history = self.history.trailing(series, night, rule.measure, rule.history_nights())
            verdict = rule.evaluate(value, history)
            evidence = self.evidence(series, night) if (verdict.fired and self.evidence) else None
            out.extend(self.book.apply(rule.name, series, night, verdict, rule.severity_for(verdict), now,
                                       evidence, rule.measure))
        return out

    def snapshot(self) -> dict[str, Any]:
        """Plain-JSON state (history and open episodes) for a restart."""
        return {"history": self.history.to_json(), "episodes": self.book.to_json()}

    def restore(self, state: dict[str, Any]) -> None:
        for obs in _observations(state.get("history", {})):
            self.history.update(obs)
        self.book.load_json(state.get("episodes", {}))


def _observations(data: dict[str, dict[str, dict[str, float]]]) -> Iterable[Observation]:
    return (
        Observation(SeriesKey.parse(key), dt.date.fromisoformat(day), measures)
        for key, nights in data.items() for day, measures in nights.items()
    )
