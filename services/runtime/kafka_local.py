"""A local Apache Kafka (KRaft, one JVM) from Maven Central's jars: `strikewatch broker --engine kafka`.

Production runs on Apache Kafka (docker-compose.yml), so tests and benchmarks should too, also on
machines without a Docker engine. What this needs is Java 17+ and, once, Maven: `deploy/kafka/pom.xml`
names the broker's jars (pinned to the compose image's version) and `mvn dependency:copy-dependencies`
puts them in a cache outside the repository. The broker keeps its data in
`STRIKEWATCH_DATA_DIR/kafka/`, formatted on the first start, so a restart loses nothing; Tansu (the
default engine, `broker.py`) needs nothing but pip and keeps everything in memory.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import os
import re
import shutil
import string
import subprocess
import tempfile
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

from services.runtime.broker import BrokerError, die_with_parent, free_port, port_is_free, terminate
from services.runtime.settings import RuntimeSettings
from services.runtime.topics_admin import broker_answers, create_topics, wait_for_group_coordinator

DEPLOY_DIR = Path(__file__).resolve().parents[2] / "deploy" / "kafka"
POM = DEPLOY_DIR / "pom.xml"
PROPERTIES_TEMPLATE = DEPLOY_DIR / "server.properties"
LOG4J_CONFIG = DEPLOY_DIR / "log4j2.properties"
RESOLVED_MARK = ".strikewatch-resolved"
INSTALL_HINT = "install Java 17+ and Maven, e.g. apt-get install openjdk-17-jre-headless maven"
TANSU_HINT = "or use --engine tansu"


class LocalKafkaSettings(RuntimeSettings):
    """`STRIKEWATCH_DATA_DIR` holds the broker's data; the jars live in a per-user cache."""

    kafka_jars_dir: Path | None = None  # default: $XDG_CACHE_HOME/strikewatch/kafka-<version>
    kafka_heap: str = "512m"

    def jars_dir(self) -> Path:
        """Versioned, outside the repository: every clone and worktree shares one download."""
        if self.kafka_jars_dir is not None:
            return self.kafka_jars_dir
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return cache / "strikewatch" / f"kafka-{kafka_version()}"

    def broker_dir(self) -> Path:
        """The broker's own folder: rendered config, log and (under data/) its log.dirs."""
        return self.data_dir / "kafka"


def kafka_version(pom: Path = POM) -> str:
    """The Kafka version pinned in deploy/kafka/pom.xml (its one source)."""
    ns = {"m": "http://maven.apache.org/POM/4.0.0"}
    node = ET.parse(pom).getroot().find("m:properties/m:kafka.version", ns)
    if node is None or not (node.text or "").strip():
        raise BrokerError(f"{pom} names no kafka.version")
    return node.text.strip()


def render_server_properties(host: str, port: int, controller_port: int, log_dir: Path) -> str:
    """deploy/kafka/server.properties with this start's listeners and log dir filled in."""
    template = string.Template(PROPERTIES_TEMPLATE.read_text(encoding="utf-8"))
    try:
        return template.substitute(host=host, port=port, controller_port=controller_port, log_dir=log_dir)
    except (KeyError, ValueError) as exc:
        raise BrokerError(f"{PROPERTIES_TEMPLATE}: unknown field {exc}") from exc


def new_cluster_id() -> str:
    """A KRaft cluster id as Kafka's `Uuid.randomUuid()` makes it (url-safe base64 of 16 bytes,
    never starting with '-', which the tools would read as an option), without a JVM start."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):
            return text


def _jars_ready(jars: Path) -> bool:
    """Resolved by this very pom (the mark holds its hash): a changed pom resolves again."""
    mark = jars / RESOLVED_MARK
    return mark.is_file() and mark.read_text().strip() == hashlib.sha256(POM.read_bytes()).hexdigest()


def missing_tools(settings: LocalKafkaSettings | None = None) -> str | None:
    """Why the local Kafka cannot run here (one line), or None when it can.

    Maven is needed only while the jars are not in the cache yet."""
    settings = settings or LocalKafkaSettings()
    if shutil.which("java") is None:
        return f"no `java` on PATH: --engine kafka needs it ({INSTALL_HINT}), {TANSU_HINT}"
    if not _jars_ready(settings.jars_dir()) and shutil.which("mvn") is None:
        return f"no `mvn` on PATH to fetch the Apache Kafka jars ({INSTALL_HINT}), {TANSU_HINT}"
    return None


def java_major(java: str) -> int:
    """The major version of `java` (`java -version` prints e.g. `openjdk version "17.0.15"`)."""
    out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    found = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not found:
        raise BrokerError(f"cannot read the Java version from `{java} -version`: {out.strip()[:120]}")
    major, minor = int(found.group(1)), int(found.group(2) or 0)
    return minor if major == 1 else major  # "1.8.0" is Java 8


def find_java() -> str:
    """The `java` to run the broker with: on PATH and 17+, else BrokerError with the one line."""
    java = shutil.which("java")
    if java is None:
        raise BrokerError(f"no `java` on PATH: --engine kafka needs it ({INSTALL_HINT}), {TANSU_HINT}")
    if (major := java_major(java)) < 17:
        raise BrokerError(f"`java` is Java {major}; Apache Kafka {kafka_version()} needs 17+, {TANSU_HINT}")
    return java


def _last_error(text: str) -> str:
    """The most telling line of a tool's output, for a one-line error."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("SLF4J")]
    errors = [line for line in lines if "ERROR" in line or "Exception" in line or "Error" in line]
    return (errors or lines or ["(no output)"])[0][:300]


def resolve_jars(settings: LocalKafkaSettings | None = None) -> tuple[Path, bool]:
    """The broker's jars in the cache, fetched with Maven when missing; (folder, fetched now).

    Maven writes into a fresh folder that replaces the cache only when complete, under a file
    lock, so a broken download or two concurrent callers never leave a half-filled classpath."""
    settings = settings or LocalKafkaSettings()
    jars = settings.jars_dir()
    if _jars_ready(jars):
        return jars, False
    problem = missing_tools(settings)
    if problem:
        raise BrokerError(problem)
    jars.parent.mkdir(parents=True, exist_ok=True)
    with open(jars.parent / f"{jars.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if _jars_ready(jars):
            return jars, False
        staging = jars.parent / f"{jars.name}.partial-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        command = [
            shutil.which("mvn") or "mvn", "-B", "-q", "-Dstyle.color=never", "-f", str(POM),
            "dependency:copy-dependencies", f"-DoutputDirectory={staging}",
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=900)
        except subprocess.TimeoutExpired as exc:
            raise BrokerError(f"mvn did not fetch Apache Kafka {kafka_version()} in 15 min") from exc
        if done.returncode != 0 or not any(staging.glob("kafka_2.13-*.jar")):
            shutil.rmtree(staging, ignore_errors=True)
            reason = _last_error(done.stdout + done.stderr)
            raise BrokerError(f"mvn could not fetch Apache Kafka {kafka_version()}: {reason}")
        (staging / RESOLVED_MARK).write_text(hashlib.sha256(POM.read_bytes()).hexdigest() + "\n")
        shutil.rmtree(jars, ignore_errors=True)
        staging.rename(jars)
    return jars, True


class LocalKafka:
    """Apache Kafka on host:port with its data in STRIKEWATCH_DATA_DIR/kafka; the shape of
    `EmbeddedBroker`: start (wait for a metadata answer, create topics), stop, context manager."""

    def __init__(
        self,
        port: int = 9092,
        host: str = "127.0.0.1",
        *,
        create: bool = True,
        topic_prefix: str = "",
        settings: LocalKafkaSettings | None = None,
    ) -> None:
        self.host, self.port, self.create = host, port, create
        self.topic_prefix = topic_prefix
        self.settings = settings or LocalKafkaSettings()
        self.dir = self.settings.broker_dir()
        self.log_path = self.dir / "kafka.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._lock: IO[str] | None = None

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def version(self) -> str:
        return kafka_version()

    def _format(self, java: str, classpath: str, config: Path, log_dir: Path) -> None:
        """Format the storage once; a formatted dir (meta.properties) keeps its cluster and data."""
        if (log_dir / "meta.properties").exists():
            return
        log_dir.mkdir(parents=True, exist_ok=True)
        command = [java, "-cp", classpath, "kafka.tools.StorageTool", "format",
                   "-t", new_cluster_id(), "-c", str(config)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise BrokerError(f"formatting {log_dir} failed: {_last_error(done.stdout + done.stderr)}")

    def start(self, timeout: float = 90.0) -> LocalKafka:
        """Resolve, format (first start only), start and wait until it answers metadata and
        coordinates groups; BrokerError (or TimeoutError) with one line on failure."""
        java = find_java()
        jars, _ = resolve_jars(self.settings)
        self.dir.mkdir(parents=True, exist_ok=True)
        self._lock = self._lock_data_dir()
        try:
            if not port_is_free(self.host, self.port):
                raise BrokerError(
                    f"port {self.host}:{self.port} is already in use (another broker running? set --port)"
                )
            log_dir = (self.dir / "data").resolve()
            config = self.dir / "server.properties"
            config.write_text(render_server_properties(self.host, self.port, free_port(self.host), log_dir))
            classpath = f"{jars}{os.sep}*"
            self._format(java, classpath, config, log_dir)
            command = [
                java, f"-Xmx{self.settings.kafka_heap}", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                f"-Dlog4j2.configurationFile={LOG4J_CONFIG}", "-cp", classpath, "kafka.Kafka", str(config),
            ]
            with open(self.log_path, "ab") as out:
                self.process = subprocess.Popen(
                    command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                    start_new_session=True, preexec_fn=die_with_parent(), pass_fds=(self._lock.fileno(),),
                )
            self._wait_ready(timeout)
            wait_for_group_coordinator(self.bootstrap, timeout=timeout)
            if self.create:
                create_topics(self.bootstrap, prefix=self.topic_prefix)
        except BaseException:
            self.stop()
            raise
        return self

    def _lock_data_dir(self) -> IO[str]:
        """One broker per data dir: with a second JVM started on the same log dirs, the first one
        died here on a corrupt metadata log (CorruptRecordException in __cluster_metadata-0). The
        JVM inherits the locked file, so the lock lasts until the broker itself has exited."""
        lock = open(self.dir / "broker.lock", "w")  # noqa: SIM115 - held for the broker's lifetime
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.close()
            raise BrokerError(
                f"another broker is using {self.dir} (stop it, or set STRIKEWATCH_DATA_DIR)"
            ) from None
        return lock

    def _wait_ready(self, timeout: float) -> None:
        """Until the broker answers a metadata request; a JVM that exits ends the wait at once."""
        proc = self.process
        if proc is None:
            raise BrokerError(f"no Apache Kafka process to wait for on {self.bootstrap} "
                              "(not started, or stopped)")
        deadline = time.monotonic() + timeout
        while not broker_answers(self.bootstrap):
            if proc.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-20_000:]
                raise BrokerError(
                    f"Apache Kafka exited with code {proc.returncode} at start: "
                    f"{_last_error(tail)} (log: {self.log_path})"
                )
            if time.monotonic() > deadline:
                raise BrokerError(f"Apache Kafka did not answer on {self.bootstrap} within "
                                  f"{timeout:.0f}s (log: {self.log_path})")
            time.sleep(0.1)

    def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM (Kafka's clean shutdown: the next start needs no log recovery), then SIGKILL;
        then the data dir is free for the next broker."""
        proc, self.process = self.process, None
        try:
            terminate(proc, timeout)
        finally:
            lock, self._lock = self._lock, None
            if lock is not None:
                lock.close()

    def __enter__(self) -> LocalKafka:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@contextlib.contextmanager
def throwaway_local_kafka() -> Iterator[tuple[str, str]]:
    """(bootstrap, description) of a local Apache Kafka on a free port with a data dir deleted
    afterwards: for test sessions and benchmarks, which isolate by topic, not by broker state."""
    with tempfile.TemporaryDirectory(prefix="strikewatch-kafka-") as data:
        settings = LocalKafkaSettings(data_dir=Path(data))
        with LocalKafka(free_port(), create=False, settings=settings) as broker:
            yield broker.bootstrap, f"Apache Kafka {broker.version} (local JVM)"

