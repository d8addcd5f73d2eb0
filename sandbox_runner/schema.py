"""The judge's contract: plain dataclasses for what callers send (Job) and what comes back (Verdict).

Everything here round-trips through JSON (`to_dict` / `from_dict`), so the in-process pool, the HTTP daemon
and its client all speak exactly the same types.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Format(StrEnum):
    """How a problem's unit tests are expressed (method.md section 6)."""

    STDIO = "stdio"  # APPS standard input: feed `inputs[i]` on stdin, compare stdout with `outputs[i]`
    CALL = "call"  # APPS call-based / LeetCode: call `fn_name(*inputs[i])`, compare with `outputs[i]`
    MBPP = "mbpp"  # `setup` + candidate + each line of `asserts`
    CHECK = "check"  # HumanEval / LeetCodeDataset: candidate + `check` source + check(fn_name)


class StopPolicy(StrEnum):
    """When to stop running a program's tests."""

    FIRST_FAILURE = "first_failure"  # evaluation: any non-pass ends the run
    FIRST_ERROR = "first_error"  # RLTF training: keep going after wrong answers, stop at errors
    NEVER = "never"


class Status(StrEnum):
    PASSED = "passed"
    WRONG_ANSWER = "wrong_answer"
    RUNTIME_ERROR = "runtime_error"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    OUTPUT_LIMIT = "output_limit"
    SYNTAX_ERROR = "syntax_error"
    SANDBOX_VIOLATION = "sandbox_violation"
    INTERNAL_ERROR = "internal_error"  # the judge itself failed (e.g. a worker died); not the program's fault

    @property
    def is_error(self) -> bool:
        """Errors end a FIRST_ERROR run; wrong answers do not."""
        return self not in (Status.PASSED, Status.WRONG_ANSWER)


# Program outcome precedence (method.md section 2): syntax > runtime-like > wrong answer > pass.
_SEVERITY = {
    Status.PASSED: 0,
    Status.WRONG_ANSWER: 1,
    Status.RUNTIME_ERROR: 2,
    Status.TIMEOUT: 2,
    Status.MEMORY_LIMIT: 2,
    Status.OUTPUT_LIMIT: 2,
    Status.SANDBOX_VIOLATION: 2,
    Status.SYNTAX_ERROR: 3,
    Status.INTERNAL_ERROR: 4,
}


@dataclass
class Tests:
    """A problem's unit tests in one of the four formats; unused fields stay empty.

    - stdio: `inputs` are stdin strings, `outputs` expected stdout strings (compared APPS-style, tolerant).
    - call:  `fn_name` (a function, or a method of `class Solution` when the code defines one), `inputs` are
             argument lists, `outputs` the expected return values.
    - mbpp:  `setup` runs first, then the candidate, then each line of `asserts` is one test.
    - check: `check` is source defining `check(candidate)`; `setup` (imports, helpers) runs before it;
             it is called as `check(fn_name)`.
    """

    format: Format
    inputs: list[Any] = field(default_factory=list)
    outputs: list[Any] = field(default_factory=list)
    fn_name: str | None = None
    setup: str = ""
    asserts: list[str] = field(default_factory=list)
    check: str = ""

    def __post_init__(self) -> None:
        self.format = Format(self.format)


@dataclass
class Limits:
    """Per-test limits and the stop policy."""

    time_s: float = 4.0  # wall-clock per test (the original RLTF used 4 s)
    memory_mb: int = 1024  # address-space limit of the candidate's process
    output_bytes: int = 1 << 20  # stdout + stderr cap
    stop: StopPolicy = StopPolicy.FIRST_ERROR

    def __post_init__(self) -> None:
        self.stop = StopPolicy(self.stop)
        if not (isinstance(self.time_s, (int, float)) and 0 < self.time_s < math.inf):
            raise ValueError(f"time_s must be a positive finite number of seconds, got {self.time_s!r}")
        for name in ("memory_mb", "output_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 1 << 62:
                raise ValueError(f"{name} must be a positive integer below 2**62, got {value!r}")


@dataclass
class Job:
    """One program and the tests to run it against. `id` is the caller's and is echoed in the Verdict."""

    code: str
    tests: Tests
    limits: Limits = field(default_factory=Limits)
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Job:
        return cls(
            code=d["code"],
            tests=Tests(**d["tests"]),
            limits=Limits(**d.get("limits", {})),
            id=d.get("id", ""),
        )


@dataclass
class Frame:
    """One traceback frame inside the candidate's own code."""

    line: int  # 1-based line number in the candidate's source
    text: str  # that line's text, stripped
    name: str  # function name ("<module>" at top level)


@dataclass
class TestResult:
    index: int  # position of the test in Tests
    status: Status
    time_s: float = 0.0
    error_type: str | None = None  # exception class name, e.g. "ZeroDivisionError", "SyntaxError"
    message: str | None = None
    line: int | None = None  # 1-based line in the candidate's source where the error is located
    line_text: str | None = None
    traceback: list[Frame] = field(default_factory=list)  # candidate frames only, outermost first
    expected: str | None = None  # wrong answers: short reprs
    got: str | None = None

    def __post_init__(self) -> None:
        self.status = Status(self.status)
        self.traceback = [f if isinstance(f, Frame) else Frame(**f) for f in self.traceback]


@dataclass
class Verdict:
    """The judge's answer for one Job. `tests` holds the tests that ran, in order; `total` counts all."""

    id: str
    outcome: Status
    passed: int
    total: int
    tests: list[TestResult] = field(default_factory=list)
    time_s: float = 0.0

    def __post_init__(self) -> None:
        self.outcome = Status(self.outcome)
        self.tests = [t if isinstance(t, TestResult) else TestResult(**t) for t in self.tests]

    @classmethod
    def internal_error(cls, job_id: str, total: int, message: str) -> Verdict:
        """The verdict for a program the judge failed to judge (worker died, judge crashed): never a lost job."""
        return cls(
            job_id, Status.INTERNAL_ERROR, 0, total, [TestResult(0, Status.INTERNAL_ERROR, message=message)]
        )

    @property
    def failed(self) -> int:
        """Tests that ran to completion with a wrong answer (the adaptive reward's denominator part)."""
        return sum(t.status is Status.WRONG_ANSWER for t in self.tests)

    @property
    def first_error(self) -> TestResult | None:
        return next((t for t in self.tests if t.status.is_error), None)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["failed"] = self.failed
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Verdict:
        return cls(
            id=d.get("id", ""),
            outcome=d["outcome"],
            passed=d["passed"],
            total=d["total"],
            tests=d.get("tests", []),
            time_s=d.get("time_s", 0.0),
        )


def program_outcome(results: list[TestResult]) -> Status:
    """The program's outcome from its test results, by method.md's precedence (first error wins ties)."""
    worst = Status.PASSED
    for r in results:
        if _SEVERITY[r.status] > _SEVERITY[worst]:
            worst = r.status
    return worst
