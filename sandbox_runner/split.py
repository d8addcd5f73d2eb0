"""Split an assertion into child-side expressions and a judge-side skeleton, and evaluate skeletons safely.

`assert sorted(f(x)) == [1, 2]` becomes the child-side expression `f(x)` and the skeleton
`sorted(__v[0]) == [1, 2]`, which the judge evaluates over the plain value the child sent back. The skeleton
holds only literals, operators and a few builtins, so evaluating it runs nothing of the candidate's and no
expected value ever enters the candidate's process (evalplus compares outside the same way).
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from types import CodeType
from typing import Any

STRICT_CMP = "__judge_cmp__"  # the harness defines it wherever child-side test code runs
_CMP_OPS = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)
SAFE_FUNCS: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (abs, all, any, bool, dict, float, frozenset, int, isinstance, len, list, max, min, repr, round)
    + (set, sorted, str, sum, tuple, type)
}
_MATH = {"isclose", "fabs", "sqrt", "floor", "ceil", "pi", "e", "inf", "nan", "isnan", "isinf", "trunc"}
_MAX_SIZE = 1 << 22  # bound on what a skeleton may build from the child's values (the judge's memory)
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
_GUARD_OPS = {ast.Pow: "pow", ast.LShift: "lshift", ast.Mult: "mul"}
_MAY_COMPARE = re.compile(r"[<>]|[=!]=|\bin\b")  # cheaper than walking the tree; a false hit only costs time
_NOT_A_LINE_END = re.compile(r"[\r\x0b\x0c\x1c-\x1e]")  # what str.splitlines and the tokenizer disagree on


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


_GLOBALS = {"__builtins__": {}, **SAFE_FUNCS, "math": _Math(), "__guarded__": _guarded}


def evaluate(code: CodeType, values: list[Any]) -> Any:
    """Evaluate a skeleton over the child's values (judge side)."""
    return eval(code, _GLOBALS, {"__v": values})  # noqa: S307 - skeletons hold only whitelisted nodes


def compile_expr(node: ast.expr) -> CodeType:
    return compile(ast.fix_missing_locations(ast.Expression(node)), "<check>", "eval")


class _StrictCompare(ast.NodeTransformer):
    """Child-side comparisons go through the harness's plain-value comparison, so a rigged `__eq__` loses."""

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


class Source:
    """Child-side code for nodes of one test text: the original text when nothing needs rewriting (cheap),
    else unparsed with every comparison made strict."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.fast = text.isascii() and not _NOT_A_LINE_END.search(text)
        self.starts = [0]
        if self.fast:
            for line in text.split("\n"):
                self.starts.append(self.starts[-1] + len(line) + 1)

    def segment(self, node: ast.AST) -> str:
        if self.fast:
            s = self.starts
            return self.text[
                s[node.lineno - 1] + node.col_offset : s[node.end_lineno - 1] + node.end_col_offset
            ]  # type: ignore[attr-defined]
        return ast.get_source_segment(self.text, node) or ast.unparse(node)

    def code(self, nodes: list[ast.stmt] | ast.expr) -> str:
        many = nodes if isinstance(nodes, list) else [nodes]
        one_line = all(n.lineno == n.end_lineno or n.col_offset == 0 for n in many)  # type: ignore[attr-defined]
        if not one_line or any(_MAY_COMPARE.search(self.segment(n)) for n in many):
            tree = ast.Module(nodes, []) if isinstance(nodes, list) else nodes
            return ast.unparse(ast.fix_missing_locations(_StrictCompare().visit(tree)))
        return "\n".join(self.segment(n) for n in many)


class Splitter:
    """Rewrites an expression into a skeleton the judge can evaluate; what it cannot, goes to the child."""

    def __init__(self, src: Source, taint: frozenset[str]) -> None:
        self.src = src
        self.exprs: list[str] = []  # child-side expressions, in `__v` order
        self.taint = taint  # names the program redefines (e.g. its own `sum`): never the judge's builtins
        self.names: set[str] = (
            set()
        )  # builtin names the skeleton relies on; the child checks they are builtins

    def child(self, node: ast.expr) -> ast.expr:
        self.exprs.append(self.src.code(node))
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
            return ast.Dict([self.split(k) for k in n.keys], [self.split(v) for v in n.values])  # type: ignore[arg-type]
        if isinstance(n, ast.UnaryOp):
            return ast.UnaryOp(n.op, self.split(n.operand))
        if isinstance(n, ast.BoolOp):
            return ast.BoolOp(n.op, [self.split(v) for v in n.values])
        if isinstance(n, ast.Compare):
            return ast.Compare(self.split(n.left), n.ops, [self.split(c) for c in n.comparators])
        if isinstance(n, ast.BinOp) and isinstance(n.op, _SKELETON_BINOPS):
            return ast.BinOp(self.split(n.left), n.op, self.split(n.right))
        if isinstance(n, ast.BinOp) and type(n.op) in _GUARD_OPS:
            args = [ast.Constant(_GUARD_OPS[type(n.op)]), self.split(n.left), self.split(n.right)]
            return ast.Call(ast.Name("__guarded__", ast.Load()), args, [])
        if isinstance(n, ast.Subscript):
            return ast.Subscript(self.split(n.value), self._slice(n.slice), ast.Load())
        if self._math(n):
            return n
        if isinstance(n, ast.Call) and self._safe_call(n):
            self.names.add(n.func.id if isinstance(n.func, ast.Name) else "math")
            kws = [ast.keyword(k.arg, self.split(k.value)) for k in n.keywords]
            return ast.Call(n.func, [self.split(a) for a in n.args], kws)
        return self.child(n)

    def _slice(self, s: ast.expr) -> ast.expr:
        if isinstance(s, ast.Slice):
            return ast.Slice(*(self.split(x) if x is not None else None for x in (s.lower, s.upper, s.step)))
        return self.split(s)

    def _math(self, n: ast.expr) -> bool:
        ok = isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "math"
        if ok and n.attr in _MATH and "math" not in self.taint:  # type: ignore[attr-defined]
            self.names.add("math")
            return True
        return False

    def _safe_call(self, n: ast.Call) -> bool:
        f = n.func
        safe = (isinstance(f, ast.Name) and f.id in SAFE_FUNCS and f.id not in self.taint) or self._math(f)
        # functions as arguments (key=..., lambdas) cannot cross as values: keep such calls whole in the child
        plain_args = all(not isinstance(a, (ast.Lambda, ast.Starred)) for a in n.args)
        return safe and plain_args and all(k.arg is not None and k.arg != "key" for k in n.keywords)
