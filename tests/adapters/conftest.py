"""A small LocalJudge shared by the adapter tests, and hand-written problems with known answers."""

from __future__ import annotations

import pytest

import sandbox_runner
from rltf.adapters import Label, Rewarder
from sandbox_runner import Tests

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
    from rltf.adapters.reward import shared

    monkeypatch.setenv("RLTF_JUDGE_WORKERS", "2")
    for name in ("RLTF_JUDGE_URL", "RLTF_REWARD", "RLTF_MISSING_REWARD"):
        monkeypatch.delenv(name, raising=False)
    shared.cache_clear()
    yield shared
    if shared.cache_info().currsize:
        shared().close()
    shared.cache_clear()
