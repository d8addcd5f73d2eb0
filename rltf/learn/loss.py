"""The RLTF loss (method.md section 5): per-token advantages, baselines, and one loss over a padded batch.

`L_rl = -mean_t A_t log pi(w_t | ...)` with `A_t = (R - b) - penalty * m_t`. SFT cross-entropy on reference
solutions and an optional KL to the start model ride in the same padded batch, so one forward pass per
micro-batch serves all terms and gradient accumulation needs no special cases.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import torch

BASELINES = ("greedy", "group_mean", "none")


@dataclass
class Experience:
    """One sequence the learner trains on.

    kind "rl": a sampled program with its per-token advantages; kind "sft": a reference solution
    (advantages are ignored, every token gets plain cross-entropy). `uses` counts learner passes (buffer reuse).
    """

    problem_id: str
    prompt_ids: list[int]
    token_ids: list[int]
    advantages: list[float]
    kind: str = "rl"
    reward: float = 0.0
    sampler_logprobs: list[float] | None = (
        None  # what the sampler saw; compared with the learner's (sync check)
    )
    uses: int = 0


def baselines(
    problem_ids: Sequence[str],
    rewards: Sequence[float],
    kind: str,
    greedy_rewards: dict[str, float] | None = None,
) -> list[float]:
    """Baseline b for each sample: the greedy program's reward (paper), the group mean (GRPO-style) or 0."""
    if kind == "none":
        return [0.0] * len(rewards)
    if kind == "group_mean":
        groups: dict[str, list[float]] = defaultdict(list)
        for pid, r in zip(problem_ids, rewards, strict=True):
            groups[pid].append(r)
        means = {pid: sum(rs) / len(rs) for pid, rs in groups.items()}
        return [means[pid] for pid in problem_ids]
    if kind == "greedy":
        greedy_rewards = greedy_rewards or {}
        missing = sorted({pid for pid in problem_ids if pid not in greedy_rewards})
        if missing:
            raise ValueError(
                f"algo.baseline=greedy but no greedy sample was scored for problems {missing[:5]}"
            )
        return [greedy_rewards[pid] for pid in problem_ids]
    raise ValueError(f"algo.baseline must be one of {BASELINES}, got {kind!r}")


def token_advantages(
    reward: float, baseline: float, penalty_mask: Sequence[float], penalty: float
) -> list[float]:
    """A_t = (R - b) - penalty * m_t: the fine-grained mask only ever lowers the advantage of its tokens."""
    base = reward - baseline
    return [base - penalty * m for m in penalty_mask]


@dataclass
class Batch:
    """A right-padded micro-batch. The per-position tensors ([B, T-1-start]) cover only positions from `start`,
    the first that predicts a trained token: the prompt-only prefix needs no logits (the LM head over a 49k
    vocabulary is a large share of the step)."""

    start: int
    input_ids: torch.Tensor  # [B, T]
    attention_mask: torch.Tensor  # [B, T]
    targets: torch.Tensor  # next-token ids
    rl_weight: torch.Tensor  # A_t / (RL tokens in the step) on sampled tokens, else 0
    sft_weight: torch.Tensor  # 1 / (SFT tokens in the step) on solution tokens, else 0
    token_mask: torch.Tensor  # 1 on every trained token (RL and SFT), for the KL term
    sampler_logp: torch.Tensor  # the sampler's log-probs of RL tokens (where known)
    sampler_mask: torch.Tensor  # 1 where sampler_logp is known

    @property
    def logits_to_keep(self) -> int:
        """How many trailing positions need logits (the last one predicts nothing and is dropped)."""
        return self.input_ids.shape[1] - self.start


def collate(exps: Sequence[Experience], pad_id: int, rl_tokens: int, sft_tokens: int) -> Batch:
    """Pad a micro-batch; normalise by the token counts of the whole optimizer step (not the micro-batch)."""
    length = max(len(e.prompt_ids) + len(e.token_ids) for e in exps)
    b = len(exps)
    input_ids = torch.full((b, length), pad_id, dtype=torch.long)
    attn = torch.zeros((b, length), dtype=torch.long)
    rl_w = torch.zeros((b, length - 1))
    sft_w = torch.zeros((b, length - 1))
    s_logp = torch.zeros((b, length - 1))
    s_mask = torch.zeros((b, length - 1))
    for i, e in enumerate(exps):
        seq = e.prompt_ids + e.token_ids
        input_ids[i, : len(seq)] = torch.tensor(seq)
        attn[i, : len(seq)] = 1
        # position p of the shifted targets predicts token p+1; the completion starts at len(prompt)
        start, end = len(e.prompt_ids) - 1, len(seq) - 1
        if e.kind == "rl":
            rl_w[i, start:end] = torch.tensor(e.advantages, dtype=torch.float32) / max(rl_tokens, 1)
            if e.sampler_logprobs is not None:
                s_logp[i, start:end] = torch.tensor(e.sampler_logprobs, dtype=torch.float32)
                s_mask[i, start:end] = 1.0
        elif e.kind == "sft":
            sft_w[i, start:end] = 1.0 / max(sft_tokens, 1)
        else:
            raise ValueError(f"unknown experience kind {e.kind!r}")
    start = min(len(e.prompt_ids) for e in exps) - 1
    targets = input_ids[:, 1:]
    token_mask = ((rl_w != 0) | (sft_w != 0)).float()
    crop = (targets, rl_w, sft_w, token_mask, s_logp, s_mask)
    return Batch(start, input_ids, attn, *(t[:, start:] for t in crop))


def token_logprobs(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """log pi(target_t) for each position, in fp32 (bf16 log-softmax loses the small differences RL needs).

    `logits` are those of the positions from `Batch.start` on (`logits_to_keep`), the last one included."""
    logits = logits[:, :-1].float()
    return torch.gather(logits.log_softmax(-1), 2, targets.unsqueeze(-1)).squeeze(-1)


@dataclass
class LossTerms:
    total: torch.Tensor
    rl: float
    sft: float
    kl: float


def rltf_loss(
    logp: torch.Tensor,
    batch: Batch,
    sft_coef: float,
    kl_coef: float = 0.0,
    ref_logp: torch.Tensor | None = None,
    kl_tokens: int = 1,
) -> LossTerms:
    """-sum_t w_t log pi(w_t) over the micro-batch; summed over micro-batches it is the step's token mean."""
    rl = -(batch.rl_weight * logp).sum()
    sft = -(batch.sft_weight * logp).sum()
    total = rl + sft_coef * sft
    kl_val = 0.0
    if kl_coef > 0:
        if ref_logp is None:
            raise ValueError("algo.kl_coef > 0 needs reference log-probs")
        # k3 estimator (Schulman): unbiased, always >= 0, cheap: exp(r) - r - 1 with r = ref - policy
        r = ref_logp - logp
        kl = ((r.exp() - r - 1) * batch.token_mask).sum() / max(kl_tokens, 1)
        total = total + kl_coef * kl
        kl_val = kl.item()
    return LossTerms(total, rl.item(), sft.item(), kl_val)
