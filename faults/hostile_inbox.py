"""Hostile inbox files (issue 11 item 4), as data: what is planted and what must become of it.

Planted once the sample is in the inbox: a symlink to a file outside the inbox, a symlink at
`rejected/<name>.reason.txt` (pointing outside) for a file that will be rejected, a file still
growing for longer than the producer's settle time, a 20 MB file, a non-UTF-8 file, a dot-file.
Expected: nothing outside the inbox read (its marker is on no topic) or written (unchanged bytes
and mtime, the planted link still a link), every bad file either moved to `rejected/` with a
reason file and a dead letter, or ignored with a logged and counted reason, the growing file read
whole once complete, nothing crashed (the crashed column), every valid article delivered (lost).
"""

from __future__ import annotations

import base64
import os
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from faults.run import Run, read_all, valid
from schemas.article import Article
from schemas.deadletter import DeadLetter
from schemas.topics import ARTICLES_RAW
from services.feed_producer.settings import FeedProducerSettings

GROW_S = 6.0
"""How long the growing file keeps being written: three times the producer's 2 s settle time."""
GROW_STEP_S = 0.4
INBOX_SETTLE_S: float = FeedProducerSettings.model_fields["inbox_settle_seconds"].default
"""The producer reads a file once unchanged this long (the stack keeps the default)."""
HUGE_BYTES = 20 * 1024 * 1024
OUTSIDE = "outside"
"""A folder of the run beside the inbox (not inside it): the files the links point at."""
REJECTED = "rejected"

IGNORED, REJECTS, DELIVERED = "ignored", "rejected", "delivered"


@dataclass(frozen=True)
class Hostile:
    """One planted inbox entry: its name, what is planted, and what must become of it."""

    name: str
    plant: str
    """file (`title` and `body` written whole) | link_out (a symlink to a file outside) | huge |
    growing (written for GROW_S, never renamed)"""
    expect: str
    """delivered (exactly one article, whole) | rejected (moved with a reason file, dead-lettered,
    logged) | ignored (`reason` logged and counted)"""
    title: str
    body: bytes = b""
    reason: str = ""
    plant_reason_link: bool = False
    """A symlink planted at rejected/<name>.reason.txt before the file arrives."""

    @property
    def data(self) -> bytes:
        return b"date 2026-11-20\n" + self.title.encode() + b"\n\nOvernight " + self.body + b"\n"


HOSTILE: tuple[Hostile, ...] = (
    Hostile("outside-link.txt", "link_out", IGNORED, "Secret night", reason="symlink"),
    Hostile("latin1-night.txt", "file", REJECTS, "Latin-1 night", b"12 drones at Kyiv \xe9\xff; 10 downed.",
            plant_reason_link=True),
    Hostile("huge-night.txt", "huge", REJECTS, "Huge night", b"a file far over the record limit."),
    Hostile("growing-night.txt", "growing", DELIVERED, "Growing night",
            b"27 drones were launched at Ukraine; 25 were shot down. "),
    Hostile(".hidden-night.txt", "file", IGNORED, "Hidden night", b"9 drones were launched; 9 were downed.",
            reason="dotfile"),
)
GROWING_END = b"The air force confirmed the figures in the morning (growing file complete)."


def _plant(inbox: Path, outside: Path, item: Hostile) -> None:
    path = inbox / item.name
    if item.plant_reason_link:
        (inbox / REJECTED).mkdir(exist_ok=True)
        (inbox / REJECTED / f"{item.name}.reason.txt").symlink_to(outside / "victim.txt")
    if item.plant == "link_out":
        path.symlink_to(outside / "secret.txt")
    elif item.plant == "growing":
        _grow(path, item.data)
    elif item.plant == "huge":
        with path.open("wb") as out:
            out.write(item.data)
            out.write(b"x" * HUGE_BYTES)
    else:
        path.write_bytes(item.data)


def _grow(path: Path, head: bytes) -> None:
    """Write `head`, then a line at a time for GROW_S, then the end (one file, never renamed)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, head)
        until = time.monotonic() + GROW_S
        while time.monotonic() < until:
            time.sleep(GROW_STEP_S)
            os.write(fd, b"More detail arrives while the file is copied. ")
        os.write(fd, b"\n" + GROWING_END + b"\n")
    finally:
        os.close(fd)


def hostile_inbox(run: Run) -> None:
    """The fault: plant every HOSTILE entry (the growing one is written for GROW_S)."""
    inbox, outside = run.stack.inbox, run.stack.root / OUTSIDE
    outside.mkdir(exist_ok=True)
    marker = f"OUTSIDE-{uuid.uuid4().hex}".encode()
    (outside / "secret.txt").write_bytes(Hostile("secret.txt", "file", IGNORED, "Secret night", marker).data)
    (outside / "victim.txt").write_bytes(b"victim: must never be written\n")
    run.marks["marker"] = marker
    run.marks["outside"] = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in outside.iterdir()}
    run.fault_at = time.monotonic()
    for item in sorted(HOSTILE, key=lambda h: h.plant == "growing"):  # the growing one last: it blocks
        _plant(inbox, outside, item)
    time.sleep(INBOX_SETTLE_S + 1)  # the grown file is read after this; then the pipeline settles


def _counter(run: Run, name: str, **labels: str) -> float:
    text = run.stack.metrics_text("feed_producer")
    return sum(s.value for f in text_string_to_metric_families(text) for s in f.samples
               if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()))


def _rejected_as(inbox: Path, name: str) -> Path | None:
    """The file in rejected/ that holds `name` (its own name, or `<stem>.<n><suffix>`), if any."""
    stem, suffix = os.path.splitext(name)
    pattern = re.compile(rf"{re.escape(stem)}(\.\d+)?{re.escape(suffix)}")
    folder = inbox / REJECTED
    found = sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name)) if folder.is_dir() else []
    return next((p for p in found if not p.is_symlink() and p.is_file()), None)


def check_hostile_inbox(run: Run) -> None:
    """Every expectation of the module docstring; what failed goes to `run.broken`/`run.missed`."""
    inbox, outside = run.stack.inbox, run.stack.root / OUTSIDE
    prefix, bootstrap = run.stack.prefix, run.broker.bootstrap
    marker: bytes = run.marks["marker"]
    raw = [r.value for r in read_all(bootstrap, prefix + ARTICLES_RAW.name)]
    dlq = read_all(bootstrap, prefix + str(ARTICLES_RAW.dlq))
    dead = [d for r in dlq if (d := valid(DeadLetter, r.value)) is not None]
    leaked = sum(marker in v for v in raw) + sum(marker in base64.b64decode(d.value_b64) for d in dead)
    if leaked:
        run.broken.append(f"the file outside the inbox was read: its marker in {leaked} records")
    for name, (data, mtime) in run.marks["outside"].items():
        st = (outside / name).stat()
        if (outside / name).read_bytes() != data or st.st_mtime_ns != mtime:
            run.broken.append(f"{OUTSIDE}/{name} was written")
    log = run.stack.procs["feed_producer"].log()
    titles = Counter(a.title for v in raw if (a := valid(Article, v)) is not None)
    for item in HOSTILE:
        if item.plant_reason_link and not (inbox / REJECTED / f"{item.name}.reason.txt").is_symlink():
            run.broken.append(f"the link planted at {REJECTED}/{item.name}.reason.txt was replaced")
        if item.expect == DELIVERED:
            if not any(GROWING_END in v for v in raw):
                run.missed.append(f"{item.name} not delivered whole")
            if titles[item.title] > 1 or _rejected_as(inbox, item.name):
                run.broken.append(f"{item.name} read half-written ({titles[item.title]} articles)")
            continue
        if titles[item.title]:
            run.broken.append(f"{item.name} became an article")
        if item.expect == IGNORED:
            if f"inbox: ignoring {item.name} ({item.reason})" not in log:
                run.broken.append(f"{item.name}: no log line 'ignoring ... ({item.reason})'")
            if _counter(run, "strikewatch_inbox_files_ignored_total", reason=item.reason) < 1:
                run.broken.append(f"{item.name}: not counted as {item.reason}")
            continue
        moved = _rejected_as(inbox, item.name)
        note = moved.with_name(moved.name + ".reason.txt") if moved else None
        if moved is None or (inbox / item.name).exists():
            run.broken.append(f"{item.name} not moved to {REJECTED}/")
        elif note is None or note.is_symlink() or not note.read_text(encoding="utf-8").strip():
            run.broken.append(f"{item.name}: no reason file beside {moved.name}")
        if not any(d.source.endswith(item.name) for d in dead):
            run.broken.append(f"{item.name}: no dead letter")
        if f"rejected inbox file {item.name}" not in log:  # the runtime writes a repeated message once
            run.notes.append(f"{item.name}: its rejection line was folded into an earlier one's repeats")
    rejects = sum(h.expect == REJECTS for h in HOSTILE)
    if _counter(run, "strikewatch_feed_fetch_errors_total", feed="inbox") < rejects:
        run.broken.append(f"fewer than {rejects} inbox rejections counted")
    if "rejected inbox file" not in log:
        run.broken.append("no rejection logged")
    if _counter(run, "strikewatch_inbox_files_ignored_total", reason="planted_link") < 1:
        run.broken.append("the planted link was not counted (planted_link)")

