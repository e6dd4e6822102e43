"""Dedup service settings (env `STRIKEWATCH_DEDUP_*`), mapped onto the engine's DedupConfig."""

from __future__ import annotations

from services.dedup.engine import DAY_S, DedupConfig
from services.runtime.settings import RuntimeSettings


class DedupSettings(RuntimeSettings):
    """Tuning of the dedup service; defaults are the measured ones (strikewatch eval dedup)."""

    dedup_threshold: float = DedupConfig.threshold
    dedup_shingle_size: int = DedupConfig.shingle_size
    dedup_num_perm: int = DedupConfig.num_perm
    dedup_horizon_days: float = DedupConfig.horizon_s / DAY_S
    dedup_story_window_hours: float = DedupConfig.story_window_s / 3600

    def dedup_config(self) -> DedupConfig:
        return DedupConfig(
            threshold=self.dedup_threshold, shingle_size=self.dedup_shingle_size,
            num_perm=self.dedup_num_perm, horizon_s=self.dedup_horizon_days * DAY_S,
            story_window_s=self.dedup_story_window_hours * 3600,
        )
