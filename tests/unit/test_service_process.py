"""A service a test starts dies with the test run, also when the run is killed before stop()."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

from tests.support.processes import ROOT


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as f:  # a zombie waiting for its reaper counts as dead
        return f.read().split(")")[-1].split()[0] != "Z"


def test_a_service_gets_sigterm_when_the_test_process_is_killed(tmp_path):
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from services.runtime.broker import free_port
        from tests.support.processes import ServiceProcess
        proc = ServiceProcess("services.webhook_receiver", {{"STRIKEWATCH_WEB_PORT": str(free_port()),
                              "STRIKEWATCH_WEBHOOK_SECRET": "whsec_dGVzdA=="}}, Path({str(tmp_path / 'r.log')!r}))
        print(proc.start().proc.pid, flush=True)
        time.sleep(120)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 20
    while _alive(child):
        assert time.monotonic() < deadline, f"service {child} outlived its killed parent"
        time.sleep(0.1)
