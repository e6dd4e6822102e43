"""Aggregation service settings (`STRIKEWATCH_AGGREGATION_*`), apart from app.py so the web API's
pure parts and their tests read them without building a faust app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field

from schemas.domain import COVERAGE_START
from services.runtime.settings import RuntimeSettings


class AggregationSettings(RuntimeSettings):
    aggregation_retention_days: int = 3650
    """Day rows older than the newest attack date minus this many days are dropped (event time;
    0 keeps everything)."""
    aggregation_coverage_start: dt.date = COVERAGE_START
    """Attacks dated before this are set aside (`out_of_range`), like those dated after tomorrow."""
    aggregation_cors_origins: str = ""
    """Comma-separated origins allowed to call the API from another site's page (CORS); empty (the
    default) sends no CORS headers, so only the service's own page (same origin) can read it.
    `*` allows any origin."""
    aggregation_page_refresh_seconds: float = 5.0
    """How often the page polls for new data."""
    aggregation_state_cache_figures: int = Field(default=20_000, ge=0)
    """How many figures the resolver keeps parsed, over the most recently changed events (the
    tables hold every figure; an event not kept is read back from them when it changes again)."""
    aggregation_batch_records: int = Field(default=500, ge=1)
    """Most articles' claim groups settled together: each event a batch touches is resolved and
    published once (1 = once per article, as before batching)."""
    aggregation_batch_seconds: float = Field(default=0.2, gt=0)
    """Longest a claim group waits for its batch to fill (added latency when input is sparse)."""

    def cors_origins(self) -> list[str]:
        return [o.strip() for o in self.aggregation_cors_origins.split(",") if o.strip()]

    def cors_options(self) -> dict[str, Any]:
        """faust's `web_cors_options` for the configured origins (empty: CORS off). Read-only API:
        GET only, no credentials."""
        from aiohttp_cors import ResourceOptions

        return {origin: ResourceOptions(allow_credentials=False, allow_headers=("Accept",),
                                        allow_methods=("GET",), expose_headers=("Content-Disposition",))
                for origin in self.cors_origins()}
