"""The one interface every caller uses, whether the pool is in-process (LocalJudge) or behind HTTP (JudgeClient),
and `connect`, which builds the judge a configuration names.

A judge only has to implement `submit`; `judge` and `as_completed` are built on it, so streaming results
("start on verdicts before the batch ends") works the same everywhere.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from sandbox_runner.schema import Job, Limits, Verdict


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


class LimitOverrides:
    """A judge that imposes the configured limits on every job: a slow machine raises `time_s` for all,
    without each caller knowing. Keys left None keep each job's own value."""

    def __init__(self, judge: Judge, **overrides):
        unknown = set(overrides) - {f.name for f in dataclasses.fields(Limits)}
        if unknown:
            raise ValueError(
                f"unknown limit(s) {sorted(unknown)}; known: {[f.name for f in dataclasses.fields(Limits)]}"
            )
        self.judge = judge
        self.overrides = {k: v for k, v in overrides.items() if v is not None}
        dataclasses.replace(Limits(), **self.overrides)  # a bad value (e.g. stop: "sometimes") fails here

    def submit(self, job: Job) -> cf.Future[Verdict]:
        limits = dataclasses.replace(job.limits, **self.overrides)
        return self.judge.submit(dataclasses.replace(job, limits=limits))

    def close(self) -> None:
        self.judge.close()

    def __getattr__(self, name: str):  # health(), describe(), ... of the judge underneath
        return getattr(self.judge, name)


def connect(
    url: str | Sequence[str] | None = None,
    workers: int | None = None,
    token_env: str | None = "RLTF_JUDGE_TOKEN",
    timeout_s: float = 300.0,
    retries: int = 5,
    batch_size: int = 64,
    **limits,
) -> Judge:
    """The judge a caller configured (conf/sandbox): an in-process LocalJudge when `url` is None, else a
    JudgeClient for that daemon (or list of daemons).

    `workers` sizes the local pool (None: one per core). A remote daemon's bearer token is read from the
    environment variable `token_env`. `batch_size`: jobs per request to a daemon (a daemon that answers 413
    gets smaller ones). `limits` (time_s, memory_mb, output_bytes, stop) override every job's own when not None.
    """
    if url is None:
        from sandbox_runner.local import LocalJudge

        judge: Judge = LocalJudge(workers=workers)
    else:
        if workers is not None:
            raise ValueError("workers sizes a local pool; a remote daemon's pool is set by its own --workers")
        token = os.environ.get(token_env) if token_env else None
        urls = [url] if isinstance(url, str) else list(url)
        from sandbox_runner.client import JudgeClient  # httpx loads only for remote judges

        judge = JudgeClient(
            urls, token=token or None, timeout_s=timeout_s, retries=retries, batch_size=batch_size
        )
    overrides = {k: v for k, v in limits.items() if v is not None}
    return LimitOverrides(judge, **overrides) if overrides else judge
