"""Source tiers: how much a figure is trusted, from the outlet/feed and the sentence's attribution.

The table lives in `source_tiers.yaml` (data, not code) so analysts can add outlets without a
release; this module only loads and applies it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_TIERS_FILE = Path(__file__).with_name("source_tiers.yaml")


@dataclass(frozen=True)
class TierTable:
    """Tier names with their rank (1 = most trusted), outlet patterns and text cues per tier."""

    ranks: dict[str, int]
    default_tier: str
    outlets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cues: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)

    def rank(self, tier: str) -> int:
        """Rank of a tier name (unknown names rank last)."""
        return self.ranks.get(tier, max(self.ranks.values()) + 1)

    def outlet_tier(self, outlet: str | None, feed: str | None = None) -> str:
        """Tier from the URL host (exact or subdomain match) or the feed name (substring)."""
        best = self.default_tier
        host = (outlet or "").lower().removeprefix("www.")
        feed_name = (feed or "").lower()
        for tier, patterns in self.outlets.items():
            for pattern in patterns:
                p = pattern.lower()
                hit = bool(host) and (host == p or host.endswith("." + p) or p in host.split("."))
                hit = hit or (bool(feed_name) and p in feed_name)
                if hit and self.rank(tier) < self.rank(best):
                    best = tier
        return best

    def text_tier(self, text: str) -> str | None:
        """Best tier whose cue occurs in `text`, or None when the sentence attributes nothing."""
        best: str | None = None
        for tier, patterns in self.cues.items():
            if any(p.search(text) for p in patterns) and (best is None or self.rank(tier) < self.rank(best)):
                best = tier
        return best

    def tier_of(self, outlet: str | None, feed: str | None, text: str) -> str:
        """A claim's tier: the better of its outlet's tier and its sentence's attribution."""
        by_outlet = self.outlet_tier(outlet, feed)
        by_text = self.text_tier(text)
        if by_text is not None and self.rank(by_text) < self.rank(by_outlet):
            return by_text
        return by_outlet


def load_tier_table(path: Path | str = DEFAULT_TIERS_FILE) -> TierTable:
    """Parse a tier YAML file (see source_tiers.yaml for the format)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    ranks = {str(k): int(v) for k, v in (raw.get("tiers") or {}).items()}
    if not ranks:
        raise ValueError(f"{path}: no tiers defined")
    default = str(raw.get("default_tier") or max(ranks, key=ranks.__getitem__))
    if default not in ranks:
        raise ValueError(f"{path}: default_tier {default!r} is not a tier")
    outlets = {str(t): tuple(str(p) for p in (v or [])) for t, v in (raw.get("outlets") or {}).items()}
    cues = {
        str(t): tuple(re.compile(str(p), re.IGNORECASE) for p in (v or []))
        for t, v in (raw.get("text_cues") or {}).items()
    }
    for tier in outlets.keys() | cues.keys():
        if tier not in ranks:
            raise ValueError(f"{path}: unknown tier {tier!r}")
    return TierTable(ranks=ranks, default_tier=default, outlets=outlets, cues=cues)


@lru_cache(maxsize=1)
def default_tier_table() -> TierTable:
    """The packaged tier table, loaded once."""
    return load_tier_table()
