"""Values leaving the candidate's process: plain builtin data only, sent as text, rebuilt without executing anything.

WHY: a candidate may return an object with a rigged `__eq__`/`__repr__`. Only exact builtin data (ints, floats,
strings, containers of them...) may cross to the judge, which compares it. `encode` runs in the sandboxed child;
`decode` runs in the judge and accepts literals only, so whatever bytes the child writes, nothing of the
candidate's survives except plain data.
"""

from __future__ import annotations

import ast
import itertools
import marshal
import math
import types
from collections.abc import Iterator
from typing import Any

_PLAIN = (bool, int, float, complex, str, bytes, type(None))
# Iterators of the stdlib the candidate may legitimately return (`return map(...)`); sent as their items.
_ITERATORS = tuple(
    {
        map,
        filter,
        zip,
        enumerate,
        reversed,
        range,
        types.GeneratorType,
        type(iter([])),
        type(iter(())),
        type(iter("")),
        type(iter(range(0))),
        type({}.keys()),
        type({}.values()),
        type({}.items()),
        itertools.chain,
        itertools.islice,
        itertools.permutations,
        itertools.combinations,
        itertools.product,
        itertools.accumulate,
    }
)
_MAX_DEPTH = 100


class NotPlain(Exception):
    """The value is not plain data (e.g. an instance of the candidate's own class)."""


class Iterated:
    """Judge-side stand-in for an iterator the candidate returned: iterable, equal only to another Iterated."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Iterated) and self.items == other.items

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<iterator over {self.items!r}>"


class _Items:
    """Child-side marker: an iterator's items, written as `__iter__([...])`."""

    def __init__(self, items: list[Any]) -> None:
        self.items = items

    def __repr__(self) -> str:
        return f"__iter__({self.items!r})"


def _plain(v: Any, depth: int = 0) -> Any:
    """Exact builtin copy of `v`; subclasses of builtins become their base (dropping any rigged methods)."""
    if depth > _MAX_DEPTH:
        raise NotPlain("nested too deeply")
    t = type(v)
    if t in _PLAIN:
        return v
    d = depth + 1
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, int):
        return int.__int__(v)
    if isinstance(v, float):
        return float.__float__(v)
    if isinstance(v, complex):
        return complex(float.__float__(v.real), float.__float__(v.imag))
    if isinstance(v, str):
        return str.__str__(v)
    if isinstance(v, (bytes, bytearray)):
        return bytes(memoryview(v))
    if isinstance(v, tuple):
        return tuple(_plain(x, d) for x in tuple.__iter__(v))
    if isinstance(v, list):
        return [_plain(x, d) for x in list.__iter__(v)]
    if isinstance(v, dict):
        return {_plain(k, d): _plain(x, d) for k, x in dict.items(v)}
    if isinstance(v, frozenset):
        return frozenset(_plain(x, d) for x in frozenset.__iter__(v))
    if isinstance(v, set):
        return {_plain(x, d) for x in set.__iter__(v)}
    if isinstance(v, _ITERATORS):
        return _Items([_plain(x, d) for x in v])
    raise NotPlain(t.__name__)


def encode(v: Any) -> str:
    """Text of `v` as plain data (child side). Raises NotPlain for anything else."""
    try:
        marshal.dumps(v)  # C-speed check that every part is an exact builtin type
    except (ValueError, TypeError):
        v = _plain(v)
    else:
        if type(v) not in _PLAIN:
            v = marshal.loads(marshal.dumps(v))  # buffer objects (bytearray...) become bytes
    try:
        return repr(v)
    except (ValueError, RecursionError) as e:  # int over the digit limit, self-referencing containers
        raise NotPlain(str(e)) from None


_NAMES = {"nan": math.nan, "inf": math.inf, "Ellipsis": ...}
_CONSTANTS = {"True": True, "False": False, "None": None}


def decode(text: str) -> Any:
    """Rebuild a value from `encode`'s text (judge side). Literals only; raises ValueError on anything else."""
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text.isascii() and text.isdigit() and len(text) < 20:  # the common case, without the parser
        return int(text)
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, MemoryError, RecursionError) as e:
        raise ValueError(f"not a value: {e}") from None
    return _literal(tree.body)


def _literal(n: ast.AST) -> Any:
    if isinstance(n, ast.Constant):
        return n.value
    if isinstance(n, ast.Tuple):
        return tuple(_literal(e) for e in n.elts)
    if isinstance(n, ast.List):
        return [_literal(e) for e in n.elts]
    if isinstance(n, ast.Set):
        return {_literal(e) for e in n.elts}
    if isinstance(n, ast.Dict) and None not in n.keys:
        return {_literal(k): _literal(v) for k, v in zip(n.keys, n.values, strict=True)}
    if isinstance(n, ast.Name) and n.id in _NAMES:
        return _NAMES[n.id]
    if isinstance(n, ast.UnaryOp) and isinstance(n.op, (ast.USub, ast.UAdd)):
        x = _literal(n.operand)
        if type(x) in (int, float, complex):
            return -x if isinstance(n.op, ast.USub) else x
    if isinstance(n, ast.BinOp) and isinstance(n.op, (ast.Add, ast.Sub)):  # complex: (1+2j), (nan-1j)
        a, b = _literal(n.left), _literal(n.right)
        if type(a) in (int, float) and type(b) is complex:
            return a + b if isinstance(n.op, ast.Add) else a - b
    if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and not n.keywords and len(n.args) <= 1:
        arg = _literal(n.args[0]) if n.args else ()
        if n.func.id == "set":
            return set(arg)
        if n.func.id == "frozenset":
            return frozenset(arg)
        if n.func.id == "__iter__" and type(arg) is list:
            return Iterated(arg)
    raise ValueError(f"not a plain value: {ast.dump(n)[:80]}")
