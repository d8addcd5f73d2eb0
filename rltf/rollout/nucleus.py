"""Top-p (nucleus) filtering without sorting the vocabulary: a vLLM v1 logits processor for CPU engines.

vLLM's CPU sampler applies top-p by sorting every sequence's whole vocabulary at every decode step
(`apply_top_k_top_p_pytorch`; no Triton on CPU): a quarter second and more per step for ~100 sequences over
SmolLM2's 49k tokens on two cores. A trained LM's nucleus is a few dozen tokens, so a partial `topk` finds it:

    LLM(..., logits_processors=[NucleusTopP])
    SamplingParams(temperature=0.6, **top_p_params(0.95, fast=True))  # top_p=1.0, extra_args={"rltf_top_p": 0.95}

Semantics are vLLM's: after temperature, a token is kept when the probability mass of the tokens ranked above it
is < p (so the most likely token always is). The processor is argmax-invariant, so vLLM runs it after
temperature, for random sampling only, and before its own top-k/top-p, which sees top_p=1.0 and skips the sort.
Returned logprobs are vLLM's raw ones (computed before any processor), as with vLLM's own top-p.
"""

from __future__ import annotations

import torch
from vllm import SamplingParams
from vllm.v1.sample.logits_processor import BatchUpdate, LogitsProcessor
from vllm.v1.sample.logits_processor.builtin import process_dict_updates

KEY = "rltf_top_p"  # SamplingParams.extra_args key holding the request's p
CANDIDATES = (64, 1024)  # top-k widths tried before a full sort; a row falls through when their mass is < p
_SAMPLING_EPS = 1e-5  # vLLM treats lower temperatures as greedy


def use_fast_top_p(setting: bool | str) -> bool:
    """RolloutConfig.fast_top_p: "auto" means on CPU only (vLLM's GPU samplers have fast top-p kernels)."""
    if setting == "auto":
        return not torch.cuda.is_available()
    if isinstance(setting, bool):
        return setting
    raise ValueError(f"rollout.fast_top_p must be true, false or 'auto', got {setting!r}")


def top_p_params(top_p: float, fast: bool) -> dict:
    """SamplingParams keywords for top-p `top_p`: ours (needs NucleusTopP registered) or vLLM's own."""
    if fast and top_p < 1.0:
        return {"top_p": 1.0, "extra_args": {KEY: top_p}}
    return {"top_p": top_p}


def nucleus_(logits: torch.Tensor, p: torch.Tensor) -> torch.Tensor:
    """Set every logit outside its row's nucleus to -inf, in place; `p` holds one top-p per row."""
    batch, vocab = logits.shape
    lse = torch.logsumexp(logits, dim=-1, keepdim=True)
    todo = torch.arange(batch, device=logits.device)
    for width in (*(c for c in CANDIDATES if c < vocab), vocab):
        rows = logits if len(todo) == batch else logits[todo]
        # most likely first; a full sort is faster than a full topk
        top, idx = rows.topk(width, dim=-1) if width < vocab else rows.sort(dim=-1, descending=True)
        probs = (top - lse[todo]).exp_()
        mass = probs.cumsum(dim=-1)
        # A token beyond the first `width` has at least their mass above it: it is out once that reaches p.
        done = mass[:, -1] >= p[todo] if width < vocab else torch.ones_like(todo, dtype=torch.bool)
        if done.any():
            keep = (mass - probs) < p[todo].unsqueeze(1)  # the mass of the tokens ranked above is < p
            keep[:, 0] = True  # the most likely token, whatever rounding says
            kept = top.masked_fill_(~keep, float("-inf"))[done]
            filtered = logits.new_full((len(kept), vocab), float("-inf")).scatter_(1, idx[done], kept)
            logits[todo[done]] = filtered
            todo = todo[~done]
        if not len(todo):
            break
    return logits


class NucleusTopP(LogitsProcessor):
    """Applies each request's SamplingParams.extra_args["rltf_top_p"] (see the module docstring)."""

    def __init__(self, vllm_config, device: torch.device, is_pin_memory: bool):
        self.device = device
        self.p_by_row: dict[int, float] = {}  # persistent-batch row -> p (< 1), sampled requests only
        self.rows = torch.empty(0, dtype=torch.long)
        self.p = torch.empty(0)

    @classmethod
    def validate_params(cls, params: SamplingParams) -> None:
        p = (params.extra_args or {}).get(KEY)
        if p is None:
            return
        if isinstance(p, bool) or not isinstance(p, int | float) or not 0.0 < p <= 1.0:
            raise ValueError(f"SamplingParams.extra_args[{KEY!r}] must be a number in (0, 1], got {p!r}")
        if params.top_p < 1.0:
            raise ValueError(
                f"SamplingParams has both top_p={params.top_p} and extra_args[{KEY!r}]={p}: set top_p=1.0"
            )

    def is_argmax_invariant(self) -> bool:
        """Never drops the most likely token, so vLLM applies it to randomly sampled rows only."""
        return True

    @staticmethod
    def _p_of(params: SamplingParams, _prompt, _output) -> float | None:
        p = (params.extra_args or {}).get(KEY)
        if p is None or p >= 1.0 or params.temperature < _SAMPLING_EPS:
            return None
        return float(p)

    def update_state(self, batch_update: BatchUpdate | None) -> None:
        if process_dict_updates(self.p_by_row, batch_update, self._p_of):
            rows = sorted(self.p_by_row)
            self.rows = torch.tensor(rows, dtype=torch.long, device=self.device)
            self.p = torch.tensor([self.p_by_row[r] for r in rows], dtype=torch.float32, device=self.device)

    def apply(self, logits: torch.Tensor) -> torch.Tensor:
        if not self.p_by_row:
            return logits
        if len(self.rows) == logits.shape[0]:
            return nucleus_(logits, self.p)
        logits[self.rows] = nucleus_(logits[self.rows], self.p)
        return logits
