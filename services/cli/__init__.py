"""The `strikewatch` command: one CLI, one subcommand module per concern.

Every module in this package that defines `register(subparsers)` adds its subcommands; the parser
built there sets `func` to the callable that runs it and returns an exit code. A user's mistake
ends as one line on stderr and an exit code of `errors.EXIT_CODES` (listed by `--help`), never a
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import NoReturn

from services.cli.errors import EXIT_CODES, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, USER_ERRORS, one_line


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad option is one stderr line (with where to read more), not usage + error."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _version() -> str:
    try:
        return version("strikewatch")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """Collect subcommands from every module of this package (sorted, so --help is stable)."""
    codes = "\n".join(f"  {code:<4} {meaning}" for code, meaning in EXIT_CODES.items())
    parser = OneLineParser(
        prog="strikewatch", description="Count drone and missile strikes from the news, on Kafka.",
        epilog=f"exit codes:\n{codes}", formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                        help="print the installed version and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(subparsers)
    return parser


def _command_name(args: argparse.Namespace) -> str:
    """`strikewatch eval dedup`, `strikewatch baseline import`: the words the user typed."""
    words = [getattr(args, key, None) for key in ("command", "target", "action")]
    return " ".join(["strikewatch", *(w for w in words if isinstance(w, str))])


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except USER_ERRORS as exc:
        print(f"{_command_name(args)}: {one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:
        if isinstance(exc.code, str):  # `raise SystemExit("message")` in a command: a user's mistake
            print(one_line(Exception(exc.code)), file=sys.stderr)
            return EXIT_USAGE
        raise
    except _broker_errors() as exc:
        print(f"{_command_name(args)}: {one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED


def _broker_errors() -> tuple[type[BaseException], ...]:
    """The Kafka client's errors (a broker that does not answer): a failure, not a bug."""
    from kafka.errors import KafkaError

    return (KafkaError,)


if __name__ == "__main__":
    sys.exit(main())
