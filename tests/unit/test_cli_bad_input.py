"""Every `strikewatch` subcommand against every kind of bad input (issue 16): one line on stderr,
the documented exit code (services/cli/errors.py, listed by `strikewatch --help`), no traceback.

Kinds: a path that does not exist, an empty folder, a malformed file (article JSON, YAML, CSV,
JSON lines), a well-formed file with wrong content (schema, negative counts), an option out of
range, an output that cannot be written. A file "inside" a regular file stands for the unwritable
output, so the case holds when the tests run as root.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from services.cli import build_parser, main
from services.cli.errors import EXIT_CODES, EXIT_FAILED, EXIT_OK, EXIT_USAGE

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_ARTICLE = ROOT / "samples" / "inbox" / "2026-10-27-airforce-night.txt"


@pytest.fixture(autouse=True)
def _restore_logging():
    """`produce` configures logging onto the test's captured stderr; later tests must not log there."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def bad(tmp_path: Path) -> Callable[[str], str]:
    """Paths of bad inputs by kind, created on demand under tmp_path."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "a_file").write_text("not a folder\n", encoding="utf-8")
    files = {
        "article.json": "{not json",
        "feeds.yaml": "feeds: [name: x\n  url: y",            # unclosed flow sequence
        "feeds_schema.yaml": "feeds:\n  - name: x\n    url: y\n    colour: red\n",  # unknown key
        "rules.yaml": "rules:\n  - {name: x\n",
        "history.csv": "date,attacker\n2025-01-01,russia\n",   # columns missing
        "negative.csv": "date,attacker,weapon_class,launched,intercepted\n2025-01-01,russia,drones,-5,3\n",
        "claims.jsonl": '{"claim_id": 1}\n',
        "set.jsonl": '{"no_label": true}\n',
        "manifest.jsonl": "{broken\n",
        "receivers.yaml": "receivers: [\n",
        "nights.csv": "night,launched\nlast tuesday,5\n",
        "notes.md": "# not an article\n",
        "README": "no extension\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    malformed_set = tmp_path / "set"  # a realtext set folder whose manifest is not JSON lines
    malformed_set.mkdir()
    (malformed_set / "manifest.jsonl").write_text("{broken\n", encoding="utf-8")

    def path(kind: str) -> str:
        return {
            "missing": str(tmp_path / "does-not-exist"),
            "empty": str(tmp_path / "empty"),
            "unwritable": str(tmp_path / "a_file" / "out.csv"),
            "unwritable_dir": str(tmp_path / "a_file" / "schemas"),
            "malformed_set": str(malformed_set),
        }.get(kind) or str(tmp_path / kind)

    return path


# (case id, argv with {kind} placeholders filled by the `bad` fixture)
CASES: list[tuple[str, list[str]]] = [
    ("extract missing path", ["extract", "{missing}"]),
    ("extract empty folder", ["extract", "{empty}"]),
    ("extract malformed article", ["extract", "{article.json}"]),
    ("extract a file of another type", ["extract", "{notes.md}"]),
    ("extract a file without extension", ["extract", "{README}"]),
    ("events missing path", ["events", "{missing}"]),
    ("events empty folder", ["events", "{empty}"]),
    ("events malformed article", ["events", "{article.json}"]),
    ("events malformed claims", ["events", "--claims", "{claims.jsonl}"]),
    ("events missing claims", ["events", "--claims", "{missing}"]),
    ("dedup missing path", ["dedup", "{missing}"]),
    ("dedup empty folder", ["dedup", "{empty}"]),
    ("dedup malformed article", ["dedup", "{article.json}"]),
    ("dedup threshold 2", ["dedup", str(SAMPLE_ARTICLE), "--threshold", "2"]),
    ("dedup threshold 1", ["dedup", str(SAMPLE_ARTICLE), "--threshold", "1"]),
    ("dedup num-perm 0", ["dedup", str(SAMPLE_ARTICLE), "--num-perm", "0"]),
    ("dedup shingle-size 0", ["dedup", str(SAMPLE_ARTICLE), "--shingle-size", "0"]),
    ("dedup threshold not a number", ["dedup", str(SAMPLE_ARTICLE), "--threshold", "high"]),
    ("eval dedup missing set", ["eval", "dedup", "--set", "{missing}"]),
    ("eval dedup malformed set", ["eval", "dedup", "--set", "{set.jsonl}"]),
    ("eval dedup threshold 2", ["eval", "dedup", "--threshold", "2"]),
    ("eval dedup num-perm 0", ["eval", "dedup", "--num-perm", "0"]),
    ("eval extract missing corpus", ["eval", "extract", "--corpus", "{missing}"]),
    ("eval extract missing gold", ["eval", "extract", "--texts", "{empty}", "--gold", "{missing}"]),
    ("eval extract empty corpus", ["eval", "extract", "--corpus", "{empty}"]),
    ("backtest history is a folder", ["backtest", "--history", "{empty}"]),
    ("baseline import file is a folder", ["baseline", "import", "{empty}", "--to", "{missing}"]),
    ("backtest missing history", ["backtest", "--history", "{missing}"]),
    ("backtest malformed history", ["backtest", "--history", "{history.csv}"]),
    ("backtest negative counts", ["backtest", "--history", "{negative.csv}"]),
    ("backtest malformed rules", ["backtest", "--history", "{negative.csv}", "--rules", "{rules.yaml}"]),
    ("backtest missing rules", ["backtest", "--history", "{history.csv}", "--rules", "{missing}"]),
    ("baseline import missing file", ["baseline", "import", "{missing}", "--to", "{missing}"]),
    ("baseline import malformed file", ["baseline", "import", "{history.csv}", "--to", "{missing}"]),
    ("baseline import negative counts", ["baseline", "import", "{negative.csv}", "--to", "{missing}"]),
    ("baseline import unwritable --to", ["baseline", "import", str(ROOT / "samples" / "history"
                                                                  / "nightly_2025.csv"), "--to", "{unwritable}"]),
    ("produce missing feeds", ["produce", "--feeds", "{missing}", "--once", "--no-web"]),
    ("produce malformed feeds", ["produce", "--feeds", "{feeds.yaml}", "--once", "--no-web"]),
    ("produce feeds with an unknown key", ["produce", "--feeds", "{feeds_schema.yaml}", "--once", "--no-web"]),
    ("produce missing inbox", ["produce", "--inbox", "{missing}", "--once", "--no-web"]),
    ("produce --url without NAME=", ["produce", "--url", "https://a.example/feed", "--once", "--no-web"]),
    ("produce --url neither URL nor file", ["produce", "--url", "x=notaurl", "--once", "--no-web"]),
    ("produce --url without host", ["produce", "--url", "x=https:///feed", "--once", "--no-web"]),
    ("realtext missing manifest", ["realtext", "check", "--manifest", "{missing}"]),
    ("realtext malformed manifest", ["realtext", "check", "--manifest", "{manifest.jsonl}"]),
    ("schemas export unwritable", ["schemas", "export", "--dir", "{unwritable_dir}"]),
    ("schemas check missing folder", ["schemas", "check", "--dir", "{missing}"]),
    ("airforce check missing set", ["airforce", "check", "--set", "{missing}"]),
    ("airforce check malformed manifest", ["airforce", "check", "--set", "{malformed_set}"]),
    ("airforce check missing nights", ["airforce", "check", "--nights", "{missing}"]),
    ("airforce check malformed nights", ["airforce", "check", "--nights", "{nights.csv}"]),
    ("alerts redeliver missing receivers", ["alerts", "redeliver", "--receivers", "{missing}", "--dry-run"]),
    ("alerts redeliver malformed receivers", ["alerts", "redeliver", "--receivers", "{receivers.yaml}",
                                              "--dry-run"]),
    ("topics create wait 0", ["topics", "create", "--wait", "0"]),
    ("topics create bootstrap without port", ["topics", "create", "--bootstrap", "kafka"]),
    ("topics list bootstrap not host:port", ["topics", "list", "--bootstrap", "::::"]),
    ("topics create replication 0", ["topics", "create", "--replication-factor", "0"]),
    ("broker port 0", ["broker", "--port", "0"]),
    ("broker port 70000", ["broker", "--port", "70000"]),
]


def _argv(template: list[str], bad: Callable[[str], str]) -> list[str]:
    return [bad(arg[1:-1]) if arg.startswith("{") and arg.endswith("}") else arg for arg in template]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    try:
        code = main(argv)
    except SystemExit as done:  # argparse's own errors end here
        code = done.code if isinstance(done.code, int) else EXIT_USAGE
    err = capsys.readouterr().err
    return code, [line for line in err.splitlines() if line.strip()]


@pytest.mark.parametrize(("case", "template"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_gives_one_line_and_the_usage_exit_code(case, template, bad, capsys, monkeypatch):
    monkeypatch.setenv("STRIKEWATCH_DATA_DIR", bad("data"))  # nothing of the checkout's var/ is touched
    monkeypatch.setenv("STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1")  # no broker is reached
    code, lines = _run(_argv(template, bad), capsys)
    assert code == EXIT_USAGE, f"{case}: exit {code}, stderr {lines}"
    assert len(lines) == 1, f"{case}: {len(lines)} lines on stderr: {lines}"
    assert "Traceback" not in lines[0] and "Error:" not in lines[0].split(": ", 1)[0]
    words = [w for w in template if not w.startswith(("-", "{")) and "/" not in w]
    assert words[0] in lines[0], f"{case}: the line names the command: {lines[0]}"


def test_the_same_bad_file_gives_the_same_exit_code_everywhere(bad, capsys):
    """One malformed article: extract, events and dedup all say 2 (extract used to say 1)."""
    codes = {cmd: _run([cmd, bad("article.json")], capsys)[0] for cmd in ("extract", "events", "dedup")}
    assert set(codes.values()) == {EXIT_USAGE}, codes


def test_extract_reports_the_bad_file_and_keeps_the_good_ones(bad, tmp_path, capsys):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(SAMPLE_ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad.json").write_text("{not json", encoding="utf-8")
    assert main(["extract", str(folder)]) == EXIT_USAGE
    captured = capsys.readouterr()
    assert [line for line in captured.err.splitlines() if line] == [
        f"strikewatch extract: {folder / 'bad.json'}: invalid JSON: "
        "Expecting property name enclosed in double quotes (line 1)"]
    assert '"article_id": "good"' in captured.out


def test_exit_codes_are_documented_in_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == EXIT_OK
    out = capsys.readouterr().out
    for code, meaning in EXIT_CODES.items():
        assert f"{code}" in out and meaning.split(" (")[0] in " ".join(out.split())
    assert {EXIT_USAGE, EXIT_FAILED} <= set(EXIT_CODES)


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == EXIT_OK
    assert capsys.readouterr().out.startswith("strikewatch ")


def _options_without_help(parser: argparse.ArgumentParser, path: str) -> set[str]:
    missing = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                missing |= _options_without_help(sub, f"{path} {name}")
        elif not isinstance(action, argparse._HelpAction | argparse._VersionAction) and not action.help:
            missing.add(f"{path} {action.option_strings[0] if action.option_strings else action.dest}")
    return missing


def test_every_option_has_help_text():
    missing = _options_without_help(build_parser(), "strikewatch")
    assert not missing, f"options without help: {sorted(missing)}"


def test_the_installed_command_prints_no_traceback(bad):
    """The console script itself (not main() in-process): what a user sees in a terminal."""
    env = {**os.environ, "STRIKEWATCH_DATA_DIR": bad("data")}
    result = subprocess.run([sys.executable, "-m", "services.cli", "dedup", bad("missing"), "--num-perm", "1"],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.strip().splitlines() == [
        "strikewatch dedup: argument --num-perm: 1 is below the minimum 2 (see strikewatch dedup --help)"]
    result = subprocess.run([sys.executable, "-m", "services.cli", "extract", bad("missing")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == EXIT_USAGE and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"strikewatch extract: {bad('missing')}: no such file or folder"


def test_every_subcommand_has_a_bad_input_case():
    """A new subcommand must join CASES (or be listed here with why it reads no user input)."""
    without_input = {"topics list"}  # only a broker address: test_a_broker_that_does_not_answer...
    leaves: set[str] = set()

    def walk(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            leaves.add(" ".join(words))
        for action in subs:
            for name, sub in action.choices.items():
                walk(sub, (*words, name))

    walk(build_parser(), ())
    tested = {leaf for leaf in leaves for _, template in CASES if template[:len(leaf.split())] == leaf.split()}
    untested = leaves - tested - without_input
    assert not untested, f"subcommands without a bad-input case: {sorted(untested)}"


def test_a_bad_bootstrap_in_the_environment_is_bad_input_too(monkeypatch, capsys):
    """kafka-python and the broker probe raised a bare ValueError (a traceback) on '::::'."""
    monkeypatch.setenv("STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS", "::::")
    code, lines = _run(["topics", "list"], capsys)
    assert (code, lines) == (EXIT_USAGE, [
        "strikewatch topics list: STRIKEWATCH_KAFKA_BOOTSTRAP_SERVERS: '::::' is not host:port"])


@pytest.mark.parametrize("good", ["127.0.0.1:9092", "kafka:9092,kafka2:9092", "[::1]:9092"])
def test_bootstrap_option_accepts_kafka_address_lists(good):
    from services.cli.options import bootstrap_servers

    assert bootstrap_servers(good) == good


def test_a_non_article_file_is_named_with_the_types_that_are_read(bad, capsys):
    code, lines = _run(["extract", bad("notes.md")], capsys)
    assert code == EXIT_USAGE
    assert lines == [f"strikewatch extract: {bad('notes.md')}: a .md file is not an article file "
                     "(.txt, .json, .jsonl)"]


def test_schemas_check_on_a_missing_folder_is_bad_input_not_drift(bad, capsys):
    code, lines = _run(["schemas", "check", "--dir", bad("missing")], capsys)
    assert (code, lines) == (EXIT_USAGE, [f"strikewatch schemas check: --dir {bad('missing')}: no such folder"])


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("stderr", "files", "drawn"), [
    (_Terminal(), 30, True),        # a terminal and a large folder: a bar
    (io.StringIO(), 30, False),     # piped or captured: never (stderr stays one line per error)
    (_Terminal(), 5, False),        # a handful of files: not worth a bar
])
def test_progress_bar_only_on_a_terminal_over_many_files(monkeypatch, stderr, files, drawn):
    from services.cli.inputs import progress

    monkeypatch.setattr(sys, "stderr", stderr)
    assert list(progress(list(range(files)), "extract")) == list(range(files))
    assert ("extract:" in stderr.getvalue() and f"/{files}" in stderr.getvalue()) is drawn


def test_a_broker_that_does_not_answer_is_one_line_and_exit_1(monkeypatch, capsys):
    """`topics list` against a dead address takes kafka-python's 30 s bootstrap timeout, so the
    client's error is raised directly here; the CLI's handling of it is what is tested."""
    from kafka.errors import KafkaTimeoutError

    from services.cli import broker_cmd

    def no_broker(bootstrap: str) -> list[str]:
        raise KafkaTimeoutError(f"Unable to bootstrap from {bootstrap}")

    monkeypatch.setattr(broker_cmd, "list_topics", no_broker)
    code, lines = _run(["topics", "list", "--bootstrap", "127.0.0.1:1"], capsys)
    assert code == EXIT_FAILED
    assert lines == ["strikewatch topics list: KafkaTimeoutError: Unable to bootstrap from 127.0.0.1:1"]
