"""Aggregation service: strike claims -> attack events -> daily/7d/30d aggregates."""
