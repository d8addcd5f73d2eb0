"""MBPP (Austin et al. 2021), full and sanitized: short Python functions checked by `assert` lines.

Splits follow the upstream README by task id, for both files: 1-10 prompt (few-shot examples), 11-510
test, 511-600 validation, 601-974 train. The statement shows the test asserts, as in the MBPP paper's
prompt ("Your code should pass these tests:"), because they fix the function's name and signature.
"""

from __future__ import annotations

import re
from pathlib import Path

from rltf.data.schema import Problem
from rltf.data.source import DataError, Row, open_rows
from sandbox_runner.schema import Format, Tests

HUB_ID = "google-research-datasets/mbpp"
SPLIT_IDS = {
    "prompt": range(1, 11),
    "test": range(11, 511),
    "validation": range(511, 601),
    "train": range(601, 975),
}
FILES = {"full": ["mbpp/mbpp.jsonl"], "sanitized": ["mbpp/sanitized-mbpp.json"]}


def load(
    split: str = "test", path: str | Path | None = None, variant: str = "full", show_tests: bool = True
) -> list[Problem]:
    """MBPP problems of one split; `variant` is "full" (974 problems) or "sanitized" (427)."""
    if split not in SPLIT_IDS:
        raise DataError(f"MBPP has no split {split!r} (splits: {', '.join(SPLIT_IDS)})")
    if variant not in FILES:
        raise DataError(f"unknown MBPP variant {variant!r} (want 'full' or 'sanitized')")
    rows = open_rows(path=path, default_files=FILES[variant], hub_id=HUB_ID, hub_config=variant)
    problems = []
    for row in rows:
        task_id = row.need("task_id")
        if not isinstance(task_id, int) and not str(task_id).isdigit():
            raise DataError(f"{row.where}: task_id must be an integer, got {task_id!r}")
        if int(task_id) in SPLIT_IDS[split]:
            problems.append(from_row(row, variant, show_tests))
    return problems


def from_row(row: Row, variant: str, show_tests: bool = True) -> Problem:
    asserts = row.need("test_list")
    if not isinstance(asserts, list) or not asserts or not all(isinstance(a, str) for a in asserts):
        raise DataError(f"{row.where}: test_list must be a non-empty list of assert strings")
    asserts = [_lf(a) for a in asserts]
    if variant == "full":
        # MBPP runs test_setup_code after the candidate (it builds objects of the candidate's classes); the
        # judge's `setup` runs before it, so the setup goes in front of every assert instead.
        text, setup, after = row.need("text"), "", _lf(row.data.get("test_setup_code") or "").strip()
    else:
        text, setup, after = row.need("prompt"), "\n".join(row.data.get("test_imports") or []), ""
    if show_tests:
        text = text.strip() + "\nYour code should pass these tests:\n" + "\n".join(asserts)
    return Problem(
        id=f"mbpp/{int(row.need('task_id'))}",
        statement=text,
        tests=Tests(
            Format.MBPP,
            setup=setup,
            asserts=[f"{after}\n{a}" if after else a for a in asserts],
            fn_name=_entry_point(row, asserts),
        ),
        solutions=[_lf(row.need("code"))],
        source="mbpp" if variant == "full" else "mbpp_sanitized",
    )


def _entry_point(row: Row, asserts: list[str]) -> str | None:
    """The function the tests call: the first one the reference code defines that the first assert calls."""
    defined = re.findall(r"^def\s+(\w+)\s*\(", row.need("code"), re.M)
    called = [name for name in defined if re.search(rf"\b{name}\s*\(", asserts[0])]
    return (called or defined or [None])[0]


def _lf(text: str) -> str:
    """MBPP's code and setup use CRLF line ends; models and tracebacks speak LF."""
    return text.replace("\r\n", "\n")
