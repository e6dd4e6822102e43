"""Text normalisation for dedup: what is left is the part of an article that says something.

Republishers add bylines, photo captions, "Subscribe" footers and wire datelines, change case and
punctuation, and reformat numbers. None of that may decide whether two articles are the same, so
those lines are dropped before hashing and shingling. The article text is already NFC with
unified whitespace (services/common/normalise.py); this module only removes what matters
for dedup and never changes what flows downstream.
"""

from __future__ import annotations

import re

# Whole lines that are boilerplate: calls to action, site furniture, legal lines.
_BOILERPLATE_LINE = re.compile(
    r"^\W*(subscribe|sign up|sign-up|follow us|follow our|join us on|join our|read more|read also|"
    r"read next|also read|related|recommended|advertisement|sponsored|share this|share on|"
    r"click here|download (the|our) app|we need your support|support (our|independent) journalism|"
    r"newsletter|copyright|all rights reserved|this article (was|has been) (updated|corrected)|"
    r"updated:|published:|last updated|editor'?s note)\b",
    re.IGNORECASE,
)
# Bylines and wire credits: "By Jane Doe", "By Jane Doe and John Roe, Reuters",
# "(Reporting by A; Editing by B)", "Writing by ...".
_BYLINE = re.compile(
    r"^\(?\s*(by|reporting by|writing by|editing by|additional reporting by|compiled by|"
    r"written by|author:)\s+[^\n]{0,120}$",
    re.IGNORECASE,
)
# Photo captions and credits: a short line that names a photo or an agency photo credit.
_CAPTION_START = re.compile(
    r"^\W*(photo|photos|image|images|picture|pictured|file photo|illustrative photo|video|watch|"
    r"caption|credit)\s*[:|(\-–—]",
    re.IGNORECASE,
)
_CAPTION_MARKERS = ("getty images", "ap photo", "reuters/", "/reuters", "photo:", "photo by",
                    "photo credit", "(photo", "[photo", "epa-efe", "anadolu")
_CAPTION_MAX_CHARS = 240
# A leading wire dateline, "KYIV, Oct 3 (Reuters) - ", dropped by some republishers.
_DATELINE = re.compile(r"^[^()\n]{0,60}\((?:[A-Za-z][\w .&-]{1,30})\)\s*[-–—:]\s*")
_THOUSANDS = re.compile(r"(\d)[,\u202f\u00a0 ](?=\d{3}\b)")
_WORD = re.compile(r"\w+", re.UNICODE)


def is_boilerplate(line: str) -> bool:
    """True for a line that a republisher may add or drop without changing the story."""
    stripped = line.strip()
    if not stripped:
        return True
    if stripped.startswith("©") or _BOILERPLATE_LINE.match(stripped) or _BYLINE.match(stripped):
        return True
    if len(stripped) > _CAPTION_MAX_CHARS:
        return False
    if _CAPTION_START.match(stripped):
        return True
    low = stripped.casefold()
    return any(marker in low for marker in _CAPTION_MARKERS)


def content_lines(text: str) -> list[str]:
    """The article's lines without boilerplate, the first line without its wire dateline."""
    lines = [ln.strip() for ln in text.split("\n") if not is_boilerplate(ln)]
    if lines:
        lines[0] = _DATELINE.sub("", lines[0], count=1)
    return [ln for ln in lines if ln]


def content(text: str) -> str:
    """The article's text without boilerplate lines (what hashes and features are made of)."""
    return "\n".join(content_lines(text))


def tokens(body: str) -> list[str]:
    """Lower-case word tokens of already-cleaned content, "1,234" read as "1234", no punctuation."""
    return _WORD.findall(_THOUSANDS.sub(r"\1", body).casefold())
