"""The pure parts of the judge: plain-value serialisation, APPS-tolerant comparison, splitting asserts."""

from __future__ import annotations

import ast
import math
from collections import Counter, OrderedDict, namedtuple

import pytest

from sandbox_runner.compare import call_equal, stdout_equal, values_close
from sandbox_runner.split import Source, Splitter, compile_expr, evaluate
from sandbox_runner.values import Iterated, NotPlain, decode, encode


@pytest.mark.parametrize(
    "value",
    [0, -7, 10**30, 1.5, -0.0, math.inf, 1 + 2j, "a'\"\n", b"\x00b", None, True, (), (1, [2, {3: "x"}]),
     {1, 2}, frozenset({"a"}), {"k": [1.0, None]}, [[]], ...],
)  # fmt: skip
def test_plain_values_round_trip_with_their_types(value):
    back = decode(encode(value))
    assert back == value and type(back) is type(value)


def test_nan_round_trips():
    assert math.isnan(decode(encode(math.nan)))


def test_subclasses_of_builtins_lose_their_methods():
    class Liar(int):
        def __eq__(self, other):
            return True

        __hash__ = int.__hash__

    P = namedtuple("P", "a b")
    assert type(decode(encode(Liar(3)))) is int and decode(encode(Liar(3))) == 3
    assert decode(encode([Counter("aab"), OrderedDict(x=1), P(1, 2)])) == [{"a": 2, "b": 1}, {"x": 1}, (1, 2)]


def test_iterators_become_their_items_but_stay_distinct_from_lists():
    v = decode(encode(map(abs, [-1, 2])))
    assert isinstance(v, Iterated) and list(v) == [1, 2] and v != [1, 2]


def test_non_plain_values_are_refused():
    class Thing:
        pass

    for bad in (Thing(), [Thing()], {1: object()}, len):
        with pytest.raises(NotPlain):
            encode(bad)


@pytest.mark.parametrize("text", ["__import__('os')", "f(1)", "x", "1 if 1 else 2", "[1, 2][0]", "lambda: 1"])
def test_decode_accepts_literals_only(text):
    with pytest.raises(ValueError):
        decode(text)


def test_stdout_comparison_is_apps_tolerant():
    assert stdout_equal("1 2  \n3\n\n\n", "1 2\n3")
    assert stdout_equal("0.3333333\n", "0.33333333333")
    assert stdout_equal("1\n2\n", "1 2")  # token split across lines differently
    assert not stdout_equal("1 2\n", "1 3\n")
    assert not stdout_equal("0.34\n", "0.33\n")
    assert stdout_equal("nan\n", "nan\n")


def test_call_comparison_matches_apps():
    assert call_equal((1, 2), [1, 2]) and call_equal([1, 2], [[1, 2]]) and call_equal(3, [3])
    assert call_equal(0.1 + 0.2, 0.3) and not call_equal(0.31, 0.3)
    assert values_close({"a": [1.0, (2,)]}, {"a": [1, [2]]}) and not values_close({"a": 1}, {"b": 1})


def test_booleans_do_not_match_numbers():
    assert values_close(True, True) and values_close([False], (False,))
    assert not values_close(True, 1) and not values_close(1, True) and not values_close(0.0, False)
    assert not call_equal(1, [True]) and not values_close({"k": [1]}, {"k": [True]})


def split(assertion: str) -> tuple[list[str], object]:
    stmt = ast.parse(assertion).body[0]
    sp = Splitter(Source(assertion), frozenset())
    return sp.exprs, compile_expr(sp.split(stmt.test))


def test_splitting_keeps_expected_values_in_the_judge():
    exprs, skeleton = split("assert sorted(f([3, 1])) == [1, 3]")
    assert exprs == ["f([3, 1])"]
    assert evaluate(skeleton, [[3, 1]]) is True and evaluate(skeleton, [[2]]) is False
    exprs, skeleton = split("assert abs(candidate(1.5) - 2.25) < 1e-6")
    assert exprs == ["candidate(1.5)"] and evaluate(skeleton, [2.25]) and not evaluate(skeleton, [2.3])


def test_child_side_comparisons_are_made_strict():
    exprs, _ = split("assert all(g(x) == x for x in range(3))")
    assert len(exprs) == 1 and "__judge_cmp__('Eq', g(x), x)" in exprs[0]


def test_skeleton_arithmetic_cannot_exhaust_the_judge():
    _, skeleton = split("assert 2 ** f() == 4")
    with pytest.raises(OverflowError):
        evaluate(skeleton, [10**9])
    _, skeleton = split("assert f() * 3 == 'xxx'")
    with pytest.raises(MemoryError):
        evaluate(skeleton, ["x" * (1 << 21)])
