"""The one `strikewatch` CLI: every subcommand module loads and documents itself."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from services.cli import build_parser, main


def test_every_subcommand_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    assert {"broker", "topics", "schemas", "produce", "eval"} <= set(commands)
    for name in commands:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert "usage: strikewatch" in capsys.readouterr().out


def test_broker_reports_a_taken_port_in_one_line(capsys):
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert main(["broker", "--port", str(port)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"strikewatch broker: port 127.0.0.1:{port} is already in use (another broker running? set --port)"


def test_broker_reports_a_missing_binary_in_one_line(capsys, monkeypatch):
    monkeypatch.setenv("CALF_TANSU_BIN", "/nonexistent/tansu")
    assert main(["broker", "--port", "1"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("strikewatch broker: no Tansu binary:")



def _help_lines(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    """(what the user types, its help text) for every option, positional and subcommand below `parser`."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            yield " ".join((*words, "/".join(action.option_strings) or action.dest)), action.help
            continue
        helped = {choice.dest: choice.help for choice in action._choices_actions}
        seen: set[int] = set()
        for name, sub in action.choices.items():
            if id(sub) in seen:  # an alias: same parser, listed once under its first name
                continue
            seen.add(id(sub))
            yield " ".join((*words, name)), helped.get(name)
            yield from _help_lines(sub, (*words, name))


def test_every_option_and_argument_has_help():
    """Walks the whole parser tree, so an option or subcommand added later without help= fails here."""
    lines = dict(_help_lines(build_parser(), ("strikewatch",)))
    assert "strikewatch baseline import file" in lines  # the walk reaches nested positionals
    assert "strikewatch backtest --rules" in lines
    undocumented = [words for words, text in lines.items() if not text or text == argparse.SUPPRESS]
    assert undocumented == []
