"""Code extraction: which code is found, and that its span in the completion is exact
(`code == prefix + completion[start:end]`), which the token penalties rely on."""

from __future__ import annotations

import pytest

from rltf.data.extract import extract_code, fenced_blocks

FENCE = "```"
SOLUTION = "def f(x):\n    return x + 1\n"

CASES = [
    # (name, completion, entry_point, expected code)
    ("python fence with prose around", f"Here you go:\n{FENCE}python\n{SOLUTION}{FENCE}\nIt adds one.\n", "f", SOLUTION),
    ("py fence", f"{FENCE}py\n{SOLUTION}{FENCE}", None, SOLUTION),
    ("bare fence", f"{FENCE}\n{SOLUTION}{FENCE}\n", None, SOLUTION),
    ("python3 tag, spaces after fence", f"{FENCE} python3 \n{SOLUTION}{FENCE}  \n", None, SOLUTION),
    ("unterminated final fence (cut by the token limit)", f"Sure.\n{FENCE}python\ndef f(x):\n    return [x,\n", "f",
     "def f(x):\n    return [x,\n"),
    ("block defining the entry point wins over a longer example block",
     f"{FENCE}python\n{SOLUTION}{FENCE}\nUsage:\n{FENCE}python\nfor i in range(10):\n    print(i, f(i), f(i) * 2)\n{FENCE}\n",
     "f", SOLUTION),
    ("entry point given as Solution().method",
     f"{FENCE}python\nx = 1\n{FENCE}\n{FENCE}python\nclass Solution:\n    def go(self):\n        return 1\n{FENCE}", "Solution().go",
     "class Solution:\n    def go(self):\n        return 1\n"),
    ("no entry point: the longest block", f"{FENCE}python\nimport os\n{FENCE}\n{FENCE}python\n{SOLUTION}{FENCE}\n", None, SOLUTION),
    ("two blocks define it: the longest", f"{FENCE}python\ndef f(x): ...\n{FENCE}\n{FENCE}python\n{SOLUTION}{FENCE}\n", "f", SOLUTION),
    ("other languages are skipped", f"{FENCE}bash\npip install numpy\n{FENCE}\n{FENCE}python\n{SOLUTION}{FENCE}\n", None, SOLUTION),
    ("no block: whole completion", SOLUTION, "f", SOLUTION),
    ("no block: leading and trailing prose dropped",
     f"Here is the code that solves it:\n\n{SOLUTION}\n\nThis function returns its input plus one.\n", "f", SOLUTION),
    ("no block: syntax error kept, not trimmed away", "def f(x)\n    return x\n", "f", "def f(x)\n    return x\n"),
    ("no block: code lines that look wordy are kept", "print x y z\nreturn the value\n", None,
     "print x y z\nreturn the value\n"),
    ("no block: only prose is returned whole", "I cannot solve this task.", None, "I cannot solve this task."),
    ("function body continuation (plain prompt)", "    return x + 1\n\n\nThis is the end.\n", "f", "    return x + 1\n"),
    ("empty completion", "", "f", ""),
]  # fmt: skip


@pytest.mark.parametrize("name, completion, entry_point, expected", CASES, ids=[c[0] for c in CASES])
def test_extract(name, completion, entry_point, expected):
    got = extract_code(completion, entry_point=entry_point)
    assert got.code == expected
    assert got.code == got.prefix + completion[got.start : got.end]


@pytest.mark.parametrize("name, completion, entry_point, expected", CASES, ids=[c[0] for c in CASES])
def test_prefix_is_prepended_and_not_part_of_the_span(name, completion, entry_point, expected):
    prefix = "def f(x):\n    '''add one'''\n"
    got = extract_code(completion, prefix=prefix, entry_point=entry_point)
    assert got.prefix == prefix and got.code == prefix + expected
    assert got.code == prefix + completion[got.start : got.end]


def test_span_points_at_the_right_place_when_the_text_repeats():
    # The same code appears twice; the second (entry-point defining, longer) block must be the one located.
    first = f"{FENCE}python\nx = 1\n{FENCE}\n"
    completion = f"{first}{FENCE}python\nx = 1\ndef f():\n    return x\n{FENCE}\n"
    got = extract_code(completion, entry_point="f")
    assert got.start == len(first) + len(f"{FENCE}python\n")
    assert completion[got.start : got.end] == "x = 1\ndef f():\n    return x\n"


def test_fenced_blocks_spans():
    text = f"a\n{FENCE}python\nA\n{FENCE}\nb\n{FENCE}\nB\nC\n{FENCE}\n{FENCE}python\nD"
    assert [text[s:e] for s, e in fenced_blocks(text)] == ["A\n", "B\nC\n", "D"]
