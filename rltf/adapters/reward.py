"""Completions + labels -> judged programs with RLTF rewards, a whole batch at once.

Every trainer adapter goes through `Rewarder.judge`: it extracts each program the way rltf's own loop does
(rltf.data.extract, with the label's code prefix and entry point), submits the whole batch to the judge before
waiting for any verdict (the judge runs them in parallel), and scores the verdicts with rltf.feedback.

A program the judge itself failed on (INTERNAL_ERROR) gets `reward=None`, never a number: each adapter says
what that means in its trainer's terms. A judge that cannot be reached raises JudgeUnavailable after the
client's own retries; it is never turned into a reward.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import sandbox_runner
from rltf.adapters.labels import Label, LabelError, parse_label
from rltf.data.extract import extract_code
from rltf.feedback import Category, JudgeFailed, RewardConfig, classify, reward
from sandbox_runner import Job, Judge, Limits, Status, StopPolicy, Verdict

_RUNTIME = {Status.RUNTIME_ERROR, Status.MEMORY_LIMIT, Status.OUTPUT_LIMIT, Status.SANDBOX_VIOLATION}


class JudgeUnavailable(RuntimeError):
    """The judge gave no verdict (unreachable after the client's retries, refused, or closed): no reward exists."""


@dataclass(frozen=True)
class Judged:
    """One program's verdict and what RLTF makes of it."""

    label: Label
    code: str  # the program the judge ran
    verdict: Verdict
    reward: float | None  # None: the judge itself failed (INTERNAL_ERROR), the program earned nothing
    category: Category | None  # fine-grained category (Line / Global / Ignore); None when the judge failed
    line: int | None  # the penalised line of `code` for Line

    @property
    def judge_failed(self) -> bool:
        return self.reward is None

    def metrics(self) -> dict[str, float]:
        """Numbers for a trainer's logs; the same keys for every program, so they average over a batch."""
        v, outcome = self.verdict, self.verdict.outcome
        return {
            "pass": float(outcome is Status.PASSED),
            "pass_ratio": v.passed / v.total if v.total else 0.0,
            "wrong_answer": float(outcome is Status.WRONG_ANSWER),
            "runtime_error": float(outcome in _RUNTIME),
            "timeout": float(outcome is Status.TIMEOUT),
            "syntax_error": float(outcome is Status.SYNTAX_ERROR),
            "judge_failed": float(self.judge_failed),
            "fine_line": float(self.category is Category.LINE),
            "fine_global": float(self.category is Category.GLOBAL),
        }


@dataclass
class Rewarder:
    """The judge plus RLTF's reward settings. `judge` is any sandbox_runner judge (LocalJudge, JudgeClient)."""

    judge: Judge
    cfg: RewardConfig = field(default_factory=RewardConfig)
    # Training limits: keep running after wrong answers (the adaptive reward counts them), stop at errors.
    limits: Limits = field(default_factory=lambda: Limits(stop=StopPolicy.FIRST_ERROR))
    # For trainers with no missing-reward value (verl, OpenRLHF): the reward a program the judge failed on gets;
    # None raises JudgeFailed instead, so the judge's failure is never scored as the program's.
    missing_reward: float | None = None

    def judge_batch(self, completions: Sequence[str], labels: Sequence[object]) -> list[Judged]:
        """Judge completion i against label i, all in parallel; results in input order."""
        if len(completions) != len(labels):
            raise ValueError(f"{len(completions)} completions but {len(labels)} labels")
        parsed = [parse_label(lab, f"row {i}") for i, lab in enumerate(labels)]
        codes = [
            extract_code(text, prefix=lab.code_prefix, entry_point=lab.tests.fn_name).code
            for text, lab in zip(completions, parsed, strict=True)
        ]
        futures = []
        for i, (code, lab) in enumerate(zip(codes, parsed, strict=True)):
            try:
                futures.append(self.judge.submit(Job(code, lab.tests, self.limits, id=f"{lab.id}#{i}")))
            except ValueError as e:  # the judge's own check of the tests (e.g. an assert that is not Python)
                raise LabelError(f"row {i} (id {lab.id!r}): {e}") from None
        return [
            self._score(lab, code, _verdict(f, i, lab))
            for i, (f, lab, code) in enumerate(zip(futures, parsed, codes, strict=True))
        ]

    def _score(self, label: Label, code: str, verdict: Verdict) -> Judged:
        try:
            fine = classify(verdict, code, truncated=False, cfg=self.cfg)
            return Judged(label, code, verdict, reward(verdict, self.cfg), fine.category, fine.line)
        except JudgeFailed:
            return Judged(label, code, verdict, None, None, None)

    def number(self, judged: Judged, trainer: str) -> float:
        """`judged.reward` for a trainer that needs a number for every sample (see `missing_reward`)."""
        if judged.reward is not None:
            return judged.reward
        if self.missing_reward is None:
            err = judged.verdict.first_error
            detail = f" ({err.message})" if err is not None and err.message else ""
            raise JudgeFailed(
                f"{judged.verdict.id}: the judge itself failed on this program (internal_error{detail}). {trainer} "
                "has no missing-reward value; set RLTF_MISSING_REWARD=<number> to give such programs a fixed "
                "reward (logged as judge_failed) instead of stopping"
            )
        return self.missing_reward

    def close(self) -> None:
        self.judge.close()


def _verdict(future, i: int, label: Label) -> Verdict:
    try:
        return future.result()
    except Exception as e:  # noqa: BLE001 - whatever kept the verdict away, there is no reward to give
        raise JudgeUnavailable(
            f"row {i} (id {label.id!r}): the judge gave no verdict ({type(e).__name__}: {e}); "
            "no reward can be computed without it"
        ) from e


def from_env() -> Rewarder:
    """A Rewarder configured by environment variables, for trainers that load a reward by file path:

    RLTF_JUDGE_URL      judge daemon URL(s), comma-separated (`python -m sandbox_runner serve`); unset: a
                        LocalJudge in this process
    RLTF_JUDGE_WORKERS  local judge worker processes (default: one per core)
    RLTF_JUDGE_TIME_S   seconds per test (default 4); RLTF_JUDGE_MEMORY_MB (default 1024)
    RLTF_REWARD         JSON object of rltf.feedback.RewardConfig keys (conf/algo's `reward`), e.g.
                        '{"adaptive": false}' for the coarse reward
    RLTF_JUDGE_TOKEN    bearer token for the daemons (read by sandbox_runner.connect)
    RLTF_MISSING_REWARD verl / OpenRLHF only: the reward of a program the judge itself failed on (unset: raise)
    """
    env = os.environ
    url = env.get("RLTF_JUDGE_URL")
    urls = [u.strip() for u in url.split(",") if u.strip()] if url else None
    workers = _env_number("RLTF_JUDGE_WORKERS", int)
    try:
        cfg = RewardConfig(**json.loads(env.get("RLTF_REWARD") or "{}"))
    except (json.JSONDecodeError, TypeError) as e:
        raise ValueError(f"RLTF_REWARD must be a JSON object of RewardConfig keys: {e}") from None
    limits = Limits(
        time_s=_env_number("RLTF_JUDGE_TIME_S", float) or 4.0,
        memory_mb=_env_number("RLTF_JUDGE_MEMORY_MB", int) or 1024,
        stop=StopPolicy.FIRST_ERROR,
    )
    missing = _env_number("RLTF_MISSING_REWARD", float)
    return Rewarder(sandbox_runner.connect(urls, workers=workers), cfg, limits, missing)


def _env_number(name: str, kind: type):
    value = os.environ.get(name)
    if not value:
        return None
    try:
        return kind(value)
    except ValueError:
        raise ValueError(f"{name}={value!r} is not a {kind.__name__}") from None


_SHARED_LOCK = threading.Lock()


@functools.cache
def _shared() -> Rewarder:
    rewarder = from_env()
    atexit.register(rewarder.close)
    return rewarder


def shared() -> Rewarder:
    """The process's Rewarder from the environment, started on first use (file-loaded reward functions).
    Locked: verl calls its reward function from several threads at once, and one judge pool must serve them."""
    with _SHARED_LOCK:
        return _shared()


def reset_shared() -> None:
    """Close the shared Rewarder, if started, so the next use reads the environment again."""
    with _SHARED_LOCK:
        if _shared.cache_info().currsize:
            _shared().close()
        _shared.cache_clear()
