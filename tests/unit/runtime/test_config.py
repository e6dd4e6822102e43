"""Runtime configuration: explicit faust options, env isolation, JSON logs, settings."""

from __future__ import annotations

import json
import logging

from services.runtime.app import faust_options
from services.runtime.logs import configure_logging
from services.runtime.settings import RuntimeSettings


def test_settings_come_from_prefixed_env(monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS", "k1:9092, kafka://k2:9093")
    monkeypatch.setenv("STRIKEWATCH_TOPIC_PREFIX", "t1.")
    s = RuntimeSettings()
    assert s.bootstrap_list() == ["k1:9092", "k2:9093"]
    assert s.topic_name("articles.raw") == "t1.articles.raw"
    assert s.port_for("dedup") == 6067 and s.app_id("dedup") == "strikewatch-dedup"


def test_stray_faust_env_vars_cannot_reconfigure_a_service(monkeypatch):
    import faust

    monkeypatch.setenv("BROKER_URL", "kafka://evil:1")
    monkeypatch.setenv("WEB_PORT", "1")
    monkeypatch.setenv("TOPIC_PARTITIONS", "99")
    settings = RuntimeSettings(kafka_bootstrap_servers="127.0.0.1:1234")
    app = faust.App("iso-test", **faust_options("dedup", settings))
    assert [str(u) for u in app.conf.broker] == ["kafka://127.0.0.1:1234"]
    assert app.conf.web_port == 6067 and app.conf.topic_partitions == 4


def test_dev_and_prod_profiles_differ_in_group_timeouts():
    dev = faust_options("dedup", RuntimeSettings(profile="dev"))
    prod = faust_options("dedup", RuntimeSettings(profile="prod"))
    assert dev["broker_session_timeout"] == 6.0 and prod["broker_session_timeout"] == 60.0
    assert dev["topic_disable_leader"] and dev["table_standby_replicas"] == 0


def test_json_logs_carry_extra_fields(capsys):
    configure_logging("INFO", json_lines=True)
    try:
        logging.getLogger("services.test").info("emitted %d", 3, extra={"feed": "wire"})
        logging.getLogger("aiokafka.consumer").info("narration that is suppressed")
        lines = [json.loads(line) for line in capsys.readouterr().err.strip().splitlines()]
    finally:
        configure_logging("INFO", json_lines=False)
    assert len(lines) == 1
    assert lines[0]["msg"] == "emitted 3" and lines[0]["feed"] == "wire" and lines[0]["level"] == "INFO"
