"""The online RLTF recipe: sample -> judge -> feedback -> buffer -> learner -> weight sync, every iteration.

    parts = build(cfg)            # cfg: the composed conf/train.yaml (see launch/train.py)
    run(parts, resume="auto")     # evaluate, iterate, checkpoint, evaluate

Every rank owns a DeepSpeed engine and a vLLM sampler and works on its share of each iteration's problems
and of each held-out set; metrics are reduced across ranks and written by rank 0. `iteration()` below is the
whole algorithm; the pieces it calls live in rltf.experience, rltf.data.curriculum, rltf.learn, rltf.heldout
and rltf.report.
"""

from __future__ import annotations

import copy
import logging
import math
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch

from rltf import eval_cache
from rltf.config import TrainConfig, train_config
from rltf.data import curriculum
from rltf.data.overlap import check_overlap
from rltf.data.schema import Problem
from rltf.dist import any_rank, gather, rank, reduce, world
from rltf.eval_sets import CacheSpec, HeldOut, load_sets, sampling_of
from rltf.evaluate import EvalConfig
from rltf.experience import schedule, scored_experiences
from rltf.hardware import rank_threads
from rltf.heldout import compare_start_end, heldout_pass1
from rltf.learn import state as st
from rltf.learn.buffer import Buffer
from rltf.learn.learner import Learner, learn
from rltf.learn.metrics import summarise
from rltf.learn.sync import iter_weights
from rltf.report import RunReport
from rltf.rollout.sampler import Sampler
from sandbox_runner import Judge

if TYPE_CHECKING:
    from deepspeed import DeepSpeedEngine
    from transformers import PreTrainedTokenizerBase

log = logging.getLogger(__name__)


@dataclass
class Parts:
    """Everything an iteration touches, built once by `build`."""

    cfg: TrainConfig
    problems: list[Problem]
    heldout: list[HeldOut]
    sampler: Sampler
    judge: Judge
    engine: DeepSpeedEngine
    learner: Learner
    tokenizer: PreTrainedTokenizerBase
    buffer: Buffer
    buffer_rng: random.Random
    threads: int  # torch threads of this rank's learner
    cache: CacheSpec | None = None  # where the start model's evaluation is cached (trainer.eval_cache_dir)
    report: RunReport | None = field(default=None)  # set by `run`

    def phase(self, it: int, what: str) -> None:
        if self.report:
            self.report.phase(it, what)


def build(node: Any) -> Parts:
    """All the parts from the composed config; each group is validated by its own dataclass (rltf.config)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from rltf.learn.engine import build_engine
    from rltf.models import resolve_model

    cfg = train_config(node)
    tcfg, lcfg = cfg.trainer, cfg.learner
    if tcfg.problems_per_iteration < world():
        raise ValueError(f"trainer.problems_per_iteration={tcfg.problems_per_iteration} < {world()} ranks")
    problems, heldout = cfg.data.problems(), load_sets(cfg.eval_sets)
    check_overlap(problems, {h.name: h.problems for h in heldout})  # never train on a held-out problem
    if cfg.curriculum.kind == "dynamic" and tcfg.problems_per_iteration > len(problems):
        raise ValueError(
            f"curriculum=dynamic draws distinct problems: trainer.problems_per_iteration="
            f"{tcfg.problems_per_iteration} > {len(problems)} training problems"
        )
    st.seed_everything(tcfg.seed)
    model_path = resolve_model(cfg.model.ref)

    cfg.rollout.seed += rank()  # ranks must not draw identical samples
    sampler = Sampler(model_path, cfg.rollout, cfg.data.prompt)
    threads = rank_threads(lcfg.threads)
    torch.set_num_threads(threads)
    log.info("rank %d: %d torch threads; sampler dtype %s", rank(), threads, sampler.dtype)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    # Derived, not configured: a step's micro-batches cover every sample this rank draws for that step.
    per_rank = math.ceil(tcfg.problems_per_iteration / world()) * cfg.rollout.n / tcfg.steps_per_iteration
    grad_accum = max(1, math.ceil(per_rank / lcfg.micro_batch_size))
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch.float32)
    ref = copy.deepcopy(model).eval().requires_grad_(False) if cfg.algo.kl_coef > 0 else None
    engine = build_engine(model, lcfg, world(), tcfg.iterations * tcfg.steps_per_iteration, grad_accum)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    learner = Learner(
        engine,
        lcfg.micro_batch_size,
        pad_id,
        cfg.algo.sft_coef,
        cfg.algo.kl_coef,
        ref,
        share_prompt=lcfg.share_prompt,
        micro_batch_tokens=lcfg.micro_batch_tokens,
    )
    return Parts(
        cfg=cfg,
        problems=problems,
        heldout=heldout,
        sampler=sampler,
        judge=cfg.sandbox.connect(),
        engine=engine,
        learner=learner,
        tokenizer=tokenizer,
        buffer=Buffer(tcfg.buffer_capacity, tcfg.buffer_max_uses),
        buffer_rng=random.Random(tcfg.seed + rank()),
        threads=threads,
        cache=cache_spec(cfg, model_path),
    )


def cache_spec(cfg: TrainConfig, model_path: str) -> CacheSpec | None:
    """The start model's evaluation cache (trainer.eval_cache_dir), keyed by the model directory's checksum."""
    t = cfg.trainer
    if t.eval_cache_dir is None:
        return None
    if not Path(model_path).is_dir():
        log.warning("no evaluation cache: model %s is not a directory, it has no checksum", model_path)
        return None
    where = Path(t.eval_cache_dir).expanduser()
    sampling = sampling_of(cfg.rollout, temperature=0.0 if t.eval_greedy else t.eval_temperature)
    return CacheSpec(where, eval_cache.model_checksum(model_path, where), sampling, cfg.data.prompt)


def sync(parts: Parts) -> float:
    """Stream the updated weights into this rank's sampler, one bucket at a time."""
    t0 = time.perf_counter()
    bucket_mb = parts.cfg.learner.bucket_mb
    parts.sampler.update_weights(iter_weights(parts.engine.module, bucket_mb), bucket_mb)
    return time.perf_counter() - t0


def draw(parts: Parts, it: int, signal: curriculum.SignalState) -> list[int]:
    """Indices of iteration `it`'s problems, the same on every rank: the epoch shuffle (curriculum=uniform),
    or weighted by each problem's recent learning signal (curriculum=dynamic)."""
    cfg, k = parts.cfg, parts.cfg.trainer.problems_per_iteration
    if cfg.curriculum.kind == "dynamic":
        ids = [p.id for p in parts.problems]
        return curriculum.draw(ids, k, signal, cfg.curriculum, cfg.trainer.seed, it)
    return schedule(len(parts.problems), it, k, cfg.trainer.seed)


def iteration(parts: Parts, it: int, signal: curriculum.SignalState) -> dict[str, float]:
    """One online RLTF iteration on this rank's share of the problems; returns the reduced metrics. With
    curriculum=dynamic, `signal` learns which problems gave learning signal (from every rank's groups)."""
    cfg = parts.cfg
    t0 = time.perf_counter()
    st.seed_stream(cfg.trainer.seed, it, "train")
    mine = [parts.problems[i] for i in draw(parts, it, signal)[rank() :: world()]]
    parts.phase(it + 1, f"sampling + judging {len(mine)} problems x {cfg.rollout.n}")
    limits = cfg.sandbox.limits.for_training()
    exps, stats = scored_experiences(mine, parts.sampler, parts.judge, parts.tokenizer, cfg.algo, limits)
    if cfg.curriculum.kind == "dynamic":
        rl = [e for e in exps if e.kind == "rl"]
        groups = curriculum.group_signals([e.problem_id for e in rl], [e.advantages for e in rl])
        signal.update(curriculum.merge_signals(gather(groups)))
    parts.buffer.push(exps)
    parts.phase(it + 1, f"learning on {len(parts.buffer)} samples")
    stats |= learn(
        parts.learner, parts.buffer, parts.buffer_rng, cfg.trainer.steps_per_iteration, parts.threads
    )
    parts.phase(it + 1, "syncing weights")
    stats["time_sync"] = sync(parts)
    stats["time_total"] = time.perf_counter() - t0
    stats["ranks"] = 1
    return summarise(reduce(stats), it + 1)


def evaluate(parts: Parts, it: int) -> dict[str, float]:
    """Held-out pass@1 of the current weights on every set (rltf.heldout); the start model's (it == 0, the
    unmodified weights) is looked up in and stored to the evaluation cache."""
    t = parts.cfg.trainer
    cfg = EvalConfig(
        n=1 if t.eval_greedy else t.eval_n,
        ks=[1],
        limits=parts.cfg.sandbox.limits.for_evaluation(),
        progress=rank() == 0,
        greedy=t.eval_greedy,
    )
    cache = parts.cache if it == 0 else None
    return heldout_pass1(
        parts.heldout, parts.sampler, parts.judge, cfg, t.eval_temperature, t.seed, it, t.out_dir, cache
    )


def save(parts: Parts, state: st.State) -> Path:
    t = parts.cfg.trainer
    return st.save(
        state,
        Path(t.out_dir),
        parts.engine,
        parts.tokenizer,
        parts.buffer,
        parts.buffer_rng,
        parts.cfg.learner.bucket_mb,
        t.keep_checkpoints,
    )


def run(parts: Parts, resume: str = "auto") -> st.State:
    """Evaluate, iterate, checkpoint, evaluate; resumable at any checkpoint."""
    cfg = parts.cfg.trainer
    out = Path(cfg.out_dir)
    report = parts.report = RunReport(out, lead=rank() == 0)
    state = st.State(signal=curriculum.SignalState(parts.cfg.curriculum.window))
    found = st.resume_path(out, resume)
    if found is not None:
        state = st.restore(found, parts.engine, parts.buffer, parts.buffer_rng)
        sync(parts)  # the sampler must run the restored weights, not the start model's
        report.note(f"resumed from {found} (iteration {state.iteration})")
    if state.iteration == 0 and cfg.eval_at_start and not state.evals:
        sets = ", ".join(f"{h.name} {len(h.problems)}" for h in parts.heldout)
        how = "greedy" if cfg.eval_greedy else f"n={cfg.eval_n}, T={cfg.eval_temperature}"
        report.note(f"held-out pass@1 of the start model ({sets} problems; {how}) ...")
        state.evals.append(evaluate(parts, 0))
        report.evaluation(state.evals[-1])
    start = time.perf_counter()
    report.start(cfg.iterations, state.iteration)
    try:
        while state.iteration < cfg.iterations:
            rec = iteration(parts, state.iteration, state.signal)
            state.iteration += 1
            state.history.append(rec)
            report.iteration(rec, state.iteration)
            elapsed = time.perf_counter() - start
            over_budget = cfg.time_budget_min is not None and elapsed > 60 * cfg.time_budget_min
            stop = any_rank(over_budget) or state.iteration == cfg.iterations
            if cfg.eval_every and state.iteration % cfg.eval_every == 0 and not stop:
                state.evals.append(evaluate(parts, state.iteration))
                report.evaluation(state.evals[-1])
            if cfg.checkpoint_every and state.iteration % cfg.checkpoint_every == 0 and not stop:
                save(parts, state)
            if stop:
                break
    finally:
        report.stop()
    state.evals.append(evaluate(parts, state.iteration))
    report.evaluation(state.evals[-1])
    checkpoint = save(parts, state)
    start_evaluated = state.evals[0]["iteration"] == 0 and state.iteration > 0
    comparison = compare_start_end(out, state.iteration) if start_evaluated and rank() == 0 else None
    report.finish(state.history, state.evals, checkpoint, comparison)
    return state
