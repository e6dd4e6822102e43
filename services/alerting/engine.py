"""The rule engine: history + rules + lifecycle. Pure and synchronous (the faust agent and the
backtest both drive it), so every alert decision is testable without a broker.

Order independence: once all input is in, the episodes (rule, series, first night, severity) are
the same whatever order the nights arrived in. That holds because every verdict the engine keeps
is the one the night gets from the history as it is now: a new or revised figure re-evaluates its
own night and every later night whose trailing window reaches it (all of them for all-history
rules), the episodes are recomputed from those verdicts (`lifecycle.runs_of`), and nothing is
written into the history that the input did not say (no invented zeros: a quiet night only
decides that an episode is over). `tests/unit/alerting/test_order.py` checks it over
shuffled orders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from schemas.alerts import Alert, AlertEvidence
from services.alerting.lifecycle import AlertBook, NightVerdict, runs_of
from services.alerting.rules import Rule, RuleSet
from services.alerting.series import HistoryStore, Observation, SeriesKey

EvidenceLookup = Callable[[SeriesKey, dt.date], AlertEvidence | None]
ONE_DAY = dt.timedelta(days=1)


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
        self.observed: dict[SeriesKey, set[dt.date]] = {}
        """Nights that came in on the stream: the ones rules judge (baseline nights are history only)."""
        self.verdicts: dict[tuple[str, SeriesKey], dict[dt.date, NightVerdict]] = {}

    def observe(self, obs: Observation, now: dt.datetime) -> list[Alert]:
        """Record one night's measures; re-judge what that changes; return the notifications."""
        out: list[Alert] = []
        seen = self.observed.setdefault(obs.series, set())
        if self.history.update(obs) or obs.night not in seen:
            seen.add(obs.night)
            for rule in self.rules.for_series(obs.series):
                self._rejudge(rule, obs.series, obs.night)
                out.extend(self._reconcile(rule, obs.series, now))
        if self.latest_night is None or obs.night > self.latest_night:
            self.latest_night = obs.night
            out.extend(self.book.close_due(self._decided, now))
        return out

    def _decided(self, series: SeriesKey, last: dt.date) -> bool:
        """An episode ending on `last` is over once the night after it has a figure, or once a
        figure (of any series) arrived for a night two days later: no figure for that night by
        then means no attack of that class (sparse series such as ballistic missiles)."""
        after = last + ONE_DAY
        if self.history.has(series, after):
            return True
        return self.latest_night is not None and self.latest_night > after

    def _rejudge(self, rule: Rule, series: SeriesKey, night: dt.date) -> None:
        """Verdicts of `night` and of every later observed night whose window reaches it."""
        verdicts = self.verdicts.setdefault((rule.name, series), {})
        seen = self.observed.get(series, set())
        for day in [night, *self.history.later_nights(series, night, rule.history_nights())]:
            if day in seen:
                verdicts[day] = self._judge(rule, series, day)

    def _judge(self, rule: Rule, series: SeriesKey, night: dt.date) -> NightVerdict:
        value = self.history.value(series, night, rule.measure) or 0.0
        history = self.history.trailing(series, night, rule.measure, rule.history_nights())
        verdict = rule.evaluate(value, history)
        return NightVerdict(verdict.fired, verdict.value, verdict.baseline, verdict.score,
                            rule.severity_for(verdict))

    def _reconcile(self, rule: Rule, series: SeriesKey, now: dt.datetime) -> list[Alert]:
        runs = runs_of(self.verdicts.get((rule.name, series), {}), rule.per_night())
        lookup = self.evidence

        def evidence(night: dt.date) -> AlertEvidence | None:
            return lookup(series, night) if lookup else None

        return self.book.reconcile(rule.name, series, runs, lambda last: self._decided(series, last), now,
                                   measure=rule.measure, evidence=evidence)

    def episodes(self) -> set[tuple[str, str, dt.date, str]]:
        """(rule, series, first night, severity) of every known episode: what must not depend on
        the order the input arrived in."""
        return {(ep.rule, ep.series, ep.start, ep.severity.value) for ep in self.book.all()}

    def snapshot(self) -> dict[str, Any]:
        """Plain-JSON state (history, observed nights, episodes) for a restart."""
        return {
            "history": self.history.to_json(),
            "observed": {str(s): sorted(d.isoformat() for d in days) for s, days in self.observed.items()},
            "latest_night": self.latest_night.isoformat() if self.latest_night else None,
            "book": self.book.to_json(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        """Load a snapshot (after the baseline) and re-judge the observed nights, silently: a
        restart by itself announces nothing (episodes over and unknown to the book are adopted)."""
        for obs in _observations(state.get("history", {})):
            self.history.update(obs)
        observed = state.get("observed")
        if observed is None:  # snapshots before this format: every snapshot night came from the stream
            observed = {k: list(v) for k, v in state.get("history", {}).items()}
        for key, days in observed.items():
            days_seen = self.observed.setdefault(SeriesKey.parse(key), set())
            days_seen.update(dt.date.fromisoformat(d) for d in days)
        latest = state.get("latest_night")
        nights = [d for days in self.observed.values() for d in days]
        self.latest_night = dt.date.fromisoformat(latest) if latest else max(nights, default=None)
        self.book.load_json(state.get("book", state.get("episodes", {})))
        for series, days in self.observed.items():
            for rule in self.rules.for_series(series):
                verdicts = self.verdicts.setdefault((rule.name, series), {})
                for day in days:
                    verdicts[day] = self._judge(rule, series, day)
                self.book.adopt(rule.name, series, runs_of(verdicts, rule.per_night()),
                                lambda last, s=series: self._decided(s, last), rule.measure)


def _observations(data: dict[str, dict[str, dict[str, float]]]) -> Iterable[Observation]:
    return (
        Observation(SeriesKey.parse(key), dt.date.fromisoformat(day), measures)
        for key, nights in data.items() for day, measures in nights.items()
    )
