"""Spike detection on the daily strike series and delivery of alerts to analysts."""
