"""LeetCodeDataset (Xia et al. 2025): LeetCode problems with a HumanEval-style `check(candidate)` test.

Rows carry `prompt` (an import header plus ListNode/TreeNode helpers the solution may use), `completion`
(the reference solution), `entry_point` (usually the expression `Solution().methodName`) and `test`.
v0.3.x rows add `problem_description`, `starter_code`, `difficulty`, `question_id`; v0.2.0 rows keep the
statement in `meta.question_title` and the starter code inside `query`'s ```python block.

The judge gets `fn_name = entry_point` (an expression: it builds `check(<fn_name>)`) and `setup = prompt`,
which must run before the candidate because the candidate's annotations name `List`, `ListNode`, ...
"""

from __future__ import annotations

import re
from pathlib import Path

from rltf.data.schema import Problem
from rltf.data.source import DataError, Row, open_rows
from sandbox_runner.schema import Format, Tests

HUB_ID = "newfacade/LeetCodeDataset"
SPLITS = ("train", "test")
FILES = {
    s: [f"leetcodedataset/LeetCodeDataset-v{v}-{s}.jsonl.gz" for v in ("0.3.1", "0.2.0")] for s in SPLITS
}
DIFFICULTY = {
    "easy": "easy",
    "medium": "medium",
    "meidum": "medium",
    "hard": "hard",
}  # v0.2.0-test has "Meidum"


def load(
    split: str = "test", path: str | Path | None = None, difficulties: list[str] | None = None
) -> list[Problem]:
    if split not in SPLITS:
        raise DataError(f"LeetCodeDataset has no split {split!r} (splits: {', '.join(SPLITS)})")
    rows = open_rows(path=path, default_files=FILES[split], hub_id=HUB_ID)
    problems = [from_row(row) for row in rows if row.in_split(split)]
    return [p for p in problems if not difficulties or p.difficulty in difficulties]


def from_row(row: Row) -> Problem:
    meta = row.data.get("meta") or {}
    statement = row.data.get("problem_description") or meta.get("question_title")
    if not statement:
        raise DataError(
            f"{row.where}: no statement (neither 'problem_description' nor 'meta.question_title')"
        )
    starter = row.data.get("starter_code") or _starter_from_query(row.data.get("query") or "")
    difficulty = str(row.data.get("difficulty") or meta.get("difficulty") or "")
    return Problem(
        id=f"leetcode/{row.need('task_id')}",
        statement=statement,
        tests=Tests(
            Format.CHECK, setup=row.need("prompt"), check=row.need("test"), fn_name=row.need("entry_point")
        ),
        starter_code=starter,
        solutions=[row.need("completion")],
        difficulty=DIFFICULTY.get(difficulty.lower(), difficulty.lower()),
        source="leetcode",
    )


def _starter_from_query(query: str) -> str:
    m = re.search(r"```python\n(.*?)```", query, re.S)
    return m.group(1) if m else ""
