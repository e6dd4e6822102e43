"""Pass-through reference agent: articles.raw -> bench.passthrough, unchanged.

It does what every service does (validate, produce) and nothing else, so its throughput on a
broker is the reference every stage is measured against in `make bench`.
"""
