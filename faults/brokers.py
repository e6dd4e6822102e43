"""The broker a suite run owns, so the broker-restart scenario can restart it.

Tansu keeps everything in memory (a restart starts empty; the registry's topics are created again
with the run's prefix, as `strikewatch broker` does at start); the local Apache Kafka keeps its data
dir under the suite's folder, so a restart keeps topics, records and offsets. A session broker of
the tests (`Shared`) cannot be restarted: scenarios that need that are left out there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from services.runtime.broker import EmbeddedBroker, free_port
from services.runtime.kafka_local import LocalKafka, LocalKafkaSettings, kafka_version
from services.runtime.topics_admin import create_topics

KINDS = ("tansu", "kafka")


class Broker(Protocol):
    kind: str
    bootstrap: str
    restartable: bool
    keeps_data: bool

    def prepare(self, prefix: str) -> None:
        """Create the registry's topics under `prefix` (the next restart creates them again)."""

    def stop(self) -> None: ...

    def start(self) -> None: ...


class Shared:
    """A broker someone else runs (the tests' session broker)."""

    restartable = False

    def __init__(self, bootstrap: str, kind: str) -> None:
        self.bootstrap, self.kind = bootstrap, kind
        self.keeps_data = kind != "tansu"

    def prepare(self, prefix: str) -> None:
        create_topics(self.bootstrap, prefix=prefix)

    def stop(self) -> None:
        raise RuntimeError("the shared broker is not the suite's to stop")

    def start(self) -> None:
        raise RuntimeError("the shared broker is not the suite's to start")


class Own:
    """Tansu or a local Apache Kafka on a free port, started and restarted by the suite."""

    restartable = True

    def __init__(self, kind: str, root: Path) -> None:
        if kind not in KINDS:
            raise ValueError(f"broker {kind!r}: expected one of {', '.join(KINDS)}")
        self.kind, self.root = kind, root
        self.keeps_data = kind == "kafka"
        self.port = free_port()
        self.prefix = ""
        self._broker: EmbeddedBroker | LocalKafka | None = None

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def detail(self) -> str:
        return f"Apache Kafka {kafka_version()} (local JVM)" if self.kind == "kafka" else "Tansu (memory)"

    def prepare(self, prefix: str) -> None:
        self.prefix = prefix
        create_topics(self.bootstrap, prefix=prefix)

    def start(self) -> None:
        if self.kind == "tansu":
            self._broker = EmbeddedBroker(self.port, topic_prefix=self.prefix,
                                          log_path=self.root / "tansu.log").start()
        else:
            settings = LocalKafkaSettings(data_dir=self.root / "kafka-data")
            self._broker = LocalKafka(self.port, topic_prefix=self.prefix, settings=settings).start()

    def stop(self) -> None:
        broker, self._broker = self._broker, None
        if broker is not None:
            broker.stop()

    def __enter__(self) -> Own:
        self.root.mkdir(parents=True, exist_ok=True)
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
