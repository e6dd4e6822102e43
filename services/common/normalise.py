"""Text and URL normalisation shared by every way an article comes in."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from bs4 import BeautifulSoup
from w3lib.url import canonicalize_url

_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_TAG_HINT = re.compile(r"<[a-zA-Z/!][^>]*>")
_BLOCK_TAGS = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption"]
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_PARAMS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "yclid"})


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment; paragraphs and <br> become line breaks."""
    if not _TAG_HINT.search(markup) and "&" not in markup:
        return markup
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCK_TAGS):
        block.insert_before("\n\n")
        block.insert_after("\n\n")
    return soup.get_text()


def normalise_text(text: str) -> str:
    """NFC, unified whitespace, one blank line between paragraphs, no edge blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    joined = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", joined).strip()


def clean_html_text(markup: str) -> str:
    """HTML (or plain text) to normalised plain text."""
    return normalise_text(html_to_text(markup))


def canonical_url(url: str | None) -> str | None:
    """w3lib's canonical form (sorted query, no fragment) minus tracking parameters.

    w3lib has no notion of tracking parameters, so those (utm_*, fbclid, ...) are dropped here.
    """
    if not url or not url.strip():
        return None
    parts = urlsplit(canonicalize_url(url.strip()))
    if parts.scheme not in ("http", "https"):
        return url.strip()
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(_TRACKING_PREFIXES) and k.lower() not in _TRACKING_PARAMS
    ]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def outlet_of(url: str | None) -> str | None:
    """The publisher's host without 'www.', a bounded, human-meaningful source name."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
