"""Verdict -> sequence reward: the coarse outcome reward and the adaptive pass-ratio reward (the RLTF
paper's; values in the README's "Feedback" section).

A verdict whose outcome is INTERNAL_ERROR says nothing about the program (the judge itself failed), so it
gets no reward at all: `JudgeFailed` is raised and the caller drops the sample rather than teach the
policy a number the program did not earn.
"""

from __future__ import annotations

from enum import StrEnum

from rltf.feedback.config import RewardConfig
from sandbox_runner.schema import Status, Verdict


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"  # a wrong answer, no error
    RUNTIME = "runtime"
    SYNTAX = "syntax"


class JudgeFailed(RuntimeError):
    """The judge could not judge this program (INTERNAL_ERROR): drop the sample, do not score it."""


_OUTCOMES = {
    Status.PASSED: Outcome.PASS,
    Status.WRONG_ANSWER: Outcome.FAIL,
    Status.RUNTIME_ERROR: Outcome.RUNTIME,
    Status.TIMEOUT: Outcome.RUNTIME,
    Status.MEMORY_LIMIT: Outcome.RUNTIME,
    Status.OUTPUT_LIMIT: Outcome.RUNTIME,
    Status.SANDBOX_VIOLATION: Outcome.RUNTIME,
    Status.SYNTAX_ERROR: Outcome.SYNTAX,
}


def outcome_of(verdict: Verdict) -> Outcome:
    """The program's outcome among the paper's four (pass, fail, runtime, syntax); raises JudgeFailed for INTERNAL_ERROR."""
    if verdict.outcome is Status.INTERNAL_ERROR:
        err = verdict.first_error
        detail = f": {err.error_type}: {err.message}" if err is not None else ""
        raise JudgeFailed(f"judge failed on sample {verdict.id!r}{detail}; drop it")
    if verdict.outcome is Status.PASSED and verdict.passed != verdict.total:
        raise ValueError(
            f"verdict {verdict.id!r} says PASSED but only {verdict.passed} of {verdict.total} tests passed"
        )
    return _OUTCOMES[verdict.outcome]


def coarse_reward(verdict: Verdict, cfg: RewardConfig) -> float:
    """+1 pass, -0.3 wrong answer, -0.6 runtime error, -1 syntax error (values from cfg)."""
    return {
        Outcome.PASS: cfg.pass_reward,
        Outcome.FAIL: cfg.fail_reward,
        Outcome.RUNTIME: cfg.runtime_reward,
        Outcome.SYNTAX: cfg.syntax_reward,
    }[outcome_of(verdict)]


def adaptive_reward(verdict: Verdict, cfg: RewardConfig) -> float:
    """Coarse reward, except failed programs earn partial credit for the tests they pass.

    R = fail + (pass - fail) * passed / (passed + failed), i.e. -0.3 + 1.3 * ratio, in [-0.3, 1.0).
    Erroring programs get no partial credit: they stopped early, so their ratio is not comparable.
    """
    if outcome_of(verdict) is not Outcome.FAIL:
        return coarse_reward(verdict, cfg)
    ran = verdict.passed + verdict.failed
    if ran == 0:
        raise ValueError(f"verdict {verdict.id!r} is a wrong answer but records no completed test")
    return cfg.fail_reward + (cfg.pass_reward - cfg.fail_reward) * verdict.passed / ran


def reward(verdict: Verdict, cfg: RewardConfig) -> float:
    """The sequence reward training uses: adaptive when `cfg.adaptive`, else coarse."""
    return adaptive_reward(verdict, cfg) if cfg.adaptive else coarse_reward(verdict, cfg)
