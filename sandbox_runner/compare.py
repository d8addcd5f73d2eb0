"""Judge-side comparisons: APPS-tolerant standard output, and call-based return values.

WHY tolerant: APPS expected outputs differ from correct programs' outputs in trailing spaces, blank lines and
float formatting; an exact compare would punish right answers (a wrong verdict is a wrong gradient).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Tolerance:
    rel: float = 1e-5  # numpy.allclose's defaults, which APPS's checker used
    abs: float = 1e-8


DEFAULT = Tolerance()


def _lines(text: str) -> list[str]:
    lines = [ln.rstrip() for ln in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _token_equal(a: str, b: str, tol: Tolerance) -> bool:
    if a == b:
        return True
    try:
        x, y = float(a), float(b)
    except ValueError:
        return False
    if math.isnan(x) or math.isnan(y):
        return False
    return math.isclose(x, y, rel_tol=tol.rel, abs_tol=tol.abs)


def _tokens_equal(a: list[str], b: list[str], tol: Tolerance) -> bool:
    return len(a) == len(b) and all(_token_equal(x, y, tol) for x, y in zip(a, b, strict=True))


def stdout_equal(got: str, expected: str, tol: Tolerance = DEFAULT) -> bool:
    """APPS-style: ignore trailing whitespace and blank lines; compare line by line, token by token, floats
    within tolerance; as a last resort ignore how the tokens are split into lines."""
    g, e = _lines(got), _lines(expected)
    if g == e:
        return True
    if len(g) == len(e) and all(_tokens_equal(x.split(), y.split(), tol) for x, y in zip(g, e, strict=True)):
        return True
    return _tokens_equal(got.split(), expected.split(), tol)


def values_close(got: Any, expected: Any, tol: Tolerance = DEFAULT) -> bool:
    """Equality where tuples match lists (JSON has no tuples) and floats match within tolerance.

    Booleans are their own type here (Python says `True == 1`): a function that should return a count must not
    pass by returning True, nor a predicate by returning 1."""
    if isinstance(got, bool) or isinstance(expected, bool):
        return type(got) is type(expected) and got == expected
    if isinstance(got, float) or isinstance(expected, float):
        if type(got) in (int, float) and type(expected) in (int, float):
            return got == expected or math.isclose(got, expected, rel_tol=tol.rel, abs_tol=tol.abs)
        return False
    if isinstance(got, (list, tuple)) and isinstance(expected, (list, tuple)):
        return len(got) == len(expected) and all(
            values_close(a, b, tol) for a, b in zip(got, expected, strict=True)
        )
    if isinstance(got, dict) and isinstance(expected, dict):
        return got.keys() == expected.keys() and all(values_close(got[k], expected[k], tol) for k in got)
    return got == expected


def call_equal(got: Any, expected: Any, tol: Tolerance = DEFAULT) -> bool:
    """APPS call-based: the return value, or, because APPS wraps some answers in a one-element list, the
    return value against that list's only element."""
    if values_close(got, expected, tol):
        return True
    return isinstance(expected, list) and len(expected) == 1 and values_close(got, expected[0], tol)
