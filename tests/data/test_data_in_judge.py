"""The format conversions are right only if reference solutions pass in the judge and wrong ones fail:
small hand-written problems in each source's row layout, then a few real problems of every data set."""

from __future__ import annotations

import json

import pytest

from rltf.data import Problem, load
from sandbox_runner.judge import judge
from sandbox_runner.schema import Job, Limits, Status, StopPolicy


@pytest.fixture(scope="module")
def local_judge():
    local = pytest.importorskip("sandbox_runner.local", reason="LocalJudge (judge-core) not available yet")
    j = local.LocalJudge(workers=2)
    yield j
    j.close()


def verdicts(j, problems: list[Problem], programs: list[str]):
    limits = Limits(time_s=10.0, stop=StopPolicy.FIRST_FAILURE)  # generous: two shared cores
    jobs = [Job(code, p.tests, limits, id=p.id) for p, code in zip(problems, programs, strict=True)]
    return judge(j, jobs)


def assert_all_pass(j, problems: list[Problem]) -> None:
    got = verdicts(j, problems, [p.solutions[0] for p in problems])
    failed = {
        v.id: (v.outcome.value, v.tests[-1].message if v.tests else None)
        for v in got
        if v.outcome is not Status.PASSED
    }
    assert not failed
    assert all(v.passed == v.total > 0 for v in got)


# --- hand-written rows in each layout -----------------------------------------------------------------

APPS_CALL_SOLUTION = (
    "class Solution:\n    def kth(self, arr: List[int], k: int) -> List[int]:\n        return [arr[k]]\n"
)


def test_apps_call_based_with_wrapped_and_bare_outputs(local_judge, tmp_path):
    # `List` comes from APPS' import header; [[x]] is APPS' wrapping of the return value [x].
    io = {"fn_name": "kth", "inputs": [[[5, 6, 7], 1], [[1], 0]], "outputs": [[[6]], [1]]}
    row = {"problem_id": 9, "question": "q", "solutions": json.dumps([APPS_CALL_SOLUTION]),
           "input_output": json.dumps(io), "difficulty": "introductory", "starter_code": "class Solution:\n"}  # fmt: skip
    (tmp_path / "apps.jsonl").write_text(json.dumps(row) + "\n")
    [p] = load("apps", "train", tmp_path / "apps.jsonl")
    assert_all_pass(local_judge, [p])
    [wrong] = verdicts(local_judge, [p], [APPS_CALL_SOLUTION.replace("arr[k]", "arr[0]")])
    assert wrong.outcome is Status.WRONG_ANSWER


def test_apps_stdio_lines_and_leetcode_entry_expression(local_judge, tmp_path):
    apps_row = {"problem_id": 1, "question": "sum", "solutions": json.dumps(["print(sum(map(int, input().split())))"]),
                "input_output": json.dumps({"inputs": [["1 2"]], "outputs": [["3"]]}), "difficulty": "interview"}  # fmt: skip
    lc_row = {
        "task_id": "list-len", "problem_description": "Length of a linked list.", "difficulty": "Easy",
        "prompt": "from typing import *\n\nclass ListNode:\n    def __init__(self, val=0, next=None):\n"
                  "        self.val = val\n        self.next = next\n",
        "completion": "class Solution:\n    def size(self, head: Optional[ListNode]) -> int:\n"
                      "        return 0 if head is None else 1 + self.size(head.next)\n",
        "entry_point": "Solution().size",
        "test": "def check(candidate):\n    assert candidate(ListNode(1, ListNode(2))) == 2\n    assert candidate(None) == 0\n",
    }  # fmt: skip
    (tmp_path / "apps.jsonl").write_text(json.dumps(apps_row) + "\n")
    (tmp_path / "lc.jsonl").write_text(json.dumps(lc_row) + "\n")
    problems = load("apps", "train", tmp_path / "apps.jsonl") + load(
        "leetcode", "test", tmp_path / "lc.jsonl"
    )
    assert_all_pass(local_judge, problems)
    wrong = verdicts(local_judge, problems, ["print(0)", lc_row["completion"].replace("1 +", "2 +")])
    assert [v.outcome for v in wrong] == [Status.WRONG_ANSWER, Status.WRONG_ANSWER]


def test_mbpp_setup_code_runs_after_the_candidate(local_judge, tmp_path):
    row = {"task_id": 12, "text": "Tree height.", "challenge_test_list": [],
           "code": "class Node:\r\n    def __init__(self, kids=()):\r\n        self.kids = kids\r\n"
                   "def height(n):\r\n    return 1 + max((height(k) for k in n.kids), default=0)",
           "test_setup_code": "root = Node((Node(), Node((Node(),))))",
           "test_list": ["assert height(root) == 3", "assert height(Node()) == 1"]}  # fmt: skip
    (tmp_path / "mbpp.jsonl").write_text(json.dumps(row) + "\n")
    problems = load("mbpp", "test", tmp_path / "mbpp.jsonl")
    assert_all_pass(local_judge, problems)
    [wrong] = verdicts(local_judge, problems, [problems[0].solutions[0].replace("1 +", "2 +")])
    assert wrong.outcome is Status.WRONG_ANSWER


# --- real data ----------------------------------------------------------------------------------------


@pytest.mark.data
@pytest.mark.parametrize(
    "name, split, ids",
    [
        ("apps", "train", ["apps/train/0001", "apps/train/0111", "apps/train/2404", "apps/train/4184"]),
        ("mbpp", "test", ["mbpp/11", "mbpp/12", "mbpp/367", "mbpp/500"]),  # 367 has test_setup_code
        ("mbpp_sanitized", "test", ["mbpp/11", "mbpp/12"]),
        ("mbpp", "train", ["mbpp/927", "mbpp/974"]),  # 927 has test_setup_code
        (
            "humaneval",
            "test",
            ["HumanEval/0", "HumanEval/32", "HumanEval/33", "HumanEval/163"],
        ),  # 32: poly, 33: sort_third
        ("leetcode", "test", None),  # the first 4: Solution().method entry points, helper prompt as setup
        ("leetcode", "train", None),
    ],
)
def test_real_reference_solutions_pass(local_judge, data_dir, name, split, ids):
    problems = load(name, split, data_dir)
    chosen = [p for p in problems if p.id in ids] if ids else problems[:4]
    assert len(chosen) == (len(ids) if ids else 4)
    assert_all_pass(local_judge, chosen)
    # And a program that returns/prints nothing useful fails every one of them.
    got = verdicts(local_judge, chosen, ["print()\nclass Solution:\n    pass\n"] * len(chosen))
    assert all(v.outcome is not Status.PASSED for v in got)
