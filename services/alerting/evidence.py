"""Evidence for alerts: the attack events of a night (from `strikes.events`), kept briefly.

Only what an alert shows is kept (event id, source urls and sentences per weapon class and
place) and only for recent nights, so memory stays bounded on a long-running service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from schemas.alerts import AlertEvidence
from schemas.events import AttackEvent
from services.alerting.series import SeriesKey

MAX_ITEMS = 10


@dataclass
class _Source:
    url: str | None
    text: str
    weapon_class: str | None
    location: str


@dataclass
class _Event:
    event_id: str
    sources: list[_Source] = field(default_factory=list)


class EvidenceCache:
    def __init__(self, keep_nights: int = 120) -> None:
        self.keep_nights = keep_nights
        self._by_night: dict[tuple[str, dt.date], dict[str, _Event]] = {}

    def add(self, event: AttackEvent) -> None:
        if event.date is None or event.scope.value != "single_attack":
            return
        night = event.date
        sources = [
            _Source(s.url, getattr(s, "text", ""), s.weapon_class, getattr(s, "location", ""))
            for s in event.sources if not getattr(s, "superseded", False)
        ]
        self._by_night.setdefault((event.attacker.value, night), {})[event.event_id] = _Event(
            event.event_id, sources)
        newest = max(n for _, n in self._by_night)
        cutoff = newest - dt.timedelta(days=self.keep_nights)
        for key in [k for k in self._by_night if k[1] < cutoff]:
            del self._by_night[key]

    def lookup(self, series: SeriesKey, night: dt.date) -> AlertEvidence | None:
        events = self._by_night.get((series.attacker, night))
        if not events:
            return None
        ids: list[str] = []
        urls: list[str] = []
        sentences: list[str] = []
        for ev in events.values():
            relevant = [
                s for s in ev.sources
                if s.weapon_class in (None, series.weapon_class, "total")
                and (series.oblast is None or series.oblast in s.location.split("+"))
            ]
            if not relevant:
                continue
            ids.append(ev.event_id)
            for s in relevant:
                if s.url and s.url not in urls:
                    urls.append(s.url)
                if s.text and s.text not in sentences:
                    sentences.append(s.text)
        if not ids:
            return None
        return AlertEvidence(event_ids=ids[:MAX_ITEMS], urls=urls[:MAX_ITEMS],
                             sentences=sentences[:MAX_ITEMS])
