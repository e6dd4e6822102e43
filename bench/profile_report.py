"""Where a service's samples went: `python -m bench.profile_report FILE...` reads py-spy's raw
stacks (what `BENCH_PROFILE_DIR` makes, see bench/common.py) and prints each cost's share.

Each sample goes to the FIRST category below whose pattern appears anywhere in its stack, so
the pure logic is counted inclusively (what the library calls, pydantic included, is the
library's cost), then (de)serialisation of the wire records, the runtime's consume wrapper,
faust, the Kafka client and the event loop by the frame nearest the leaf. Start-up (imports,
the worker's boot) is left out of the shares: it is a fixed cost, not a per-record one.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

STARTUP = re.compile(r"_find_and_load|_call_with_frames_removed")
# (category, pattern matched anywhere in the stack), first match wins
INCLUSIVE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("logic: extraction library", re.compile(r"\bextract \(services/extraction/extractor\.py")),
    ("logic: dedup fingerprint", re.compile(r"\bfingerprint \(services/dedup/engine\.py")),
    ("logic: dedup decide", re.compile(r"\bdecide \(services/dedup/engine\.py")),
    ("logic: alerting engine", re.compile(r"\(services/alerting/(engine|detectors|lifecycle|series)\.py")),
    ("handler: building output models", re.compile(r"\(services/(extraction/messages|dedup/candidate"
                                                   r"|dedup/app)\.py.*\(pydantic/")),
    ("serialise: model_dump_json (publish)", re.compile(r"model_dump_json|PydanticCodec\._dumps")),
    ("deserialise: model_validate_json (consume)", re.compile(r"model_validate_json|PydanticCodec\._loads")),
    ("metrics: prometheus_client", re.compile(r"\(prometheus_client/")),
)
# by the frame nearest the leaf that belongs to one of these
LEAFWARD: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("handler: other own code", re.compile(r"\(services/(dedup|extraction|alerting|passthrough)/")),
    ("runtime: consume/publish wrapper", re.compile(r"\(services/runtime/")),
    ("client: aiokafka/kafka", re.compile(r"\((aiokafka|kafka)/")),
    ("faust/mode per-event machinery", re.compile(r"\((faust|mode)/")),
    ("event loop: asyncio/selectors", re.compile(r"\((asyncio|selectors)/|\(<frozen|uvloop")),
)


def categorise(stack: str) -> str:
    if STARTUP.search(stack):
        return "start-up (not counted)"
    for name, pattern in INCLUSIVE:
        if pattern.search(stack):
            return name
    for frame in reversed(stack.split(";")):
        for name, pattern in LEAFWARD:
            if pattern.search(frame):
                return name
    return "other"


def shares(path: Path) -> tuple[Counter[str], int]:
    """Samples per category in one raw py-spy file, and the counted total (start-up excluded)."""
    counts: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if stack and n.isdigit():
            counts[categorise(stack)] += int(n)
    counted = sum(v for k, v in counts.items() if not k.startswith("start-up"))
    return counts, counted


def top_functions(path: Path, under: str, depth: int = 1, limit: int = 15) -> list[tuple[str, int]]:
    """The frames `depth` levels below the first frame matching `under`, with inclusive samples."""
    pattern = re.compile(under)
    counts: Counter[str] = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, n = line.rpartition(" ")
        if not n.isdigit():
            continue
        frames = stack.split(";")
        for i, frame in enumerate(frames):
            if pattern.search(frame):
                if i + depth < len(frames):
                    counts[re.sub(r":\d+\)$", ")", frames[i + depth])] += int(n)
                break
    return counts.most_common(limit)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_report")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--under", help="also list the callees below frames matching this regex")
    parser.add_argument("--depth", type=int, default=1)
    args = parser.parse_args(argv)
    for path in args.files:
        counts, counted = shares(path)
        print(f"{path.name}: {counted} samples counted ({counts['start-up (not counted)']} start-up)")
        for name, n in counts.most_common():
            if not name.startswith("start-up"):
                print(f"  {100 * n / max(counted, 1):5.1f} %  {name}")
        if args.under:
            for frame, n in top_functions(path, args.under, args.depth):
                print(f"      {100 * n / max(counted, 1):5.1f} %  {frame}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
