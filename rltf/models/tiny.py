"""A tiny random-initialised Llama with the default model's tokenizer, for fast tests of the whole pipeline.

Same vocabulary and chat template as SmolLM2, so prompts, token ids and code extraction behave exactly as
with the real model; only the network is small (a few MB) and its output is noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch

from rltf.models.smollm2 import verify_reload


@dataclass
class TinyConfig:
    layers: int = 2
    hidden: int = 128
    intermediate: int = 256
    heads: int = 2  # head_dim 64: a size every vLLM CPU attention kernel supports
    kv_heads: int = 1
    seed: int = 0


def build(out_dir: Path, tokenizer_dir: Path, cfg: TinyConfig) -> None:
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    config = AutoConfig.from_pretrained(tokenizer_dir)
    config.num_hidden_layers = cfg.layers
    config.hidden_size = cfg.hidden
    config.intermediate_size = cfg.intermediate
    config.num_attention_heads = cfg.heads
    config.num_key_value_heads = cfg.kv_heads
    config.head_dim = cfg.hidden // cfg.heads
    torch.manual_seed(cfg.seed)
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    verify_reload(out_dir, model, tokenizer)
