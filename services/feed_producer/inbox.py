"""The inbox folder, read safely: regular files only, never through a symlink, only once settled.

Why: the inbox is a drop folder that other people and tools write into. A symlink in it must not
turn a private file (/etc/shadow) into an article or a dead letter, a link planted in `rejected/`
must not be written through, and a file still being copied must not be read half-written and
rejected for good.

Rules, per scan of the folder (names only, no recursion):
- symlinks, directories, FIFOs, devices: ignored (logged once per name, counted);
- dotfiles and `*.tmp`/`*.part`/`*.partial` files are temporary names: ignored (logged once) until
  renamed to their final name; unknown extensions likewise;
- an article file is read once it has *settled*: renamed in (its inode was seen under a temporary
  name, or its ctime is later than its mtime: the last change was a rename, not a write), or its
  size and mtime unchanged for `STRIKEWATCH_INBOX_SETTLE_SECONDS`;
- files are opened relative to the inbox's own descriptor with O_NOFOLLOW|O_NONBLOCK and checked
  again with fstat (regular, same inode, unchanged while read);
- a file over the size limit is never read whole: its head (for the dead letter) and a streamed
  sha256 are all that is read.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from services.common.article_files import ARTICLE_SUFFIXES
from services.feed_producer.metrics import INBOX_FILES_IGNORED

log = logging.getLogger(__name__)

TEMP_SUFFIXES = (".tmp", ".part", ".partial")
"""Names writers use before renaming a finished file into place (besides dotfiles)."""
REJECTED = "rejected"
_READ_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY
_CHUNK = 1024 * 1024
_MAX_NAME_TRIES = 100
_QUIET_REASONS = ("dotfile", "temporary", "unsupported_type")
"""Ignored names that are normal in a drop folder: logged at INFO, the rest (links, FIFOs, files
that cannot be read or moved) at WARNING."""
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


@dataclass(frozen=True)
class Stamp:
    """What identifies one version of a file: changes when it is written, replaced or renamed."""

    size: int
    mtime_ns: int
    ctime_ns: int
    dev: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> Stamp:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino)

    @property
    def inode(self) -> tuple[int, int]:
        return self.dev, self.ino

    def same_content(self, other: Stamp) -> bool:
        """Same file, same size and mtime (ctime may move: a rename is not a write)."""
        return (self.size, self.mtime_ns, self.inode) == (other.size, other.mtime_ns, other.inode)


@dataclass
class InboxFile:
    """A settled article file: its bytes, or (`oversized`) only its head and a description."""

    name: str
    stamp: Stamp
    data: bytes
    oversized: str | None = None
    size: int | None = None
    """Oversized: the whole file's size and sha256 (`data` is only its head)."""
    sha256: str | None = None


@dataclass
class InboxWatch:
    """Scans one inbox folder; keeps per-name observations so files are read once settled."""

    root: Path
    settle_seconds: float
    max_bytes: int
    head_bytes: int = 256 * 1024
    clock: Callable[[], float] = time.time
    _pending: dict[str, tuple[Stamp, float]] = field(default_factory=dict)
    _done: dict[str, Stamp] = field(default_factory=dict)
    _ignored: dict[str, str] = field(default_factory=dict)
    _temp_inodes: dict[tuple[int, int], str] = field(default_factory=dict)

    # -- scanning -------------------------------------------------------------------------------
    def scan(self, *, settle: bool = True) -> list[InboxFile]:
        """Settled, unhandled article files in name order (`settle=False`: every article file,
        for one-shot runs where nothing else writes)."""
        try:
            dir_fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return []
        try:
            return self._scan(dir_fd, settle)
        finally:
            os.close(dir_fd)

    def _scan(self, dir_fd: int, settle: bool) -> list[InboxFile]:
        now = self.clock()
        present: set[str] = set()
        temp_now: dict[tuple[int, int], str] = {}
        ready: list[InboxFile] = []
        with os.scandir(dir_fd) as entries:
            listing = sorted(entries, key=lambda e: e.name)
        for entry in listing:
            name = entry.name
            present.add(name)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # gone since listed
            if name == REJECTED and stat.S_ISDIR(st.st_mode):
                continue
            reason = self._ignore_reason(name, st)
            if reason is not None:
                if reason in ("dotfile", "temporary"):
                    temp_now[(st.st_dev, st.st_ino)] = name
                self.ignore(name, reason)
                continue
            stamp = Stamp.of(st)
            if self._done.get(name) == stamp:
                continue
            if settle and not self._settled(name, stamp, now):
                continue
            item = self._read(dir_fd, name, stamp)
            if item is not None:
                ready.append(item)
        for store in (self._pending, self._done, self._ignored):
            for gone in set(store) - present:
                del store[gone]
        self._temp_inodes = temp_now
        return ready

    @staticmethod
    def _ignore_reason(name: str, st: os.stat_result) -> str | None:
        if stat.S_ISLNK(st.st_mode):
            return "symlink"
        if not stat.S_ISREG(st.st_mode):
            return "not_regular"
        if name.startswith("."):
            return "dotfile"
        suffix = Path(name).suffix.lower()
        if suffix in TEMP_SUFFIXES:
            return "temporary"
        if suffix not in ARTICLE_SUFFIXES:
            return "unsupported_type"
        return None

    def ignore(self, name: str, reason: str) -> None:
        """Log and count an ignored name once (again only if it goes away and comes back, or the
        reason changes): a scan every second must not log the same dotfile every second."""
        if self._ignored.get(name) == reason:
            return
        self._ignored[name] = reason
        INBOX_FILES_IGNORED.labels(reason).inc()
        level = logging.INFO if reason in _QUIET_REASONS else logging.WARNING
        log.log(level, "inbox: ignoring %s (%s)", name, reason, extra={"feed": "inbox", "reason": reason})

    def _settled(self, name: str, stamp: Stamp, now: float) -> bool:
        if stamp.inode in self._temp_inodes or stamp.ctime_ns > stamp.mtime_ns:
            return True  # renamed in (or its mode changed) after the last write: complete
        if now - stamp.mtime_ns / 1e9 >= self.settle_seconds:
            return True  # not written for the settle time (a future mtime never counts)
        seen = self._pending.get(name)
        if seen is None or not seen[0].same_content(stamp):
            self._pending[name] = (stamp, now)
            return self.settle_seconds <= 0
        return now - seen[1] >= self.settle_seconds

    # -- reading --------------------------------------------------------------------------------
    def _inside(self, name: str) -> bool:
        root = os.path.realpath(self.root)
        return os.path.dirname(os.path.realpath(os.path.join(root, name))) == root

    def _read(self, dir_fd: int, name: str, stamp: Stamp) -> InboxFile | None:
        if not self._inside(name):
            self.ignore(name, "symlink")
            return None
        try:
            fd = os.open(name, _READ_FLAGS, dir_fd=dir_fd)
        except OSError as exc:
            self.ignore(name, "symlink" if exc.errno == errno.ELOOP else "unreadable")
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                self.ignore(name, "not_regular")
                return None
            if Stamp.of(st).inode != stamp.inode:
                return None  # replaced between listing and opening: look again next scan
            if st.st_size > self.max_bytes:
                return self._oversized(fd, name, Stamp.of(st))
            data = _read_at_most(fd, self.max_bytes + 1)
            if len(data) > self.max_bytes:
                return self._oversized(fd, name, Stamp.of(st))
            after = Stamp.of(os.fstat(fd))
            if not after.same_content(stamp) or len(data) != after.size:
                self._pending[name] = (after, self.clock())  # written while read: not settled
                return None
            return InboxFile(name, after, data)
        except OSError:
            self.ignore(name, "unreadable")  # logged once, retried each scan
            return None
        finally:
            os.close(fd)

    def _oversized(self, fd: int, name: str, stamp: Stamp) -> InboxFile:
        """Head and sha256 of a file over the limit, streamed: never the whole file in memory."""
        digest = hashlib.sha256()
        head = b""
        size = 0
        os.lseek(fd, 0, os.SEEK_SET)
        while chunk := os.read(fd, _CHUNK):
            if len(head) < self.head_bytes:
                head += chunk[: self.head_bytes - len(head)]
            digest.update(chunk)
            size += len(chunk)
        reason = f"{size} bytes, over the {self.max_bytes}-byte limit (sha256 {digest.hexdigest()})"
        return InboxFile(name, stamp, head, oversized=reason, size=size, sha256=digest.hexdigest())

    def handled(self, item: InboxFile) -> None:
        """Do not read this version of the file again in this process."""
        self._done[item.name] = item.stamp
        self._pending.pop(item.name, None)

    # -- rejecting ------------------------------------------------------------------------------
    def move_rejected(self, item: InboxFile, reason: str) -> str | None:
        """Move the file to `rejected/` with `<name>.reason.txt` beside it; returns the name used.

        Nothing there is followed or overwritten: `rejected` must be a real folder, the reason file
        is created with O_CREAT|O_EXCL|O_NOFOLLOW and the file linked in without replacing, so a
        planted link or an older rejection with the same name makes it pick `<stem>.<n><suffix>`.
        Returns None (logged and counted, the file left where it is) when that is not possible."""
        try:
            dir_fd = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as exc:
            log.warning("inbox: cannot open %s: %s", self.root, exc)
            return None
        try:
            try:
                os.mkdir(REJECTED, 0o755, dir_fd=dir_fd)
            except FileExistsError:
                pass
            try:
                rej_fd = os.open(REJECTED, _DIR_FLAGS, dir_fd=dir_fd)
            except OSError as exc:
                log.warning("inbox: %s/ is not a plain folder (%s); %s stays", REJECTED, exc, item.name)
                self.ignore(item.name, "unsafe_rejected")
                return None
            try:
                return self._move_into(dir_fd, rej_fd, item, reason)
            finally:
                os.close(rej_fd)
        finally:
            os.close(dir_fd)

    def _move_into(self, dir_fd: int, rej_fd: int, item: InboxFile, reason: str) -> str | None:
        stem, suffix = os.path.splitext(item.name)
        for n in range(_MAX_NAME_TRIES):
            target = item.name if n == 0 else f"{stem}.{n}{suffix}"
            note = f"{target}.reason.txt"
            try:
                fd = os.open(note, _CREATE_FLAGS, 0o644, dir_fd=rej_fd)
            except FileExistsError:
                self._name_taken(note, rej_fd)
                continue
            try:
                _link_no_replace(item.name, target, dir_fd, rej_fd)
            except FileExistsError:
                os.close(fd)
                os.unlink(note, dir_fd=rej_fd)
                self._name_taken(target, rej_fd)
                continue
            except OSError as exc:
                os.close(fd)
                os.unlink(note, dir_fd=rej_fd)
                log.warning("inbox: cannot move %s to %s/: %s", item.name, REJECTED, exc)
                self.ignore(item.name, "unsafe_rejected")
                return None
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(reason + "\n")
            return target
        log.warning("inbox: no free name in %s/ for %s; it stays", REJECTED, item.name)
        self.ignore(item.name, "unsafe_rejected")
        return None

    @staticmethod
    def _name_taken(name: str, rej_fd: int) -> None:
        try:
            is_link = stat.S_ISLNK(os.stat(name, dir_fd=rej_fd, follow_symlinks=False).st_mode)
        except OSError:
            is_link = False
        if is_link:
            INBOX_FILES_IGNORED.labels("planted_link").inc()
            log.warning("inbox: %s/%s is a symlink; not followed, another name is used", REJECTED, name)


def _read_at_most(fd: int, limit: int) -> bytes:
    parts: list[bytes] = []
    got = 0
    while got < limit and (chunk := os.read(fd, min(_CHUNK, limit - got))):
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _link_no_replace(name: str, target: str, src_fd: int, dst_fd: int) -> None:
    """Move `name` to `target` without ever replacing what is at `target` (EEXIST instead): a hard
    link then unlink, or, where the file system has no hard links, a checked rename."""
    try:
        os.link(name, target, src_dir_fd=src_fd, dst_dir_fd=dst_fd, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        try:
            os.stat(target, dir_fd=dst_fd, follow_symlinks=False)
        except FileNotFoundError:
            os.rename(name, target, src_dir_fd=src_fd, dst_dir_fd=dst_fd)
            return
        raise FileExistsError(errno.EEXIST, "exists", target) from None
    os.unlink(name, dir_fd=src_fd)
