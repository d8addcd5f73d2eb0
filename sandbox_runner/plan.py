"""Split each test into what the sandboxed child runs (a Probe) and what the judge checks (a Check).

WHY: expected values must never enter the candidate's process, and comparisons must not run there (a rigged
`__eq__` would win). So `assert f(x) == [1, 2]` becomes a probe "evaluate `f(x)`" plus a check
"`__v[0] == [1, 2]`" that the judge evaluates on the plain value the child sent back (as evalplus does).
Only tests that cannot be split this way (loops, helper calls) run whole inside the child, with their
comparisons rewritten to a strict plain-value comparison; they are the weaker part and are counted as such.
"""

from __future__ import annotations

import ast
import functools
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from sandbox_runner.schema import Format, Tests

STRICT_CMP = "__judge_cmp__"  # the harness defines it in the test namespace
_CMP_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)


@dataclass
class Check:
    """The judge's half of one test."""

    kind: str  # "stdout" | "call" | "expr" | "stmt"
    expected: Any = None  # stdout text or return value (stdout, call)
    skeleton: CodeType | None = None  # expr: evaluated by the judge over the child's values `__v`
    source: str = ""  # the test as written, for wrong-answer messages
    got_slot: int | None = None  # expr `X == Y` where one side is exactly the child's value `__v[k]`
    expected_node: CodeType | None = None  # ... and the other side, evaluated for the message


@dataclass
class Plan:
    """`request` is JSON for the worker (no expected values in it); `checks[i]` judges test i."""

    request: dict[str, Any]
    checks: list[Check] = field(default_factory=list)


# ---- judge-side evaluation of skeletons -------------------------------------------------------------------

_SAFE_FUNCS: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (abs, all, any, bool, dict, float, frozenset, int, isinstance, len, list, max, min, repr, round)
    + (set, sorted, str, sum, tuple, type)
}
_MATH = {"isclose", "fabs", "sqrt", "floor", "ceil", "pi", "e", "inf", "nan", "isnan", "isinf", "trunc"}
_MAX_SIZE = 1 << 22  # bound on what a skeleton may build from the child's values (the judge's memory)


def _guarded(op: str, a: Any, b: Any) -> Any:
    """`**`, `<<` and `*` on values the candidate chose could exhaust the judge; refuse huge results."""
    if op == "pow" and isinstance(b, int) and abs(b) > 4096 and not (isinstance(a, int) and abs(a) <= 1):
        raise OverflowError("exponent too large")
    if op == "lshift" and isinstance(b, int) and b > 1 << 16:
        raise OverflowError("shift too large")
    if op == "mul":
        for x, y in ((a, b), (b, a)):
            if isinstance(x, (str, bytes, list, tuple)) and isinstance(y, int) and len(x) * y > _MAX_SIZE:
                raise MemoryError("product too large")
    return getattr(operator, op)(a, b)


class _Math:
    """The few `math` names a skeleton may use."""

    def __init__(self) -> None:
        for name in _MATH:
            setattr(self, name, getattr(math, name))


_GLOBALS = {"__builtins__": {}, **_SAFE_FUNCS, "math": _Math(), "__guarded__": _guarded}


def evaluate(code: CodeType, values: list[Any]) -> Any:
    return eval(code, _GLOBALS, {"__v": values})  # noqa: S307 - skeletons hold only whitelisted nodes


# ---- splitting an assertion -------------------------------------------------------------------------------

_GUARD_OPS = {ast.Pow: "pow", ast.LShift: "lshift", ast.Mult: "mul"}
_SKELETON_BINOPS = (
    ast.Add,
    ast.Sub,
    ast.Div,
    ast.FloorDiv,
    ast.Mod,
    ast.BitAnd,
    ast.BitOr,
    ast.BitXor,
    ast.RShift,
)


class _Splitter:
    """Rewrites an expression into a skeleton the judge can evaluate; what it cannot, goes to the child."""

    def __init__(self) -> None:
        self.exprs: list[str] = []  # child-side expressions, in `__v` order

    def child(self, node: ast.expr) -> ast.expr:
        self.exprs.append(ast.unparse(_strict(node)))
        return ast.Subscript(ast.Name("__v", ast.Load()), ast.Constant(len(self.exprs) - 1), ast.Load())

    def split(self, n: ast.expr) -> ast.expr:
        if isinstance(n, ast.Constant):
            return n
        if isinstance(n, (ast.Tuple, ast.List, ast.Set)) and not any(
            isinstance(e, ast.Starred) for e in n.elts
        ):
            elts = [self.split(e) for e in n.elts]
            return ast.Set(elts) if isinstance(n, ast.Set) else type(n)(elts, ast.Load())
        if isinstance(n, ast.Dict) and None not in n.keys:
            return ast.Dict([self.split(k) for k in n.keys], [self.split(v) for v in n.values])
        if isinstance(n, ast.UnaryOp):
            return ast.UnaryOp(n.op, self.split(n.operand))
        if isinstance(n, ast.BoolOp):
            return ast.BoolOp(n.op, [self.split(v) for v in n.values])
        if isinstance(n, ast.Compare):
            return ast.Compare(self.split(n.left), n.ops, [self.split(c) for c in n.comparators])
        if isinstance(n, ast.BinOp) and isinstance(n.op, _SKELETON_BINOPS):
            return ast.BinOp(self.split(n.left), n.op, self.split(n.right))
        if isinstance(n, ast.BinOp) and type(n.op) in _GUARD_OPS:
            name = ast.Name("__guarded__", ast.Load())
            return ast.Call(
                name, [ast.Constant(_GUARD_OPS[type(n.op)]), self.split(n.left), self.split(n.right)], []
            )
        if isinstance(n, ast.Subscript):
            return ast.Subscript(self.split(n.value), self._slice(n.slice), ast.Load())
        if (
            isinstance(n, ast.Attribute)
            and isinstance(n.value, ast.Name)
            and n.value.id == "math"
            and n.attr in _MATH
        ):
            return n
        if isinstance(n, ast.Call) and self._safe_call(n):
            return ast.Call(
                n.func,
                [self.split(a) for a in n.args],
                [ast.keyword(k.arg, self.split(k.value)) for k in n.keywords],
            )
        return self.child(n)

    def _slice(self, s: ast.expr) -> ast.expr:
        if isinstance(s, ast.Slice):
            return ast.Slice(*(self.split(x) if x is not None else None for x in (s.lower, s.upper, s.step)))
        return self.split(s)

    @staticmethod
    def _safe_call(n: ast.Call) -> bool:
        f = n.func
        safe = (isinstance(f, ast.Name) and f.id in _SAFE_FUNCS) or (
            isinstance(f, ast.Attribute)
            and isinstance(f.value, ast.Name)
            and f.value.id == "math"
            and f.attr in _MATH
        )
        # functions as arguments (key=..., lambdas) cannot cross as values: keep such calls whole in the child
        plain_args = all(not isinstance(a, (ast.Lambda, ast.Starred)) for a in n.args)
        return safe and plain_args and all(k.arg is not None and k.arg != "key" for k in n.keywords)


class _StrictCompare(ast.NodeTransformer):
    """Child-side comparisons go through the harness's plain-value comparison, so rigged `__eq__` loses."""

    def visit_Compare(self, n: ast.Compare) -> ast.expr:
        self.generic_visit(n)
        if not all(isinstance(op, _CMP_OPS) for op in n.ops):
            return n
        operands = [n.left, *n.comparators]
        parts = [
            ast.Call(ast.Name(STRICT_CMP, ast.Load()), [ast.Constant(type(op).__name__), a, b], [])
            for op, a, b in zip(n.ops, operands, operands[1:], strict=False)
        ]
        return parts[0] if len(parts) == 1 else ast.BoolOp(ast.And(), parts)


def _strict(node: ast.AST) -> Any:
    return ast.fix_missing_locations(_StrictCompare().visit(node))


def _assert_check(stmt: ast.Assert, source: str) -> tuple[dict[str, Any], Check]:
    sp = _Splitter()
    skel = sp.split(stmt.test)
    check = Check("expr", skeleton=_compile_expr(skel), source=source)
    if isinstance(skel, ast.Compare) and len(skel.ops) == 1 and isinstance(skel.ops[0], ast.Eq):
        for mine, other in ((skel.left, skel.comparators[0]), (skel.comparators[0], skel.left)):
            if _is_slot(mine) and not _mentions_slot(other):
                check.got_slot = mine.slice.value  # type: ignore[attr-defined]
                check.expected_node = _compile_expr(other)
                break
    return {"exprs": sp.exprs}, check


def _is_slot(n: ast.expr) -> bool:
    return isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "__v"


def _mentions_slot(n: ast.expr) -> bool:
    return any(isinstance(x, ast.Name) and x.id == "__v" for x in ast.walk(n))


def _compile_expr(node: ast.expr) -> CodeType:
    return compile(ast.fix_missing_locations(ast.Expression(node)), "<check>", "eval")


def _statement_test(stmt: ast.stmt, source: str) -> tuple[dict[str, Any], Check]:
    if isinstance(stmt, ast.Assert):
        return _assert_check(stmt, source)
    return {"stmt": ast.unparse(_strict(stmt))}, Check("stmt", source=source)


def _parse(src: str, what: str) -> ast.Module:
    try:
        return ast.parse(src)
    except SyntaxError as e:
        raise ValueError(f"{what} is not valid Python (line {e.lineno}: {e.msg}): {src[:120]!r}") from None


# ---- per-format plans -------------------------------------------------------------------------------------


def _mbpp(tests: Tests) -> Plan:
    probes, checks = [], []
    for i, line in enumerate(tests.asserts):
        body = _parse(line, f"mbpp assert {i}").body
        if len(body) == 1:
            probe, check = _statement_test(body[0], line.strip())
        else:
            probe, check = (
                {"stmt": ast.unparse(_strict(ast.Module(body, [])))},
                Check("stmt", source=line.strip()),
            )
        probes.append({"pre": "", **probe})
        checks.append(check)
    return Plan({"setup": tests.setup, "probes": probes}, checks)


def _check(tests: Tests) -> Plan:
    if not tests.fn_name:
        raise ValueError("check-format tests need fn_name (the entry point, e.g. 'has_close_elements')")
    mod = _parse(tests.check, "check source")
    defs = [s for s in mod.body if isinstance(s, ast.FunctionDef) and s.name == "check"]
    if len(defs) != 1 or len(defs[0].args.args) != 1:
        raise ValueError("check source must define exactly one `def check(candidate)` with one parameter")
    fn = defs[0]
    prelude = ast.unparse(ast.Module([s for s in mod.body if s is not fn], []))
    request = {"setup": tests.setup, "prelude": prelude, "param": fn.args.args[0].arg, "entry": tests.fn_name}
    probes, checks, pending = [], [], []
    for stmt in fn.body:
        if not any(isinstance(x, ast.Assert) for x in ast.walk(stmt)):
            pending.append(stmt)
            continue
        probe, check = _statement_test(stmt, ast.unparse(stmt))
        probes.append({"pre": ast.unparse(_strict(ast.Module(pending, []))), **probe})
        checks.append(check)
        pending = []
    if not probes or not _module_level_ok(probes):
        # Not splittable (no asserts at its top level, or `return`/`nonlocal` in its body): one whole test.
        whole = ast.unparse(_strict(fn)) + f"\ncheck({request['param']})"
        probes, checks = [{"pre": "", "stmt": whole}], [Check("stmt", source="check(candidate)")]
    request["probes"] = probes
    return Plan(request, checks)


def _module_level_ok(probes: list[dict[str, Any]]) -> bool:
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
    probes = [{"args": list(args)} for args in tests.inputs]
    checks = [
        Check("call", expected=out, source=f"{tests.fn_name}(*{args!r})"[:200])
        for args, out in zip(tests.inputs, tests.outputs, strict=True)
    ]
    return Plan({"setup": tests.setup, "entry": tests.fn_name, "probes": probes}, checks)


def _stdio(tests: Tests) -> Plan:
    if len(tests.inputs) != len(tests.outputs):
        raise ValueError(f"stdio tests: {len(tests.inputs)} inputs but {len(tests.outputs)} outputs")
    for i, (a, b) in enumerate(zip(tests.inputs, tests.outputs, strict=True)):
        if not isinstance(a, str) or not isinstance(b, str):
            raise ValueError(f"stdio test {i}: input and output must be strings")
    probes = [{"stdin": s} for s in tests.inputs]
    return Plan(
        {"setup": tests.setup, "probes": probes}, [Check("stdout", expected=o) for o in tests.outputs]
    )


@functools.lru_cache(maxsize=4096)
def _cached(fmt: Format, setup: str, asserts: tuple[str, ...], check: str, fn_name: str | None) -> Plan:
    tests = Tests(fmt, setup=setup, asserts=list(asserts), check=check, fn_name=fn_name)
    return _mbpp(tests) if fmt is Format.MBPP else _check(tests)


def plan(tests: Tests) -> Plan:
    """The child's request and the judge's checks for `tests`. Raises ValueError naming what is malformed."""
    if tests.format is Format.STDIO:
        p = _stdio(tests)
    elif tests.format is Format.CALL:
        p = _call(tests)
    else:  # parsing asserts is the costly part and problems repeat (n samples each): cache it
        p = _cached(tests.format, tests.setup, tuple(tests.asserts), tests.check, tests.fn_name)
    p.request["format"] = tests.format.value
    return p
