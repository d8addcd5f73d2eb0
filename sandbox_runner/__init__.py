"""sandbox_runner: runs untrusted Python against unit tests, isolated, in parallel; returns rich verdicts.

Stands alone: no torch, no rltf import.
"""

from sandbox_runner.isolation import Isolation
from sandbox_runner.judge import Judge, as_completed, judge
from sandbox_runner.local import Execution, LocalJudge
from sandbox_runner.schema import Format, Frame, Job, Limits, Status, StopPolicy, TestResult, Tests, Verdict

__all__ = [
    "Execution",
    "Format",
    "Frame",
    "Isolation",
    "Job",
    "Judge",
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
]


def __getattr__(name: str):
    """The HTTP client side (httpx) loads on first use, keeping judge worker processes lean."""
    if name in ("connect", "JudgeClient", "AsyncJudgeClient"):
        from sandbox_runner import client

        return getattr(client, name)
    raise AttributeError(f"module 'sandbox_runner' has no attribute {name!r}")
