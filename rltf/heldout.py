"""Held-out evaluation during training: every rank evaluates its share of each held-out set (rltf.eval_sets),
greedy pass@1 by default, reduced over ranks into one record per evaluation; and the start-vs-end comparison
(rltf.compare) that ends the training report."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rltf import compare
from rltf.data.schema import Problem
from rltf.dist import rank, reduce, world
from rltf.eval_sets import CacheSpec, HeldOut, evaluate_sets
from rltf.evaluate import EvalConfig
from rltf.learn import checkpoint as ckpt
from rltf.learn.state import seed_stream
from rltf.rollout.sample import Sample
from rltf.rollout.sampler import Sampler
from sandbox_runner import Judge


@dataclass
class AtTemperature:
    """The sampler seen by rltf.evaluate, drawing at the evaluation temperature."""

    sampler: Sampler
    temperature: float

    def generate(
        self, problems: Sequence[Problem], n: int | None = None, greedy: bool | None = None
    ) -> Iterator[Sample]:
        return self.sampler.generate(problems, n=n, greedy=greedy, temperature=self.temperature)


def eval_dir(out_dir: str | Path, it: int) -> Path:
    """Where the evaluation after `it` iterations lands: <out_dir>/eval/iter_N/rank_R/<set>/samples.jsonl."""
    return Path(out_dir) / "eval" / ckpt.name_for(it)


def heldout_pass1(
    sets: Sequence[HeldOut],
    sampler: Sampler,
    judge: Judge,
    cfg: EvalConfig,
    temperature: float,
    seed: int,
    it: int,
    out_dir: str | Path,
    cache: CacheSpec | None = None,
) -> dict[str, float]:
    """pass@1 per set and over all problems (greedy, or the unbiased estimator over cfg.n samples), over all
    ranks' shares (rank r evaluates every world_size-th problem of each set). With `cache`, sets whose result
    is cached are restored instead of sampled (only for the unmodified start model: see rltf.eval_cache).
    An interrupted evaluation resumes from its samples.jsonl files."""
    mine = [dataclasses.replace(h, problems=h.problems[rank() :: world()]) for h in sets]
    mine = [h for h in mine if h.problems]  # a set smaller than world() leaves some ranks without a share
    t0 = time.perf_counter()
    seed_stream(seed, it, "eval")
    reports = evaluate_sets(
        mine, AtTemperature(sampler, temperature), judge, cfg, eval_dir(out_dir, it) / f"rank_{rank()}", cache
    )
    local: dict[str, float] = {"time_eval": time.perf_counter() - t0}
    for h in mine:
        r = reports[h.name]
        local |= {
            f"problems/{h.name}": len(h.problems),
            f"pass1_sum/{h.name}": r.pass_at_k["all"][1] * len(h.problems),
            "cached": local.get("cached", 0) + r.cached,
            "sampled": local.get("sampled", 0) + r.problems - r.resumed,
        }
    tot = reduce(local)
    rec: dict[str, float] = {"iteration": it, "greedy": cfg.greedy, "n": cfg.n}
    problems = passed = 0.0
    for h in sets:
        k = tot.get(f"problems/{h.name}", 0)
        rec[f"pass@1/{h.name}"] = tot.get(f"pass1_sum/{h.name}", 0.0) / max(k, 1)
        rec[f"problems/{h.name}"] = k
        problems, passed = problems + k, passed + tot.get(f"pass1_sum/{h.name}", 0.0)
    return rec | {
        "pass@1": passed / max(problems, 1),
        "problems": problems,
        "cached": tot.get("cached", 0),  # problems restored from the evaluation cache (not sampled)
        "sampled": tot.get("sampled", 0),  # problems sampled and judged by this evaluation
        "time_s": tot["time_eval"],
    }


def compare_start_end(out_dir: str | Path, end: int) -> tuple[str, dict[str, Path]]:
    """The start model's evaluation against the one after `end` iterations, per set, with 95% paired
    bootstrap CIs (rltf.compare); written to <out_dir>/compare/. Returns the markdown table and the paths."""
    c = compare.compare(
        compare.load_records(eval_dir(out_dir, 0)),
        compare.load_records(eval_dir(out_dir, end)),
        label_a="start model (iteration 0)",
        label_b=f"after iteration {end}",
    )
    return compare.markdown(c), compare.write(c, Path(out_dir) / "compare")
