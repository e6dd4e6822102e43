"""`python -m faults`: every scenario on each broker, compared with a clean run; one table."""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from faults.brokers import KINDS, Own
from faults.compare import Outcome, Verdict, compare
from faults.run import run_scenario
from faults.scenarios import DEFAULT_POISON, scenarios
from services.runtime.broker import BrokerError
from services.runtime.kafka_local import missing_tools

HEADER = ("broker", "scenario", "lost", "duplicated", "crashed", "time to ready", "time to lag 0")


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def row(broker: str, name: str, outcome: Outcome, verdict: Verdict) -> tuple[str, ...]:
    crashed = ", ".join(outcome.crashed) if outcome.crashed else "0"
    return (broker, name, str(verdict.lost), str(verdict.duplicated), crashed, _seconds(outcome.ready_s),
            _seconds(outcome.settled_s))


def save(outcome: Outcome, path: Path) -> None:
    """The run's ground truth, for a look at what differed (with --keep)."""
    data = {k: sorted(v) if isinstance(v, set) else dict(v) if isinstance(v, Counter) else v
            for k, v in vars(outcome).items()}
    path.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")


def table(rows: list[tuple[str, ...]]) -> str:
    """A markdown table (readable in a terminal and pasteable into an issue)."""
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(HEADER), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def main(argv: list[str] | None = None) -> int:
    names = [s.name for s in scenarios()]
    parser = argparse.ArgumentParser(prog="python -m faults", description=__doc__)
    parser.add_argument("--broker", choices=[*KINDS, "both"], default="both")
    parser.add_argument("--scenario", action="append", default=[],
                        help=f"run only these (the clean run always runs); one of: {'; '.join(names)}")
    parser.add_argument("--poison", type=int, default=DEFAULT_POISON, help="poison records (default 10,000)")
    parser.add_argument("--keep", action="store_true", help="keep the runs' folders (logs) and print where")
    args = parser.parse_args(argv)
    chosen = scenarios(args.poison)
    unknown = [s for s in args.scenario if s not in {c.name for c in chosen}]
    if unknown:
        print(f"faults: unknown scenario {unknown[0]!r}; one of: {'; '.join(names)}", file=sys.stderr)
        return 2
    if args.scenario:
        chosen = [c for c in chosen if c.name == "clean" or c.name in args.scenario]
    kinds = list(KINDS) if args.broker == "both" else [args.broker]
    rows: list[tuple[str, ...]] = []
    notes: list[str] = []
    failed = False
    work = Path(tempfile.mkdtemp(prefix="strikewatch-faults-"))
    try:
        for kind in kinds:
            if kind == "kafka" and (why := missing_tools()):
                notes.append(f"kafka: skipped ({why})")
                continue
            try:
                with Own(kind, work / kind / "broker") as broker:
                    clean: Outcome | None = None
                    for n, scenario in enumerate(chosen):
                        print(f"faults: {kind}: {scenario.name} ...", file=sys.stderr, flush=True)
                        folder = work / kind / f"{n:02d}"
                        outcome, said = run_scenario(broker, folder, fault=scenario.fault,
                                                     poison=scenario.poison, inbox_extra=scenario.inbox_extra)
                        save(outcome, folder / "outcome.json")
                        clean = clean or outcome
                        verdict = compare(outcome, clean)
                        rows.append(row(kind, scenario.name, outcome, verdict))
                        notes += [f"{kind}: {scenario.name}: {d}" for d in (*verdict.details, *said)]
                        failed |= bool(verdict.lost or verdict.duplicated or outcome.crashed)
                        print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
            except BrokerError as exc:
                notes.append(f"{kind}: broker could not start: {exc}")
                failed = True
    except KeyboardInterrupt:
        notes.append("interrupted")
        failed = True
    finally:
        if args.keep:
            notes.append(f"runs kept in {work}")
        else:
            with contextlib.suppress(OSError):
                shutil.rmtree(work)
    print(table(rows))
    for note in notes:
        print(f"- {note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
