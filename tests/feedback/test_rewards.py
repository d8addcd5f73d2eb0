"""Coarse and adaptive rewards on verdicts the real judge produced for real programs."""

from __future__ import annotations

import pytest

from rltf.feedback.categories import classify
from rltf.feedback.config import RewardConfig
from rltf.feedback.rewards import JudgeFailed, Outcome, adaptive_reward, coarse_reward, outcome_of, reward
from sandbox_runner import schema
from sandbox_runner.schema import Format, Job, Limits, Status, Verdict

CALL = schema.Tests(
    Format.CALL, inputs=[[1, 2], [3, 4], [10, -1], [0, 0]], outputs=[3, 7, 9, 0], fn_name="solve"
)
LIMITS = Limits(time_s=2.0)

# Programs passing exactly k of the 4 tests, without any error.
PARTIAL = {
    0: "def solve(a, b):\n    return a + b + 1\n",
    1: "def solve(a, b):\n    return a - b\n",
    2: "def solve(a, b):\n    return a + b if a < 3 else 0\n",
    3: "def solve(a, b):\n    return a + b if a < 10 else 0\n",
    4: "def solve(a, b):\n    return a + b\n",
}
PASS_THEN_ERROR = "def solve(a, b):\n    return a + b if a < 3 else a // 0\n"
SYNTAX = "def solve(a, b):\n    return (a + b\n"
TIMEOUT = "def solve(a, b):\n    while True:\n        pass\n"


def run(judge, code: str) -> Verdict:
    return judge.submit(Job(code, CALL, LIMITS)).result()


@pytest.mark.parametrize("k", sorted(PARTIAL))
def test_adaptive_reward_is_the_pass_ratio(local_judge, k):
    cfg = RewardConfig()
    v = run(local_judge, PARTIAL[k])
    assert (v.passed, v.failed) == (k, 4 - k)  # the judge kept going after wrong answers
    if k == 4:
        assert outcome_of(v) is Outcome.PASS
        assert coarse_reward(v, cfg) == adaptive_reward(v, cfg) == 1.0
    else:
        assert outcome_of(v) is Outcome.FAIL
        assert coarse_reward(v, cfg) == -0.3
        assert adaptive_reward(v, cfg) == pytest.approx(-0.3 + 1.3 * k / 4)


def test_errors_get_no_partial_credit(local_judge):
    cfg = RewardConfig()
    v = run(local_judge, PASS_THEN_ERROR)
    assert v.passed == 1 and outcome_of(v) is Outcome.RUNTIME
    assert coarse_reward(v, cfg) == adaptive_reward(v, cfg) == -0.6


@pytest.mark.parametrize(
    "code,outcome,value",
    [(SYNTAX, Outcome.SYNTAX, -1.0), (TIMEOUT, Outcome.RUNTIME, -0.6)],
    ids=["syntax", "timeout"],
)
def test_error_rewards(local_judge, code, outcome, value):
    v = run(local_judge, code)
    assert outcome_of(v) is outcome
    assert coarse_reward(v, RewardConfig()) == adaptive_reward(v, RewardConfig()) == value


def test_values_come_from_the_config(local_judge):
    cfg = RewardConfig(pass_reward=2.0, fail_reward=-1.0, runtime_reward=-5.0, syntax_reward=-9.0)
    assert adaptive_reward(run(local_judge, PARTIAL[1]), cfg) == pytest.approx(-1.0 + 3.0 * 1 / 4)
    assert coarse_reward(run(local_judge, PARTIAL[4]), cfg) == 2.0
    assert coarse_reward(run(local_judge, PASS_THEN_ERROR), cfg) == -5.0
    assert coarse_reward(run(local_judge, SYNTAX), cfg) == -9.0
    wrong = run(local_judge, PARTIAL[3])
    assert reward(wrong, RewardConfig(adaptive=False)) == -0.3
    assert reward(wrong, RewardConfig(adaptive=True)) == pytest.approx(-0.3 + 1.3 * 3 / 4)


def test_internal_error_says_drop_the_sample():
    """The judge's own failure cannot be provoked by a program, so this verdict is built by hand."""
    v = Verdict(
        "s7",
        Status.INTERNAL_ERROR,
        0,
        4,
        [schema.TestResult(0, Status.INTERNAL_ERROR, message="worker died")],
    )
    for fn in (coarse_reward, adaptive_reward, reward):
        with pytest.raises(JudgeFailed, match="s7.*worker died"):
            fn(v, RewardConfig())
    with pytest.raises(JudgeFailed):
        classify(v, "x = 1\n", truncated=False, cfg=RewardConfig())


def test_inconsistent_verdict_is_refused():
    v = Verdict(
        "s8", Status.PASSED, 2, 4, [schema.TestResult(0, Status.PASSED), schema.TestResult(1, Status.PASSED)]
    )
    with pytest.raises(ValueError, match="PASSED but only 2 of 4"):
        coarse_reward(v, RewardConfig())


def test_config_rejects_bad_values():
    with pytest.raises(ValueError, match="timeout_category"):
        RewardConfig(timeout_category="line")
    with pytest.raises(ValueError, match="fine_penalty"):
        RewardConfig(fine_penalty=-0.3)
    with pytest.raises(TypeError, match="pass_rewrd"):
        RewardConfig(**{"pass_rewrd": 1.0})
