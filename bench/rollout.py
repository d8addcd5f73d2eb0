"""Sampling throughput: our Sampler vs raw vLLM `LLM.generate` vs HF `generate`, same prompts, one run.

    python bench/rollout.py [--model smollm2-135m] [--problems 16] [--n 8] [--max-new-tokens 256]

Raw vLLM runs on the Sampler's own engine (same weights, same settings), so their ratio is the wrapper's
overhead alone. Tokens/s counts generated tokens (each sample up to its end of sequence). Targets:
sampler >= 2.5x HF generate; sampler within 5% of raw vLLM.
"""

from __future__ import annotations

import argparse
import time

import torch

from rltf.data import load
from rltf.models import resolve_model
from rltf.rollout import RolloutConfig, Sampler


def bench_sampler(sampler: Sampler, problems, n: int) -> tuple[int, float]:
    t = time.perf_counter()
    tokens = sum(len(s.token_ids) for s in sampler.generate(problems, n=n, greedy=False))
    return tokens, time.perf_counter() - t


def bench_raw(sampler: Sampler, prompts: list[list[int]], n: int) -> tuple[int, float]:
    from vllm import SamplingParams

    cfg = sampler.cfg
    params = SamplingParams(
        n=n, temperature=cfg.temperature, top_p=cfg.top_p, max_tokens=cfg.max_new_tokens, logprobs=0
    )
    t = time.perf_counter()
    outs = sampler.llm.generate([{"prompt_token_ids": p} for p in prompts], params, use_tqdm=False)
    return sum(len(c.token_ids) for o in outs for c in o.outputs), time.perf_counter() - t


def bench_hf(path, prompts: list[list[int]], n: int, cfg: RolloutConfig, eos: int) -> tuple[int, float]:
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(path, dtype=getattr(torch, cfg.dtype)).eval()
    width = max(map(len, prompts))
    ids = torch.tensor([[eos] * (width - len(p)) + p for p in prompts])  # left padding
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    t = time.perf_counter()
    with torch.no_grad():
        out = model.generate(
            input_ids=ids,
            attention_mask=mask,
            do_sample=True,
            temperature=cfg.temperature,
            top_p=cfg.top_p,
            max_new_tokens=cfg.max_new_tokens,
            num_return_sequences=n,
            pad_token_id=eos,
            eos_token_id=eos,
        )
    seconds = time.perf_counter() - t
    tokens = 0
    for row in out[:, width:].tolist():
        tokens += row.index(eos) + 1 if eos in row else len(row)
    return tokens, seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--problems", type=int, default=16)
    ap.add_argument("--n", type=int, default=8)
    ap.add_argument("--max-new-tokens", type=int, default=256)
    ap.add_argument("--kv-cache-gb", type=float, default=2)
    args = ap.parse_args()

    path = resolve_model(args.model)
    cfg = RolloutConfig(n=args.n, max_new_tokens=args.max_new_tokens, kv_cache_gb=args.kv_cache_gb)
    problems = load("humaneval", "test")[: args.problems]
    sampler = Sampler(path, cfg)
    prompts = [sampler.prompt_ids(p) for p in problems]
    bench_sampler(sampler, problems[:2], 2)  # warm-up
    # raw and ours alternate twice so a noisy neighbour hurts both alike; the faster run of each counts
    runs = {"raw vLLM": [], "rltf Sampler": []}
    for _ in range(2):
        runs["raw vLLM"].append(bench_raw(sampler, prompts, args.n))
        runs["rltf Sampler"].append(bench_sampler(sampler, problems, args.n))
    eos = sampler.tokenizer.eos_token_id
    del sampler
    runs["HF generate"] = [bench_hf(path, prompts, args.n, cfg, eos)]

    rate = {name: max(tok / s for tok, s in rs) for name, rs in runs.items()}
    print(
        f"{args.problems} prompts x n={args.n}, up to {args.max_new_tokens} new tokens, {cfg.dtype}, {path}"
    )
    for name, rs in runs.items():
        detail = ", ".join(f"{tok} tok in {s:.1f} s" for tok, s in rs)
        print(f"{name:>13}: {rate[name]:7.1f} tok/s  ({detail})")
    ours = rate["rltf Sampler"]
    print(f"Sampler / HF generate: {ours / rate['HF generate']:.2f}x   (target >= 2.5x)")
    print(f"Sampler / raw vLLM:    {ours / rate['raw vLLM']:.3f}   (target >= 0.95)")


if __name__ == "__main__":
    main()
