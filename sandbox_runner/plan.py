"""Split each test into what the sandboxed child runs (a Probe) and what the judge checks (a Check).

WHY: expected values must never enter the candidate's process, and comparisons must not run there (a rigged
`__eq__` would win). So `assert f(x) == [1, 2]` becomes a probe "evaluate `f(x)`" plus a check
"`__v[0] == [1, 2]`" that the judge evaluates on the plain value the child sent back (as evalplus does).
Only tests that cannot be split this way (loops, helper calls) run whole inside the child, with their
comparisons rewritten to a strict plain-value comparison; they are the weaker part and are counted as such.
"""

from __future__ import annotations

import ast
import json
import threading
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

import cachetools

from sandbox_runner.protocol import Probe, RunRequest
from sandbox_runner.schema import Format, Tests
from sandbox_runner.split import Source, Splitter, compile_expr


@dataclass
class Check:
    """The judge's half of one test."""

    kind: str  # "stdout" | "call" | "expr" | "stmt"
    expected: Any = None  # stdout text or return value (stdout, call)
    skeleton: CodeType | None = None  # expr: evaluated by the judge over the child's values `__v`
    source: str = ""  # the test as written, for wrong-answer messages
    got_slot: int | None = None  # expr `X == Y` where one side is exactly the child's value `__v[k]`
    expected_node: ast.expr | None = None  # ... and the other side, evaluated for the message


@dataclass
class Plan:
    """`request` is the test part of the child's request (no expected values in it); `checks[i]` judges test i."""

    request: RunRequest
    checks: list[Check] = field(default_factory=list)
    source_chars: int = 0  # the tests' source size: what a cached plan's memory grows with


def _assert_check(stmt: ast.Assert, src: Source, taint: frozenset[str]) -> tuple[Probe, Check]:
    sp = Splitter(src, taint)
    skel = sp.split(stmt.test)
    check = Check("expr", skeleton=compile_expr(skel), source=src.segment(stmt))
    if isinstance(skel, ast.Compare) and len(skel.ops) == 1 and isinstance(skel.ops[0], ast.Eq):
        for mine, other in ((skel.left, skel.comparators[0]), (skel.comparators[0], skel.left)):
            if _is_slot(mine) and not _mentions_slot(other):
                check.got_slot = mine.slice.value  # type: ignore[attr-defined]
                check.expected_node = other
                break
    return {"exprs": sp.exprs, "names": sorted(sp.names)}, check


def _is_slot(n: ast.expr) -> bool:
    return isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "__v"


def _mentions_slot(n: ast.expr) -> bool:
    return any(isinstance(x, ast.Name) and x.id == "__v" for x in ast.walk(n))


def _statement_test(stmt: ast.stmt, src: Source, taint: frozenset[str]) -> tuple[Probe, Check]:
    if isinstance(stmt, ast.Assert):
        return _assert_check(stmt, src, taint)
    return {"stmt": src.code([stmt])}, Check("stmt", source=src.segment(stmt))


def _parse(src: str, what: str) -> ast.Module:
    try:
        return ast.parse(src)
    except SyntaxError as e:
        raise ValueError(f"{what} is not valid Python (line {e.lineno}: {e.msg}): {src[:120]!r}") from None


# ---- per-format plans -------------------------------------------------------------------------------------


def _mbpp(tests: Tests, taint: frozenset[str]) -> Plan:
    probes: list[Probe] = []
    checks: list[Check] = []
    for i, text in enumerate(tests.asserts):
        body = _parse(text, f"mbpp assert {i}").body
        if not body:
            raise ValueError(f"mbpp assert {i} is empty")
        *pre, last = body  # statements before the assert (e.g. MBPP's test_setup_code) run first
        src = Source(text)
        probe, check = _statement_test(last, src, taint)
        probes.append({"pre": src.code(pre) if pre else "", **probe})
        checks.append(check)
    return Plan(RunRequest(Format.MBPP.value, probes, setup=tests.setup), checks)


def _check(tests: Tests, taint: frozenset[str]) -> Plan:
    if not tests.fn_name:
        raise ValueError("check-format tests need fn_name (the entry point, e.g. 'has_close_elements')")
    mod = _parse(tests.check, "check source")
    defs = [s for s in mod.body if isinstance(s, ast.FunctionDef) and s.name == "check"]
    if len(defs) != 1 or len(defs[0].args.args) != 1:
        raise ValueError("check source must define exactly one `def check(candidate)` with one parameter")
    fn = defs[0]
    prelude = ast.unparse(ast.Module([s for s in mod.body if s is not fn], []))
    try:
        entry_names = sorted(
            {n.id for n in ast.walk(ast.parse(tests.fn_name, mode="eval")) if isinstance(n, ast.Name)}
        )
    except SyntaxError:
        raise ValueError(f"fn_name {tests.fn_name!r} is not a Python expression") from None
    param = fn.args.args[0].arg
    probes: list[Probe] = []
    checks: list[Check] = []
    pending: list[ast.stmt] = []
    src = Source(tests.check)
    for stmt in fn.body:
        if not any(isinstance(x, ast.Assert) for x in ast.walk(stmt)):
            pending.append(stmt)
            continue
        probe, check = _statement_test(stmt, src, taint)
        probes.append({"pre": src.code(pending) if pending else "", **probe})
        checks.append(check)
        pending = []
    if not probes or not _module_level_ok(probes):
        # Not splittable (no asserts at its top level, or `return`/`nonlocal` in its body): one whole test.
        whole = src.code([fn]) + f"\ncheck({param})"
        probes, checks = [{"pre": "", "stmt": whole}], [Check("stmt", source="check(candidate)")]
    request = RunRequest(Format.CHECK.value, probes, tests.setup, tests.fn_name, prelude, param, entry_names)
    return Plan(request, checks)


def _module_level_ok(probes: list[Probe]) -> bool:
    try:
        for p in probes:
            compile(p["pre"], "<test>", "exec")
            if "stmt" in p:
                compile(p["stmt"], "<test>", "exec")
    except SyntaxError:
        return False
    return True


def _call(tests: Tests) -> Plan:
    if not tests.fn_name:
        raise ValueError("call-format tests need fn_name")
    if len(tests.inputs) != len(tests.outputs):
        raise ValueError(f"call tests: {len(tests.inputs)} inputs but {len(tests.outputs)} outputs")
    for i, args in enumerate(tests.inputs):
        if not isinstance(args, (list, tuple)):
            raise ValueError(f"call test {i}: inputs must be an argument list, got {type(args).__name__}")
    try:
        json.dumps(tests.inputs)
    except (TypeError, ValueError) as e:
        raise ValueError(
            f"call tests: inputs must be JSON data (lists, dicts, numbers, strings): {e}"
        ) from None
    probes: list[Probe] = [{"args": list(args)} for args in tests.inputs]
    checks = [
        Check("call", expected=out, source=f"{tests.fn_name}(*{args!r})"[:200])
        for args, out in zip(tests.inputs, tests.outputs, strict=True)
    ]
    return Plan(RunRequest(Format.CALL.value, probes, tests.setup, tests.fn_name), checks)


def check_text(text: str, where: str) -> None:
    """ValueError when `text` cannot be a program's input: a lone surrogate (JSON's "\\ud800") is no UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        bad = f"U+{ord(text[e.start]):04X}"
        raise ValueError(
            f"{where} holds a lone surrogate ({bad} at character {e.start}), which is not UTF-8"
        ) from None


def _stdio(tests: Tests) -> Plan:
    if len(tests.inputs) != len(tests.outputs):
        raise ValueError(f"stdio tests: {len(tests.inputs)} inputs but {len(tests.outputs)} outputs")
    for i, (a, b) in enumerate(zip(tests.inputs, tests.outputs, strict=True)):
        if not isinstance(a, str) or not isinstance(b, str):
            raise ValueError(f"stdio test {i}: input and output must be strings")
        check_text(a, f"stdio test {i}: input")
    probes: list[Probe] = [{"stdin": s} for s in tests.inputs]
    checks = [Check("stdout", expected=o) for o in tests.outputs]
    return Plan(RunRequest(Format.STDIO.value, probes, tests.setup), checks)


# Bounded by the source it holds, not by entries: a plan costs tens of bytes per source character (ASTs, code
# objects), so a few huge distinct test suites must not grow the judge by gigabytes. A larger plan is not kept.
_CACHE_CHARS = 2_000_000
_cache: cachetools.LRUCache = cachetools.LRUCache(_CACHE_CHARS, getsizeof=lambda p: max(1, p.source_chars))


@cachetools.cached(_cache, lock=threading.Lock())
def _cached(
    fmt: Format, setup: str, asserts: tuple[str, ...], check: str, fn_name: str | None, taint: frozenset[str]
) -> Plan:
    tests = Tests(fmt, setup=setup, asserts=list(asserts), check=check, fn_name=fn_name)
    p = _mbpp(tests, taint) if fmt is Format.MBPP else _check(tests, taint)
    p.source_chars = len(setup) + sum(map(len, asserts)) + len(check)
    return p


def plan(tests: Tests, taint: frozenset[str] = frozenset()) -> Plan:
    """The child's request and the judge's checks for `tests`. Raises ValueError naming what is malformed.

    `taint`: builtin names the program turned out to redefine (the child reports them); the judge then leaves
    expressions using them to the child, as the test's author meant."""
    if tests.format is Format.STDIO:
        return _stdio(tests)
    if tests.format is Format.CALL:
        return _call(tests)
    # parsing asserts is the costly part and problems repeat (n samples each): cache it
    return _cached(tests.format, tests.setup, tuple(tests.asserts), tests.check, tests.fn_name, taint)


def clear_cache() -> None:
    """Forget cached plans (benchmarks measure planning too)."""
    _cached.cache_clear()  # type: ignore[attr-defined]


def cache_chars() -> int:
    """Source characters the plan cache holds now (at most _CACHE_CHARS)."""
    return int(_cache.currsize)
