"""Reading article files (.txt, .json, .jsonl): the inbox folder and every offline CLI use this.

`.txt`: optional first line `date YYYY-MM-DD`, then the title line, then the body.
`.json`: one object or a list of objects; `.jsonl`: one object per line. Object fields:
`url`, `title`, `text`, `published` (ISO date or datetime), and optionally `id` and `feed`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from dateutil import parser as dateparser

from schemas.article import Article, article_id_for
from services.common.normalise import canonical_url, clean_html_text, outlet_of

ARTICLE_SUFFIXES = (".txt", ".json", ".jsonl")
_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2}(?:[T ][0-9:.+\-Z]+)?)\s*$", re.IGNORECASE)

IdPolicy = Literal["content", "file"]
"""`content`: id = hash of canonical URL or text (the producer). `file`: the `id` field, else the
file name without extension (offline CLIs), with `#n` appended for the n-th record of a
multi-record file."""


class ArticleFileError(ValueError):
    """A file (or one record in it) that cannot be read as an article; says why."""

    def __init__(self, path: Path, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.reason = reason
        self.line = line


def parse_published(value: object) -> datetime | None:
    """ISO date/datetime or RFC 2822 string to aware UTC (naive values are taken as UTC)."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        parsed = dateparser.parse(str(value))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def build_article(
    *,
    feed: str,
    url: str | None,
    title: str,
    text: str,
    published: object,
    fetched_at: datetime | None = None,
    article_id: str | None = None,
    language: str = "en",
) -> Article:
    """Normalise raw fields into an Article; the id is the content hash unless one is given."""
    curl = canonical_url(url)
    body = clean_html_text(text or "")
    return Article(
        id=article_id or article_id_for(curl, body),
        feed=feed,
        url=curl,
        outlet=outlet_of(curl),
        title=clean_html_text(title or ""),
        text=body,
        published_at=parse_published(published),
        fetched_at=fetched_at or datetime.now(UTC),
        language=language,
    )


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleFileError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _from_txt(path: Path, content: str) -> dict[str, Any]:
    lines = content.splitlines()
    published = None
    if lines and (m := _DATE_LINE.match(lines[0])):
        published = m.group(1)
        lines = lines[1:]
    while lines and not lines[0].strip():
        lines = lines[1:]
    if not lines:
        raise ArticleFileError(path, "empty article")
    return {"title": lines[0].strip(), "text": "\n".join(lines[1:]), "published": published}


def _records(path: Path, content: str) -> Iterator[tuple[int | None, dict[str, Any]]]:
    suffix = path.suffix.lower()
    if suffix == ".txt":
        yield None, _from_txt(path, content)
        return
    if suffix == ".jsonl":
        for n, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ArticleFileError(path, f"invalid JSON: {exc.msg}", n) from exc
        return
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise ArticleFileError(path, f"invalid JSON: {exc.msg} (line {exc.lineno})") from exc
    items = data if isinstance(data, list) else [data]
    for n, item in enumerate(items, start=1):
        yield (n if isinstance(data, list) else None), item


def read_article_file(
    path: Path,
    *,
    feed: str = "inbox",
    id_policy: IdPolicy = "content",
    data: bytes | None = None,
) -> list[Article]:
    """All articles in one file; raises ArticleFileError naming the file (and line) on bad input."""
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise ArticleFileError(path, f"unsupported file type {path.suffix!r}")
    content = _decode(path, path.read_bytes() if data is None else data)
    records = list(_records(path, content))
    articles = []
    for line, rec in records:
        if not isinstance(rec, dict):
            raise ArticleFileError(path, "record is not a JSON object", line)
        text = rec.get("text") or rec.get("body") or ""
        if not isinstance(text, str) or not clean_html_text(text):
            raise ArticleFileError(path, "article has no text", line)
        article_id = None
        if id_policy == "file":
            article_id = str(rec["id"]) if rec.get("id") else path.stem
            if len(records) > 1 and not rec.get("id"):
                article_id = f"{path.stem}#{line}"
        try:
            articles.append(
                build_article(
                    feed=str(rec.get("feed") or feed),
                    url=rec.get("url") or rec.get("link"),
                    title=str(rec.get("title") or ""),
                    text=text,
                    published=rec.get("published") or rec.get("published_at") or rec.get("date"),
                    article_id=article_id,
                    language=str(rec.get("language") or "en"),
                )
            )
        except (ValueError, TypeError, OverflowError) as exc:
            raise ArticleFileError(path, f"invalid article: {exc}", line) from exc
    return articles


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and article files inside folders named (sorted, recursively)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            yield from sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in ARTICLE_SUFFIXES
                and "rejected" not in f.relative_to(p).parts
            )
        else:
            yield p


def load_articles(paths: Iterable[str | Path], *, id_policy: IdPolicy = "file") -> list[Article]:
    """Articles from files and folders in input order, for the offline CLIs (ids from files)."""
    out: list[Article] = []
    for path in iter_article_paths(paths):
        out.extend(read_article_file(path, id_policy=id_policy))
    return out
