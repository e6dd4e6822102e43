"""The fault suite (`make faults`, issue 11): scripted faults against the whole stack as processes,
each compared with a clean run over the same input.

- `brokers.py`: the broker a suite run owns (Tansu or the local Apache Kafka), restartable;
- `poison.py`: poison records (random bytes, truncated JSON, wrong types and versions, large
  values, unicode and control characters) and the future-dated article, all our own text;
- `scenarios.py`: the scenarios as data (name, what is fed, the fault and when it strikes);
- `run.py`: one scenario on the stack of tests/support/stack.py: feed, strike, wait until settled,
  read the ground truth from the topics, the aggregation API and a webhook recorder;
- `compare.py`: lost / duplicated against the clean run (pure, unit-tested);
- `__main__.py`: `python -m faults [--broker tansu|kafka|both] [--scenario NAME ...]`, the table.
"""
