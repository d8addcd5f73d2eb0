"""A small LocalJudge shared by the adapter tests, and hand-written problems with known answers."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Callable

import pytest

import sandbox_runner
from rltf.adapters import Label, Rewarder
from sandbox_runner import Job, Status, TestResult, Tests, Verdict

ADD = Label(
    "t/add",
    Tests("mbpp", asserts=["assert add(1, 2) == 3", "assert add(2, 2) == 4", "assert add(0, 5) == 5"]),
)
ECHO = Label("t/echo", Tests("stdio", inputs=["3\n", "7\n"], outputs=["6\n", "14\n"]))
GOOD = "```python\ndef add(a, b):\n    return a + b\n```"
# Right on 1 of 3 tests (add(1, 2) == 3 only), a wrong answer each time, no error.
PARTIAL = "Here it is:\n```python\ndef add(a, b):\n    return 3\n```"
CRASH = "```python\ndef add(a, b):\n    return a / 0\n```"
BROKEN = "```python\ndef add(a, b)\n    return a + b\n```"
DOUBLE = "```python\nprint(2 * int(input()))\n```"


class FailsOn:
    """A judge whose own machinery fails (INTERNAL_ERROR, as when a worker is killed) on the jobs `fails` picks."""

    def __init__(self, judge, fails: Callable[[Job], bool]):
        self.judge, self.fails = judge, fails

    def submit(self, job: Job) -> cf.Future:
        if not self.fails(job):
            return self.judge.submit(job)
        lost = TestResult(0, Status.INTERNAL_ERROR, message="worker lost")
        f = cf.Future()
        f.set_result(Verdict(job.id, Status.INTERNAL_ERROR, 0, 1, [lost]))
        return f

    def close(self) -> None:
        pass


@pytest.fixture(scope="session")
def judge():
    with sandbox_runner.connect(None, workers=2) as j:
        yield j


@pytest.fixture
def rewarder(judge):
    return Rewarder(judge)


@pytest.fixture
def shared_rewarder(monkeypatch):
    """The env-configured Rewarder that file-loaded reward functions (verl, OpenRLHF) use, with 2 workers."""
    from rltf.adapters.reward import reset_shared, shared

    monkeypatch.setenv("RLTF_JUDGE_WORKERS", "2")
    for name in ("RLTF_JUDGE_URL", "RLTF_REWARD", "RLTF_MISSING_REWARD"):
        monkeypatch.delenv(name, raising=False)
    reset_shared()
    yield shared
    reset_shared()
