"""Lines of a page that are other stories' headlines: 'More about', 'Latest' and timestamped lists.

A stored news page often carries, below or beside the article, lists of other stories' headlines
('Russia drone attack kills 1, injures 5 in Kharkiv' / '11:54, 22.10.2025'). Their figures are
other articles' facts (tests/data/extraction/realtext/README.md: related-headline lists give no
claims). Two signs mark them, both about layout rather than wording: a run of headline lines each
followed by its own timestamp line, and the short lines under a list header ('More about',
'Latest', 'Most read'). The article's own headline followed by one timestamp is no run.
"""

from __future__ import annotations

import re

TIMESTAMP_LINE = re.compile(
    r"[ \t]*(?:\d{1,2}:\d{2}(?:\s*[,|]?\s*\d{1,2}[./-]\d{1,2}[./-]\d{2,4})?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:\s*[,|]?\s*\d{1,2}:\d{2})?"
    r"|\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}(?:\s*[,|]?\s*\d{1,2}:\d{2})?"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}(?:\s*[,|]?\s*\d{1,2}:\d{2})?)[ \t]*"
)
"""a line that is only a time and/or a date: '11:54, 22.10.2025', '22 October 2025, 11:54'"""
LIST_HEADER = re.compile(
    r"[ \t]*(?:more\s+about|more\s+on\s+this|latest(?:\s+news)?|most\s+read|most\s+popular|popular"
    r"|related(?:\s+(?:news|stories|articles))?|read\s+(?:also|more)|see\s+also|you\s+may\s+also\s+like"
    r"|top\s+stories|more\s+news|more\s+stories|recommended)[ \t]*:?[ \t]*",
    re.IGNORECASE,
)
"""a header over a list of other stories"""
MIN_TIMESTAMPED_RUN = 2  # headline + timestamp pairs in a row that make a list of other stories
LIST_LINE_MAX = 160  # characters: longer lines under a list header are the article again
SENTENCE_END = (".", "!", "?", ".\u201d", '."')


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def other_story_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of other stories' headline lines, in text order."""
    lines = [(a, b) for a, b in _lines(text) if text[a:b].strip()]
    stamped = [TIMESTAMP_LINE.fullmatch(text, a, b) is not None for a, b in lines]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if LIST_HEADER.fullmatch(text, *lines[i]):
            j = i + 1
            while j < len(lines) and (stamped[j] or _list_line(text, *lines[j])):
                if not stamped[j] and not LIST_HEADER.fullmatch(text, *lines[j]):
                    spans.append(lines[j])
                j += 1
            i = j
            continue
        run = i
        while (
            run + 1 < len(lines) and not stamped[run] and stamped[run + 1] and _list_line(text, *lines[run])
        ):
            run += 2
        if (run - i) // 2 >= MIN_TIMESTAMPED_RUN:
            spans.extend(lines[k] for k in range(i, run, 2))
            i = run
        else:
            i += 1
    return spans


def _list_line(text: str, a: int, b: int) -> bool:
    line = text[a:b].strip()
    return len(line) <= LIST_LINE_MAX and not line.endswith(SENTENCE_END)
