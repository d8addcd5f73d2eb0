"""Samples -> judge, overlapped with generation: each program is submitted the moment its sample finishes.

The judge runs programs in its own worker processes, so while vLLM keeps decoding the remaining sequences the
finished ones are already being tested; only the slowest tail waits after generation ends.
"""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rltf.data.extract import Extracted, extract_code
from rltf.data.schema import Problem
from rltf.rollout.sample import Sample
from sandbox_runner.judge import Judge
from sandbox_runner.schema import Job, Limits, Verdict


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
    """
    pending: dict[cf.Future[Verdict], tuple[Sample, Extracted]] = {}
    error: BaseException | None = None
    try:
        for i, s in enumerate(samples):
            p = problems[s.problem_id]
            ex = extract_code(s.text, prefix=s.code_prefix, entry_point=p.fn_name)
            pending[judge.submit(Job(code=ex.code, tests=p.tests, limits=limits, id=f"{p.id}#{i}"))] = (s, ex)
            for f in [f for f in pending if f.done()]:
                yield Judged(*pending.pop(f), f.result())
    except GeneratorExit:  # the consumer stopped listening: nothing to hand over
        raise
    except BaseException as e:  # re-raised below, once the submitted work is collected
        error = e
    for f in cf.as_completed(list(pending)):
        yield Judged(*pending.pop(f), f.result())
    if error is not None:
        raise error
