"""`python -m rltf.data describe`: counts per split, format and difficulty; clear errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from rltf.data.__main__ import main
from rltf.data.jsonl import dump
from rltf.data.schema import Problem
from sandbox_runner.schema import Format
from sandbox_runner.schema import Tests as Spec  # not `Tests`: pytest would try to collect it


def problem(pid: str, fmt: Format, difficulty: str) -> Problem:
    tests = {
        Format.STDIO: Spec(Format.STDIO, inputs=["1\n"], outputs=["1\n"]),
        Format.MBPP: Spec(Format.MBPP, asserts=["assert f() == 1"], fn_name="f"),
    }[fmt]
    return Problem(pid, "s", tests, difficulty=difficulty, solutions=["x"] if fmt is Format.MBPP else [])


def test_describe_counts(tmp_path, capsys):
    train = [problem(f"a{i}", Format.STDIO, "easy") for i in range(3)] + [problem("b", Format.MBPP, "hard")]
    dump(train, tmp_path / "train.jsonl")
    dump([problem("c", Format.MBPP, "")], tmp_path / "test.jsonl")
    assert main(["describe", "jsonl", "--path", str(tmp_path)]) == 0
    rows = [line.replace("│", " ").split() for line in capsys.readouterr().out.splitlines()]
    assert ["train", "stdio", "easy", "3", "0", "0"] in rows
    assert ["train", "mbpp", "hard", "1", "1", "0"] in rows
    assert ["train", "all", "4"] in rows
    assert ["test", "mbpp", "-", "1", "1", "0"] in rows and ["test", "all", "1"] in rows
    assert main(["describe", "jsonl", "--path", str(tmp_path), "--split", "test"]) == 0
    assert "train" not in capsys.readouterr().out


def test_describe_missing_data_is_an_error_not_a_traceback(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "rltf.data", "describe", "leetcode", "--path", str(tmp_path / "nope.jsonl")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "nope.jsonl" in r.stderr and "newfacade/LeetCodeDataset" in r.stderr


@pytest.mark.data
def test_describe_real_mbpp(data_dir, capsys):
    assert main(["describe", "mbpp", "--path", str(data_dir)]) == 0
    rows = [line.replace("│", " ").split() for line in capsys.readouterr().out.splitlines()]
    assert ["test", "all", "500"] in rows and ["train", "all", "374"] in rows
