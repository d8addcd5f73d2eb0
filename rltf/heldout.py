"""Held-out pass@1 during training: rltf.evaluate on each rank's share of the held-out problems, at the
trainer's evaluation temperature, reduced over ranks."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rltf.data.schema import Problem
from rltf.dist import rank, reduce, world
from rltf.evaluate import EvalConfig, evaluate
from rltf.learn import checkpoint as ckpt
from rltf.learn.state import seed_stream
from rltf.rollout.sample import Sample
from rltf.rollout.sampler import Sampler
from sandbox_runner import Judge, Limits


@dataclass
class AtTemperature:
    """The sampler seen by rltf.evaluate, drawing at the evaluation temperature."""

    sampler: Sampler
    temperature: float

    def generate(
        self, problems: Sequence[Problem], n: int | None = None, greedy: bool | None = None
    ) -> Iterator[Sample]:
        return self.sampler.generate(problems, n=n, greedy=greedy, temperature=self.temperature)


def heldout_pass1(
    problems: list[Problem],
    sampler: Sampler,
    judge: Judge,
    limits: Limits,
    n: int,
    temperature: float,
    seed: int,
    it: int,
    out_dir: str | Path,
) -> dict[str, float]:
    """Held-out pass@1 (unbiased estimator over n samples per problem) over all ranks' shares; samples and
    verdicts land in <out_dir>/eval/iter_N/rank_R (an interrupted evaluation resumes)."""
    mine = problems[rank() :: world()]
    t0 = time.perf_counter()
    seed_stream(seed, it, "eval")
    cfg = EvalConfig(n=n, ks=[1], progress=rank() == 0, limits=limits)
    out = Path(out_dir) / "eval" / ckpt.name_for(it) / f"rank_{rank()}"
    report = evaluate(mine, AtTemperature(sampler, temperature), judge, cfg, out)
    tot = reduce(
        {
            "problems": len(mine),
            "pass1_sum": report.pass_at_k["all"][1] * len(mine),
            "time_eval": time.perf_counter() - t0,
        }
    )
    return {
        "iteration": it,
        "pass@1": tot["pass1_sum"] / max(tot["problems"], 1),
        "problems": tot["problems"],
        "n": cfg.n,
        "time_s": tot["time_eval"],
    }
