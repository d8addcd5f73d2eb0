"""The online RLTF loop: sample -> judge -> feedback -> buffer -> learner -> weight sync, every iteration.

    train(cfg)          # cfg: the composed conf/train.yaml (see launch/train.py)

Every rank owns a DeepSpeed engine and a vLLM sampler and works on its share of each iteration's problems;
metrics are reduced across ranks and written by rank 0. `iteration()` below is the whole algorithm.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from rltf.data.schema import Problem
from rltf.dist import any_rank, rank, reduce, world
from rltf.hardware import rank_threads
from rltf.learn import checkpoint as ckpt
from rltf.learn.buffer import Buffer
from rltf.learn.learner import Learner
from rltf.learn.loss import BASELINES, Experience, baselines, token_advantages
from rltf.learn.metrics import MetricsWriter, count_outcomes, line, plot, rich_table, summarise
from rltf.learn.sync import iter_weights
from sandbox_runner.schema import Limits, Status, StopPolicy

log = logging.getLogger(__name__)


# -- configuration -------------------------------------------------------------------------------------------
@dataclass
class AlgoConfig:
    """conf/algo: which reward parts are on (`reward`, see rltf.feedback), the baseline, extra loss terms."""

    name: str = "rltf"
    baseline: str = "group_mean"  # greedy (paper) | group_mean (GRPO-style) | none
    sft_coef: float = 1.0  # weight of cross-entropy on reference solutions (the paper's L_sl; 0: off)
    kl_coef: float = 0.0  # weight of KL(policy || start model) (0: off, as in RLTF)
    reward: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.baseline not in BASELINES:
            raise ValueError(f"algo.baseline must be one of {BASELINES}, got {self.baseline!r}")
        if self.sft_coef < 0 or self.kl_coef < 0:
            raise ValueError("algo.sft_coef and algo.kl_coef must be >= 0")


@dataclass
class TrainerConfig:
    """conf/trainer: how long, how much per iteration, evaluation and checkpoint cadence, outputs."""

    iterations: int = 10
    problems_per_iteration: int = 8  # over all ranks; each rank takes every world_size-th
    steps_per_iteration: int = 1  # optimizer steps per iteration (the buffer is split between them)
    time_budget_min: float | None = None  # also stop once the loop has run this long
    buffer_capacity: int = 4096
    buffer_max_uses: int = 1  # 1: on-policy, every sample trained on exactly once
    eval_every: int = 0  # held-out pass@1 every this many iterations (0: only at start and end)
    eval_n: int = 10  # samples per held-out problem
    eval_temperature: float = 0.6
    eval_at_start: bool = True
    checkpoint_every: int = 5  # 0: only at the end
    keep_checkpoints: int = 2
    judge_time_s: float = 2.0  # per-test wall-clock limit while training and evaluating
    judge_memory_mb: int = 1024
    out_dir: str = "runs/train"
    seed: int = 0

    def __post_init__(self) -> None:
        for key in ("iterations", "problems_per_iteration", "steps_per_iteration", "eval_n"):
            if getattr(self, key) < 1:
                raise ValueError(f"trainer.{key} must be >= 1, got {getattr(self, key)}")


def from_node(cls, node: Any, group: str):
    """A dataclass from a config node; an unknown or mistyped key fails naming the group and key."""
    from omegaconf import OmegaConf

    values = OmegaConf.to_container(node, resolve=True) if OmegaConf.is_config(node) else dict(node or {})
    known = {f.name for f in cls.__dataclass_fields__.values()}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"config group '{group}': unknown key(s) {unknown}; known: {sorted(known)}")
    return cls(**values)


# -- problem schedule ----------------------------------------------------------------------------------------
def schedule(n_problems: int, iteration: int, per_iteration: int, seed: int) -> list[int]:
    """Indices of the problems of `iteration`: a fresh shuffle per epoch, a pure function of its arguments
    (so a resumed run draws exactly what the uninterrupted run would have)."""
    out = []
    for pos in range(iteration * per_iteration, (iteration + 1) * per_iteration):
        epoch, i = divmod(pos, n_problems)
        perm = list(range(n_problems))
        random.Random(seed * 100003 + epoch).shuffle(perm)
        out.append(perm[i])
    return out


# -- the loop ------------------------------------------------------------------------------------------------
@dataclass
class State:
    """What a checkpoint must restore for the run to continue exactly."""

    iteration: int = 0  # iterations completed
    history: list[dict] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)
    rng: dict = field(default_factory=dict)
    buffer: dict = field(default_factory=dict)
    buffer_rng: Any = None


@dataclass
class Parts:
    """Everything an iteration touches, built once by `build`."""

    cfg: TrainerConfig
    algo: AlgoConfig
    reward_cfg: Any
    problems: list[Problem]
    heldout: list[Problem]
    sampler: Any
    judge: Any
    engine: Any
    learner: Learner
    tokenizer: Any
    buffer: Buffer
    buffer_rng: random.Random
    bucket_mb: int
    limits: Limits
    threads: int  # torch threads of this rank's learner
    on_phase: Any = lambda it, what: None  # progress hook: (iteration, what it is doing now)


def judged(parts: Parts, problems: list[Problem], limits: Limits, **gen) -> tuple[list, float, float]:
    """Sample `problems`; the judge tests each program while vLLM decodes the rest (rollout.judge_stream).
    Returns the Judged results in generation order, the sampling time and the time spent waiting for the judge
    afterwards. Generation order is a function of seed and weights; verdicts finish in an order that depends
    on machine load, and batches built from that order would make a resumed run diverge."""
    from rltf.rollout.judging import judge_stream

    marks: dict[str, float] = {}
    order: dict[int, int] = {}

    def timed(samples):
        for s in samples:
            order[id(s)] = len(order)
            yield s
        marks["sampled"] = time.perf_counter()

    t0 = time.perf_counter()
    stream = judge_stream(
        timed(parts.sampler.generate(problems, **gen)), {p.id: p for p in problems}, parts.judge, limits
    )
    results = sorted(stream, key=lambda r: order[id(r.sample)])
    t_sample = marks.get("sampled", time.perf_counter()) - t0
    return results, t_sample, time.perf_counter() - t0 - t_sample


def scored_experiences(parts: Parts, problems: list[Problem]) -> tuple[list[Experience], dict[str, float]]:
    """Sample and judge this rank's problems, score every program, and turn them into experiences."""
    from rltf.feedback import JudgeFailed, score

    results, t_sample, t_judge = judged(parts, problems, parts.limits, greedy=parts.algo.baseline == "greedy")
    t0 = time.perf_counter()
    rows, greedy_reward, dropped, unscored, coarse_only = [], {}, 0, 0, 0
    for r in results:
        s, v = r.sample, r.verdict
        try:
            sc = score(
                v, r.extracted, s.token_ids, parts.tokenizer, truncated=s.truncated, cfg=parts.reward_cfg
            )
        except JudgeFailed:  # the judge failed, not the program: no reward is better than a wrong one
            dropped += 1  # judge_stream logged the reason
            continue
        except Exception as e:  # one odd sample must not end the run: drop it, count it, say why once
            log_once(type(e).__name__, f"a sample of {s.problem_id} could not be scored, dropped: {e!r}")
            unscored += 1
            continue
        if sc.mask_error:
            log_once("mask", f"a sample of {s.problem_id} is scored without token penalties: {sc.mask_error}")
            coarse_only += 1
        if s.greedy:
            greedy_reward[s.problem_id] = sc.reward
        else:
            rows.append((s, sc, "timeout" if v.outcome is Status.TIMEOUT else str(sc.outcome)))
    base = baselines(
        [s.problem_id for s, _, _ in rows],
        [sc.reward for _, sc, _ in rows],
        parts.algo.baseline,
        greedy_reward,
    )
    penalty = parts.reward_cfg.fine_penalty if parts.reward_cfg.fine_grained else 0.0
    exps = [
        Experience(
            problem_id=s.problem_id,
            prompt_ids=s.prompt_ids,
            token_ids=s.token_ids,
            advantages=token_advantages(sc.reward, b, sc.penalty_mask, penalty),
            reward=sc.reward,
            sampler_logprobs=s.logprobs,
        )
        for (s, sc, _), b in zip(rows, base, strict=True)
    ]
    if results and dropped == len(results):
        raise RuntimeError(f"the judge failed on all {dropped} programs of this iteration; see the log")
    if parts.algo.sft_coef > 0:
        exps += sft_experiences(parts, problems)
    stats = count_outcomes([o for _, _, o in rows], [str(sc.category) for _, sc, _ in rows])
    stats |= {
        "samples": len(rows),
        "reward_sum": sum(sc.reward for _, sc, _ in rows),
        "gen_tokens": sum(len(s.token_ids) for s, _, _ in rows),
        "judged": len(results),  # greedy and dropped programs included: the judge ran them all
        "judge_busy_s": sum(r.verdict.time_s for r in results),
        "dropped": dropped,  # the judge could not run them (JudgeFailed)
        "unscored": unscored,  # scoring raised: dropped
        "coarse_only": coarse_only,  # penalties could not be placed on the tokens: sequence reward only
        "time_sample": t_sample,
        "time_judge": t_judge,
        "time_score": time.perf_counter() - t0,
    }
    return exps, stats


_logged: set[str] = set()


def log_once(kind: str, message: str) -> None:
    """Warn about one kind of odd sample once per run; the metrics count every one."""
    if kind not in _logged:
        _logged.add(kind)
        log.warning("%s (further ones are counted in metrics.jsonl, not logged)", message)


def sft_experiences(parts: Parts, problems: list[Problem]) -> list[Experience]:
    """One reference solution per problem (when it has one), as a cross-entropy target after the prompt."""
    eos = parts.tokenizer.eos_token_id
    out = []
    for p in problems:
        if p.solutions:
            target = parts.tokenizer(
                f"```python\n{p.solutions[0].strip()}\n```", add_special_tokens=False
            ).input_ids
            out.append(Experience(p.id, parts.sampler.prompt_ids(p), target + [eos], [], kind="sft"))
    return out


def learn(parts: Parts) -> dict[str, float]:
    """`steps_per_iteration` optimizer steps on what the buffer holds."""
    steps = parts.cfg.steps_per_iteration
    per_step = math.ceil(len(parts.buffer) / steps)
    totals = {
        "loss": 0.0,
        "loss_rl": 0.0,
        "loss_sft": 0.0,
        "loss_kl": 0.0,
        "train_tokens": 0,
        "lr": 0.0,
        "grad_norm": 0.0,
        "logprob_gap_sum": 0.0,
        "logprob_gap_tokens": 0,
    }
    torch.set_num_threads(parts.threads)  # the learner uses this rank's cores, whatever ran before it
    t0, cpu0 = time.perf_counter(), time.process_time()
    for i in range(steps):
        st = parts.learner.step(parts.buffer.take(per_step, parts.buffer_rng))
        totals["loss"] += st.loss / steps
        totals["loss_rl"] += st.rl / steps
        totals["loss_sft"] += st.sft / steps
        totals["loss_kl"] += st.kl / steps
        totals["train_tokens"] += st.tokens
        totals["grad_norm"] += st.grad_norm / steps
        totals["lr"] = st.lr
        if i == 0:  # only the first step sees the weights the samples were drawn with
            totals["logprob_gap_sum"] += st.logprob_gap_sum
            totals["logprob_gap_tokens"] += st.logprob_gap_tokens
    totals["time_learn"] = time.perf_counter() - t0
    totals["cpu_learn"] = time.process_time() - cpu0  # CPU seconds of all this process's threads
    totals["learn_threads"] = torch.get_num_threads()
    return totals


def sync(parts: Parts) -> float:
    """Stream the updated weights into this rank's sampler, one bucket at a time."""
    t0 = time.perf_counter()
    parts.sampler.update_weights(iter_weights(parts.engine.module, parts.bucket_mb), parts.bucket_mb)
    return time.perf_counter() - t0


def iteration(parts: Parts, it: int) -> dict[str, float]:
    """One online RLTF iteration on this rank's share of the problems; returns the reduced metrics."""
    t0 = time.perf_counter()
    seed_stream(parts.cfg.seed, it, "train")
    idx = schedule(len(parts.problems), it, parts.cfg.problems_per_iteration, parts.cfg.seed)
    mine = [parts.problems[i] for i in idx[rank() :: world()]]
    parts.on_phase(it + 1, f"sampling + judging {len(mine)} problems x {parts.sampler.cfg.n}")
    exps, stats = scored_experiences(parts, mine)
    parts.buffer.push(exps)
    parts.on_phase(it + 1, f"learning on {len(parts.buffer)} samples")
    stats |= learn(parts)
    parts.on_phase(it + 1, "syncing weights")
    stats["time_sync"] = sync(parts)
    stats["time_total"] = time.perf_counter() - t0
    stats["ranks"] = 1
    return summarise(reduce(stats), it + 1)


@dataclass
class _AtTemperature:
    """The sampler seen by rltf.evaluate, drawing at the evaluation temperature."""

    sampler: Any
    temperature: float

    def generate(self, problems, n=None, greedy=None):
        return self.sampler.generate(problems, n=n, greedy=greedy, temperature=self.temperature)


def evaluate(parts: Parts, it: int) -> dict[str, float]:
    """Held-out pass@1 (unbiased estimator over n samples per problem) with rltf.evaluate, over all ranks'
    shares; samples and verdicts land in <out_dir>/eval/iter_N/rank_R (an interrupted evaluation resumes)."""
    from rltf.evaluate import EvalConfig
    from rltf.evaluate import evaluate as run_eval

    mine = parts.heldout[rank() :: world()]
    t0 = time.perf_counter()
    seed_stream(parts.cfg.seed, it, "eval")
    cfg = EvalConfig(
        n=parts.cfg.eval_n,
        ks=[1],
        progress=rank() == 0,
        limits=dataclasses.replace(parts.limits, stop=StopPolicy.FIRST_FAILURE),
    )
    out = Path(parts.cfg.out_dir) / "eval" / ckpt.name_for(it) / f"rank_{rank()}"
    report = run_eval(mine, _AtTemperature(parts.sampler, parts.cfg.eval_temperature), parts.judge, cfg, out)
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


def seed_stream(seed: int, it: int, purpose: str) -> None:
    """vLLM's CPU sampler draws from torch's global generator: seeding it per iteration, rank and purpose
    makes every iteration's samples a function of (seed, iteration, weights), so a resumed run samples
    exactly what the uninterrupted one did, and two configs are evaluated on the same draws."""
    torch.manual_seed((seed * 1_000_003 + it * 7919 + rank() * 104_729 + (purpose == "eval")) % 2**63)


# -- state ---------------------------------------------------------------------------------------------------
def rng_state() -> dict:
    return {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}


def set_rng_state(s: dict) -> None:
    random.setstate(s["python"])
    np.random.set_state(s["numpy"])
    torch.set_rng_state(s["torch"])


def save(parts: Parts, state: State, out: Path) -> Path:
    state.rng = rng_state()
    state.buffer = parts.buffer.state_dict()
    state.buffer_rng = parts.buffer_rng.getstate()
    return ckpt.save_checkpoint(
        out / "checkpoints",
        state.iteration,
        parts.engine,
        parts.tokenizer,
        vars(state),
        parts.bucket_mb,
        parts.cfg.keep_checkpoints,
    )


def restore(parts: Parts, path: Path) -> State:
    state = State(**ckpt.load_checkpoint(path, parts.engine))
    set_rng_state(state.rng)
    parts.buffer.load_state_dict(state.buffer)
    parts.buffer_rng.setstate(state.buffer_rng)
    return state


# -- the run -------------------------------------------------------------------------------------------------
def run(parts: Parts, resume: str = "auto") -> State:
    """Evaluate, iterate, checkpoint, evaluate; resumable at any checkpoint."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    cfg = parts.cfg
    out = Path(cfg.out_dir)
    lead = rank() == 0
    console = Console(quiet=not lead, width=None if sys.stdout.isatty() else 150)
    state = State()
    found = resume_path(out, resume)
    if found is not None:
        state = restore(parts, found)
        sync(parts)  # the sampler must run the restored weights, not the start model's
        console.print(f"resumed from {found} (iteration {state.iteration})")
    writer = MetricsWriter(out) if lead else None
    if state.iteration == 0 and cfg.eval_at_start and not state.evals:
        console.print(
            f"held-out pass@1 of the start model ({len(parts.heldout)} problems, n={cfg.eval_n}) ..."
        )
        state.evals.append(evaluate(parts, 0))
        log_eval(writer, console, state.evals[-1])
    start = time.perf_counter()
    with Progress(
        TextColumn("[bold]train"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        disable=not lead,
    ) as bar:
        task = bar.add_task("", total=cfg.iterations, completed=state.iteration)
        live = console.is_terminal

        def on_phase(it: int, what: str) -> None:
            if live:
                bar.update(task, description=f"iteration {it}: {what}")
            else:  # no live bar in a log file: one line per phase
                console.log(f"iteration {it}: {what}")

        parts.on_phase = on_phase
        while state.iteration < cfg.iterations:
            rec = iteration(parts, state.iteration)
            state.iteration += 1
            state.history.append(rec)
            if writer:
                writer.write(rec, state.iteration)
            bar.update(
                task, advance=1, description=f"reward {rec['reward_mean']:+.3f} pass {rec['pass_rate']:.2f}"
            )
            console.print(line(rec))
            over_budget = (
                cfg.time_budget_min is not None and time.perf_counter() - start > 60 * cfg.time_budget_min
            )
            stop = any_rank(over_budget) or state.iteration == cfg.iterations
            if cfg.eval_every and state.iteration % cfg.eval_every == 0 and not stop:
                state.evals.append(evaluate(parts, state.iteration))
                log_eval(writer, console, state.evals[-1])
            if cfg.checkpoint_every and state.iteration % cfg.checkpoint_every == 0 and not stop:
                save(parts, state, out)
            if stop:
                break
    state.evals.append(evaluate(parts, state.iteration))
    log_eval(writer, console, state.evals[-1])
    path = save(parts, state, out)
    if lead:
        report(console, state, out, path)
        writer.close()
    return state


def resume_path(out: Path, resume: str) -> Path | None:
    """resume=auto: the latest checkpoint under out_dir if any; never: start fresh; else a checkpoint dir."""
    if resume == "never":
        return None
    if resume == "auto":
        return ckpt.latest_checkpoint(out / "checkpoints")
    path = Path(resume)
    if not (path / "deepspeed").is_dir():
        raise FileNotFoundError(f"resume={resume}: not a checkpoint directory (no deepspeed/ inside)")
    return path


def log_eval(writer: MetricsWriter | None, console, ev: dict) -> None:
    console.print(
        f"held-out pass@1 at iteration {ev['iteration']}: {ev['pass@1']:.4f} "
        f"({ev['problems']:.0f} problems x n={ev['n']}, {ev['time_s']:.0f} s)"
    )
    if writer:
        writer.write({"eval": ev}, ev["iteration"], prefix="eval")
        writer.tb.add_scalar("eval/pass@1", ev["pass@1"], ev["iteration"])


def eval_summary(evals: list[dict]) -> str:
    """Held-out pass@1 from the first evaluation to the last; one value when the start was not evaluated."""
    first, last = evals[0], evals[-1]
    if len(evals) == 1:
        return (
            f"held-out pass@1: {last['pass@1']:.4f} (iteration {last['iteration']}; "
            "no earlier evaluation, trainer.eval_at_start=false)"
        )
    return (
        f"held-out pass@1: {first['pass@1']:.4f} (iteration {first['iteration']}) -> "
        f"{last['pass@1']:.4f} (iteration {last['iteration']})"
    )


def report(console, state: State, out: Path, checkpoint: Path) -> None:
    png = plot(state.history, state.evals, out / "plots" / "training.png")
    console.print(rich_table(state.history, title="RLTF iterations"))
    console.print(eval_summary(state.evals))
    console.print(
        f"plot: {png}\nmetrics: {out / 'metrics.jsonl'} (TensorBoard: {out / 'tensorboard'})\n"
        f"model: {checkpoint / 'model'}"
    )


def build(cfg: Any) -> Parts:
    """All the parts from the composed config; each group is validated by its own dataclass."""
    import copy

    from transformers import AutoModelForCausalLM, AutoTokenizer

    import sandbox_runner
    from rltf.data import load_config
    from rltf.data.prompts import PromptConfig
    from rltf.feedback import RewardConfig
    from rltf.learn.engine import LearnerConfig, build_engine
    from rltf.models import resolve_model
    from rltf.rollout import RolloutConfig, Sampler

    tcfg = from_node(TrainerConfig, cfg.trainer, "trainer")
    algo = from_node(AlgoConfig, cfg.algo, "algo")
    reward_cfg = from_node(RewardConfig, algo.reward, "algo.reward")
    rollout = from_node(RolloutConfig, cfg.rollout, "rollout")
    lcfg = from_node(LearnerConfig, cfg.learner, "learner")
    if tcfg.problems_per_iteration < world():
        raise ValueError(f"trainer.problems_per_iteration={tcfg.problems_per_iteration} < {world()} ranks")
    problems = load_config(cfg.data)
    heldout = load_config(cfg.data, "eval_split", "eval_limit")
    for name, ps in (("split", problems), ("eval_split", heldout)):
        if not ps:
            raise ValueError(f"data: {cfg.data.name} {name}={cfg.data[name]!r} has no problems")
    seed_everything(tcfg.seed)
    model_path = resolve_model(cfg.model.path or cfg.model.name)

    rollout.seed += rank()  # ranks must not draw identical samples
    prompt_cfg = from_node(PromptConfig, cfg.data.prompt, "data.prompt")
    sampler = Sampler(model_path, rollout, prompt_cfg)
    threads = rank_threads(lcfg.threads)
    torch.set_num_threads(threads)
    log.info("rank %d: %d torch threads; sampler dtype %s", rank(), threads, sampler.dtype)
    tokenizer = AutoTokenizer.from_pretrained(model_path)
    # The step's micro-batches: every sample this rank draws per step, in micro-batches.
    per_rank = math.ceil(tcfg.problems_per_iteration / world()) * rollout.n / tcfg.steps_per_iteration
    lcfg.grad_accum = max(1, math.ceil(per_rank / lcfg.micro_batch_size))
    model = AutoModelForCausalLM.from_pretrained(model_path, dtype=torch.float32)
    ref = copy.deepcopy(model).eval().requires_grad_(False) if algo.kl_coef > 0 else None
    engine = build_engine(model, lcfg, world(), total_steps=tcfg.iterations * tcfg.steps_per_iteration)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    return Parts(
        cfg=tcfg,
        algo=algo,
        reward_cfg=reward_cfg,
        problems=problems,
        heldout=heldout,
        sampler=sampler,
        judge=sandbox_runner.connect(**cfg.sandbox),
        engine=engine,
        learner=Learner(
            engine,
            lcfg.micro_batch_size,
            pad_id,
            algo.sft_coef,
            algo.kl_coef,
            ref,
            share_prompt=not lcfg.gradient_checkpointing,
        ),
        tokenizer=tokenizer,
        buffer=Buffer(tcfg.buffer_capacity, tcfg.buffer_max_uses),
        buffer_rng=random.Random(tcfg.seed + rank()),
        bucket_mb=lcfg.bucket_mb,
        limits=Limits(time_s=tcfg.judge_time_s, memory_mb=tcfg.judge_memory_mb, stop=StopPolicy.FIRST_ERROR),
        threads=threads,
    )


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ.setdefault("PYTHONHASHSEED", str(seed))
