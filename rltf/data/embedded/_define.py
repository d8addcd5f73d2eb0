"""Compact, hand-checkable problem definitions for the embedded set.

Call-style tests are written as Python expressions, one per line, `name(arg, ...) == expected`, with the
expected value typed by hand (never computed from the reference). They are parsed with `ast.literal_eval`,
so nothing here runs a solution. Each value must survive a JSON round trip unchanged (no tuples, sets or
non-string dict keys), because Tests travel to the judge as JSON.
"""

from __future__ import annotations

import ast
import json
import textwrap
from typing import Any

from rltf.data.schema import Problem
from sandbox_runner.schema import Format, Tests

MIN_TESTS = 5
DIFFICULTIES = ("easy", "medium")


def fn(difficulty: str, task: str, solution: str, tests: str) -> Problem:
    """A call-style problem. `task` completes "Write a Python function `f(args)` that ..."; the function
    name (and the id) come from the test lines, the signature from the reference solution."""
    lines = [ln.strip() for ln in tests.strip().splitlines() if ln.strip()]
    name = _call_name(lines[0]) if lines else "?"
    pid = f"embedded/{name}"
    inputs, outputs, first = [], [], ""
    for i, line in enumerate(lines):
        args, expected, call_src, expected_src = _parse_test(pid, name, i, line)
        inputs.append(args)
        outputs.append(expected)
        first = first or f"`{call_src}` returns `{expected_src}`"
    solution = textwrap.dedent(solution).strip() + "\n"
    params = _params(pid, name, solution)
    statement = f"Write a Python function `{name}({params})` that {task.strip()}\n\nExample: {first}."
    tests_ = Tests(format=Format.CALL, inputs=inputs, outputs=outputs, fn_name=name)
    return _checked(pid, statement, tests_, f"def {name}({params}):\n", solution, difficulty)


def stdio(slug: str, difficulty: str, statement: str, solution: str, tests: list[tuple[str, str]]) -> Problem:
    """A standard-input problem. Tests are (stdin, expected stdout) pairs; a final newline is added to each
    side when missing, so definitions can stay on one line."""
    pid = f"embedded/{slug}"
    inputs = [_nl(i) for i, _ in tests]
    outputs = [_nl(o) for _, o in tests]
    if any(not o.strip() for o in outputs):
        raise ValueError(f"{pid}: a test expects blank output, which a program printing nothing would pass")
    statement = (
        f"{textwrap.dedent(statement).strip()}\n\n"
        f"Example input:\n```\n{inputs[0]}```\nExample output:\n```\n{outputs[0]}```"
    )
    solution = textwrap.dedent(solution).strip() + "\n"
    tests_ = Tests(format=Format.STDIO, inputs=inputs, outputs=outputs)
    return _checked(pid, statement, tests_, "", solution, difficulty)


def _nl(s: str) -> str:
    return s if s.endswith("\n") else s + "\n"


def _call_name(line: str) -> str:
    try:
        node = ast.parse(line, mode="eval").body
        return node.left.func.id  # type: ignore[attr-defined]
    except (SyntaxError, AttributeError) as e:
        raise ValueError(f"embedded: cannot read a function name from test line {line!r}") from e


def _parse_test(pid: str, name: str, i: int, line: str) -> tuple[list[Any], Any, str, str]:
    where = f"{pid}: test {i} {line!r}"
    try:
        node = ast.parse(line, mode="eval").body
    except SyntaxError as e:
        raise ValueError(f"{where}: not a Python expression ({e.msg})") from e
    call = getattr(node, "left", None)
    if not (
        isinstance(node, ast.Compare)
        and len(node.ops) == 1
        and isinstance(node.ops[0], ast.Eq)
        and isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == name
        and not call.keywords
    ):
        raise ValueError(f"{where}: must read `{name}(arg, ...) == expected`")
    try:
        args = [ast.literal_eval(a) for a in call.args]
        expected = ast.literal_eval(node.comparators[0])
    except ValueError as e:
        raise ValueError(f"{where}: arguments and expected value must be literals") from e
    for value in [*args, expected]:
        if json.loads(json.dumps(value)) != value:
            raise ValueError(f"{where}: {value!r} changes in a JSON round trip (tuple, set or non-str key?)")
    return (
        args,
        expected,
        ast.get_source_segment(line, call),
        ast.get_source_segment(line, node.comparators[0]),
    )


def _params(pid: str, name: str, solution: str) -> str:
    for node in ast.parse(solution).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.unparse(node.args)
    raise ValueError(f"{pid}: the reference solution defines no top-level function {name!r}")


def _checked(pid: str, statement: str, tests: Tests, starter: str, solution: str, difficulty: str) -> Problem:
    """Reject definitions whose tests could not tell a right program from a lazy one."""
    if difficulty not in DIFFICULTIES:
        raise ValueError(f"{pid}: difficulty {difficulty!r} is not one of {DIFFICULTIES}")
    if len(tests.inputs) < MIN_TESTS:
        raise ValueError(f"{pid}: {len(tests.inputs)} tests, need at least {MIN_TESTS}")
    if len({json.dumps(o, sort_keys=True) for o in tests.outputs}) < 2:
        raise ValueError(f"{pid}: every test expects the same output, so a constant program would pass")
    return Problem(
        id=pid,
        statement=statement,
        tests=tests,
        starter_code=starter,
        solutions=[solution],
        difficulty=difficulty,
        source="embedded",
    )
