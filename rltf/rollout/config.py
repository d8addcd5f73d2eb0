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
    max_prompt_tokens: int = 800  # the prompt's token limit: longer prompts lose the end of their statement
    greedy: bool = False  # also one greedy sample per problem (the paper's baseline)
    kv_cache_gb: float = 4.0  # VLLM_CPU_KVCACHE_SPACE; bounds vLLM's memory next to the learner
    gpu_memory_utilization: float = 0.4  # GPU only: share of GPU memory for vLLM (the learner needs the rest)
    dtype: str = "auto"  # auto: bfloat16 where the hardware computes it natively, else float32
    enforce_eager: bool = True  # torch.compile speeds decoding ~15% on CPU but costs ~60 s at start
    seed: int = 0  # engine seed (per-request seeds crash vLLM's CPU sampler)
    max_num_seqs: int = 256  # sequences decoded together
    engine_log_level: str = "error"  # vLLM's own log level; warning/info/debug show the engine's internals

    def __post_init__(self) -> None:
        if self.engine_log_level.upper() not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            raise ValueError(
                f"rollout.engine_log_level must be debug, info, warning, error or critical, "
                f"got {self.engine_log_level!r}"
            )
