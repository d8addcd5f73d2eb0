"""Find the program in a model's completion, and remember where it sits.

`extract_code` returns the code together with its character span in the completion, with the invariant
`code == prefix + completion[start:end]`: the fine-grained penalty maps an error line of `code` back onto
the sampled tokens through that span (lines of `prefix` were not written by the model).

Rules, in order:
1. Fenced blocks (```python, ```py, ```python3 or a bare ```; other languages are skipped). A final fence
   that is never closed (generation cut by the token limit) runs to the end of the completion.
   With several blocks: the one that defines the entry point (the longest if several do), else the longest
   block (the first among equals). Example-usage blocks are usually shorter than the solution.
2. No block: the whole completion, minus leading and trailing lines of obvious prose ("Here is the
   code:", "This runs in O(n) time."). Only whole prose lines at column 0 at either end are dropped, so
   a program with a syntax error keeps it, and the judge can report it on the right line.
"""

from __future__ import annotations

import ast
import keyword
import re
from dataclasses import dataclass

# An opening fence at the start of a line, its language tag, and the newline that ends the fence line.
_OPEN = re.compile(r"^[ \t]{0,3}```[ \t]*([\w+-]*)[^\n]*\n", re.M)
_CLOSE = re.compile(r"^[ \t]{0,3}```[ \t]*$", re.M)
_PYTHON_TAGS = {"", "python", "py", "python3", "py3"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[.,:;!?)]?$")


@dataclass
class Extracted:
    code: str  # the program to judge: prefix + completion[start:end]
    start: int  # where the model's part of `code` begins in the completion (character index)
    end: int  # exclusive end of the model's part in the completion
    prefix: str = ""  # text prepended that the model did not write (e.g. HumanEval's prompt)


def extract_code(completion: str, *, prefix: str = "", entry_point: str | None = None) -> Extracted:
    """The program in `completion` (see the module docstring for the rules)."""
    blocks = fenced_blocks(completion)
    if blocks:
        start, end = _choose(completion, blocks, entry_point)
    else:
        start, end = _trim_prose(completion)
    return Extracted(code=prefix + completion[start:end], start=start, end=end, prefix=prefix)


def fenced_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the bodies of Python (or untagged) fenced blocks, in order."""
    spans = []
    pos = 0
    while (m := _OPEN.search(text, pos)) is not None:
        body = m.end()
        close = _CLOSE.search(text, body)
        end = close.start() if close else len(text)
        if m.group(1).lower() in _PYTHON_TAGS:
            spans.append((body, end))
        pos = close.end() if close else len(text)
    return spans


def _choose(text: str, blocks: list[tuple[int, int]], entry_point: str | None) -> tuple[int, int]:
    if entry_point:
        # "Solution().maxArea" is defined by `def maxArea`.
        name = re.escape(entry_point.rsplit(".", 1)[-1])
        defining = [
            b for b in blocks if re.search(rf"^\s*(async\s+)?def\s+{name}\s*\(", text[b[0] : b[1]], re.M)
        ]
        blocks = defining or blocks
    return max(blocks, key=lambda b: b[1] - b[0])  # max() keeps the first of equal lengths


def _trim_prose(text: str) -> tuple[int, int]:
    """The span of `text` without leading/trailing prose lines (and the blank lines next to them)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    first, last = 0, len(lines)
    while first < last and (is_prose(lines[first]) or not lines[first].strip()):
        first += 1
    while last > first and (is_prose(lines[last - 1]) or not lines[last - 1].strip()):
        last -= 1
    if first == last:  # nothing but prose: hand it over whole, the judge will say what is wrong
        return 0, len(text)
    # Keep blank lines that the trim did not need to remove: only strip at prose boundaries.
    if not any(is_prose(line) for line in lines[:first]):
        first = 0
    if not any(is_prose(line) for line in lines[last:]):
        last = len(lines)
    return offsets[first], offsets[last]


def is_prose(line: str) -> bool:
    """An English sentence at column 0: mostly plain words, not a statement, not a Python keyword first."""
    if not line[:1].isalpha():
        return False
    words = line.split()
    if len(words) < 3 or keyword.iskeyword(words[0]) or words[0] in {"print", "match", "case", "type"}:
        return False
    if sum(bool(_WORD.match(w)) for w in words) < 0.6 * len(words):
        return False
    try:
        ast.parse(line)
    except SyntaxError:
        return True
    return False
