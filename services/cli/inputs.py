"""The article files a command reads: every named path checked first, and a progress bar.

`extract /nonexistent` used to say "unsupported file type ''" and an empty folder exited 0 with
no output: both are the user's mistake, reported as one line (errors.UsageError) before any work.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from schemas.article import Article
from services.cli.errors import UsageError
from services.common.article_files import (
    ARTICLE_SUFFIXES,
    ArticleFileError,
    iter_article_paths,
    read_article_file,
)

Item = TypeVar("Item")
PROGRESS_MIN_FILES = 20
"""Fewer files finish before a bar would be worth drawing."""


def article_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Every article file named or inside a named folder; UsageError for a path that does not
    exist, or when there is no article file to read at all (an empty folder). A folder without
    articles next to others that have some is fine (`events samples/inbox samples/feeds`)."""
    named = [Path(raw) for raw in paths]
    for path in named:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_file() and path.suffix.lower() not in ARTICLE_SUFFIXES:
            kind = f"a {path.suffix} file" if path.suffix else "a file without an extension"
            raise UsageError(f"{path}: {kind} is not an article file ({', '.join(ARTICLE_SUFFIXES)})")
    out = list(iter_article_paths(named))
    if not out:
        where = ", ".join(str(p) for p in named) or "no path"
        raise UsageError(f"{where}: no article files ({', '.join(ARTICLE_SUFFIXES)}) to read")
    return out


def progress(items: Sequence[Item], what: str) -> Iterator[Item]:
    """Items with a progress bar on stderr, drawn only when stderr is a terminal (tqdm's
    `disable=None`) and there are enough of them; stdout stays the command's JSON lines."""
    from tqdm import tqdm

    if len(items) < PROGRESS_MIN_FILES:
        return iter(items)
    return iter(tqdm(items, desc=what, unit="file", file=sys.stderr, disable=None, leave=False))


def read_articles(paths: Iterable[str | Path], what: str) -> list[Article]:
    """The articles of every file (ids from the files), in input order; a file that is not an
    article is the user's mistake (UsageError naming the file and why), as a missing path is."""
    return list(iter_articles(article_paths(paths), what))


def iter_articles(files: Sequence[Path], what: str) -> Iterator[Article]:
    """Articles file by file, with the progress bar advancing as the caller consumes them (so it
    measures the caller's work, extraction say, not only the reading)."""
    for path in progress(files, what):
        yield from read_article_file_or_refuse(path)


def read_article_file_or_refuse(path: Path) -> list[Article]:
    """One file's articles; ArticleFileError (a ValueError) becomes a UsageError."""
    try:
        return read_article_file(path, id_policy="file")
    except ArticleFileError as exc:
        raise UsageError(str(exc)) from exc
