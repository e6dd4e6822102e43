"""docker-compose.yml against the Compose Specification's JSON Schema, plus the stack's own rules.

No Docker engine runs here, so the file is checked statically: schema-valid, every StrikeWatch
service built from the one image of deploy/Dockerfile and runnable (its module exists), healthchecks
and restart policies, no secret written in the file, ports and names consistent with the code and
with Prometheus's scrape configs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from services.runtime.settings import DEFAULT_WEB_PORTS

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SCHEMA_FILE = ROOT / "tests" / "data" / "compose-spec.json"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = "deploy/Dockerfile"

# Compose service name -> the service's name in the code (services.<name>, DEFAULT_WEB_PORTS).
APP_SERVICES = {
    "feed-producer": "feed_producer",
    "dedup": "dedup",
    "extraction": "extraction",
    "aggregation": "aggregation",
    "alerting": "alerting",
    "webhook-receiver": "webhook_receiver",
}
SECRET_KEY = re.compile(r"SECRET|PASSWORD|PASSWD|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL", re.IGNORECASE)
INTERPOLATION = re.compile(r"^\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}$")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    # safe_load resolves the file's YAML anchors and `<<` merge keys, as Compose does.
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def _env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def _command(service: dict[str, Any]) -> list[str]:
    cmd = service.get("command") or []
    return cmd.split() if isinstance(cmd, str) else [str(c) for c in cmd]


def test_valid_against_compose_specification(compose):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_schema_rejects_a_broken_file(compose):
    """The schema check has teeth: an unknown service key and a bad restart type are caught."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    broken = json.loads(json.dumps(compose))
    broken["services"]["dedup"]["comand"] = ["python"]
    broken["services"]["kafka"]["restart"] = ["always"]
    messages = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(broken)]
    assert any("comand" in m for m in messages)
    assert any("is not of type 'string'" in m for m in messages)


def test_stack_has_every_service(services):
    expected = set(APP_SERVICES) | {"kafka", "topics", "prometheus", "grafana", "alertmanager"}
    assert expected <= set(services), f"missing: {sorted(expected - set(services))}"
    assert services["alertmanager"].get("profiles") == ["alertmanager"], "Alertmanager is optional"


def test_every_strikewatch_service_uses_the_one_image(services):
    ours = {name for name, svc in services.items() if not str(svc.get("image", "")).startswith(
        ("apache/", "prom/", "grafana/"))}
    assert ours == set(APP_SERVICES) | {"topics"}
    images = {services[name]["image"] for name in ours}
    assert len(images) == 1, f"one image for every service, got {images}"
    for name in ours:
        build = services[name].get("build")
        assert isinstance(build, dict), f"{name}: build section"
        assert build.get("context") == "." and build.get("dockerfile") == DOCKERFILE, name
    assert (ROOT / DOCKERFILE).is_file()


def test_every_service_module_exists(services):
    missing = []
    for name, code_name in APP_SERVICES.items():
        cmd = _command(services[name])
        assert cmd[:2] == ["python", "-m"], f"{name}: runs `python -m services.<name>`"
        module = cmd[2]
        assert module == f"services.{code_name}", f"{name}: {module}"
        if not (ROOT / Path(*module.split(".")) / "__main__.py").is_file():
            missing.append(f"{name}: {module}/__main__.py")
    assert not missing, f"compose runs modules that do not exist: {missing}"


def test_topics_is_a_one_shot_the_services_wait_for(services):
    topics = services["topics"]
    assert _command(topics)[:3] == ["strikewatch", "topics", "create"]
    assert topics["depends_on"]["kafka"]["condition"] == "service_healthy"
    assert str(topics["restart"]).startswith("on-failure")
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["topics"]["condition"] == "service_completed_successfully"


def test_healthchecks_and_restart_policies(services):
    for name, svc in services.items():
        assert svc.get("restart") in {"unless-stopped", "always"} or str(svc.get("restart")).startswith(
            "on-failure"), f"{name}: restart policy"
        if name == "topics":
            continue  # exits when done: nothing to probe
        check = svc.get("healthcheck") or {}
        assert not check.get("disable"), f"{name}: healthcheck disabled"
        assert check.get("test"), f"{name}: healthcheck"
        assert check.get("interval") and check.get("retries"), f"{name}: healthcheck timing"


def test_app_environment_and_ports_match_the_code(services):
    for name, code_name in APP_SERVICES.items():
        env = _env(services[name])
        assert env["STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
        assert env["STRIKEWATCH_PROFILE"] == "prod"
        assert env["STRIKEWATCH_WEB_HOST"] == "0.0.0.0"
        assert int(env["STRIKEWATCH_WEB_PORT"]) == DEFAULT_WEB_PORTS[code_name], name
        # The shared healthcheck reads the port from the environment.
        assert "STRIKEWATCH_WEB_PORT" in " ".join(services[name]["healthcheck"]["test"])


def test_scalable_services_publish_no_fixed_host_port(services):
    """`docker compose up --scale extraction=3` must not collide on a host port or a name."""
    for name in ("dedup", "extraction", "aggregation", "alerting"):
        assert "container_name" not in services[name], name
        if name == "aggregation":  # the analyst's page: a loopback host port range, one per replica
            assert services[name]["ports"] == ["127.0.0.1:6069-6072:6069"]
        else:
            assert "ports" not in services[name], name


def test_kafka_is_a_single_kraft_node(services):
    kafka = services["kafka"]
    env = _env(kafka)
    assert kafka["image"].startswith("apache/kafka:") and not kafka["image"].endswith(":latest")
    assert set(env["KAFKA_PROCESS_ROLES"].split(",")) == {"broker", "controller"}
    assert env["KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS"] == "0"
    assert "kafka:9092" in env["KAFKA_ADVERTISED_LISTENERS"]
    assert env["KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR"] == "1"


def test_third_party_images_are_pinned(services):
    for name, svc in services.items():
        image = str(svc.get("image", ""))
        assert ":" in image and not image.endswith(":latest"), f"{name}: pin {image!r}"


def test_no_secret_is_written_in_the_file(services):
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert "whsec_" not in text and "PRIVATE KEY" not in text
    for name, svc in services.items():
        for key, value in _env(svc).items():
            if SECRET_KEY.search(key):
                match = INTERPOLATION.match(value)
                assert match, f"{name}: {key} must come from the environment (${{VAR}}), not {value!r}"
                assert ":-" not in value, f"{name}: {key} must not have a default value"


def test_env_example_names_every_required_variable():
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", text))
    example = ENV_EXAMPLE.read_text(encoding="utf-8")
    defined = set(re.findall(r"^([A-Z0-9_]+)=", example, flags=re.MULTILINE))
    assert required, "the secrets are required variables"
    assert required <= defined, f".env.example lacks {sorted(required - defined)}"
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def _interpolated(text: str) -> str:
    """`${VAR:-default}` -> default (as compose does when VAR is unset)."""
    return re.sub(r"\$\{[A-Z0-9_]+:-([^}]*)\}", r"\1", text)


def test_named_volumes_are_declared_and_bind_mounts_exist(compose, services):
    declared = set(compose.get("volumes") or {})
    used = set()
    for name, svc in services.items():
        for mount in svc.get("volumes") or []:
            source = _interpolated(str(mount)).split(":", 1)[0]
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{name}: bind mount {source} missing"
            else:
                used.add(source)
    assert used and used <= declared, f"undeclared volumes: {sorted(used - declared)}"
    assert {"kafka-data", "prometheus-data", "grafana-data", "producer-data", "alerting-data"} <= used


def test_prometheus_scrapes_every_service_by_compose_name(services):
    config = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text(encoding="utf-8"))
    local = yaml.safe_load((ROOT / "deploy/prometheus/local.yml").read_text(encoding="utf-8"))
    jobs = {j["job_name"]: j for j in config["scrape_configs"]}
    local_jobs = {j["job_name"]: j for j in local["scrape_configs"]}
    for name, code_name in APP_SERVICES.items():
        port = int(_env(services[name])["STRIKEWATCH_WEB_PORT"])
        sd = jobs[code_name]["dns_sd_configs"][0]
        assert sd["names"] == [name] and sd["port"] == port, code_name
        assert local_jobs[code_name]["static_configs"][0]["targets"] == [f"127.0.0.1:{port}"]
    assert set(jobs) == set(local_jobs)


def test_grafana_provisioning_points_at_prometheus():
    ds = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text(encoding="utf-8"))
    (source,) = ds["datasources"]
    assert source["type"] == "prometheus" and source["uid"] == "prom"
    assert source["url"] == "http://prometheus:9090"
    providers = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/dashboards/strikewatch.yml").read_text(encoding="utf-8"))
    assert providers["providers"][0]["options"]["path"] == "/var/lib/grafana/dashboards"


def _compose_cli() -> list[str] | None:
    if shutil.which("docker"):
        probe = subprocess.run(["docker", "compose", "version"], capture_output=True, text=True)
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def test_docker_compose_config_accepts_the_file(tmp_path):
    """Where the Compose CLI exists (it needs no engine for `config`), let it parse the file too."""
    cli = _compose_cli()
    if cli is None:
        pytest.skip("no `docker compose` plugin or docker-compose binary on this machine")
    env_file = tmp_path / "test.env"
    env_file.write_text("STRIKEWATCH_WEBHOOK_SECRET=whsec_dGVzdA==\nGRAFANA_ADMIN_PASSWORD=test\n")
    result = subprocess.run(
        [*cli, "--env-file", str(env_file), "-f", str(COMPOSE_FILE), "config", "--quiet"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_feeds_file_and_inbox_are_mounted_not_baked(services):
    """Changing feeds needs no rebuild; analysts write into a host folder the producer can read."""
    producer = services["feed-producer"]
    mounts = {m.split(":")[1]: m for m in map(_interpolated, producer["volumes"])}
    assert mounts["/app/feeds.yaml"] == "./feeds.yaml:/app/feeds.yaml:ro"
    assert mounts["/inbox"].startswith("./inbox:")
    assert (ROOT / "inbox" / ".gitignore").is_file(), "the inbox folder exists in a fresh checkout"
    cmd = _command(producer)
    assert cmd[cmd.index("--inbox") + 1] == "/inbox", "the mounted inbox overrides feeds.yaml's"
    # The producer runs as the inbox owner's uid (from .env), group 0, which owns /data in the image.
    assert re.fullmatch(r"\$\{STRIKEWATCH_INBOX_UID:-\d+\}:0", producer["user"])
    dockerfile = (ROOT / DOCKERFILE).read_text(encoding="utf-8")
    assert "COPY --chown=root:root feeds.yaml" not in dockerfile and "chown strikewatch:0 /data" in dockerfile


def test_aggregation_page_port_is_published_on_loopback(services):
    (port,) = services["aggregation"]["ports"]
    assert port.startswith("127.0.0.1:6069")


def test_every_container_has_log_rotation_and_a_memory_limit(services):
    for name, svc in services.items():
        logging = svc.get("logging") or {}
        assert logging.get("driver") == "json-file", f"{name}: log driver"
        assert logging["options"]["max-size"] and int(logging["options"]["max-file"]) >= 2, name
        limit = _interpolated(str(svc["deploy"]["resources"]["limits"]["memory"]))
        assert re.fullmatch(r"\d+[mg]", limit), f"{name}: memory limit {limit!r}"


def test_prometheus_is_on_the_current_major_line(services):
    tag = services["prometheus"]["image"].split(":", 1)[1]
    assert int(tag.removeprefix("v").split(".")[0]) >= 3, f"prom/prometheus:{tag}"


def test_env_example_copied_unedited_is_refused_not_crash_looping():
    """`cp .env.example .env`: every required secret is empty, so compose stops with its
    `${VAR:?message}` (which also rejects an empty value) instead of starting the receiver with a
    placeholder that is not base64 (whsec_REPLACE_ME made it crash-loop)."""
    example = dict(re.findall(r"^([A-Z0-9_]+)=(.*)$", ENV_EXAMPLE.read_text(encoding="utf-8"), re.MULTILINE))
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    for var in set(re.findall(r"\$\{([A-Z0-9_]+):\?", text)):
        assert example[var] == "", f"{var}={example[var]!r} in .env.example is accepted by compose"
    assert "REPLACE_ME" not in ENV_EXAMPLE.read_text(encoding="utf-8")
