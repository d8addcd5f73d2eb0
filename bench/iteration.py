"""One full online iteration, rltf versus TRL's GRPOTrainer, side by side in one process.

Same model, same problems, same number of samples per problem, same sampling settings, same judge and the
same sequence reward (rltf's adaptive reward; TRL has no per-token penalties, so rltf's fine-grained mask
is an extra it pays for). rltf: vLLM sampling with judging overlapped, DeepSpeed ZeRO-2 step, bucketed weight
sync. TRL: GRPOTrainer without vLLM (transformers generate), one optimizer step per generation batch.

    .venv/bin/python bench/iteration.py [--problems 4 --n 4 --max-new-tokens 128 --iterations 2]

Prints samples/s of a whole iteration and the time per phase for both, and the ratio. The first iteration of
each is a warm-up and is not timed. The machine is shared: compare only numbers printed by one run.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def setup_env() -> None:
    for key, value in (
        ("RANK", "0"),
        ("WORLD_SIZE", "1"),
        ("LOCAL_RANK", "0"),
        ("MASTER_ADDR", "127.0.0.1"),
        ("MASTER_PORT", "29577"),
        ("DS_ACCELERATOR", "cpu"),
        ("VLLM_CPU_KVCACHE_SPACE", "2"),
    ):
        os.environ.setdefault(key, value)


def build_rltf(args, out: Path):
    import deepspeed
    from hydra import compose, initialize_config_dir

    from rltf.trainer import build

    deepspeed.init_distributed(dist_backend="gloo")
    with initialize_config_dir(str(REPO / "conf"), version_base="1.3"):
        cfg = compose(
            "train",
            overrides=[
                f"model={args.model}",
                f"trainer.problems_per_iteration={args.problems}",
                f"rollout.n={args.n}",
                f"rollout.max_new_tokens={args.max_new_tokens}",
                f"learner.lr={args.lr}",
                f"learner.micro_batch_size={args.micro_batch}",
                f"trainer.out_dir={out}",
                "trainer.eval_at_start=false",
            ],
        )
    return build(cfg)


def bench_rltf(parts, args) -> dict:
    from rltf.data.curriculum import SignalState
    from rltf.trainer import iteration

    iteration(parts, 0, SignalState())  # warm-up: vLLM's first batches, DeepSpeed's first step
    recs = [iteration(parts, it, SignalState()) for it in range(1, 1 + args.iterations)]
    total = sum(r["time_total"] for r in recs)
    return {
        "samples": sum(r["samples"] for r in recs),
        "seconds": total,
        "generate": sum(r["time_sample"] for r in recs),
        "judge (after generation)": sum(r["time_judge"] for r in recs),
        "score": sum(r["time_score"] for r in recs),
        "learn": sum(r["time_learn"] for r in recs),
        "weight sync": sum(r["time_sync"] for r in recs),
        "pass rate": sum(r["pass_rate"] for r in recs) / len(recs),
    }


def bench_trl(parts, args, out: Path) -> dict:
    """GRPOTrainer on exactly the problems rltf's iterations 0..K drew, with the same judge and reward."""
    import torch
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    from rltf.data.extract import extract_code
    from rltf.experience import schedule
    from rltf.feedback import reward
    from rltf.models import resolve_model
    from sandbox_runner.schema import Job

    problems = {p.id: p for p in parts.problems}
    limits = parts.cfg.sandbox.limits.for_training()
    rows = []
    for it in range(1 + args.iterations):
        for i in schedule(len(parts.problems), it, args.problems, parts.cfg.trainer.seed):
            p = parts.problems[i]
            rows.append({"prompt": parts.sampler.prompt(p).text, "problem_id": p.id})
    timers = {"generate": 0.0, "judge+reward": 0.0}

    def judge_reward(prompts, completions, problem_id, **_):
        t0 = time.perf_counter()
        futures = []
        for text, pid in zip(completions, problem_id, strict=True):
            p = problems[pid]
            code = extract_code(text, entry_point=p.fn_name).code
            futures.append(parts.judge.submit(Job(code=code, tests=p.tests, limits=limits)))
        rewards = [reward(f.result(), parts.cfg.algo.reward) for f in futures]
        timers["judge+reward"] += time.perf_counter() - t0
        return rewards

    step_times: list[float] = []

    class Clock(TrainerCallback):
        def on_step_begin(self, *a, **k):
            self.t0 = time.perf_counter()

        def on_step_end(self, *a, **k):
            step_times.append(time.perf_counter() - self.t0)

    model = AutoModelForCausalLM.from_pretrained(resolve_model(args.model), dtype=torch.float32)
    batch = args.problems * args.n
    config = GRPOConfig(
        output_dir=str(out),
        per_device_train_batch_size=batch,
        num_generations=args.n,
        max_completion_length=args.max_new_tokens,
        temperature=parts.sampler.cfg.temperature,
        top_p=parts.sampler.cfg.top_p,
        learning_rate=args.lr,
        beta=0.0,
        num_iterations=1,
        max_steps=1 + args.iterations,
        logging_steps=1,
        report_to=[],
        save_strategy="no",
        bf16=True,
        use_cpu=True,
        shuffle_dataset=False,
        use_vllm=False,
        gradient_accumulation_steps=1,
        steps_per_generation=1,
        disable_tqdm=True,
    )
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=judge_reward,
        args=config,
        train_dataset=Dataset.from_list(rows),
        processing_class=parts.tokenizer,
        callbacks=[Clock()],
    )
    generate = trainer.model.generate

    def timed_generate(*a, **k):
        t0 = time.perf_counter()
        try:
            return generate(*a, **k)
        finally:
            timers["generate"] += time.perf_counter() - t0

    trainer.model.generate = timed_generate
    trainer.train()
    # Drop the warm-up step from every timer, proportionally to its share of the step time.
    timed = sum(step_times[1:])
    share = timed / max(sum(step_times), 1e-9)
    return {
        "samples": batch * args.iterations,
        "seconds": timed,
        "generate": timers["generate"] * share,
        "judge+reward": timers["judge+reward"] * share,
        "learn (rest of step)": timed - (timers["generate"] + timers["judge+reward"]) * share,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--problems", type=int, default=4)
    ap.add_argument("--n", type=int, default=4)
    ap.add_argument("--max-new-tokens", type=int, default=128)
    ap.add_argument("--iterations", type=int, default=2, help="timed iterations after one warm-up")
    ap.add_argument("--micro-batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-5)
    args = ap.parse_args()
    setup_env()
    out = Path(tempfile.mkdtemp(prefix="rltf-bench-"))
    parts = build_rltf(args, out / "rltf")
    r = bench_rltf(parts, args)
    t = bench_trl(parts, args, out / "trl")
    parts.judge.close()

    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"one iteration: {args.problems} problems x {args.n} samples, <= {args.max_new_tokens} "
        f"new tokens, {args.model}, mean of {args.iterations} after a warm-up"
    )
    table.add_column("")
    table.add_column("rltf", justify="right")
    table.add_column("TRL GRPOTrainer", justify="right")
    table.add_row("samples/s", f"{r['samples'] / r['seconds']:.3f}", f"{t['samples'] / t['seconds']:.3f}")
    table.add_row(
        "s / iteration", f"{r['seconds'] / args.iterations:.1f}", f"{t['seconds'] / args.iterations:.1f}"
    )
    for k, v in r.items():
        if k not in ("samples", "seconds", "pass rate"):
            table.add_row(f"rltf {k} s/it", f"{v / args.iterations:.1f}", "")
    for k, v in t.items():
        if k not in ("samples", "seconds"):
            table.add_row(f"TRL {k} s/it", "", f"{v / args.iterations:.1f}")
    Console(width=120).print(table)
    ratio = (r["samples"] / r["seconds"]) / (t["samples"] / t["seconds"])
    print(f"rltf / TRL samples/s ratio: {ratio:.2f}x (target >= 2x)")


if __name__ == "__main__":
    main()
