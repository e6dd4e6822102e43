"""Helpers shared by integration and end-to-end tests (real broker, real processes)."""
