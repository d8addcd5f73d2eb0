"""Samples -> judge, overlapped with generation: each program is submitted the moment its sample finishes.

The judge runs programs in its own worker processes, so while vLLM keeps decoding the remaining sequences the
finished ones are already being tested; only the slowest tail waits after generation ends.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rltf.data.extract import Extracted, extract_code
from rltf.data.schema import Problem
from rltf.logs import warn_once
from rltf.rollout.sample import Sample
from sandbox_runner.judge import Judge
from sandbox_runner.schema import Job, Limits, Verdict

log = logging.getLogger(__name__)


@dataclass
class Judged:
    sample: Sample
    extracted: Extracted  # the program the judge ran, and where it lies in sample.text
    verdict: Verdict


def judge_stream(
    samples: Iterable[Sample],
    problems: Mapping[str, Problem],
    judge: Judge,
    limits: Limits,
) -> Iterator[Judged]:
    """Yield every sample with its verdict, in completion order, submitting while `samples` still streams.

    If `samples` raises (a crash, Ctrl-C), the programs already submitted are still judged and yielded before
    the error propagates, so callers that record results (evaluation's resume file) lose no finished work.
    A sample that cannot be judged (its problem's tests are malformed, the judge refused or lost the job)
    comes back with an INTERNAL_ERROR verdict saying why: training drops it, evaluation counts it failed,
    and neither stops for it.
    """
    pending: dict[cf.Future[Verdict], tuple[Sample, Extracted, str]] = {}
    error: BaseException | None = None
    try:
        for i, s in enumerate(samples):
            p = problems[s.problem_id]
            ex = Extracted(code="", start=0, end=0)
            job_id = f"{p.id}#{i}"
            try:
                ex = extract_code(s.text, prefix=s.code_prefix, entry_point=p.fn_name)
                job = Job(code=ex.code, tests=p.tests, limits=limits, id=job_id)
                pending[judge.submit(job)] = (s, ex, job_id)
            except Exception as e:  # one sample or problem must not end the run
                yield Judged(s, ex, unjudged(job_id, f"not submitted: {type(e).__name__}: {e}"))
            for f in [f for f in pending if f.done()]:
                yield _judged(f, *pending.pop(f))
    except GeneratorExit:  # the consumer stopped listening: nothing to hand over
        raise
    except BaseException as e:  # re-raised below, once the submitted work is collected
        error = e
    for f in cf.as_completed(list(pending)):
        yield _judged(f, *pending.pop(f))
    if error is not None:
        raise error


def unjudged(job_id: str, why: str) -> Verdict:
    """The verdict of a program the judge could not run: its own failure, never the program's. Each kind
    of failure is logged once (callers count them); a dead judge must not flood the log."""
    warn_once(log, repr(why.split(":", 2)[:2]), f"job {job_id}: {why}")
    return Verdict.internal_error(job_id, 0, why)


def _judged(f: cf.Future[Verdict], sample: Sample, ex: Extracted, job_id: str) -> Judged:
    try:
        return Judged(sample, ex, f.result())
    except Exception as e:  # a lost job: an internal error, like a dead worker's
        return Judged(sample, ex, unjudged(job_id, f"judge failed: {type(e).__name__}: {e}"))
