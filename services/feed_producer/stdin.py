"""Replaying a JSONL archive from stdin, with a progress bar when stdin is a terminal's pipe."""

from __future__ import annotations

import sys

from tqdm import tqdm

from services.feed_producer.runner import Producer


def replay_stdin(producer: Producer) -> tuple[int, int]:
    """Emit every JSON line of stdin; tqdm draws progress on stderr only when it is a terminal."""
    lines = tqdm(sys.stdin.buffer, unit=" lines", disable=not sys.stderr.isatty(), file=sys.stderr)
    return producer.emit_jsonl(lines, origin="stdin")
