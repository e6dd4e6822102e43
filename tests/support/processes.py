"""Run a service as its own process, as users do, and stop it with SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from services.common.checkout import CHECKOUT
from services.runtime.broker import die_with_parent

ROOT = CHECKOUT


class ServiceProcess:
    """`python -m <module>` with extra env; `wait_ready` polls its /health (or a log line)."""

    def __init__(
        self, module: str, env: dict[str, str], log_path: Path, args: list[str] | None = None
    ) -> None:
        self.module, self.env, self.log_path = module, env, log_path
        self.args = args or []
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServiceProcess:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        out = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", self.module, *self.args],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=os.environ | self.env,
            start_new_session=True,
            preexec_fn=die_with_parent(),  # SIGTERM if the test run is killed before stop()
        )
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_for_log(self, needle: str, timeout: float = 60.0) -> float:
        """Seconds until `needle` appears in the log; raises with the log tail on timeout/exit."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if needle in self.log():
                return time.monotonic() - started
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"{self.module} exited {self.proc.returncode}:\n{self.log()[-3000:]}")
            time.sleep(0.1)
        raise TimeoutError(f"{self.module}: no {needle!r} in {timeout}s:\n{self.log()[-3000:]}")

    def wait_ready(self, timeout: float = 60.0) -> float:
        """For faust services: the runtime logs `<service> worker ready` once its group has joined."""
        return self.wait_for_log(" worker ready (group ", timeout)

    def get(self, port: int, path: str) -> httpx.Response:
        return httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5)

    def stop(self, timeout: float = 15.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        return self.proc.returncode

    def __enter__(self) -> ServiceProcess:
        return self.start()

    def __exit__(
        self, et: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
