"""One learner step: today's learner vs an earlier revision's, and bare forward+backward as the ceiling.

    python bench/learner.py [--model smollm2-135m] [--problems 4] [--n 6] [--prompt-pad 0] [--baseline-rev 5486740]

The experiences are what an iteration of `make train` feeds the learner: per problem n completions of one chat
prompt (reference solutions cut at random lengths, random advantages) plus the reference solution as the SFT
target. The baseline learner is the earlier revision's rltf/learn/{loss,learner}.py, read with `git show`, so
both run in this process on the same engine settings and the same data. Steps alternate (baseline, new, ...) so
a noisy neighbour hurts both alike; the fastest step of each counts. "new" is the default learner
(learner.share_prompt=true: each micro-batch one packed sequence holding its prompt once), "new, padded" the same
learner with share_prompt=false (the prompt repeated in every row). "bare fwd+bwd" is plain torch forward and
backward of the new learner's packed micro-batches: no DeepSpeed, no optimizer. `--prompt-pad K` lengthens every
prompt by K tokens of its own statement (training's mixed data has prompts of 300-800 tokens, the embedded set
~140). Target: new >= 2x baseline on 2 cores.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch

from rltf.data import load
from rltf.data.prompts import PromptConfig, build_prompt
from rltf.hardware import bf16_support, cpu_description, rank_threads, resolve_dtype
from rltf.learn import shared_prefix
from rltf.learn.engine import LearnerConfig, build_engine
from rltf.learn.learner import Learner
from rltf.learn.loss import Experience, collate, completion_logprobs, micro_batches
from rltf.models import resolve_model

REPO = Path(__file__).resolve().parents[1]


def baseline_learner_class(rev: str):
    """Learner from rltf/learn/{loss,learner}.py at `rev`, importable beside today's (as package rltf_baseline)."""
    root = Path(tempfile.mkdtemp(prefix="rltf-baseline-"))
    pkg = root / "rltf_baseline"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    for name in ("loss", "learner"):
        src = subprocess.run(
            ["git", "show", f"{rev}:rltf/learn/{name}.py"], cwd=REPO, check=True, capture_output=True, text=True
        ).stdout
        (pkg / f"{name}.py").write_text(src.replace("from rltf.learn.loss import", "from rltf_baseline.loss import"))
    sys.path.insert(0, str(root))
    baseline = importlib.import_module("rltf_baseline.learner")
    loss = importlib.import_module("rltf_baseline.loss")
    return baseline.Learner, loss.Experience


def experiences(tokenizer, problems, n: int, prompt_pad: int = 0, seed: int = 0) -> list[Experience]:
    rng = random.Random(seed)
    eos = tokenizer.eos_token_id
    out = []
    for p in problems:
        prompt = tokenizer.encode(build_prompt(p, tokenizer, PromptConfig()).text, add_special_tokens=False)
        prompt = (prompt * (1 + prompt_pad // len(prompt)))[: len(prompt) + prompt_pad]
        target = tokenizer.encode(f"```python\n{p.solutions[0].strip()}\n```", add_special_tokens=False) + [eos]
        for _ in range(n):
            k = rng.randint(max(1, len(target) // 2), len(target))
            adv = [rng.uniform(-1, 1)] * k
            out.append(Experience(p.id, prompt, target[:k], adv, sampler_logprobs=[-1.0] * k))
        out.append(Experience(p.id, prompt, target, [], kind="sft"))
    return out


def timed_step(learner, exps) -> float:
    t = time.perf_counter()
    learner.step(exps)
    return time.perf_counter() - t


def bare_forward_backward(model, exps, mbs: int, max_tokens: int | None, pad_id: int) -> float:
    t = time.perf_counter()
    for chunk in micro_batches(exps, mbs, max_tokens):
        completion_logprobs(model, collate(chunk, pad_id, 1, 1), share_prompt=True).sum().backward()
    model.zero_grad(set_to_none=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--problems", type=int, default=4)
    ap.add_argument("--n", type=int, default=6)
    ap.add_argument("--micro-batch-size", type=int, default=LearnerConfig.micro_batch_size)
    ap.add_argument("--prompt-pad", type=int, default=0)
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--baseline-rev", default="5486740")
    args = ap.parse_args()

    for k, v in (("RANK", "0"), ("WORLD_SIZE", "1"), ("LOCAL_RANK", "0"), ("MASTER_ADDR", "127.0.0.1")):
        os.environ.setdefault(k, v)
    os.environ.setdefault("MASTER_PORT", "29571")
    os.environ.setdefault("DS_ACCELERATOR", "cuda" if torch.cuda.is_available() else "cpu")
    import deepspeed
    from transformers import AutoModelForCausalLM, AutoTokenizer

    deepspeed.init_distributed(dist_backend="nccl" if torch.cuda.is_available() else "gloo")
    torch.set_num_threads(rank_threads())
    path = resolve_model(args.model)
    tok = AutoTokenizer.from_pretrained(path)
    exps = experiences(tok, load("embedded", "train", limit=args.problems), args.n, args.prompt_pad)
    tokens = sum(len(e.token_ids) for e in exps)
    prompt_tokens = sum(len(e.prompt_ids) for e in exps)
    precision = resolve_dtype(args.precision, "learner")
    cfg = LearnerConfig(precision=precision, micro_batch_size=args.micro_batch_size, lr=1e-6)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id

    old_cls, old_exp = baseline_learner_class(args.baseline_rev)
    old_exps = [old_exp(e.problem_id, e.prompt_ids, e.token_ids, e.advantages, e.kind) for e in exps]

    def new_learner(share_prompt: bool) -> Learner:
        engine = build_engine(copy.deepcopy(model), cfg, 1, 100)
        return Learner(
            engine, cfg.micro_batch_size, pad, 1.0, share_prompt=share_prompt, micro_batch_tokens=cfg.micro_batch_tokens
        )

    learners = {
        "baseline": (old_cls(build_engine(copy.deepcopy(model), cfg, 1, 100), cfg.micro_batch_size, pad, 1.0), old_exps),
        "new": (new_learner(share_prompt=True), exps),
        "new, padded": (new_learner(share_prompt=False), exps),
    }
    bare = copy.deepcopy(model).to(torch.bfloat16 if precision == "bf16" else torch.float32).train()
    shared_prefix.enable(bare)
    for learner, e in learners.values():  # warm-up: first-call allocations, DeepSpeed's lazy set-up
        timed_step(learner, e)
    times: dict[str, list[float]] = {name: [] for name in learners} | {"bare fwd+bwd": []}
    for r in range(args.repeats):
        for name, (learner, e) in learners.items():
            times[name].append(timed_step(learner, e))
        times["bare fwd+bwd"].append(bare_forward_backward(bare, exps, cfg.micro_batch_size, cfg.micro_batch_tokens, pad))
        print(f"repeat {r + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items()), flush=True)

    model_name, flags = cpu_description()
    support = bf16_support()
    print(f"CPU: {model_name}; bf16 flags: {sorted(flags & {'avx512_bf16', 'amx_bf16'}) or 'none'} ({support.reason})")
    print(
        f"{args.problems} problems x (n={args.n} + 1 SFT) = {len(exps)} sequences, {tokens} trained tokens, "
        f"{prompt_tokens} prompt tokens; precision {precision}; {torch.get_num_threads()} torch threads; "
        f"micro-batch {cfg.micro_batch_size}; {path}"
    )
    rate = {name: tokens / min(ts) for name, ts in times.items()}
    for name, ts in times.items():
        print(f"{name:>18}: {rate[name]:7.1f} trained tok/s  (steps: {', '.join(f'{t:.2f}' for t in ts)} s)")
    median = {name: statistics.median(ts) for name, ts in times.items()}
    print(
        f"new / baseline:     {rate['new'] / rate['baseline']:.2f}x   (target >= 2x; "
        f"{median['baseline'] / median['new']:.2f}x on median steps)"
    )
    print(f"new / new, padded:  {rate['new'] / rate['new, padded']:.2f}x")
    print(f"new / bare fwd+bwd: {rate['new'] / rate['bare fwd+bwd']:.2f}")


if __name__ == "__main__":
    main()
