"""LocalJudge: the in-process judge. A pool of isolated fork-server workers, one feeder thread per worker.

Verdicts stream: each job's future resolves as soon as its program is judged. The judge process keeps the
expected values and does every comparison; workers and their children only ever see code and inputs.
"""

from __future__ import annotations

import base64
import concurrent.futures as cf
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from sandbox_runner import compare, harness, workdir
from sandbox_runner.grade import grade
from sandbox_runner.isolation import Isolation
from sandbox_runner.plan import Check, Plan, check_text, plan
from sandbox_runner.protocol import RunRequest, RunResult
from sandbox_runner.schema import (
    Format,
    Job,
    Limits,
    Status,
    StopPolicy,
    TestResult,
    Verdict,
    program_outcome,
)
from sandbox_runner.worker_handle import WorkerLost, WorkerProcess

log = logging.getLogger("sandbox_runner")
T = TypeVar("T", Verdict, "Execution")
_MARGIN_S = 30.0  # how much longer than its own limits a worker may take before it is declared lost


class LocalJudge:
    """Judge jobs on `workers` isolated worker processes (default: one per core).

    - `submit(job)` returns a Future[Verdict] at once (ValueError for malformed tests, naming what is wrong);
      futures resolve as each program is judged, in any order.
    - `run(code, stdin, limits)` returns a Future[Execution]: one plain run, no tests (for /run_code).
    - `close()` finishes every job already submitted, then stops the workers; also a context manager.
    - `layers` (and `describe()`) say which isolation layers are active; missing ones are logged loudly.
    """

    def __init__(
        self,
        workers: int | None = None,
        *,
        isolation: Isolation | None = None,
        tolerance: compare.Tolerance = compare.DEFAULT,
    ) -> None:
        self.isolation = isolation or Isolation()
        self.tolerance = tolerance
        n = workers or os.cpu_count() or 1
        self._queue: queue.SimpleQueue[tuple[Callable, Callable, cf.Future] | None] = queue.SimpleQueue()
        self._closed = False
        self._lock = threading.Lock()
        self._workers = [WorkerProcess(self.isolation) for _ in range(n)]
        for w in self._workers:  # start them all, then wait: their start-ups overlap
            w.spawn()
        for w in self._workers:
            w.wait_ready()
        self.layers: dict[str, str] = dict(self._workers[0].layers)
        missing = {k: v for k, v in self.layers.items() if v != "on"}
        if missing:
            log.warning(
                "SANDBOX ISOLATION INCOMPLETE: %s. Untrusted code runs with fewer protections.",
                "; ".join(f"{k}: {v}" for k, v in missing.items()),
            )
        self._threads = [threading.Thread(target=self._serve, args=(w,), daemon=True) for w in self._workers]
        for t in self._threads:
            t.start()

    # ---- public API --------------------------------------------------------------------------------------

    def submit(self, job: Job) -> cf.Future[Verdict]:
        p = plan(job.tests)  # raises ValueError for malformed tests, naming what is wrong
        lost = lambda why: Verdict.internal_error(job.id, len(p.checks), why)  # noqa: E731
        return self._put(lambda w: self._judge(w, job, p), lost)

    def run(
        self,
        code: str,
        stdin: str = "",
        limits: Limits | None = None,
        *,
        files: dict[str, str] | None = None,
        fetch_files: Sequence[str] = (),
        pytest: bool = False,
        args: Sequence[str] = (),
    ) -> cf.Future[Execution]:
        """Run a program once, as `python solution.py` (or `pytest solution.py *args`) in a fresh working
        directory holding `files` (name -> base64), on `stdin`, under the same isolation (SandboxFusion's
        /run_code): its exit status, output (the first `limits.output_bytes` of each stream) and the
        `fetch_files` that exist afterwards. No tests. ValueError names a malformed argument."""
        lim = limits or Limits()
        check_text(stdin, "stdin")
        contents: dict[str, str] = {}  # name -> hex, as the worker takes it (workdir.py)
        for name, content in (files or {}).items():
            workdir.parts(name)
            if name == harness.CANDIDATE:
                raise ValueError(f"files[{name!r}]: that name is the program's own file")
            try:
                contents[name] = base64.b64decode(content, validate=True).hex()
            except (ValueError, TypeError):
                raise ValueError(f"files[{name!r}] is not base64") from None
        for name in fetch_files:
            workdir.parts(name)
        req = RunRequest(
            Format.STDIO.value, [{"stdin": stdin}], code=code, stop=StopPolicy.NEVER.value, time_s=lim.time_s,
            memory_mb=lim.memory_mb, output_bytes=lim.output_bytes, raw=True, pytest=pytest, args=list(args),
            files=contents, fetch_files=list(fetch_files),
        )  # fmt: skip
        return self._put(lambda w: _execution(w.call(req, lim.time_s + _MARGIN_S), code, lim), _lost_run)

    def describe(self) -> dict[str, Any]:
        """For health endpoints: pool size, isolation layers, worker pids."""
        return {"workers": len(self._workers), "isolation": self.layers, "worker_pids": self.worker_pids()}

    def _put(self, work: Callable[[WorkerProcess], T], lost: Callable[[str], T]) -> cf.Future[T]:
        fut: cf.Future[T] = cf.Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("LocalJudge is closed")
            self._queue.put((work, lost, fut))
        return fut

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            for _ in self._threads:
                self._queue.put(None)
        for t in self._threads:
            t.join()
        for w in self._workers:
            w.stop()

    def worker_pids(self) -> list[int]:
        return [w.pid for w in self._workers]

    def __enter__(self) -> LocalJudge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- internals ---------------------------------------------------------------------------------------

    def _serve(self, worker: WorkerProcess) -> None:
        while (item := self._queue.get()) is not None:
            work, lost, fut = item
            if not fut.set_running_or_notify_cancel():
                continue
            t0 = time.monotonic()
            if not worker.alive():  # died while idle (OOM killer, a stray kill): this job never started on it
                worker.start()
            try:
                result = work(worker)
            except WorkerLost as e:
                result = lost(str(e))
                worker.start()
            except Exception as e:  # a bug of the judge must not lose the future
                log.exception("judge failure")
                result = lost(f"{type(e).__name__}: {e}")
            result.time_s = time.monotonic() - t0
            fut.set_result(result)

    def _judge(self, worker: WorkerProcess, job: Job, p: Plan) -> Verdict:
        lim = job.limits
        n = len(p.checks)
        stdio = p.request.format == Format.STDIO.value
        results: list[TestResult] = []
        first, taint = 0, frozenset[str]()
        while True:
            req = replace(
                p.request, code=job.code, stop=lim.stop.value, time_s=lim.time_s, memory_mb=lim.memory_mb,
                output_bytes=lim.output_bytes, start=first,
            )  # fmt: skip
            if stdio:  # one child per test, sent only that test's input
                req.probes, req.start = p.request.probes[first : first + 1], 0
                n_run = 1
            else:
                n_run = max(1, n - first)
            resp = worker.call(req, lim.time_s * (n_run + 1) + _MARGIN_S)
            run = grade(
                resp, job.code, p.checks, first, first if stdio else 0, lim.time_s, lim.stop, self.tolerance
            )
            if run.shadowed is not None:
                if taint:  # a second time means the report channel is being played with
                    results.append(
                        TestResult(first, Status.SANDBOX_VIOLATION, message="inconsistent reports")
                    )
                    break
                taint = frozenset(run.shadowed)
                p = plan(job.tests, taint)
                continue
            results.extend(run.results)
            first = len(results)
            if run.stop or first >= n or _should_stop(results, lim.stop):
                break
            if not stdio and not run.unfinished:
                break
        results = _truncate(results, lim.stop)
        if n and (not results or (results[-1].status is Status.PASSED and len(results) < n)):
            raise RuntimeError(f"tests {len(results)}..{n - 1} were never judged")  # never a silent pass
        passed = sum(r.status is Status.PASSED for r in results)
        return Verdict(job.id, program_outcome(results), passed, n, results)


def _stops(status: Status, policy: StopPolicy) -> bool:
    if policy is StopPolicy.FIRST_FAILURE:
        return status is not Status.PASSED
    return policy is StopPolicy.FIRST_ERROR and status.is_error


def _should_stop(results: list[TestResult], policy: StopPolicy) -> bool:
    return bool(results) and _stops(results[-1].status, policy)


def _truncate(results: list[TestResult], policy: StopPolicy) -> list[TestResult]:
    """Drop the tests a child ran after the point where the policy says stop (it cannot know wrong answers)."""
    for i, r in enumerate(results):
        if _stops(r.status, policy):
            return results[: i + 1]
    return results


@dataclass
class Execution:
    """One run of a program on one stdin. `status`: PASSED when it ran to its end (whatever its exit code),
    RUNTIME_ERROR when it ended by an uncaught exception, else what stopped it (TIMEOUT, MEMORY_LIMIT,
    OUTPUT_LIMIT, SANDBOX_VIOLATION, SYNTAX_ERROR, INTERNAL_ERROR)."""

    status: Status
    exit_code: int | None  # as Python's subprocess gives it: -N when signal N ended the program
    stdout: str = ""
    stderr: str = ""
    time_s: float = 0.0
    stdout_bytes: int = 0  # all the program wrote; more than len(stdout) when the output was cut
    stderr_bytes: int = 0
    files: dict[str, str] = field(default_factory=dict)  # fetched files (base64)


def _execution(resp: RunResult, code: str, lim: Limits) -> Execution:
    if resp.setup_error is not None:
        return _lost_run(resp.setup_error)
    run = grade(
        resp, code, [Check("stdout", expected="")], 0, 0, lim.time_s, StopPolicy.NEVER, compare.DEFAULT
    )
    r = run.results[0] if run.results else TestResult(0, Status.PASSED)
    status = Status.PASSED if r.status is Status.WRONG_ANSWER else r.status  # no expected output here
    if status is Status.RUNTIME_ERROR and r.error_type == "SystemExit":
        status = Status.PASSED  # sys.exit(3) is a normal end with exit code 3
    exit_code = resp.exit if resp.signal is None else -resp.signal
    fetched = {name: base64.b64encode(bytes.fromhex(data)).decode() for name, data in resp.files.items()}
    return Execution(
        status, exit_code, resp.stdout, resp.stderr, 0.0, resp.stdout_bytes, resp.stderr_bytes, fetched
    )


def _lost_run(message: str) -> Execution:
    return Execution(Status.INTERNAL_ERROR, None, stderr=message)
