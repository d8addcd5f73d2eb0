"""sandbox_runner: runs untrusted Python against unit tests, isolated, in parallel; returns rich verdicts.

Stands alone: no torch, no rltf import.
"""

from sandbox_runner.isolation import Isolation
from sandbox_runner.judge import Judge, LimitOverrides, as_completed, connect, judge
from sandbox_runner.local import Execution, LocalJudge
from sandbox_runner.schema import Format, Frame, Job, Limits, Status, StopPolicy, TestResult, Tests, Verdict

__all__ = [
    "Execution",
    "Format",
    "Frame",
    "Isolation",
    "Job",
    "Judge",
    "LimitOverrides",
    "Limits",
    "LocalJudge",
    "Status",
    "StopPolicy",
    "TestResult",
    "Tests",
    "Verdict",
    "as_completed",
    "judge",
    "connect",
    "JudgeClient",
    "AsyncJudgeClient",
    "JudgeError",
]


def __getattr__(name: str):
    """The HTTP client side (httpx) loads on first use, keeping judge worker processes lean."""
    if name in ("JudgeClient", "AsyncJudgeClient", "JudgeError"):
        from sandbox_runner import client

        return getattr(client, name)
    raise AttributeError(f"module 'sandbox_runner' has no attribute {name!r}")
