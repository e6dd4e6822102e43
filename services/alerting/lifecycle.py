"""Alert lifecycle: episodes per (rule, series), their fingerprints, firing -> resolved, repeats.

An episode starts on the first firing night and lasts while the following nights keep firing;
the first night evaluated back to normal resolves it. Re-evaluating a night (aggregates change
all day as articles arrive) never produces a second `firing` for the same fingerprint: an
unchanged firing alert is re-sent only after the repeat interval, as a numbered repeat.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from schemas.alerts import SEVERITY_ORDER, Alert, AlertEvidence, AlertStatus, Severity
from services.alerting.detectors import Verdict
from services.alerting.series import SeriesKey

ONE_DAY = dt.timedelta(days=1)
CLOSED_MEMORY = 20_000


def fingerprint(rule: str, series: str, night: dt.date) -> str:
    """Stable id of (rule, series, first night): the same in every run, process and restart."""
    return hashlib.sha256(f"{rule}|{series}|{night.isoformat()}".encode()).hexdigest()[:16]


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
    repeats: int = 0
    evidence: dict[str, list[str]] = field(default_factory=dict)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.rule, self.series, self.start)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for k in ("start", "last", "fired_at", "last_sent_at"):
            out[k] = out[k].isoformat()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Episode:
        data = dict(data)
        for k in ("start", "last"):
            data[k] = dt.date.fromisoformat(data[k])
        for k in ("fired_at", "last_sent_at"):
            data[k] = dt.datetime.fromisoformat(data[k])
        data["severity"] = Severity(data["severity"])
        return cls(**data)


def _summary(ep: Episode, status: AlertStatus, measure: str) -> str:
    base = "" if ep.baseline is None else f" vs baseline {ep.baseline:g}"
    score = "" if ep.score is None else f" (score {ep.score:.2f})"
    if status is AlertStatus.RESOLVED:
        return (f"{ep.rule} on {ep.series}: back to normal after {ep.start}..{ep.last} "
                f"(peak {ep.value:g} {measure})")
    return f"{ep.rule} on {ep.series}: {ep.value:g} {measure} on {ep.last}{base}{score}"


class AlertBook:
    """Open episodes per (rule, series). Serialisable so the service survives restarts."""

    def __init__(self, repeat_interval: dt.timedelta = dt.timedelta(hours=4)) -> None:
        self.repeat_interval = repeat_interval
        self.open: dict[tuple[str, str], Episode] = {}
        self.closed: dict[str, None] = {}
        """Fingerprints of resolved episodes (newest last, bounded): re-evaluating an old night
        after a late figure must not notify an episode analysts already had."""

    def _was_closed(self, rule: str, series: SeriesKey, night: dt.date) -> bool:
        return fingerprint(rule, str(series), night) in self.closed

    def _mark_closed(self, fp: str) -> None:
        self.closed[fp] = None
        while len(self.closed) > CLOSED_MEMORY:
            del self.closed[next(iter(self.closed))]

    def firing_count(self) -> dict[tuple[str, Severity], int]:
        counts: dict[tuple[str, Severity], int] = {}
        for ep in self.open.values():
            counts[(ep.rule, ep.severity)] = counts.get((ep.rule, ep.severity), 0) + 1
        return counts

    def apply(
        self,
        rule: str,
        series: SeriesKey,
        night: dt.date,
        verdict: Verdict,
        severity: Severity,
        now: dt.datetime,
        evidence: AlertEvidence | None = None,
        measure: str = "launched",
    ) -> list[Alert]:
        """Feed one night's verdict; returns the notifications it causes (often none)."""
        key = (rule, str(series))
        ep = self.open.get(key)
        ev = evidence.model_dump() if evidence else {}
        out: list[Alert] = []
        if verdict.fired and (ep is None or night < ep.start) and self._was_closed(rule, series, night):
            return out
        if verdict.fired:
            if ep is None:
                ep = self._start(rule, series, night, verdict, severity, now, ev)
                out.append(self._alert(ep, series, AlertStatus.FIRING, now, measure))
            elif night < ep.start:
                # A late figure for an older night: that night's episode ended long ago.
                old = Episode(rule, str(series), night, night, verdict.value, verdict.baseline,
                              verdict.score, severity, now, now, evidence=ev)
                out.append(self._alert(old, series, AlertStatus.FIRING, now, measure))
                out.append(self._alert(old, series, AlertStatus.RESOLVED, now, measure))
                self._mark_closed(old.fingerprint)
            elif night <= ep.last + ONE_DAY:
                escalated = SEVERITY_ORDER[severity] > SEVERITY_ORDER[ep.severity]
                ep.last = max(ep.last, night)
                if verdict.value > ep.value or escalated:
                    ep.value, ep.baseline, ep.score = verdict.value, verdict.baseline, verdict.score
                    ep.severity = max(ep.severity, severity, key=SEVERITY_ORDER.__getitem__)
                    ep.evidence = ev or ep.evidence
                if escalated or now - ep.last_sent_at >= self.repeat_interval:
                    ep.repeats += 1
                    ep.last_sent_at = now
                    out.append(self._alert(ep, series, AlertStatus.FIRING, now, measure))
            else:
                # Nights in between had no data; the old episode is over, a new one starts.
                out.append(self._resolve(key, ep, series, now, measure))
                ep = self._start(rule, series, night, verdict, severity, now, ev)
                out.append(self._alert(ep, series, AlertStatus.FIRING, now, measure))
        elif ep is not None and night >= ep.last:
            if night == ep.last and ep.start < night:
                ep.last = night - ONE_DAY  # the last night's figure was revised below the rule
            out.append(self._resolve(key, ep, series, now, measure))
        return out

    def _start(self, rule: str, series: SeriesKey, night: dt.date, verdict: Verdict, severity: Severity,
               now: dt.datetime, ev: dict[str, list[str]]) -> Episode:
        ep = Episode(rule, str(series), night, night, verdict.value, verdict.baseline, verdict.score,
                     severity, now, now, evidence=ev)
        self.open[(rule, str(series))] = ep
        return ep

    def _resolve(self, key: tuple[str, str], ep: Episode, series: SeriesKey, now: dt.datetime,
                 measure: str) -> Alert:
        del self.open[key]
        self._mark_closed(ep.fingerprint)
        return self._alert(ep, series, AlertStatus.RESOLVED, now, measure)

    @staticmethod
    def _alert(ep: Episode, series: SeriesKey, status: AlertStatus, now: dt.datetime, measure: str) -> Alert:
        return Alert(
            fingerprint=ep.fingerprint, rule=ep.rule, series=ep.series, attacker=series.attacker,
            weapon_class=series.weapon_class, oblast=series.oblast, date=ep.start, last_date=ep.last,
            status=status, severity=ep.severity, value=ep.value, baseline=ep.baseline, score=ep.score,
            summary=_summary(ep, status, measure), evidence=AlertEvidence.model_validate(ep.evidence),
            fired_at=ep.fired_at, resolved_at=now if status is AlertStatus.RESOLVED else None,
            repeat=ep.repeats if status is AlertStatus.FIRING else 0,
        )

    def to_json(self) -> dict[str, Any]:
        return {"open": [ep.to_json() for ep in self.open.values()], "closed": list(self.closed)}

    def load_json(self, data: dict[str, Any]) -> None:
        self.open = {(e["rule"], e["series"]): Episode.from_json(e) for e in data.get("open", [])}
        self.closed = dict.fromkeys(data.get("closed", []))
