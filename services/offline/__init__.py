"""The services' pure cores composed in one process, without Kafka: what the offline commands
(`strikewatch events`, `eval dedup|extract`), the bench and the tests run.

Like `services.cli`, this package may import several services; no service may import it (the
import contract in tests/unit/test_import_contract.py), so a service never depends on another.
"""
