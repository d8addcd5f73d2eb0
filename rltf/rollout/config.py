"""Sampler settings; conf/rollout/default.yaml sets them (the defaults here mirror it)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RolloutConfig:
    n: int = 10  # samples per problem
    temperature: float = 0.6  # RLTF paper
    top_p: float = 0.95
    fast_top_p: bool | str = "auto"  # top-p by partial top-k (rltf.rollout.nucleus); auto: on CPU only
    max_new_tokens: int = 512
    max_prompt_tokens: int = 800  # longer prompts are cut from the left (their end holds the instruction)
    greedy: bool = False  # also one greedy sample per problem (the paper's baseline)
    kv_cache_gb: float = 4.0  # VLLM_CPU_KVCACHE_SPACE; bounds vLLM's memory next to the learner
    gpu_memory_utilization: float = 0.4  # GPU only: share of GPU memory for vLLM (the learner needs the rest)
    dtype: str = "auto"  # auto: bfloat16 where the hardware computes it natively, else float32
    enforce_eager: bool = True  # torch.compile speeds decoding ~15% on CPU but costs ~60 s at start
    seed: int = 0  # engine seed (per-request seeds crash vLLM's CPU sampler)
    max_num_seqs: int = 256  # sequences decoded together
    bucket_mb: int = 64  # weight-update bucket size (bounds the learner's peak memory while streaming)
