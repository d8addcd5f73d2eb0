"""Weight sync into vLLM: one full in-place reload (Sampler.update_weights) vs restarting the engine.

    python bench/weight_sync.py [--model smollm2-135m] [--bucket-mb 64] [--repeats 5]

Targets for the 135M model: a reload <= 0.5 s and >= 20x faster than a restart. A greedy probe checks after
each reload that the engine really runs the loaded weights (perturbed, then the originals again).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

from safetensors.torch import load_file

from rltf.models import resolve_model
from rltf.rollout import RolloutConfig, Sampler


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--bucket-mb", type=int, default=64)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--kv-cache-gb", type=float, default=1)
    args = ap.parse_args()

    path = resolve_model(args.model)
    cfg = RolloutConfig(kv_cache_gb=args.kv_cache_gb)
    weights = load_file(str(path / "model.safetensors"))
    perturbed = {k: v * 1.01 + 0.01 for k, v in weights.items()}
    size_mb = sum(t.numel() * t.element_size() for t in weights.values()) / 2**20

    t = time.perf_counter()
    sampler = Sampler(path, cfg)
    probe = sampler.tokenizer.encode("def fibonacci(n):", add_special_tokens=False)
    sampler.greedy_ids(probe)  # first request, as after any restart
    first_start = time.perf_counter() - t
    base = sampler.greedy_ids(probe)

    reloads, stats = [], None
    for i in range(args.repeats):
        new = perturbed if i % 2 == 0 else weights
        stats = sampler.update_weights(new.items(), args.bucket_mb)
        reloads.append(stats.seconds)
        changed = sampler.greedy_ids(probe) != base
        if changed != (i % 2 == 0):
            raise SystemExit(f"reload {i}: the engine does not run the weights just loaded")
    del sampler
    gc.collect()

    t = time.perf_counter()
    sampler = Sampler(path, cfg)
    sampler.greedy_ids(probe)
    restart = time.perf_counter() - t

    reload = statistics.median(reloads)
    print(
        f"{path.name}: {len(weights)} tensors, {size_mb:.0f} MB, buckets of {args.bucket_mb} MB ({stats.buckets})"
    )
    print(
        f"reload (update_weights, median of {args.repeats}): {reload:.3f} s  [{', '.join(f'{r:.3f}' for r in reloads)}]"
    )
    print(
        f"engine restart to first token: {restart:.1f} s (first start in this process: {first_start:.1f} s)"
    )
    print(
        f"reload <= 0.5 s: {'yes' if reload <= 0.5 else 'NO'}; restart / reload: {restart / reload:.0f}x (target >= 20x)"
    )
    print("greedy probe: changed after perturbed reloads, restored exactly after the originals: yes")


if __name__ == "__main__":
    main()
