"""Line numbering exactly as CPython's parser and tracebacks count lines (not str.splitlines)."""

from __future__ import annotations

import re

# Only these end a line for the parser; str.splitlines also splits on \x0c, \x1c, \u2028, ...
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each line of `text`; `end` includes the line break."""
    spans, start = [], 0
    for m in _LINE_BREAK.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def last_code_line(text: str) -> int:
    """1-based number of the last line holding anything but whitespace (0 for a blank text)."""
    nonblank = [i for i, (a, b) in enumerate(line_spans(text), 1) if text[a:b].strip()]
    return nonblank[-1] if nonblank else 0
