"""One sampling step's top-p on a model's real next-token logits: NucleusTopP vs vLLM's CPU sort, one run.

    python bench/top_p.py [--model smollm2-135m] [--rows 128] [--top-p 0.95] [--temperature 0.6]

The logits are the model's own while it writes code for HumanEval prompts (HF, float32); `--rows` of them form
one decode step's batch. One thread, as vLLM's in-process CPU worker samples. The two alternate, best of 5.
Also prints how large the nuclei are (NucleusTopP's first 64 candidates hold all of them when <= 64).
"""

from __future__ import annotations

import argparse
import time

import torch

from rltf.data import load
from rltf.data.prompts import PromptConfig, build_prompt
from rltf.models import resolve_model
from rltf.rollout.nucleus import nucleus_


def real_logits(
    model_name: str, problems: int, new_tokens: int, temperature: float, top_p: float
) -> torch.Tensor:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = resolve_model(model_name)
    tok = AutoTokenizer.from_pretrained(path)
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
    rows = []
    for p in load("humaneval", "test")[:problems]:
        ids = tok.encode(
            build_prompt(p, tok, PromptConfig()).text, add_special_tokens=False, return_tensors="pt"
        )
        with torch.no_grad():
            out = model.generate(
                ids,
                attention_mask=torch.ones_like(ids),
                do_sample=True,
                temperature=temperature,
                top_p=top_p,
                max_new_tokens=new_tokens,
                pad_token_id=tok.eos_token_id,
            )
            rows.append(model(out).logits[0, ids.shape[1] - 1 : -1])
    return torch.cat(rows) / temperature  # vLLM's processors see tempered logits


def main() -> None:
    from vllm.v1.sample.ops.topk_topp_sampler import apply_top_k_top_p_pytorch

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--rows", type=int, default=128)
    ap.add_argument("--top-p", type=float, default=0.95)
    ap.add_argument("--temperature", type=float, default=0.6)
    args = ap.parse_args()

    torch.set_num_threads(1)
    pool = real_logits(args.model, 4, 40, args.temperature, args.top_p)
    pick = torch.randint(0, len(pool), (args.rows,), generator=torch.Generator().manual_seed(0))
    logits, p = pool[pick], torch.full((args.rows,), args.top_p)
    size = nucleus_(logits.clone(), p).isfinite().sum(1).float()
    print(
        f"{args.model}, {args.rows} rows x {logits.shape[1]} tokens, top_p={args.top_p} T={args.temperature}: "
        f"nucleus median {size.median():.0f}, max {size.max():.0f}, share <= 64: {(size <= 64).float().mean():.2f}"
    )
    runs = {"NucleusTopP": nucleus_, "vLLM sort": lambda x, p: apply_top_k_top_p_pytorch(x, None, p)}
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(5):
        for name, fn in runs.items():
            x = logits.clone()
            t = time.perf_counter()
            fn(x, p)
            seconds[name].append(time.perf_counter() - t)
    best = {name: min(s) * 1000 for name, s in seconds.items()}
    print(", ".join(f"{name}: {ms:.1f} ms/step" for name, ms in best.items()))
    print(f"vLLM sort / NucleusTopP: {best['vLLM sort'] / best['NucleusTopP']:.1f}x")


if __name__ == "__main__":
    main()
