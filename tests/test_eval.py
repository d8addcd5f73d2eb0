"""Offline evaluation end to end: reference solutions score pass@1 = 1.0, outputs are complete, reruns resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rltf.data.schema import Problem
from rltf.evaluate import SAMPLES, EvalConfig, evaluate, load_finished
from rltf.rollout.sample import Sample
from sandbox_runner import LocalJudge, schema


class ReferenceSampler:
    """Answers every problem with its reference solutions (or a wrong program), like a perfect model would."""

    def __init__(self, wrong: set[str] = frozenset(), crash_after: int | None = None):
        self.wrong, self.crash_after, self.asked = wrong, crash_after, []

    def generate(self, problems, n=None, greedy=None):
        made = 0
        for p in problems:
            self.asked.append(p.id)
            for i in range(n + bool(greedy)):  # like the vLLM sampler: greedy adds one argmax sample
                if self.crash_after is not None and made == self.crash_after:
                    raise KeyboardInterrupt("interrupted mid-run")
                code = "def nothing():\n    pass" if p.id in self.wrong else p.solutions[i % len(p.solutions)]
                text = f"Here:\n```python\n{code}\n```\n"
                yield Sample(p.id, [1], [2, 3], [-0.1, -0.2], text, "stop", greedy=bool(greedy) and i == 0)
                made += 1


@pytest.fixture(scope="module")
def judge():
    j = LocalJudge(workers=2)
    yield j
    j.close()


@pytest.fixture(scope="module")
def problems() -> list[Problem]:
    """12 small problems in two formats and two difficulties, each with a reference solution."""
    out = []
    for i in range(6):
        out.append(
            Problem(
                id=f"t/add{i}",
                statement=f"Return a + {i}.",
                tests=schema.Tests(format="call", fn_name="f", inputs=[[1], [5]], outputs=[1 + i, 5 + i]),
                solutions=[f"def f(a):\n    return a + {i}"],
                difficulty="easy",
            )
        )
        out.append(
            Problem(
                id=f"t/echo{i}",
                statement=f"Print the input number times {i}.",
                tests=schema.Tests(
                    format="stdio", inputs=["2\n", "3\n"], outputs=[f"{2 * i}\n", f"{3 * i}\n"]
                ),
                solutions=[f"print(int(input()) * {i})"],
                difficulty="hard",
            )
        )
    return out


def test_reference_solutions_score_one_and_every_output_is_written(problems, judge, tmp_path):
    report = evaluate(
        problems, ReferenceSampler(), judge, EvalConfig(n=3, ks=[1, 3], progress=False), tmp_path
    )
    assert report.pass_at_k["all"] == {1: 1.0, 3: 1.0}
    assert set(report.pass_at_k) == {"all", "easy", "hard"} and report.group_sizes == {
        "all": 12,
        "easy": 6,
        "hard": 6,
    }
    assert report.samples == 36 and report.outcomes == {"passed": 36}
    records = [json.loads(line) for line in (tmp_path / SAMPLES).read_text().splitlines()]
    assert len(records) == 36 and {r["problem_id"] for r in records} == {p.id for p in problems}
    assert all(r["verdict"]["outcome"] == "passed" and "```" not in r["code"] for r in records)
    summary = (tmp_path / "summary.md").read_text()
    assert "| all | 12 | 100.0% | 100.0% |" in summary
    assert (tmp_path / "pass_at_k.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((tmp_path / "report.json").read_text())["samples"] == 36


def test_wrong_programs_lower_pass_at_k_per_problem(problems, judge, tmp_path):
    wrong = {problems[0].id, problems[1].id, problems[2].id}
    report = evaluate(
        problems, ReferenceSampler(wrong), judge, EvalConfig(n=2, ks=[1], progress=False), tmp_path
    )
    assert report.pass_at_k["all"][1] == pytest.approx(9 / 12)
    assert report.outcomes["passed"] == 18


def test_interrupted_run_resumes_without_resampling_finished_problems(problems, judge, tmp_path):
    cfg = EvalConfig(n=2, ks=[1, 2], progress=False)
    with pytest.raises(KeyboardInterrupt):
        evaluate(problems, ReferenceSampler(crash_after=9), judge, cfg, tmp_path)
    finished = load_finished(tmp_path / SAMPLES, n=2)
    assert len(finished) == 4  # 9 samples were made: 4 whole problems, judged before the error surfaced
    with (tmp_path / SAMPLES).open("a") as f:
        f.write('{"problem_id": "torn')  # a write cut by the crash
    again = ReferenceSampler()
    report = evaluate(problems, again, judge, cfg, tmp_path)
    assert set(again.asked).isdisjoint(finished) and len(again.asked) == 12 - len(finished)
    assert report.resumed == len(finished) and report.samples == 24
    assert report.pass_at_k["all"] == {1: 1.0, 2: 1.0}
    lines = (tmp_path / SAMPLES).read_text().splitlines()
    assert len(lines) == 24 and all(json.loads(line) for line in lines)
    # a third run finds everything done and samples nothing
    third = ReferenceSampler()
    assert evaluate(problems, third, judge, cfg, tmp_path).samples == 24 and third.asked == []


def test_rerun_with_another_n_is_refused(problems, judge, tmp_path):
    evaluate(problems[:2], ReferenceSampler(), judge, EvalConfig(n=2, ks=[1], progress=False), tmp_path)
    with pytest.raises(ValueError, match="n=2, not n=3"):
        evaluate(problems[:2], ReferenceSampler(), judge, EvalConfig(n=3, ks=[1], progress=False), tmp_path)


def test_missing_samples_are_an_error_not_a_lower_score(problems, judge, tmp_path):
    class Short(ReferenceSampler):
        def generate(self, problems, n=None, greedy=None):
            yield from super().generate(problems, n=n - 1)

    with pytest.raises(RuntimeError, match="fewer than n=2"):
        evaluate(problems[:2], Short(), judge, EvalConfig(n=2, ks=[1], progress=False), tmp_path)


def test_greedy_evaluation_draws_one_argmax_sample_per_problem_and_labels_records(problems, judge, tmp_path):
    sampler = ReferenceSampler(wrong={problems[0].id})
    cfg = EvalConfig(n=1, ks=[1], progress=False, greedy=True, label="heldout-a")
    report = evaluate(problems, sampler, judge, cfg, tmp_path)
    assert report.samples == 12 and report.pass_at_k["all"][1] == pytest.approx(11 / 12)
    records = [json.loads(line) for line in (tmp_path / SAMPLES).read_text().splitlines()]
    assert all(r["greedy"] and r["set"] == "heldout-a" and r["n"] == 1 for r in records)
    assert {r["difficulty"] for r in records} == {"easy", "hard"}
    assert "1 greedy sample" in (tmp_path / "summary.md").read_text()
    with pytest.raises(ValueError, match="n must be 1"):
        EvalConfig(n=2, greedy=True)
    # a sampled run must not resume from greedy records (or the reverse): same n, different estimate
    with pytest.raises(ValueError, match="holds greedy samples; this evaluation is sampled"):
        evaluate(problems, ReferenceSampler(), judge, EvalConfig(n=1, ks=[1], progress=False), tmp_path)


@pytest.mark.slow
def test_launch_eval_with_the_default_model_on_a_few_problems(tmp_path):
    from hydra import compose, initialize_config_dir

    from rltf.evaluate import run_from_config

    with initialize_config_dir(str(Path(__file__).resolve().parents[1] / "conf"), version_base="1.3"):
        cfg = compose(
            "eval",
            [
                "data=humaneval",
                "limit=2",
                "rollout.n=2",
                "ks=[1,2]",
                "rollout.max_new_tokens=64",
                "rollout.kv_cache_gb=1",
                "sandbox.workers=2",
                f"out_dir={tmp_path}",
            ],
        )
    report = run_from_config(cfg)
    assert report.problems == 2 and report.samples == 4 and sum(report.outcomes.values()) == 4
    records = [json.loads(line) for line in (tmp_path / SAMPLES).read_text().splitlines()]
    assert all(r["n_tokens"] > 0 and r["verdict"]["total"] > 0 for r in records)
    assert 0.0 <= report.pass_at_k["all"][1] <= report.pass_at_k["all"][2] <= 1.0


def test_a_problem_the_judge_cannot_run_counts_failed_and_is_retried(problems, judge, tmp_path):
    """Malformed tests (a set is not JSON) are refused at submit: that problem is failed, not saved, and a
    rerun asks for it again; the other problems are scored as usual."""
    bad = Problem(
        id="t/bad",
        statement="Return a.",
        tests=schema.Tests(format="call", fn_name="f", inputs=[[{1, 2}]], outputs=[1]),
        solutions=["def f(a):\n    return a"],
    )
    cfg = EvalConfig(n=2, ks=[1], progress=False)
    report = evaluate([*problems[:3], bad], ReferenceSampler(), judge, cfg, tmp_path)
    assert report.unjudged == 1 and report.pass_at_k["all"][1] == pytest.approx(3 / 4)
    assert "t/bad" not in load_finished(tmp_path / SAMPLES, n=2)
    again = ReferenceSampler()  # only the unjudged problem is left, and it fails again: nothing was judged
    with pytest.raises(RuntimeError, match="every problem.*inputs must be JSON"):
        evaluate([*problems[:3], bad], again, judge, cfg, tmp_path)
    assert again.asked == ["t/bad"]
