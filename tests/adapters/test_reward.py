"""The shared core: batched judging, RLTF reward values, and what happens when labels or the judge fail."""

from __future__ import annotations

import concurrent.futures as cf

import pytest

import sandbox_runner
from rltf.adapters import JudgeUnavailable, Label, LabelError, Rewarder
from rltf.feedback import Category, JudgeFailed, RewardConfig
from sandbox_runner import Status
from tests.adapters.conftest import ADD, BROKEN, CRASH, DOUBLE, ECHO, GOOD, PARTIAL, FailsOn


def test_rewards_follow_rltf_feedback(rewarder):
    got = rewarder.judge_batch([GOOD, PARTIAL, CRASH, BROKEN, DOUBLE], [ADD, ADD, ADD, ADD.to_json(), ECHO])
    # adaptive: a wrong answer passing 1 of 3 earns -0.3 + 1.3 / 3; errors get no partial credit.
    assert [j.reward for j in got] == pytest.approx([1.0, -0.3 + 1.3 / 3, -0.6, -1.0, 1.0])
    assert [j.verdict.outcome for j in got] == [
        Status.PASSED, Status.WRONG_ANSWER, Status.RUNTIME_ERROR, Status.SYNTAX_ERROR, Status.PASSED
    ]  # fmt: skip
    assert got[0].code == "def add(a, b):\n    return a + b\n"  # extracted from the fence, like rltf's loop
    assert (got[2].category, got[2].line) == (Category.LINE, 2)  # the failing line, for the metrics
    assert got[1].metrics()["pass_ratio"] == pytest.approx(1 / 3) and got[3].metrics()["syntax_error"] == 1.0


def test_coarse_reward_and_code_prefix(judge):
    coarse = Rewarder(judge, RewardConfig(adaptive=False))
    prefixed = Label(ADD.id, ADD.tests, code_prefix="def add(a, b):\n")
    got = coarse.judge_batch([PARTIAL, "    return a + b\n"], [ADD, prefixed])
    assert [j.reward for j in got] == [-0.3, 1.0]


class Recording:
    """Records the order in which the adapter submits programs and waits for verdicts."""

    def __init__(self, judge):
        self.judge, self.events = judge, []

    def submit(self, job) -> cf.Future:
        self.events.append("submit")
        future, events = self.judge.submit(job), self.events

        class Waited(cf.Future):
            def result(self, timeout=None):
                events.append("result")
                return future.result(timeout)

        return Waited()

    def close(self):
        pass


def test_a_batch_is_submitted_whole_before_any_wait(judge):
    rec = Recording(judge)
    Rewarder(rec).judge_batch([GOOD, PARTIAL, CRASH, BROKEN], [ADD] * 4)
    assert rec.events == ["submit"] * 4 + ["result"] * 4


def test_judge_failure_is_no_reward_never_a_failing_score(judge):
    r = Rewarder(FailsOn(judge, lambda job: "a / 0" in job.code))
    good, failed = r.judge_batch([GOOD, CRASH], [ADD, ADD])
    assert failed.reward is None and failed.judge_failed and failed.metrics()["judge_failed"] == 1.0
    assert failed.metrics()["runtime_error"] == 0.0  # not counted as the program's error either
    assert r.number(good, "verl") == 1.0
    with pytest.raises(JudgeFailed, match="internal_error .*worker lost.*RLTF_MISSING_REWARD"):
        r.number(failed, "verl")
    assert Rewarder(r.judge, missing_reward=0.25).number(failed, "verl") == 0.25


def test_unreachable_judge_is_an_error_after_retries(judge):
    from tests.sandbox.judge_daemon import free_port

    with sandbox_runner.connect(f"http://127.0.0.1:{free_port()}", retries=1) as client:
        with pytest.raises(
            JudgeUnavailable, match=r"row 0 \(id 't/add'\): the judge gave no verdict .*retries"
        ):
            Rewarder(client).judge_batch([GOOD], [ADD])


def test_bad_labels_and_bad_tests_name_the_row(rewarder):
    with pytest.raises(LabelError, match=r"row 1: label is not valid JSON"):
        rewarder.judge_batch([GOOD, GOOD], [ADD, "{oops"])
    bad = {"id": "p9", "tests": {"format": "mbpp", "asserts": ["assert add(1,"]}}
    with pytest.raises(LabelError, match=r"row 1 \(id 'p9'\): .*not valid Python"):
        rewarder.judge_batch([GOOD, GOOD], [ADD, bad])
    with pytest.raises(ValueError, match="2 completions but 1 labels"):
        rewarder.judge_batch([GOOD, GOOD], [ADD])
