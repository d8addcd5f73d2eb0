"""Turn one child run (the worker's response) into TestResults, comparing outside the candidate's process.

A test passes only when the child reported it and the judge's check accepts what it reported; a test the
child never reported (it exited, was killed, or broke the report pipe) gets the status of how the child ended.
"""

from __future__ import annotations

import json
import signal
from dataclasses import dataclass
from typing import Any

from sandbox_runner import compare
from sandbox_runner.plan import Check
from sandbox_runner.protocol import Report, RunResult
from sandbox_runner.schema import Frame, Status, StopPolicy, TestResult
from sandbox_runner.split import compile_expr, evaluate
from sandbox_runner.values import decode

_SHORT = 200
_EFBIG = 27  # errno "File too large": the output limit (RLIMIT_FSIZE) was hit


def short(s: str) -> str:
    return s if len(s) <= _SHORT else s[: _SHORT - 3] + "..."


@dataclass
class Run:
    """What the judge knows about one child run."""

    results: list[TestResult]
    unfinished: bool  # the child ended before reporting all of its tests
    stop: bool  # nothing after this run can change the outcome (syntax error, load error, corrupt report)
    shadowed: list[str] | None = None  # the program redefines these builtins: re-plan and run again


class _Grader:
    def __init__(self, code: str, checks: list[Check], tol: compare.Tolerance) -> None:
        self.lines = code.splitlines()
        self.checks = checks
        self.tol = tol

    def _line_text(self, line: int | None) -> str | None:
        if line is None or not 1 <= line <= len(self.lines):
            return None
        return self.lines[line - 1].strip()

    def error(self, index: int, err: dict[str, Any], t: float, status: Status | None = None) -> TestResult:
        frames = [
            Frame(line=ln, text=self._line_text(ln) or "", name=str(nm)) for ln, nm in err.get("tb", [])
        ]
        line = err.get("line") if "line" in err else (frames[-1].line if frames else None)
        etype = str(err.get("type"))
        if status is None:
            if etype == "MemoryError":
                status = Status.MEMORY_LIMIT
            elif err.get("errno") == _EFBIG:
                status = Status.OUTPUT_LIMIT
            elif err.get("test_assert"):
                status = Status.WRONG_ANSWER
            else:
                status = Status.RUNTIME_ERROR
        r = TestResult(
            index, status, time_s=float(t), error_type=etype, message=str(err.get("msg", ""))[:1000]
        )
        if status is not Status.WRONG_ANSWER:
            r.line, r.line_text, r.traceback = line, self._line_text(line), frames
        else:
            r.expected = short(self.checks[index].source)
        return r

    def values(self, index: int, texts: list[str], t: float) -> TestResult:
        check = self.checks[index]
        try:
            vals = [decode(x) for x in texts]
        except ValueError as e:
            msg = f"returned something that is not plain data: {e}"
            return TestResult(index, Status.WRONG_ANSWER, t, message=msg)
        try:
            if check.kind == "call":
                ok = compare.call_equal(vals[0], check.expected, self.tol)
            else:
                ok = bool(evaluate(check.skeleton, vals))
        except (
            Exception
        ) as e:  # the test's own expression failed on these values (e.g. sorted of mixed types)
            got = ", ".join(map(repr, vals))
            msg = f"{type(e).__name__}: {e}"
            return TestResult(
                index, Status.WRONG_ANSWER, t, expected=short(check.source), got=short(got), message=msg
            )
        if ok:
            return TestResult(index, Status.PASSED, t)
        exp, got = self._expected_and_got(check, vals)
        return TestResult(index, Status.WRONG_ANSWER, t, expected=short(exp), got=short(got))

    @staticmethod
    def _expected_and_got(check: Check, vals: list[Any]) -> tuple[str, str]:
        """Short texts for a wrong answer: the two sides of `X == Y` when it has that shape, else the test."""
        if check.kind == "call":
            return repr(check.expected), repr(vals[0])
        if check.got_slot is None:
            return check.source, ", ".join(map(repr, vals))
        try:
            exp = repr(evaluate(compile_expr(check.expected_node), vals))
        except Exception:
            exp = check.source
        return exp, repr(vals[check.got_slot])

    def stdout(self, index: int, out: str, t: float) -> TestResult:
        expected = self.checks[index].expected
        if compare.stdout_equal(out, expected, self.tol):
            return TestResult(index, Status.PASSED, t)
        return TestResult(index, Status.WRONG_ANSWER, t, expected=short(expected), got=short(out))


def _ended(resp: RunResult, index: int, time_s: float) -> TestResult:
    """The test the child was running when it stopped without reporting it."""
    sig = resp.signal
    if resp.killed == "timeout" or sig == signal.SIGXCPU:
        return TestResult(index, Status.TIMEOUT, time_s, message=f"exceeded {time_s:g} s")
    if resp.killed == "report_limit" or resp.out_full or sig == signal.SIGXFSZ:
        return TestResult(index, Status.OUTPUT_LIMIT, resp.wall, message="output limit exceeded")
    if sig == signal.SIGSYS:
        return TestResult(index, Status.SANDBOX_VIOLATION, resp.wall, message="forbidden system call")
    if sig is not None:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return TestResult(
            index, Status.RUNTIME_ERROR, resp.wall, error_type="Signal", message=f"killed by {name}"
        )
    return TestResult(
        index, Status.RUNTIME_ERROR, resp.wall, error_type="EarlyExit",
        message=f"exited (code {resp.exit}) before finishing the test",
    )  # fmt: skip


def grade(
    resp: RunResult,
    code: str,
    checks: list[Check],
    first: int,
    offset: int,
    time_s: float,
    policy: StopPolicy,
    tol: compare.Tolerance,
) -> Run:
    """Results for the tests one run covered. `first` is the first test it ran; report indices + `offset` are
    test indices (stdio runs are one test each, reported as index 0)."""
    g = _Grader(code, checks, tol)
    results: list[TestResult] = []
    expect, stdio = first, checks and checks[0].kind == "stdout"
    for line in resp.reports:
        try:
            msg = json.loads(line)
            kind = Report(msg[0])
            if kind is Report.SHADOW and not results:
                return Run([], False, False, [str(x) for x in msg[1]])
            if kind is Report.SYNTAX:
                return Run([g.error(expect, msg[1], 0.0, Status.SYNTAX_ERROR)], False, True)
            if kind is Report.LOAD:
                return Run([*results, g.error(expect, msg[1], msg[2])], False, True)
            if kind is Report.END:
                if resp.out_full:
                    results.append(
                        TestResult(expect, Status.OUTPUT_LIMIT, msg[1], message="output limit exceeded")
                    )
                else:
                    results.append(g.stdout(expect, resp.stdout, float(msg[1])))
                expect += 1
                continue
            index, t = int(msg[1]) + offset, float(msg[-1])
            if index != expect or index >= len(checks):
                raise ValueError("out of order")
            if kind is Report.VALUES and checks[index].kind in ("call", "expr"):
                r = g.values(index, list(map(str, msg[2])), t)
            elif kind is Report.OK and checks[index].kind == "stmt":
                r = TestResult(index, Status.PASSED, t)
            elif kind is Report.NOT_PLAIN:
                r = TestResult(
                    index,
                    Status.WRONG_ANSWER,
                    t,
                    got=short(f"<{msg[2]} object>"),
                    message="the value is not plain data",
                )
            elif kind is Report.TOO_BIG:
                r = TestResult(
                    index, Status.OUTPUT_LIMIT, t, message="returned value exceeds the output limit"
                )
            elif kind is Report.ERROR:
                r = g.error(index, msg[2], t)
            else:
                raise ValueError(f"unexpected report {kind!r}")
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            r = TestResult(
                expect,
                Status.SANDBOX_VIOLATION,
                resp.wall,
                message="the candidate tampered with the report channel",
            )
            return Run([*results, r], False, True)
        results.append(r)
        expect += 1
    n_run = 1 if stdio else len(checks) - first
    last = results[-1].status if results else None
    stopped_by_policy = last is not None and (
        (policy is not StopPolicy.NEVER and last.is_error)
        or (policy is StopPolicy.FIRST_FAILURE and last is not Status.PASSED)
    )
    unfinished = len(results) < n_run and not stopped_by_policy
    if unfinished:
        results.append(_ended(resp, expect, time_s))
    return Run(results, unfinished, False)
