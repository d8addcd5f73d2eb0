"""sandbox_runner: runs untrusted Python against unit tests, isolated, in parallel; returns rich verdicts.

Stands alone: no torch, no rltf import. The pool (LocalJudge) and the HTTP client load on first use (PEP 562):
a judge worker process imports `sandbox_runner.worker`, which runs this file first, and should not carry the
judge's side (planning, grading, threads) into every child it forks: a fork copies page tables in proportion
to the worker's memory. (`judge` is imported here, not lazily: the submodule of that name would shadow it.)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from sandbox_runner.judge import Judge, LimitOverrides, as_completed, connect, judge
from sandbox_runner.schema import Format, Frame, Job, Limits, Status, StopPolicy, TestResult, Tests, Verdict

# Loaded on first use: public name -> the module that defines it.
_LAZY = {
    "Isolation": "isolation",
    "Execution": "local",
    "LocalJudge": "local",
    "JudgeClient": "client",
    "AsyncJudgeClient": "client",
    "JudgeError": "client",
}
__all__ = [
    "Format", "Frame", "Job", "Judge", "LimitOverrides", "Limits", "Status", "StopPolicy", "TestResult", "Tests",
    "Verdict", "as_completed", "connect", "judge",
    "Isolation", "Execution", "LocalJudge", "JudgeClient", "AsyncJudgeClient", "JudgeError",
]  # fmt: skip

if TYPE_CHECKING:
    from sandbox_runner.client import AsyncJudgeClient, JudgeClient, JudgeError
    from sandbox_runner.isolation import Isolation
    from sandbox_runner.local import Execution, LocalJudge


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'sandbox_runner' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sandbox_runner.{_LAZY[name]}"), name)
