"""The new scenarios' data and rules without a stack: hostile files are what they claim to be,
the outage's retry budget outlasts it, the scenario list and the CLI's repeat."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from faults.__main__ import main
from faults.hostile_inbox import DELIVERED, HOSTILE, IGNORED, REJECTS, _rejected_as
from faults.receiver_outage import retry_policy
from faults.run import FaultStack
from faults.scenarios import scenarios
from services.alerting.receivers import RetryPolicy
from services.common.article_files import ArticleFileError, read_article_file


def test_hostile_files_cover_the_issue_and_each_expectation():
    plants = {h.plant for h in HOSTILE}
    assert plants == {"link_out", "file", "huge", "growing"}
    assert {h.expect for h in HOSTILE} == {IGNORED, REJECTS, DELIVERED}
    assert any(h.plant_reason_link for h in HOSTILE)
    assert any(h.name.startswith(".") and h.reason == "dotfile" for h in HOSTILE)


def test_the_non_utf8_file_is_refused_and_the_others_are_articles(tmp_path: Path):
    for item in HOSTILE:
        path = tmp_path / item.name.lstrip(".")
        if item.name.startswith("latin1"):
            with pytest.raises(ArticleFileError, match="not UTF-8"):
                read_article_file(path, data=item.data)
        elif item.plant in ("file", "growing"):
            assert read_article_file(path, data=item.data)[0].title == item.title


def test_rejected_as_finds_the_moved_file_never_a_link_or_a_reason_file(tmp_path: Path):
    rejected = tmp_path / "rejected"
    rejected.mkdir()
    (rejected / "a.txt.reason.txt").symlink_to(tmp_path / "elsewhere")
    (rejected / "a.txt").symlink_to(tmp_path / "elsewhere")
    assert _rejected_as(tmp_path, "a.txt") is None
    (rejected / "a.1.txt").write_text("moved")
    (rejected / "ab.txt").write_text("another file")
    assert _rejected_as(tmp_path, "a.txt") == rejected / "a.1.txt"


@pytest.mark.parametrize("outage", [20.0, 600.0])
def test_the_outage_retry_budget_outlasts_the_outage_and_is_a_valid_policy(outage: float):
    policy = RetryPolicy.model_validate(retry_policy(outage))
    assert policy.max_elapsed_s > 2 * outage
    assert policy.max_delay_s < outage / 5


def test_the_fault_stack_writes_the_scenario_retry_into_the_receivers_file(tmp_path: Path):
    stack = FaultStack("127.0.0.1:1", "p.", tmp_path, "whsec_x", "http://127.0.0.1:1/hook",
                       ports={"webhook_receiver": 1}, retry=retry_policy(30))
    stack.write_configs()
    retry = yaml.safe_load((tmp_path / "receivers.yaml").read_text())["retry"]
    assert retry["max_elapsed_s"] == retry_policy(30)["max_elapsed_s"]
    assert retry["timeout_s"] == 5  # the stack's other settings stay


def test_every_scenario_named_once_with_the_new_ones_last():
    names = [s.name for s in scenarios(10, 30)]
    assert len(names) == len(set(names))
    assert names[0] == "clean"
    assert names[-2:] == ["receivers down, kill -9 alerting", "hostile inbox files"]


def test_bad_cli_values_get_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]):
    assert main(["--repeat", "0"]) == 2
    assert main(["--scenario", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err
