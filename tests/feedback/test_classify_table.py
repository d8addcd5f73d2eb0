"""The fine-grained classifier on REAL verdicts: every program below is run through the real judge.

Each row: name, tests, code, expected program outcome, expected category, expected line (and options).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from rltf.feedback.categories import Category, classify
from rltf.feedback.config import RewardConfig
from rltf.feedback.rewards import Outcome, outcome_of
from sandbox_runner.schema import Format, Job, Limits
from sandbox_runner.schema import Tests as Spec  # not named Test*: pytest would try to collect it

CALL = Spec(Format.CALL, inputs=[[1, 2], [3, 4], [10, -1], [0, 0]], outputs=[3, 7, 9, 0], fn_name="solve")
STDIO = Spec(Format.STDIO, inputs=["1 2\n", "3 4\n"], outputs=["3\n", "7\n"])
MBPP = Spec(Format.MBPP, asserts=["assert solve(1, 2) + 1 == 4", "assert solve(3, 4) == 7"])
CHECK = Spec(
    Format.CHECK,
    check="def check(candidate):\n    assert candidate(1, 2) == 3\n    assert candidate(3, 4) == 7\n",
    fn_name="solve",
)
TESTS = {Format.CALL: CALL, Format.STDIO: STDIO, Format.MBPP: MBPP, Format.CHECK: CHECK}
LIMITS = Limits(time_s=2.0, memory_mb=256)  # short: the timeout rows wait this long

S, R, F, P = Outcome.SYNTAX, Outcome.RUNTIME, Outcome.FAIL, Outcome.PASS
LINE, GLOBAL, IGNORE = Category.LINE, Category.GLOBAL, Category.IGNORE


@dataclass(frozen=True)
class Row:
    name: str
    code: str
    outcome: Outcome
    category: Category
    line: int | None = None
    fmt: Format = Format.CALL
    truncated: bool = False
    timeout_category: str = "global"


TABLE = [
    # --- syntax errors, Python 3.11 wording, classified structurally
    Row("unclosed_paren_eof", "def solve(a, b):\n    return max(a + b,\n", S, GLOBAL),
    # A bracket left open before code that cannot continue it: the parser fails before the end -> its line.
    Row("unclosed_paren_mid_file", "def solve(a, b):\n    x = (a + b\n    return x\n", S, LINE, 2),
    Row("unclosed_list_runs_to_eof", "def solve(a, b):\n    xs = [a,\n          b,\n\n", S, GLOBAL),
    Row("unclosed_list_eof", "def solve(a, b):\n    xs = [a, b,\n", S, GLOBAL),
    Row("backslash_continuation_eof", "def solve(a, b):\n    return a + \\\n", S, GLOBAL),
    Row("unterminated_triple_quote", 'def solve(a, b):\n    """doc\n    return a + b\n', S, GLOBAL),
    Row("unterminated_string_mid", "def solve(a, b):\n    s = 'abc\n    return a + b\n", S, LINE, 2),
    Row("unterminated_string_last_line", "def solve(a, b):\n    return 'abc\n", S, GLOBAL),
    Row("missing_colon_def", "def solve(a, b)\n    return a + b\n", S, LINE, 1),
    Row(
        "missing_colon_if_mid",
        "def solve(a, b):\n    if a > b\n        return a + b\n    return b + a\n",
        S,
        LINE,
        2,
    ),
    Row("missing_colon_last_line", "def solve(a, b):\n    return a + b\nfor i in range(3)\n", S, GLOBAL),
    Row("incomplete_expression_last", "def solve(a, b):\n    return a +\n", S, GLOBAL),
    Row("invalid_operator_mid", "def solve(a, b):\n    x = a +* b\n    return x\n", S, LINE, 2),
    Row("assign_to_literal", "def solve(a, b):\n    1 = a\n    return a + b\n", S, LINE, 2),
    Row("fstring_error", "def solve(a, b):\n    s = f'{a +}'\n    return a + b\n", S, LINE, 2),
    Row(
        "too_deeply_nested_last",
        "def solve(a, b):\n    return " + "(" * 300 + "a" + ")" * 300 + "\n",
        S,
        GLOBAL,
    ),
    Row("def_without_body", "def solve(a, b):\n", S, GLOBAL),
    Row("for_without_body", "def solve(a, b):\n    for i in range(a):\n", S, GLOBAL),
    Row("trailing_blank_after_header", "def solve(a, b):\n    if a:\n\n\n", S, GLOBAL),
    Row("unexpected_indent", "def solve(a, b):\n    x = a\n        y = b\n    return x + y\n", S, IGNORE),
    Row(
        "unindent_mismatch_last",
        "def solve(a, b):\n    if a:\n        x = 1\n      return a + b\n",
        S,
        IGNORE,
    ),
    Row("missing_indent_mid", "def solve(a, b):\nreturn a + b\nx = 1\n", S, IGNORE),
    Row("tab_error", "def solve(a, b):\n    if a:\n        x = a\n\treturn x + b\n", S, IGNORE),
    Row("header_cut_without_newline", "def solve(a, b):\n    if a > b:", S, GLOBAL),
    Row("null_byte", "def solve(a, b):\n    return a\x00 + b\n", S, IGNORE),
    Row(
        "nonlocal_mid",
        "def solve(a, b):\n    def g():\n        nonlocal z\n        return 1\n    return a + b\n",
        S,
        LINE,
        3,
    ),
    Row("nonlocal_last_line", "def solve(a, b):\n    return a + b\ndef g():\n    nonlocal q\n", S, LINE, 4),
    Row("return_outside_function", "x = 1\nreturn x\ndef solve(a, b):\n    return a + b\n", S, LINE, 2),
    # --- runtime errors: the innermost frame in the candidate's code
    Row("name_error", "def solve(a, b):\n    return a + c\n", R, LINE, 2),
    Row(
        "type_error_nested_call",
        "def helper(x):\n    return x + 'a'\n\ndef solve(a, b):\n    return helper(a) + b\n",
        R,
        LINE,
        2,
    ),
    Row("index_error", "def solve(a, b):\n    xs = [a, b]\n    return xs[2]\n", R, LINE, 3),
    Row("key_error", "def solve(a, b):\n    d = {'a': a}\n    return d['b'] + b\n", R, LINE, 3),
    Row("zero_division", "def solve(a, b):\n    return a // 0\n", R, LINE, 2),
    Row("attribute_error", "def solve(a, b):\n    return a.value + b\n", R, LINE, 2),
    Row("value_error", "def solve(a, b):\n    return int('x') + a + b\n", R, LINE, 2),
    Row("unbound_local", "def solve(a, b):\n    if a > 100:\n        c = 1\n    return c + a\n", R, LINE, 4),
    Row("assert_in_candidate", "def solve(a, b):\n    assert a > 100\n    return a + b\n", R, LINE, 2),
    Row(
        "custom_exception",
        "class Oops(Exception):\n    pass\n\ndef solve(a, b):\n    raise Oops('no')\n",
        R,
        LINE,
        5,
    ),
    Row(
        "raised_in_json_library",
        "import json\n\ndef solve(a, b):\n    return json.loads('{bad') + a\n",
        R,
        LINE,
        4,
    ),
    Row(
        "callback_through_sorted",
        "def key(x):\n    return x / 0\n\ndef solve(a, b):\n    return sorted([a, b], key=key)[0]\n",
        R,
        LINE,
        2,
    ),
    Row("generator_expression", "def solve(a, b):\n    return sum(1 / x for x in [a, b, 0])\n", R, LINE, 2),
    Row("module_level_error", "x = [][0]\ndef solve(a, b):\n    return a + b\n", R, LINE, 1),
    Row(
        "class_solution_method",
        "class Solution:\n    def solve(self, a, b):\n        return self.helper(a) + b\n    def helper(self, x):\n        return x[0]\n",
        R,
        LINE,
        5,
    ),
    Row("import_error", "from math import nosuch\n\ndef solve(a, b):\n    return a + b\n", R, LINE, 1),
    Row("module_not_found", "import numpyx_not_here\ndef solve(a, b):\n    return a + b\n", R, LINE, 1),
    Row("sys_exit_in_call", "import sys\ndef solve(a, b):\n    sys.exit(1)\n", R, LINE, 3),
    Row("os_exit_unlocatable", "import os\ndef solve(a, b):\n    os._exit(3)\n", R, IGNORE),
    Row("recursion", "def solve(a, b):\n    return solve(a, b)\n", R, GLOBAL),
    Row(
        "mutual_recursion",
        "def f(n):\n    return g(n)\n\ndef g(n):\n    return f(n)\n\ndef solve(a, b):\n    return f(a)\n",
        R,
        GLOBAL,
    ),
    Row(
        "memory_one_allocation", "def solve(a, b):\n    xs = [0] * (10 ** 10)\n    return a + b\n", R, LINE, 2
    ),
    Row(
        "memory_growing",
        "def solve(a, b):\n    xs = []\n    while True:\n        xs.append(bytes(10 ** 8))\n",
        R,
        LINE,
        4,
    ),
    Row("timeout_paper_intent", "def solve(a, b):\n    while True:\n        pass\n", R, GLOBAL),
    Row(
        "timeout_released_code",
        "def solve(a, b):\n    while True:\n        pass\n",
        R,
        IGNORE,
        timeout_category="ignore",
    ),
    Row("output_flood", "def solve(a, b):\n    while True:\n        print('x' * 1000)\n", R, GLOBAL),
    Row("forbidden_syscall", "import os\ndef solve(a, b):\n    os.fork()\n    return a + b\n", R, IGNORE),
    # --- other test formats
    Row(
        "stdio_zero_division",
        "a, b = map(int, input().split())\nprint(a / 0)\n",
        R,
        LINE,
        2,
        fmt=Format.STDIO,
    ),
    Row("stdio_parse_error", "a = int(input())\nprint(a)\n", R, LINE, 1, fmt=Format.STDIO),
    Row(
        "stdio_exit_code",
        "import sys\na, b = map(int, input().split())\nsys.exit(3)\n",
        R,
        LINE,
        3,
        fmt=Format.STDIO,
    ),
    Row(
        "stdio_exit_0_early",
        "import sys\nsys.exit(0)\na, b = map(int, input().split())\nprint(a + b)\n",
        F,
        IGNORE,
        fmt=Format.STDIO,
    ),
    Row("mbpp_error_in_candidate", "def solve(a, b):\n    return [a][b]\n", R, LINE, 2, fmt=Format.MBPP),
    Row("mbpp_error_in_test_code", "def solve(a, b):\n    print(a)\n", F, IGNORE, fmt=Format.MBPP),
    Row("check_error_in_candidate", "def solve(a, b):\n    return a + {}[a]\n", R, LINE, 2, fmt=Format.CHECK),
    Row("check_wrong_answer", "def solve(a, b):\n    return 3\n", F, IGNORE, fmt=Format.CHECK),
    # --- wrong answers, passes, truncation by the token limit
    Row("wrong_answer", "def solve(a, b):\n    return a - b\n", F, IGNORE),
    Row("passes", "def solve(a, b):\n    return a + b\n", P, IGNORE),
    Row("truncated_syntax_error", "def solve(a, b):\n    x = a\n    return a +", S, GLOBAL, truncated=True),
    Row("truncated_runtime_error", "def solve(a, b):\n    return a // 0\n", R, GLOBAL, truncated=True),
    Row("truncated_wrong_answer", "def solve(a, b):\n    return a - b\n", F, GLOBAL, truncated=True),
    Row("truncated_but_passes", "def solve(a, b):\n    return a + b\n", P, IGNORE, truncated=True),
]


@pytest.fixture(scope="module")
def verdicts(local_judge):
    futures = {
        row.name: local_judge.submit(Job(row.code, TESTS[row.fmt], LIMITS, id=row.name)) for row in TABLE
    }
    return {name: f.result() for name, f in futures.items()}


def test_table_is_large_and_names_unique():
    assert len({row.name for row in TABLE}) == len(TABLE) >= 40


@pytest.mark.parametrize("row", TABLE, ids=lambda r: r.name)
def test_category_and_line_on_real_verdicts(row, verdicts):
    verdict = verdicts[row.name]
    assert outcome_of(verdict) is row.outcome, verdict
    cfg = RewardConfig(timeout_category=row.timeout_category)
    got = classify(verdict, row.code, truncated=row.truncated, cfg=cfg)
    assert (got.category, got.line) == (row.category, row.line), (got.reason, verdict.first_error)
