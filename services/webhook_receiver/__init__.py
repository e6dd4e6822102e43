"""A local analyst endpoint: verifies Standard Webhooks signatures, dedupes, prints alerts."""
