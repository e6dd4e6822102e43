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
from faults.receiver_outage import RECEIVER_OUTAGE_S
from faults.run import run_scenario
from faults.scenarios import DEFAULT_POISON, Scenario, scenarios
from services.runtime.broker import BrokerError
from services.runtime.kafka_local import missing_tools

HEADER = ("broker", "scenario", "lost", "duplicated", "broken", "crashed", "time to ready", "time to lag 0")


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def row(broker: str, name: str, outcome: Outcome, verdict: Verdict) -> tuple[str, ...]:
    crashed = ", ".join(outcome.crashed) if outcome.crashed else "0"
    return (broker, name, str(verdict.lost), str(verdict.duplicated), str(verdict.broken), crashed,
            _seconds(outcome.ready_s), _seconds(outcome.settled_s))


def save(outcome: Outcome, path: Path) -> None:
    """The run's ground truth, for a look at what differed (with --keep)."""
    data = {k: sorted(v) if isinstance(v, set) else dict(v) if isinstance(v, Counter) else v
            for k, v in vars(outcome).items()}
    path.write_text(json.dumps(data, indent=1, default=str), encoding="utf-8")


def attempt(broker: Own, folder: Path, scenario: Scenario) -> tuple[Outcome, list[str]] | str:
    """Run one scenario; a run whose harness failed (e.g. a stack that could not start because
    another program took a port between the free-port probe and the bind, seen on this shared
    machine) is run once more in a fresh folder. The error when both failed."""
    errors: list[str] = []
    for target in (folder, folder.with_name(folder.name + "-again")):
        try:
            outcome, said = run_scenario(broker, target, fault=scenario.fault, poison=scenario.poison,
                                         inbox_extra=scenario.inbox_extra, check=scenario.check,
                                         retry=scenario.retry)
        except (RuntimeError, TimeoutError, OSError) as exc:
            errors.append(str(exc).splitlines()[0][:200])
            continue
        return outcome, [f"run again after: {e}" for e in errors] + said
    return "the harness failed twice: " + "; ".join(errors)


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
                        help=f"run only these (a name given n times runs n times; the clean run once); "
                             f"one of: {'; '.join(names)}")
    parser.add_argument("--poison", type=int, default=DEFAULT_POISON, help="poison records (default 10,000)")
    parser.add_argument("--receiver-outage", type=float, default=RECEIVER_OUTAGE_S, metavar="SECONDS",
                        help="how long the alert receivers stay down (default 600)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each chosen scenario but the clean one N times (one broker, one clean run)")
    parser.add_argument("--keep", action="store_true", help="keep the runs' folders (logs) and print where")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.receiver_outage < 0:
        print("faults: --repeat must be 1 or more and --receiver-outage 0 or more", file=sys.stderr)
        return 2
    chosen = scenarios(args.poison, args.receiver_outage)
    names = [s.name for s in chosen]
    unknown = [s for s in args.scenario if s not in names]
    if unknown:
        print(f"faults: unknown scenario {unknown[0]!r}; one of: {'; '.join(names)}", file=sys.stderr)
        return 2
    if args.scenario:  # a name given n times runs n times
        chosen = [chosen[0], *(c for c in chosen[1:] for _ in range(args.scenario.count(c.name)))]
    chosen = [chosen[0], *(c for c in chosen[1:] for _ in range(args.repeat))]
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
                        tried = attempt(broker, folder, scenario)
                        if isinstance(tried, str):
                            rows.append((kind, scenario.name, "-", "-", "-", "-", "-", "-"))
                            notes.append(f"{kind}: {scenario.name}: {tried}")
                            failed = True
                            continue
                        outcome, said = tried
                        save(outcome, folder / "outcome.json")
                        clean = clean or outcome
                        verdict = compare(outcome, clean)
                        rows.append(row(kind, scenario.name, outcome, verdict))
                        notes += [f"{kind}: {scenario.name}: {d}" for d in (*verdict.details, *said)]
                        failed |= bool(verdict.lost or verdict.duplicated or verdict.broken
                                       or outcome.crashed)
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
