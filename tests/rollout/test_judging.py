"""judge_stream without vLLM: one sample or problem that cannot be judged never ends the stream."""

from __future__ import annotations

import concurrent.futures as cf

from rltf.data.schema import Problem
from rltf.rollout.judging import judge_stream
from rltf.rollout.sample import Sample
from sandbox_runner.schema import Limits, Status, Tests, Verdict


class FlakyJudge:
    """Never runs code: refuses p1's jobs at submit and loses p2's after accepting them."""

    def submit(self, job):
        if job.id.startswith("p1#"):
            raise ValueError("tests.asserts[0] is not a string")
        f = cf.Future()
        if job.id.startswith("p2#"):
            f.set_exception(ConnectionError("daemon went away"))
        else:
            f.set_result(Verdict(id=job.id, outcome=Status.PASSED, passed=1, total=1))
        return f

    def close(self):
        pass


def test_unjudgeable_samples_come_back_as_internal_errors():
    problems = [
        Problem(
            id=f"p{i}", statement="add", tests=Tests(format="mbpp", asserts=[f"assert add{i}(1, 2) == 3"])
        )
        for i in range(3)
    ]
    samples = [
        Sample(p.id, [1], [2], [0.0], f"```python\ndef add{i}(a, b):\n    return a + b\n```", "stop")
        for i, p in enumerate(problems)
        for _ in range(2)
    ]
    judged = list(judge_stream(iter(samples), {p.id: p for p in problems}, FlakyJudge(), Limits()))
    assert len(judged) == 6
    by_problem = {}
    for j in judged:
        by_problem.setdefault(j.sample.problem_id, set()).add(j.verdict.outcome)
    assert by_problem == {"p0": {Status.PASSED}, "p1": {Status.INTERNAL_ERROR}, "p2": {Status.INTERNAL_ERROR}}
    messages = {j.sample.problem_id: j.verdict.tests[0].message for j in judged if j.verdict.tests}
    assert "not submitted: ValueError: tests.asserts[0]" in messages["p1"]
    assert "judge failed: ConnectionError: daemon went away" in messages["p2"]
