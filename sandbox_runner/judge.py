"""The one interface every caller uses, whether the pool is in-process (LocalJudge) or behind HTTP (JudgeClient).

A judge only has to implement `submit`; `judge` and `as_completed` are built on it, so streaming results
("start on verdicts before the batch ends") works the same everywhere.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from sandbox_runner.schema import Job, Verdict


class Judge(Protocol):
    def submit(self, job: Job) -> cf.Future[Verdict]:
        """Queue one job; the future resolves to its Verdict (never raises for a bad program)."""
        ...

    def close(self) -> None: ...


def judge(j: Judge, jobs: Sequence[Job]) -> list[Verdict]:
    """Judge a batch; verdicts come back in the order of `jobs`."""
    futures = [j.submit(job) for job in jobs]
    return [f.result() for f in futures]


def as_completed(j: Judge, jobs: Iterable[Job]) -> Iterator[tuple[int, Verdict]]:
    """Judge a batch, yielding (index in `jobs`, verdict) as each finishes."""
    futures = {j.submit(job): i for i, job in enumerate(jobs)}
    for f in cf.as_completed(futures):
        yield futures[f], f.result()
