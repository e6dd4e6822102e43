"""Dedup service: exact, near-duplicate, revision and same-story verdicts for every raw article."""
