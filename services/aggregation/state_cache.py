"""The resolver's parsed event states, bounded: the tables are the truth, this is a cache.

Why: each figure used to be held three times, as the `event-figures` table's decoded dict, as a
parsed `Figure` in a state kept for EVERY event, and as the public source `resolve_event` keeps
beside it (~4.4 KB per figure: ~265 MB for the 60,000 figures of the 20,000-article pipeline
bench). Now the table holds each figure once, as the compact JSON bytes its changelog record
carries, and only the most recently used events stay parsed, up to `max_figures` figures. An index
event id -> its figure keys (in the order they were first written, which is the order of the
state's figures) makes a miss read that event's rows only, never scan the table.
"""

from __future__ import annotations

import sys
from collections import OrderedDict
from collections.abc import Mapping, MutableMapping
from typing import Any

from services.aggregation.resolve import apply_figure
from services.aggregation.state import EventState, Figure

KEY_SEP = "#"


def figure_key(event_id: str, slot: str) -> str:
    """`event id#article|measure|class|model|location`: the `event-figures` row of one figure."""
    return f"{event_id}{KEY_SEP}{slot}"


def encode_figure(fig: Figure) -> bytes:
    """A figure as its table row: the compact JSON faust's json serializer wrote for its dict
    (same fields and values; either reads what the other wrote, so old changelogs stay readable)."""
    return fig.model_dump_json().encode("utf-8")


def decode_figure(raw: bytes | str) -> Figure:
    return share_strings(Figure.model_validate_json(raw))


SHARED_FIELDS = ("text", "url", "article_id", "source", "outlet", "tier", "measure", "qualifier",
                 "location")


def share_strings(fig: Figure) -> Figure:
    """Intern the figure's repeated strings: an article's figures quote one sentence, and outlets,
    tiers and measures repeat across thousands of figures (equal values, one object each)."""
    values = fig.__dict__
    for name in SHARED_FIELDS:
        value = values[name]
        if type(value) is str:
            values[name] = sys.intern(value)
    return fig


class EventStates:
    """Parsed states of recently used events over `heads` (the `events` table: each event's
    `{"head": ...}`) and `figures` (`event-figures`: compact JSON bytes per figure key).

    The index is built from the figure keys on first use after `clear()` (the service clears on
    partition revocation; agents run once recovery has completed, so the index sees every row),
    then kept up to date by `record`. `peek` never fills the cache or builds the index: the web
    views may run while tables recover.
    """

    def __init__(self, heads: Mapping[str, Mapping[str, Any]], figures: MutableMapping[str, bytes],
                 max_figures: int) -> None:
        self.heads = heads
        self.figures = figures
        self.max_figures = max_figures
        self._cache: OrderedDict[str, tuple[EventState, int]] = OrderedDict()
        self._cached_figures = 0
        self._index: dict[str, list[str]] | None = None
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._cache)

    def cached(self) -> list[EventState]:
        """The parsed states held now, least recently used first."""
        return [state for state, _ in self._cache.values()]

    @property
    def cached_figures(self) -> int:
        return self._cached_figures

    def clear(self) -> None:
        self._cache.clear()
        self._cached_figures = 0
        self._index = None

    def _keys_of(self, event_id: str) -> list[str]:
        if self._index is not None:
            return self._index.get(event_id, [])
        prefix = event_id + KEY_SEP
        return [k for k in list(self.figures.keys()) if k.startswith(prefix)]

    def _build_index(self) -> dict[str, list[str]]:
        if self._index is None:
            index: dict[str, list[str]] = {}
            for key in list(self.figures.keys()):
                event_id, sep, _ = key.partition(KEY_SEP)
                if sep:
                    index.setdefault(event_id, []).append(key)
            self._index = index
        return self._index

    def _fill(self, state: EventState) -> EventState:
        """Add the figure rows the table holds for the state's event."""
        for key in self._keys_of(state.event_id):
            raw = self.figures.get(key)
            if raw is not None:
                state.figures[key.partition(KEY_SEP)[2]] = decode_figure(raw)
        return state

    def read(self, event_id: str) -> EventState | None:
        """The event's state rebuilt from the tables (None: no head for it); caches nothing."""
        row = self.heads.get(event_id)
        if row is None:
            return None
        return self._fill(EventState.model_validate(row["head"]))

    def peek(self, event_id: str) -> EventState | None:
        """For the web views: the cached state, else one read from the tables (not cached)."""
        hit = self._cache.get(event_id)
        return hit[0] if hit is not None else self.read(event_id)

    def get(self, event_id: str) -> EventState | None:
        """The event's state for a change (cached, else read and cached); None: a new event."""
        self._build_index()
        hit = self._cache.get(event_id)
        if hit is not None:
            self.hits += 1
            self._cache.move_to_end(event_id)
            return hit[0]
        self.misses += 1
        state = self.read(event_id)
        if state is not None:
            self._account(state)
        return state

    def adopt(self, state: EventState) -> EventState:
        """Cache a new event's state, with any figure rows the table already holds for it (rows
        whose head was never written), so a later read gives the same state."""
        self._build_index()
        self._account(self._fill(state))
        return state

    def record(self, state: EventState, fig: Figure) -> bool:
        """Merge a figure into a state this cache returned; when it changed the state, write its row
        (and index a new key). True when the state changed."""
        slot = fig.slot()
        new_slot = slot not in state.figures
        if not apply_figure(state, share_strings(fig)):
            return False
        key = figure_key(state.event_id, slot)
        self.figures[key] = encode_figure(fig)
        if new_slot:
            self._build_index().setdefault(state.event_id, []).append(key)
            self._account(state)
        return True

    def _account(self, state: EventState) -> None:
        """(Re)count the state's figures as most recently used; evict the least recently used
        states while over the bound (never the one just used)."""
        held = self._cache.pop(state.event_id, None)
        if held is not None:
            self._cached_figures -= held[1]
        size = len(state.figures)
        self._cache[state.event_id] = (state, size)
        self._cached_figures += size
        while self._cached_figures > self.max_figures and len(self._cache) > 1:
            _, (_, evicted) = self._cache.popitem(last=False)
            self._cached_figures -= evicted


__all__ = ["EventStates", "decode_figure", "encode_figure", "figure_key", "share_strings"]
