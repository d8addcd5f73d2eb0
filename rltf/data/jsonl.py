"""rltf's own problem format: one `Problem.to_dict()` JSON object per line (.jsonl or .jsonl.gz).

    {"id": "mine/add", "statement": "Return a + b.", "starter_code": "def add(a, b):\n",
     "tests": {"format": "call", "fn_name": "add", "inputs": [[1, 2]], "outputs": [3],
               "setup": "", "asserts": [], "check": ""},
     "solutions": ["def add(a, b):\n    return a + b\n"], "difficulty": "easy", "source": "mine",
     "split": "train"}

Required: `id`, `statement`, `tests.format` (stdio | call | mbpp | check) and the test fields that format
uses (see sandbox_runner.schema.Tests). Optional: `starter_code`, `solutions`, `difficulty`, `source`, and
`split`: rows that name a split are loaded only for it; rows without one belong to any split asked for
(a file per split). `path` may also be a directory holding `<split>.jsonl`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from pathlib import Path

from rltf.data.schema import Problem
from rltf.data.source import DataError, Row, open_rows
from sandbox_runner.schema import Format, Tests

_FIELDS = {f.name for f in dataclasses.fields(Problem)}
_TEST_FIELDS = {f.name for f in dataclasses.fields(Tests)}
# What each format needs to be runnable at all.
_NEEDS = {Format.STDIO: ("inputs", "outputs"), Format.CALL: ("fn_name", "inputs", "outputs"),
          Format.MBPP: ("asserts",), Format.CHECK: ("check", "fn_name")}  # fmt: skip


def load(split: str, path: str | Path | None = None) -> list[Problem]:
    if path is None:
        raise DataError(
            "the jsonl data set needs a path (a .jsonl file or a directory of <split>.jsonl files)"
        )
    rows = open_rows(path=path, default_files=[f"{split}.jsonl", f"{split}.jsonl.gz"], hub_id=None)
    return [from_row(row) for row in rows if row.in_split(split)]


def from_row(row: Row) -> Problem:
    d = {k: v for k, v in row.data.items() if k != "split"}
    unknown = set(d) - _FIELDS
    if unknown:
        raise DataError(
            f"{row.where}: unknown field(s) {sorted(unknown)} (allowed: {sorted(_FIELDS | {'split'})})"
        )
    for key in ("id", "statement", "tests"):
        row.need(key)
    tests = d["tests"]
    if not isinstance(tests, dict) or "format" not in tests or set(tests) - _TEST_FIELDS:
        raise DataError(
            f"{row.where}: 'tests' must be an object with 'format' and only {sorted(_TEST_FIELDS)}"
        )
    try:
        problem = Problem.from_dict(d)
    except (TypeError, ValueError) as e:
        raise DataError(f"{row.where}: {e}") from None
    t = problem.tests
    missing = [k for k in _NEEDS[t.format] if not getattr(t, k)]
    if missing:
        raise DataError(f"{row.where}: {t.format.value} tests need non-empty {', '.join(missing)}")
    if len(t.inputs) != len(t.outputs):
        raise DataError(f"{row.where}: {len(t.inputs)} test inputs but {len(t.outputs)} outputs")
    return problem


def dump(problems: Iterable[Problem], path: str | Path, split: str | None = None) -> None:
    """Write problems in this format (with a `split` key on every row when `split` is given)."""
    with open(path, "w", encoding="utf-8") as f:
        for p in problems:
            d = p.to_dict() | ({"split": split} if split else {})
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
