"""The one `strikewatch` CLI: every subcommand module loads and documents itself."""

from __future__ import annotations

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
