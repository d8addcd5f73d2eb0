"""`python -m rltf.feedback explain` as a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from rltf.data.schema import Problem
from sandbox_runner import schema

PROBLEM = Problem(
    id="demo/add",
    statement="Add two numbers.",
    tests=schema.Tests(
        schema.Format.CALL, inputs=[[1, 2], [3, 4], [0, 0]], outputs=[3, 7, 0], fn_name="solve"
    ),
    starter_code="def solve(a, b):\n",
)
BODY = "    x = 10 // b\n    b = 0\n    x = 10 // b\n    return a + b\n"


def explain(tmp_path, code: str, completion: str) -> subprocess.CompletedProcess:
    (tmp_path / "p.json").write_text(json.dumps(PROBLEM.to_dict()))
    (tmp_path / "code.py").write_text(code)
    (tmp_path / "completion.txt").write_text(completion)
    cmd = [sys.executable, "-m", "rltf.feedback", "explain", "--problem", str(tmp_path / "p.json")]
    cmd += ["--code", str(tmp_path / "code.py"), "--completion", str(tmp_path / "completion.txt")]
    return subprocess.run(
        cmd, capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"}
    )


@pytest.mark.slow
def test_explain_shows_verdict_rewards_category_and_penalised_tokens(tmp_path):
    out = explain(tmp_path, PROBLEM.starter_code + BODY, f"Sure.\n```python\n{BODY}```\nDone.\n")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "ZeroDivisionError" in text and "runtime_error (0/3 passed" in text
    assert "coarse reward: -0.6000" in text and "adaptive reward: -0.6000" in text
    assert "category: line  line: 4" in text
    assert ">>    4 |     x = 10 // b" in text and ">>    2" not in text
    tokens = text.split("penalised tokens (id:text):")[1]
    assert "' //'" in tokens and "return" not in tokens and "Sure" not in tokens


def test_explain_refuses_code_missing_from_the_completion(tmp_path):
    out = explain(tmp_path, "def solve(a, b):\n    return a * b\n", f"```python\n{BODY}```\n")
    assert out.returncode != 0
    assert "--code is not found in --completion" in out.stderr
