"""APPS (Hendrycks et al. 2021): standard-input and call-based Python problems.

Two row layouts are read:
- the hub's (codeparrot/apps): `question`, `solutions` (JSON string of a list of programs), `input_output`
  (JSON string {"inputs", "outputs", optional "fn_name"}), `difficulty`, `starter_code`, `problem_id`;
- MapCoder's `selected150.jsonl`: `description`, `test_list` [{input: str, output: [value]}], `starter_code`
  (non-empty means call-based), `difficulty`, `id`; it has no reference solutions.

Every APPS program runs after the imports APPS' own harness (testing_util) put before it, as the tests'
`setup`; starter codes rely on them (`List[int]`). numpy is left out: importing it in every test run costs
more than the few solutions that use `np` without importing it are worth.

Call-based expected values are kept as stored. APPS wraps most of them in a one-element list
(`[[True], [False]]`) but not all (`[9]`), and its testing_util accepts a return value equal to the stored
value or to its only element; the judge's `compare.call_equal` applies the same rule. Unwrapping here
instead would break problems whose answers really are one-element lists stored bare.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from rltf.data.schema import Problem
from rltf.data.source import DataError, Row, open_rows
from sandbox_runner.schema import Format, Tests

HUB_ID = "codeparrot/apps"
SPLITS = ("train", "test")
DIFFICULTIES = ("introductory", "interview", "competition")
# APPS testing_util's header, less `import numpy as np` (see the module docstring).
APPS_IMPORTS = (
    "import sys\nimport time\nimport itertools\nfrom itertools import accumulate, product, permutations, combinations\n"
    "import collections\nfrom collections import Counter, OrderedDict, deque, defaultdict, ChainMap\n"
    "from functools import lru_cache\nimport math\nfrom math import sqrt, sin, cos, tan, ceil, fabs, floor, gcd, exp, log, log2\n"
    "import fractions\nfrom typing import List, Tuple\nimport random\nimport heapq\nfrom heapq import *\n"
)
# Local copies looked for under a data directory (../shared/data holds the last of each list).
FILES = {
    "train": ["apps/train.jsonl", "apps/apps_train_coderl5.jsonl"],
    "test": ["apps/test.jsonl", "apps/mapcoder_selected150.jsonl"],
}


def load(
    split: str = "test",
    path: str | Path | None = None,
    difficulties: list[str] | None = None,
    imports: bool = True,
) -> list[Problem]:
    """APPS problems of one split, optionally only the given difficulties; `imports=False` runs programs
    without APPS' import header."""
    if split not in SPLITS:
        raise DataError(f"APPS has no split {split!r} (splits: {', '.join(SPLITS)})")
    for d in difficulties or []:
        if d not in DIFFICULTIES:
            raise DataError(f"unknown APPS difficulty {d!r} (want one of {', '.join(DIFFICULTIES)})")
    problems = []
    for row in open_rows(path=path, default_files=FILES[split], hub_id=HUB_ID):
        if not row.in_split(split):
            continue
        p = from_mapcoder_row(row, split) if "test_list" in row.data else from_row(row, split)
        p.tests.setup = APPS_IMPORTS if imports else ""
        if not difficulties or p.difficulty in difficulties:
            problems.append(p)
    return problems


def from_row(row: Row, split: str) -> Problem:
    """One row in the hub's layout."""
    io = row.json("input_output", {})
    if not isinstance(io, dict) or "inputs" not in io or "outputs" not in io:
        raise DataError(f"{row.where}: input_output must be a JSON object with 'inputs' and 'outputs'")
    inputs, outputs = io["inputs"], io["outputs"]
    if len(inputs) != len(outputs):
        raise DataError(f"{row.where}: {len(inputs)} inputs but {len(outputs)} outputs")
    fn_name = io.get("fn_name")
    if fn_name:
        tests = Tests(Format.CALL, inputs=inputs, outputs=outputs, fn_name=fn_name)
    else:
        tests = Tests(Format.STDIO, inputs=[_text(x) for x in inputs], outputs=[_text(x) for x in outputs])
    solutions = row.json("solutions", [])
    if not isinstance(solutions, list):
        raise DataError(f"{row.where}: solutions must be a JSON list of programs")
    return Problem(
        id=f"apps/{split}/{int(row.need('problem_id')):04d}",
        statement=row.need("question"),
        tests=tests,
        starter_code=row.data.get("starter_code") or "",
        solutions=solutions,
        difficulty=row.data.get("difficulty") or "",
        source="apps",
    )


def _text(x: Any) -> str:
    """Some APPS stdin tests store input/output as a list of lines; the harness joins them."""
    return "\n".join(map(str, x)) if isinstance(x, list) else str(x)


def from_mapcoder_row(row: Row, split: str) -> Problem:
    """One row of MapCoder's selected150 layout. Call-based inputs are one argument per line: a Python
    literal when it parses as one, else the raw string (e.g. `Apple Banana`)."""
    starter = row.data.get("starter_code") or ""
    tests_in = row.need("test_list")
    if not isinstance(tests_in, list) or not all(isinstance(t, dict) and "input" in t for t in tests_in):
        raise DataError(f"{row.where}: test_list must be a list of {{input, output}} objects")
    outputs = [t.get("output") for t in tests_in]
    if not all(isinstance(o, list) and len(o) == 1 for o in outputs):
        raise DataError(f"{row.where}: each test_list output must be a one-element list")
    if starter.strip():
        m = re.search(r"^\s*def\s+(\w+)\s*\(", starter, re.M)
        if not m:
            raise DataError(f"{row.where}: starter_code defines no function to call: {starter!r}")
        tests = Tests(
            Format.CALL,
            inputs=[[_literal(a) for a in t["input"].split("\n")] for t in tests_in],
            outputs=outputs,  # still wrapped: see the module docstring
            fn_name=m.group(1),
        )
    else:
        tests = Tests(
            Format.STDIO, inputs=[t["input"] for t in tests_in], outputs=[_text(o) for o in outputs]
        )
    return Problem(
        id=f"apps/{split}/{int(row.need('id')):04d}",
        statement=row.need("description"),
        tests=tests,
        starter_code=starter,
        difficulty=row.data.get("difficulty") or "",
        source="apps",
    )


def _literal(text: str) -> Any:
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
