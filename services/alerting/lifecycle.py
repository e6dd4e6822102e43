"""Alert lifecycle: episodes per (rule, series), their fingerprints and their notifications.

An episode is a run of consecutive firing nights of one rule on one series (or a single night,
for rules whose every firing night is news: records). Which episodes exist is decided from the
nights' verdicts alone, never from the order in which the nights arrived: the engine re-evaluates
every night a new figure can change and hands the book the series' runs (`runs_of`); the book
reconciles them with what it has announced:

- a run with a new first night: `firing` (and `resolved` at once when its end is already known);
- a known episode whose last night, peak value or severity changed: an update with the same
  fingerprint and the new value (`firing`, or `resolved` when the episode is over);
- an unchanged firing episode touched again after the repeat interval: a numbered repeat;
- an announced episode that no longer exists (its nights were revised below the rule, or it
  merged into a run that starts earlier): `resolved`, saying why;
- an open episode whose end became known (its next night has a figure, or a figure arrived for
  a night two days after its last: no figure for the night after means no attack of that class):
  `resolved`.

Webhook-ids stay unique: each notification of a fingerprint with a given status gets the next
`repeat` number, remembered (bounded) even after the episode is gone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from schemas.alerts import SEVERITY_ORDER, Alert, AlertEvidence, AlertStatus, Severity
from services.alerting.series import SeriesKey

ONE_DAY = dt.timedelta(days=1)
CLOSED_MEMORY = 20_000
"""Closed episodes (and notice counters) remembered; the oldest are forgotten first."""

Decided = Callable[[dt.date], bool]
"""Whether the episode ending on this night is over (the night after it is known)."""
EvidenceFor = Callable[[dt.date], AlertEvidence | None]


def fingerprint(rule: str, series: str, night: dt.date) -> str:
    """Stable id of (rule, series, first night): the same in every run, process and restart."""
    return hashlib.sha256(f"{rule}|{series}|{night.isoformat()}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class NightVerdict:
    """A rule's verdict on one night, with the severity the rule gives it."""

    fired: bool
    value: float
    baseline: float | None
    score: float | None
    severity: Severity


@dataclass(frozen=True)
class Run:
    """Consecutive firing nights: the shape of one episode, peak = the night of the top value."""

    start: dt.date
    last: dt.date
    peak: dt.date
    value: float
    baseline: float | None
    score: float | None
    severity: Severity


def runs_of(verdicts: Mapping[dt.date, NightVerdict], per_night: bool) -> list[Run]:
    """The episodes the verdicts make, in night order: maximal runs of consecutive firing nights
    (one per firing night when `per_night`); severity is the run's highest, value its peak."""
    runs: list[list[dt.date]] = []
    for night in sorted(n for n, v in verdicts.items() if v.fired):
        if runs and not per_night and night - runs[-1][-1] == ONE_DAY:
            runs[-1].append(night)
        else:
            runs.append([night])
    out = []
    for nights in runs:
        peak = max(nights, key=lambda n: (verdicts[n].value, -n.toordinal()))
        top = verdicts[peak]
        severity = max((verdicts[n].severity for n in nights), key=SEVERITY_ORDER.__getitem__)
        out.append(Run(nights[0], nights[-1], peak, top.value, top.baseline, top.score, severity))
    return out


@dataclass
class Episode:
    rule: str
    series: str
    start: dt.date
    last: dt.date
    value: float
    baseline: float | None
    score: float | None
    severity: Severity
    fired_at: dt.datetime
    last_sent_at: dt.datetime
    peak: dt.date | None = None
    open: bool = True
    measure: str = "launched"
    evidence: dict[str, list[str]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.series, self.start)

    def shape(self) -> tuple[dt.date, float, Severity]:
        """What makes a change worth telling: the last night, the peak value, the severity."""
        return self.last, self.value, self.severity

    def take(self, run: Run) -> None:
        self.last, self.peak, self.value = run.last, run.peak, run.value
        self.baseline, self.score, self.severity = run.baseline, run.score, run.severity

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for k in ("start", "last", "peak", "fired_at", "last_sent_at"):
            out[k] = out[k].isoformat() if out[k] is not None else None
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Episode:
        data = {k: v for k, v in data.items() if k != "repeats"}  # snapshots before notice counters
        for k in ("start", "last", "peak"):
            data[k] = dt.date.fromisoformat(data[k]) if data.get(k) else None
        for k in ("fired_at", "last_sent_at"):
            data[k] = dt.datetime.fromisoformat(data[k])
        data["severity"] = Severity(data["severity"])
        return cls(**data)


def _summary(ep: Episode, status: AlertStatus, note: str = "") -> str:
    base = "" if ep.baseline is None else f" vs baseline {ep.baseline:g}"
    score = "" if ep.score is None else f" (score {ep.score:.2f})"
    if status is AlertStatus.RESOLVED:
        why = f"{note}" if note else "back to normal"
        return (f"{ep.rule} on {ep.series}: {why} after {ep.start}..{ep.last} "
                f"(peak {ep.value:g} {ep.measure})")
    return f"{ep.rule} on {ep.series}: {ep.value:g} {ep.measure} on {ep.peak or ep.last}{base}{score}"


class AlertBook:
    """Episodes per (rule, series), open and closed. Serialisable so the service survives restarts."""

    def __init__(self, repeat_interval: dt.timedelta = dt.timedelta(hours=4)) -> None:
        self.repeat_interval = repeat_interval
        self.episodes: dict[tuple[str, str], dict[dt.date, Episode]] = {}
        self.notices: dict[str, dict[str, int]] = {}
        """fingerprint -> notifications sent per status: the next one's `repeat` number."""

    @property
    def open(self) -> dict[tuple[str, str, dt.date], Episode]:
        return {(ep.rule, ep.series, ep.start): ep for eps in self.episodes.values()
                for ep in eps.values() if ep.open}

    def all(self) -> list[Episode]:
        return [ep for eps in self.episodes.values() for ep in eps.values()]

    def firing_count(self) -> dict[tuple[str, Severity], int]:
        counts: dict[tuple[str, Severity], int] = {}
        for ep in self.open.values():
            counts[(ep.rule, ep.severity)] = counts.get((ep.rule, ep.severity), 0) + 1
        return counts

    def reconcile(
        self,
        rule: str,
        series: SeriesKey,
        runs: list[Run],
        decided: Decided,
        now: dt.datetime,
        *,
        measure: str = "launched",
        evidence: EvidenceFor | None = None,
    ) -> list[Alert]:
        """Bring the rule's episodes on the series in line with `runs`; returns the notifications."""
        known = self.episodes.setdefault((rule, str(series)), {})
        starts = {r.start for r in runs}
        out: list[Alert] = []
        for start in sorted(set(known) - starts):
            ep = known.pop(start)
            if ep.open:
                ep.open = False
                successor = next((r.start for r in runs if r.start <= ep.last and r.last >= ep.start), None)
                note = (f"merged into the episode from {successor}" if successor
                        else "withdrawn (revised figures no longer fire)")
                out.append(self._notice(ep, AlertStatus.RESOLVED, now, note))
        for run in runs:
            ep = known.get(run.start)
            over = decided(run.last)
            if ep is None:
                ep = Episode(rule, str(series), run.start, run.last, run.value, run.baseline, run.score,
                             run.severity, now, now, run.peak, measure=measure)
                ep.evidence = self._evidence(evidence, run.peak, ep.evidence)
                known[run.start] = ep
                out.append(self._notice(ep, AlertStatus.FIRING, now))
                if over:
                    ep.open = False
                    out.append(self._notice(ep, AlertStatus.RESOLVED, now))
                continue
            changed = ep.shape() != (run.last, run.value, run.severity)
            ep.take(run)
            if changed:
                ep.evidence = self._evidence(evidence, run.peak, ep.evidence)
            if ep.open and over:
                ep.open = False
                out.append(self._notice(ep, AlertStatus.RESOLVED, now))  # with the new values
            elif not ep.open and not over:  # its end was revised away: firing again
                ep.open = True
                out.append(self._notice(ep, AlertStatus.FIRING, now))
            elif changed:
                out.append(self._notice(ep, AlertStatus.FIRING if ep.open else AlertStatus.RESOLVED, now))
            elif ep.open and now - ep.last_sent_at >= self.repeat_interval:
                out.append(self._notice(ep, AlertStatus.FIRING, now))
        self._forget_oldest()
        return out

    def close_due(self, decided: Callable[[SeriesKey, dt.date], bool], now: dt.datetime) -> list[Alert]:
        """Resolve the open episodes whose end became known (see the module docstring)."""
        out: list[Alert] = []
        for ep in sorted(self.open.values(), key=lambda e: (e.start, e.rule, e.series)):
            if decided(SeriesKey.parse(ep.series), ep.last):
                ep.open = False
                out.append(self._notice(ep, AlertStatus.RESOLVED, now))
        return out

    @staticmethod
    def _evidence(
        lookup: EvidenceFor | None, night: dt.date, old: dict[str, list[str]],
    ) -> dict[str, list[str]]:
        found = lookup(night) if lookup else None
        return found.model_dump() if found else old

    def _notice(self, ep: Episode, status: AlertStatus, now: dt.datetime, note: str = "") -> Alert:
        counts = self.notices.setdefault(ep.fingerprint, {})
        number = counts.get(status.value, 0)
        counts[status.value] = number + 1
        if status is AlertStatus.FIRING:
            ep.last_sent_at = now
        return self._alert(ep, status, now, note, number)

    def firing_alerts(self, now: dt.datetime) -> list[Alert]:
        """The current state of every open episode as a firing alert (for re-senders such as
        Alertmanager's), without counting it as a notification."""
        return [self._alert(ep, AlertStatus.FIRING, now, "", 0)
                for ep in sorted(self.open.values(), key=lambda e: (e.start, e.rule, e.series))]

    @staticmethod
    def _alert(ep: Episode, status: AlertStatus, now: dt.datetime, note: str, number: int) -> Alert:
        series = SeriesKey.parse(ep.series)
        return Alert(
            fingerprint=ep.fingerprint, rule=ep.rule, series=ep.series, attacker=series.attacker,
            weapon_class=series.weapon_class, oblast=series.oblast, date=ep.start, last_date=ep.last,
            status=status, severity=ep.severity, value=ep.value, baseline=ep.baseline, score=ep.score,
            summary=_summary(ep, status, note), evidence=AlertEvidence.model_validate(ep.evidence),
            fired_at=ep.fired_at, resolved_at=now if status is AlertStatus.RESOLVED else None,
            repeat=number,
        )

    def _forget_oldest(self) -> None:
        """Bound memory: closed episodes beyond CLOSED_MEMORY go, oldest first night first; so do
        notice counters beyond twice that (insertion order)."""
        while len(self.notices) > 2 * CLOSED_MEMORY:
            del self.notices[next(iter(self.notices))]
        if sum(len(eps) for eps in self.episodes.values()) <= CLOSED_MEMORY:
            return
        closed = [ep for ep in self.all() if not ep.open]
        for ep in sorted(closed, key=lambda e: e.start)[: max(0, len(closed) - CLOSED_MEMORY)]:
            del self.episodes[(ep.rule, ep.series)][ep.start]

    def to_json(self) -> dict[str, Any]:
        return {"episodes": [ep.to_json() for ep in self.all()], "notices": self.notices}

    def load_json(self, data: dict[str, Any]) -> None:
        self.episodes, self.notices = {}, {}
        # Snapshots before this format: {"open": [...], "closed": [fingerprints]}.
        for item in [*data.get("episodes", []), *data.get("open", [])]:
            ep = Episode.from_json(item)
            self.episodes.setdefault((ep.rule, ep.series), {})[ep.start] = ep
        for fp in data.get("closed", []):
            self.notices[fp] = {AlertStatus.FIRING.value: 1, AlertStatus.RESOLVED.value: 1}
        for fp, counts in data.get("notices", {}).items():
            self.notices[fp] = {str(k): int(v) for k, v in counts.items()}
        for item in data.get("open", []):
            fp = fingerprint(item["rule"], item["series"], dt.date.fromisoformat(item["start"]))
            self.notices.setdefault(fp, {AlertStatus.FIRING.value: int(item.get("repeats", 0)) + 1})
