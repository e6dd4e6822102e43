"""Fetching a feed document: conditional GET, a timeout, a size limit; local files too."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import httpx

from services.feed_producer.feeds import FeedError


@dataclass
class Validators:
    """What the server told us last time, for If-None-Match / If-Modified-Since."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass
class FetchResult:
    """A fetched body (None when the server said 304 Not Modified)."""

    body: bytes | None
    content_type: str | None
    validators: Validators


def _local_path(url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme == "file":
        return Path(unquote(parts.path))
    if parts.scheme in ("", None) or (len(parts.scheme) == 1 and url[1:3] == ":\\"):
        return Path(url)
    return None


def is_local(url: str) -> bool:
    """A local file (path or file:// URL) rather than something to ask a server for."""
    return _local_path(url) is not None


def _fetch_file(path: Path, validators: Validators, max_bytes: int) -> FetchResult:
    try:
        stat = path.stat()
    except OSError as exc:
        raise FeedError("not_found", f"cannot read {path}: {exc.strerror}") from exc
    stamp = f"{stat.st_mtime_ns}:{stat.st_size}"  # finer than HTTP dates: files change within a second
    if validators.last_modified == stamp:
        return FetchResult(None, None, validators)
    if stat.st_size > max_bytes:
        raise FeedError("too_large", f"{path} is {stat.st_size} bytes (limit {max_bytes})")
    return FetchResult(path.read_bytes(), None, Validators(last_modified=stamp))


def fetch(
    client: httpx.Client, url: str, validators: Validators, *, max_bytes: int, timeout: float
) -> FetchResult:
    """GET `url` (conditional on `validators`), reading at most `max_bytes`; raises FeedError."""
    local = _local_path(url)
    if local is not None:
        return _fetch_file(local, validators, max_bytes)
    headers = {}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    try:
        with client.stream("GET", url, headers=headers, timeout=timeout) as response:
            if response.status_code == 304:
                return FetchResult(None, None, validators)
            if response.status_code >= 400:
                raise FeedError(f"http_{response.status_code // 100}xx", f"HTTP {response.status_code}")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FeedError("too_large", f"Content-Length {declared} over the {max_bytes}-byte limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FeedError("too_large", f"body over the {max_bytes}-byte limit")
                chunks.append(chunk)
            return FetchResult(
                b"".join(chunks),
                response.headers.get("content-type"),
                Validators(response.headers.get("etag"), response.headers.get("last-modified")),
            )
    except httpx.InvalidURL as exc:
        raise FeedError("bad_url", f"invalid URL: {exc}") from exc
    except httpx.TimeoutException as exc:
        raise FeedError("timeout", f"timed out after {timeout:.0f}s") from exc
    except httpx.HTTPError as exc:
        raise FeedError("network", f"{type(exc).__name__}: {exc}") from exc
