"""The whole StrikeWatch stack as processes for the end-to-end proof, plus a real Prometheus.

Every process gets its own free port, the test's topic prefix and consumer-group suffix, and a
folder under the test's tmp dir; all are stopped with SIGTERM at the end (SIGKILL only after a
timeout). Prometheus runs from Debian's package (`deploy/ensure-test-tools.sh`) with a config
generated from `deploy/prometheus/local.yml`: the same jobs and rule file, the test's ports and a
1 s scrape interval, storage in the tmp dir.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import yaml
from prometheus_client.parser import text_string_to_metric_families

from schemas.topics import ARTICLES_RAW
from services.runtime.broker import free_port
from tests.support.processes import ROOT, ServiceProcess

FAUST_SERVICES = ("dedup", "extraction", "aggregation", "alerting")
SERVICES = ("feed_producer", *FAUST_SERVICES, "webhook_receiver")
LOCAL_CONFIG = ROOT / "deploy" / "prometheus" / "local.yml"
RULES = ROOT / "deploy" / "prometheus" / "rules.yml"


def new_webhook_secret() -> str:
    """A fresh Standard Webhooks secret for this run (never a fixed one in the repo)."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def prometheus_config(ports: dict[str, int], prom_port: int, scrape_interval: str = "1s") -> dict[str, Any]:
    """local.yml with the test's ports: same jobs and rules, so the test checks the shipped file."""
    config = yaml.safe_load(LOCAL_CONFIG.read_text(encoding="utf-8"))
    config["global"]["scrape_interval"] = scrape_interval
    config["global"]["evaluation_interval"] = scrape_interval
    config["rule_files"] = [str(RULES)]
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    missing = set(SERVICES) - set(jobs)
    if missing:
        raise AssertionError(f"deploy/prometheus/local.yml has no job for {sorted(missing)}")
    config["scrape_configs"] = [job for name, job in jobs.items() if name in ports or name == "prometheus"]
    for job in config["scrape_configs"]:
        port = prom_port if job["job_name"] == "prometheus" else ports[job["job_name"]]
        job["static_configs"] = [{"targets": [f"127.0.0.1:{port}"]}]
    return config


@dataclass
class Stack:
    bootstrap: str
    prefix: str
    root: Path
    secret: str
    hook_url: str
    ports: dict[str, int] = field(default_factory=dict)
    procs: dict[str, ServiceProcess] = field(default_factory=dict)
    prometheus: subprocess.Popen[bytes] | None = None
    prom_port: int = 0
    with_prometheus: bool = True
    started: dict[str, float] = field(default_factory=dict)

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def feed_dir(self) -> Path:
        return self.root / "feeds"

    def feed(self, inbox_files: dict[str, bytes]) -> None:
        """Drop the input in: the sample feeds where the producer polls them, files in the inbox.

        Done after Prometheus has scraped the running producer once, so every counter it shows
        starts from a sample taken before the burst and the dashboard's rates see the burst.
        """
        self.feed_dir.mkdir(exist_ok=True)
        for path in (ROOT / "samples" / "feeds").iterdir():
            shutil.copy(path, self.feed_dir / path.name)
        staging = self.root / "staging"
        staging.mkdir(exist_ok=True)
        for name, data in inbox_files.items():
            (staging / name).write_bytes(data)
            (staging / name).rename(self.inbox / name)  # whole files only: no half-written article

    def env(self, service: str) -> dict[str, str]:
        suffix = self.prefix.strip(".")
        return {
            "STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
            "STRIKEWATCH_TOPIC_PREFIX": self.prefix,
            "STRIKEWATCH_APP_SUFFIX": f"-{suffix}",
            "STRIKEWATCH_DATA_DIR": str(self.root / "data"),
            "STRIKEWATCH_WEB_PORT": str(self.ports[service]),
            "STRIKEWATCH_LOG_LEVEL": "INFO",
            "STRIKEWATCH_WEBHOOK_SECRET": self.secret,
        }

    def write_configs(self) -> dict[str, dict[str, str]]:
        """Feeds file (sample feeds + the inbox), receivers file; per-service extra env."""
        feeds = self.root / "feeds.yaml"
        # the feeds are files that appear only when `feed()` runs (the producer retries every second)
        feeds.write_text(yaml.safe_dump({
            "feeds": [
                {"name": "sample-rss", "url": str(self.feed_dir / "sample.rss"), "interval_seconds": 3600},
                {"name": "sample-atom", "url": str(self.feed_dir / "sample.atom"), "interval_seconds": 3600},
            ],
            "inbox": str(self.inbox),
        }))
        receivers = self.root / "receivers.yaml"
        receivers.write_text(yaml.safe_dump({
            "retry": {"base_delay_s": 0.1, "max_delay_s": 1.0, "max_attempts": 5, "timeout_s": 5},
            "receivers": [
                # the stack's own receiver (python -m services.webhook_receiver) ...
                {"name": "local", "format": "generic", "url_env": "STRIKEWATCH_WEBHOOK_URL",
                 "secret_env": "STRIKEWATCH_WEBHOOK_SECRET"},
                # ... and the test's recorder, which keeps raw bodies and headers to verify here
                {"name": "probe", "format": "generic", "url": self.hook_url,
                 "secret_env": "STRIKEWATCH_WEBHOOK_SECRET"},
            ],
        }))
        return {
            "feed_producer": {"STRIKEWATCH_FEEDS_FILE": str(feeds), "STRIKEWATCH_INBOX_SCAN_SECONDS": "0.5",
                              "STRIKEWATCH_BACKOFF_BASE_SECONDS": "0.2", "STRIKEWATCH_BACKOFF_MAX_SECONDS": "1"},
            "alerting": {
                "STRIKEWATCH_ALERTING_RECEIVERS": str(receivers),
                "STRIKEWATCH_WEBHOOK_URL": f"http://127.0.0.1:{self.ports['webhook_receiver']}/webhook",
            },
            "webhook_receiver": {"STRIKEWATCH_WEBHOOK_RECEIVER_JSONL": str(self.root / "received.jsonl")},
        }

    def start(self) -> None:
        self.ports = {name: free_port() for name in SERVICES}
        self.prom_port = free_port()
        extra = self.write_configs()
        for name in ("webhook_receiver", *FAUST_SERVICES):
            self._start(name, extra.get(name, {}))
        self.procs["webhook_receiver"].wait_for_log("webhook receiver on", timeout=30)
        for name in FAUST_SERVICES:
            self.procs[name].wait_ready(timeout=90)
        if self.with_prometheus:
            self.start_prometheus()
            # Prometheus starts scraping a few seconds after it is ready; without a first sample
            # of every counter at 0, rate() would miss the whole burst the sample feed causes.
            self.wait_scraped(("webhook_receiver", *FAUST_SERVICES))
        # last, so every consumer is in its group when the first article arrives
        self.inbox.mkdir(exist_ok=True)
        self._start("feed_producer", extra["feed_producer"])
        self.procs["feed_producer"].wait_for_log("feed producer ready", timeout=60)
        if self.with_prometheus:
            self.wait_scraped(("feed_producer",))

    def _start(self, name: str, extra: dict[str, str]) -> None:
        module = f"services.{name}"
        proc = ServiceProcess(module, self.env(name) | extra, self.root / "logs" / f"{name}.log")
        self.procs[name] = proc
        self.started[name] = time.monotonic()
        proc.start()

    def start_prometheus(self) -> None:
        config = self.root / "prometheus.yml"
        config.write_text(yaml.safe_dump(prometheus_config(self.ports, self.prom_port), sort_keys=False))
        log = open(self.root / "logs" / "prometheus.log", "ab")  # noqa: SIM115 - closed with the process
        self.prometheus = subprocess.Popen(
            [shutil.which("prometheus") or "prometheus", f"--config.file={config}",
             f"--storage.tsdb.path={self.root / 'prometheus-data'}",
             f"--web.listen-address=127.0.0.1:{self.prom_port}", "--web.enable-lifecycle"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.prometheus.poll() is not None:
                raise RuntimeError(f"prometheus exited {self.prometheus.returncode}:\n{self.log('prometheus')}")
            try:
                if httpx.get(f"{self.prom_url}/-/ready", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"prometheus not ready in 30 s:\n{self.log('prometheus')}")

    def wait_scraped(self, jobs: tuple[str, ...], timeout: float = 30.0) -> None:
        """Until Prometheus has scraped each job successfully at least once."""
        deadline = time.monotonic() + timeout
        seen: set[str] = set()
        while time.monotonic() < deadline:
            seen = {r["metric"]["job"] for r in self.query("up == 1")}
            if set(jobs) <= seen:
                return
            time.sleep(0.2)
        raise TimeoutError(f"Prometheus scraped only {sorted(seen)} of {sorted(jobs)}:\n{self.log('prometheus')}")

    @property
    def prom_url(self) -> str:
        return f"http://127.0.0.1:{self.prom_port}"

    def query(self, expr: str) -> list[dict[str, Any]]:
        """An instant query through Prometheus's HTTP API; the result vector (or scalar as one)."""
        response = httpx.get(f"{self.prom_url}/api/v1/query", params={"query": expr}, timeout=10)
        body = response.json()
        if body.get("status") != "success":
            raise AssertionError(f"query failed: {expr}\n{body}")
        data = body["data"]
        if data["resultType"] in ("scalar", "string"):
            return [{"metric": {}, "value": data["result"]}]
        return data["result"]

    def progress(self) -> tuple[int | None, float, float]:
        """Total consumer lag over the faust services (None until each reports its partitions), how
        many articles.raw records dedup has read, and a sum of every record/webhook counter (it stops
        moving when the pipeline is idle)."""
        lag, read, moved = 0, 0.0, 0.0
        for service in SERVICES:
            series = 0
            for family in text_string_to_metric_families(self.metrics_text(service)):
                for sample in family.samples:
                    if sample.name == "strikewatch_consumer_lag":
                        lag += int(sample.value)
                        series += 1
                    elif sample.name in ("strikewatch_messages_in_total", "strikewatch_messages_out_total",
                                         "strikewatch_alert_deliveries_total", "strikewatch_webhooks_received_total"):
                        moved += sample.value
                        if sample.name == "strikewatch_messages_in_total" and sample.labels.get("topic") == (
                                ARTICLES_RAW.name) and service == "dedup":
                            read = sample.value
            if series == 0 and service in FAUST_SERVICES:
                return None, read, moved
        return lag, read, moved

    def metrics_text(self, service: str) -> str:
        return httpx.get(f"http://127.0.0.1:{self.ports[service]}/metrics", timeout=5).text

    def log(self, name: str) -> str:
        path = self.root / "logs" / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def logs(self) -> str:
        return "\n".join(f"--- {n}:\n{self.log(n)}" for n in (*SERVICES, "prometheus"))

    def stop(self) -> dict[str, int | None]:
        """SIGTERM everything (producer first, Prometheus last); return codes by name."""
        codes: dict[str, int | None] = {}
        for name in ("feed_producer", "dedup", "extraction", "aggregation", "alerting", "webhook_receiver"):
            if name in self.procs:
                codes[name] = self.procs[name].stop(timeout=20)
        if self.prometheus is not None and self.prometheus.poll() is None:
            os.killpg(self.prometheus.pid, signal.SIGTERM)
            try:
                self.prometheus.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.prometheus.pid, signal.SIGKILL)
                self.prometheus.wait()
            codes["prometheus"] = self.prometheus.returncode
        return codes
