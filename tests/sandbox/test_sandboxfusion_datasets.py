"""SandboxFusion's dataset API (sandbox_runner/datasets.py) through SandboxFusion's own SDK and plain HTTP, on a
real daemon: benchmark rows from the data directory (skipped without it), and a JSONL set written here."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.sandbox.judge_daemon import Daemon

pytest.importorskip("sandbox_fusion")
from sandbox_fusion import (  # noqa: E402
    GetPromptByIdRequest,
    GetPromptsRequest,
    SubmitRequest,
    TestConfig,
    get_prompt_by_id,
    get_prompts,
    submit,
)

MAX_TIME_S = 30


@pytest.fixture(scope="module")
def bench(data_dir):
    with Daemon("--data-dir", str(data_dir), "--max-time-s", str(MAX_TIME_S), workers=1) as d:
        yield d


@pytest.fixture(scope="module")
def mine(tmp_path_factory):
    """A daemon whose data directory holds only jsonl/mine.jsonl: two problems, call-based and stdin."""
    root = tmp_path_factory.mktemp("data")
    (root / "jsonl").mkdir()
    rows = [
        {"id": "mine/add", "statement": "Return a + b.", "starter_code": "def add(a, b):\n",
         "tests": {"format": "call", "fn_name": "add", "inputs": [[1, 2], [5, -5]], "outputs": [3, 0]}},
        {"id": "mine/echo", "statement": "Print the line read, twice.", "split": "test",
         "tests": {"format": "stdio", "inputs": ["hi\n"], "outputs": ["hihi\n"]}},
        {"id": "mine/other", "statement": "In another split.", "split": "train",
         "tests": {"format": "stdio", "inputs": ["x\n"], "outputs": ["x\n"]}},
    ]  # fmt: skip
    (root / "jsonl" / "mine.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with Daemon("--data-dir", str(root), workers=1) as d:
        yield d


def cfg(**kw) -> TestConfig:
    return TestConfig(**kw)


def reference(data_dir, name: str, problem_id: str) -> str:
    from rltf.data import load

    return next(p for p in load(name, "test", data_dir) if p.id == problem_id).solutions[0]


def post(d: Daemon, path: str, body: dict) -> httpx.Response:
    return httpx.post(d.url + path, json=body, timeout=60)


def test_list_datasets_names_the_sets(mine):
    names = httpx.get(mine.url + "/list_datasets").json()
    assert names == ["humaneval", "mbpp", "mbpp_sanitized", "leetcode", "apps", "embedded", "jsonl/mine"]


@pytest.mark.parametrize(
    ("dataset", "ids", "shown"),
    [
        ("humaneval", ["HumanEval/3", "HumanEval/4"], "def below_zero("),
        ("humaneval_python", ["HumanEval/3", "HumanEval/4"], "def below_zero("),
        ("mbpp", ["mbpp/14", "mbpp/15"], "assert find_Volume(10,8,6) == 240"),
    ],
)
def test_list_ids_and_get_prompts_page_through_real_rows(bench, dataset, ids, shown):
    page = {"dataset": dataset, "config": {}, "offset": 3, "limit": 2}
    assert post(bench, "/list_ids", page).json() == ids
    prompts = get_prompts(GetPromptsRequest(dataset=dataset, config=cfg(), offset=3, limit=2), bench.url)
    assert [p.id for p in prompts] == ids
    assert shown in prompts[0].prompt and "```python" in prompts[0].prompt
    assert prompts[0].labels["task_id"] == ids[0] and prompts[0].labels["system"]
    everything = post(bench, "/list_ids", {"dataset": dataset, "config": {}}).json()
    assert len(everything) == {"humaneval": 164, "humaneval_python": 164, "mbpp": 500}[dataset]
    assert post(bench, "/list_ids", {**page, "offset": len(everything)}).json() == []


def test_get_prompt_by_id(bench):
    p = get_prompt_by_id(GetPromptByIdRequest(dataset="humaneval", config=cfg(), id="HumanEval/0"), bench.url)
    assert p.id == "HumanEval/0"
    assert "def has_close_elements(numbers: List[float], threshold: float) -> bool:" in p.prompt
    assert p.labels["entry_point"] == "has_close_elements" and p.labels["format"] == "check"


@pytest.mark.parametrize(
    ("dataset", "problem_id", "n_tests"), [("humaneval", "HumanEval/0", 7), ("mbpp", "mbpp/11", 3)]
)
def test_submit_canonical_solution_is_accepted(bench, data_dir, dataset, problem_id, n_tests):
    solution = reference(data_dir, dataset, problem_id)
    completion = f"Here is my solution:\n```python\n{solution}\n```\nIt is simple."
    r = submit(
        SubmitRequest(dataset=dataset, id=problem_id, completion=completion, config=cfg()), bench.url, 1
    )
    assert r.accepted and r.id == problem_id and r.extracted_type == "fenced"
    assert r.extracted_code.strip() == solution.strip()
    assert len(r.tests) == n_tests and all(t.passed for t in r.tests)
    assert [t.test_info["index"] for t in r.tests] == list(range(n_tests))
    assert all(t.exec_info.status == "Success" for t in r.tests)
    assert r.extra == {**r.extra, "outcome": "passed", "passed": n_tests, "total": n_tests}


def test_submit_wrong_completion_names_the_failing_test(bench):
    completion = "```python\ndef remove_Occ(s, ch):\n    return s\n```"
    r = submit(SubmitRequest(dataset="mbpp", id="mbpp/11", completion=completion, config=cfg()), bench.url, 1)
    assert not r.accepted and r.extracted_type == "fenced"
    first = r.tests[0]
    assert not first.passed and first.exec_info.status == "Failed"
    assert first.test_info["status"] == "wrong_answer"
    assert first.test_info["test"] == 'assert remove_Occ("hello","l") == "heo"'
    assert first.test_info["got"] == "'hello'" and first.test_info["expected"] == "'heo'"
    assert len(r.tests) == 1 and r.extra["total"] == 3  # the evaluation stops at the first failure


def test_submit_without_code_is_empty_and_not_run(bench):
    completion = "I am not sure how to solve this problem, sorry."
    r = submit(
        SubmitRequest(dataset="humaneval", id="HumanEval/0", completion=completion, config=cfg()),
        bench.url,
        1,
    )
    assert r.extracted_type == "empty" and not r.accepted and r.tests == [] and r.extracted_code == ""


def test_unknown_dataset_is_404_naming_the_known_sets(bench):
    r = post(bench, "/get_prompts", {"dataset": "humaneval_cpp", "config": {}})
    assert r.status_code == 404
    detail = r.json()["detail"]
    assert "'humaneval_cpp'" in detail and all(n in detail for n in ("humaneval", "mbpp", "leetcode", "apps"))
    with pytest.raises(Exception, match="404"):
        submit(SubmitRequest(dataset="nope", id=1, completion="x = 1", config=cfg()), bench.url, 1)


def test_unknown_id_is_404_naming_dataset_and_id(bench):
    r = post(bench, "/get_prompt_by_id", {"dataset": "mbpp", "config": {}, "id": 9999})
    assert r.status_code == 404
    assert "'mbpp'" in r.json()["detail"] and "9999" in r.json()["detail"]
    with pytest.raises(Exception, match="HumanEval/9999"):
        get_prompt_by_id(
            GetPromptByIdRequest(dataset="humaneval", config=cfg(), id="HumanEval/9999"), bench.url
        )


def test_malformed_requests_name_the_field(bench):
    r = post(bench, "/list_ids", {"dataset": "mbpp", "config": {}, "offset": -1})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "offset"]
    r = post(bench, "/submit", {"dataset": "mbpp", "id": "mbpp/11", "config": {}})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "completion"]
    body = {"dataset": "mbpp", "id": "mbpp/11", "completion": "x = 1"}
    r = post(bench, "/submit", {**body, "config": {"run_timeout": MAX_TIME_S + 1}})
    assert (
        r.status_code == 400
        and "config.run_timeout" in r.json()["detail"]
        and "--max-time-s" in r.json()["detail"]
    )
    r = post(bench, "/submit", {**body, "config": {"extra": {"stop": "sometimes"}}})
    assert r.status_code == 400 and "config.extra.stop" in r.json()["detail"]


def test_a_jsonl_data_set_of_ones_own(mine):
    prompts = get_prompts(GetPromptsRequest(dataset="jsonl/mine", config=cfg()), mine.url)
    assert [p.id for p in prompts] == ["mine/add", "mine/echo"]  # mine/other is in the train split
    assert "Return a + b." in prompts[0].prompt and prompts[0].labels["entry_point"] == "add"
    assert "standard input" in prompts[1].prompt and prompts[1].labels["format"] == "stdio"

    def judge(problem_id: str, completion: str, **config):
        request = SubmitRequest(
            dataset="jsonl/mine", id=problem_id, completion=completion, config=cfg(**config)
        )
        return submit(request, mine.url, 1)

    cut_short = judge("mine/add", "```python\ndef add(a, b):\n    return a + b\n")
    assert (
        cut_short.accepted and cut_short.extracted_type == "incomplete_fenced" and len(cut_short.tests) == 2
    )
    plain = judge("mine/echo", "s = input()\nprint(s + s)\n")
    assert plain.accepted and plain.extracted_type == "heuristic"
    wrong = judge("mine/echo", "print(input())", extra={"stop": "never"})
    assert not wrong.accepted and wrong.tests[0].test_info["status"] == "wrong_answer"
    slow = judge("mine/add", "def add(a, b):\n    while True:\n        pass\n", run_timeout=0.5)
    assert not slow.accepted and slow.tests[0].test_info["status"] == "timeout"
    assert slow.tests[0].exec_info.run_result.status == "TimeLimitExceeded"
