"""Held-out evaluation over several named sets, each with its own limit, and the start model's cache.

conf/eval_sets/*.yaml name the sets (`set name -> {data, split, limit, path, options}`):

    sets = parse_sets(cfg.eval_sets)                 # {"humaneval": Selection(...), "mbpp": Selection(...)}
    heldout = load_sets(sets)                        # [HeldOut(name, spec, problems), ...]
    reports = evaluate_sets(heldout, sampler, judge, EvalConfig(n=1, ks=[1], greedy=True), out_dir, cache)

Each set is evaluated into `out_dir/<name>/` by rltf.evaluate (resumable, records labelled with the set's
name, so rltf.compare reports it per set). With a `CacheSpec`, a set whose key (eval_cache.key) is cached
is restored instead of sampled, and a freshly evaluated set is stored.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rltf import eval_cache
from rltf.data import DataError
from rltf.data.schema import Problem
from rltf.data.selection import Selection, parse_named
from rltf.evaluate import (
    SAMPLES,
    EvalConfig,
    Report,
    SampleSource,
    evaluate,
    load_finished,
    setup_from_config,
)
from sandbox_runner.judge import Judge

log = logging.getLogger(__name__)


@dataclass
class HeldOut:
    name: str
    spec: Selection
    problems: list[Problem]


def parse_sets(node: Any) -> dict[str, Selection]:
    """`name -> Selection` from conf/eval_sets; a bad entry fails naming it."""
    return parse_named(node, Selection, "eval_sets")


def load_sets(sets: Mapping[str, Selection]) -> list[HeldOut]:
    """Every set's problems through rltf.data.load; an empty set is an error naming it."""
    out = []
    for name, s in sets.items():
        problems = s.load()
        if not problems:
            raise DataError(f"eval_sets.{name}: data set {s.data!r} split {s.split!r} has no problems")
        out.append(HeldOut(name, s, problems))
    return out


@dataclass
class CacheSpec:
    """What a cache key needs beyond the set and the evaluation config (see eval_cache.key)."""

    dir: Path
    model: str  # eval_cache.model_checksum of the model being evaluated (only ever the unmodified one)
    sampling: dict[str, Any]  # temperature, top_p, max_new_tokens, max_prompt_tokens, seed, ...
    prompt: Any  # the PromptConfig (or its dict)

    def key(self, h: HeldOut, cfg: EvalConfig) -> str:
        return eval_cache.key(
            model=self.model,
            data=h.spec,
            problem_ids=[p.id for p in h.problems],
            sampling={**self.sampling, "greedy": cfg.greedy, "n": cfg.n},
            limits=cfg.limits,
            prompt=self.prompt,
        )


def sampling_of(rollout: Any, **overrides: Any) -> dict[str, Any]:
    """The sampling parameters of a RolloutConfig that decide an evaluation's samples (for CacheSpec)."""
    keys = ("temperature", "top_p", "max_new_tokens", "max_prompt_tokens", "seed", "dtype")
    return {k: getattr(rollout, k) for k in keys} | overrides


def _restore(records: list[dict], path: Path, cfg: EvalConfig) -> int:
    """Append the cached records of problems `path` does not hold yet; returns how many problems."""
    done = load_finished(path, cfg.n, cfg.greedy)
    new = [{**r, "set": cfg.label} for r in records if r["problem_id"] not in done]
    with path.open("a") as f:
        f.write("".join(json.dumps(r) + "\n" for r in new))
    return len({r["problem_id"] for r in new})


def evaluate_sets(
    heldout: Sequence[HeldOut],
    sampler: SampleSource,
    judge: Judge,
    cfg: EvalConfig,
    out_dir: str | Path,
    cache: CacheSpec | None = None,
) -> dict[str, Report]:
    """Evaluate every set into `out_dir/<name>/` (labelled with its name); with `cache`, restore cached sets
    and store the others once complete (a set with a problem the judge could not run is not stored)."""
    reports = {}
    for h in heldout:
        c = dataclasses.replace(cfg, label=h.name)
        out = Path(out_dir) / h.name
        out.mkdir(parents=True, exist_ok=True)
        k = cache.key(h, c) if cache is not None else None
        cached = eval_cache.load(cache.dir, k) if cache is not None else None
        restored = _restore(cached, out / SAMPLES, c) if cached is not None else 0
        if cached is not None:
            log.info("%s: %d problems restored from the evaluation cache", h.name, restored)
        reports[h.name] = dataclasses.replace(evaluate(h.problems, sampler, judge, c, out), cached=restored)
        if cache is not None and cached is None and not reports[h.name].unjudged:  # only complete results
            done = load_finished(out / SAMPLES, c.n, c.greedy)
            records = [r for p in h.problems for r in done[p.id]]
            eval_cache.store(
                cache.dir,
                k,
                records,
                {"set": h.name, "spec": dataclasses.asdict(h.spec), "model": cache.model},
            )
    return reports


def run_sets_from_config(cfg) -> dict[str, Report]:
    """launch/eval.py's body with `eval_sets=...`: every named set into out_dir/<name>/; with `cache=DIR`,
    results of a local model directory are reused and stored (rltf.eval_cache)."""
    from rltf.models import resolve_model
    from rltf.rollout import Sampler

    ecfg, rollout, prompt, sandbox = setup_from_config(cfg)
    heldout = load_sets(parse_sets(cfg.eval_sets))
    model = resolve_model(cfg.model.path or cfg.model.name)
    cache = None
    if cfg.get("cache"):
        if not Path(model).is_dir():
            raise ValueError(
                f"cache={cfg.cache}: model {model} is not a local directory, so it has no checksum"
            )
        where = Path(cfg.cache).expanduser()
        cache = CacheSpec(where, eval_cache.model_checksum(model, where), sampling_of(rollout), prompt)
    sampler = Sampler(model, rollout, prompt)
    judge = sandbox.connect()
    try:
        return evaluate_sets(heldout, sampler, judge, ecfg, cfg.out_dir, cache)
    finally:
        judge.close()
