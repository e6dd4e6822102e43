"""Shared runtime of every service: settings, faust app factory, codecs and dead letters, metrics."""
