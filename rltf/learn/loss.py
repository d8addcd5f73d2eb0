"""The RLTF loss: per-token advantages, baselines, and one loss over a micro-batch of one prompt's completions.

`L_rl = -mean_t A_t log pi(w_t | ...)` with `A_t = (R - b) - penalty * m_t`. SFT cross-entropy on reference
solutions and an optional KL to the start model ride in the same micro-batch (a problem's reference solution
shares its samples' prompt), so one forward serves all terms and gradient accumulation needs no special cases.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import torch

from rltf.learn import shared_prefix

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
    """A micro-batch of completions that share one prompt: the prompt is computed once and its keys and
    values serve every completion (a group of n samples of one problem, and its reference solution, pay for
    their prompt once instead of n + 1 times). Per-token tensors are [B, C], aligned with the completion
    tokens they weigh (right-padded); padding carries no weight."""

    prompt_ids: torch.Tensor  # [1, P]
    input_ids: torch.Tensor  # [B, C] the completions (sampled programs or reference solutions)
    attention_mask: torch.Tensor  # [B, C]
    rl_weight: torch.Tensor  # A_t / (RL tokens in the step) on sampled tokens, else 0
    sft_weight: torch.Tensor  # 1 / (SFT tokens in the step) on solution tokens, else 0
    token_mask: torch.Tensor  # 1 on every trained token (RL and SFT), for the KL term
    sampler_logp: torch.Tensor  # the sampler's log-probs of RL tokens (where known)
    sampler_mask: torch.Tensor  # 1 where sampler_logp is known

    def to(self, device: torch.device | str) -> Batch:
        """The same batch on `device` (the model's: collate builds it on the CPU)."""
        return Batch(**{f.name: getattr(self, f.name).to(device) for f in dataclasses.fields(self)})


def micro_batch_tokens(exps: Sequence[Experience], packed: bool) -> int:
    """Tokens one forward over `exps` (one prompt's completions) computes: the prompt once plus every completion
    when packed (rltf/learn/shared_prefix.py), else every row padded to the longest prompt + completion."""
    prompt = len(exps[0].prompt_ids)
    if packed:
        return prompt + sum(len(e.token_ids) for e in exps)
    return len(exps) * (prompt + max(len(e.token_ids) for e in exps))


def micro_batches(
    exps: Sequence[Experience], size: int, max_tokens: int | None = None, packed: bool = True
) -> list[list[Experience]]:
    """Experiences grouped by prompt (first appearance order), each group sorted by completion length and cut
    into micro-batches of at most `size` completions and at most `max_tokens` tokens (`micro_batch_tokens`; a
    completion too long for the budget on its own still gets a micro-batch): one prompt per micro-batch, little
    padding within it, and activation memory bounded by the budget rather than by the longest completions."""
    groups: dict[tuple[int, ...], list[Experience]] = defaultdict(list)
    for e in exps:
        groups[tuple(e.prompt_ids)].append(e)
    out: list[list[Experience]] = []
    for group in groups.values():
        current: list[Experience] = []
        for e in sorted(group, key=lambda e: len(e.token_ids)):
            fits = len(current) < size and (
                max_tokens is None or micro_batch_tokens([*current, e], packed) <= max_tokens
            )
            if current and not fits:
                out.append(current)
                current = []
            current.append(e)
        out.append(current)
    return out


def collate(exps: Sequence[Experience], pad_id: int, rl_tokens: int, sft_tokens: int) -> Batch:
    """Pad the completions of one prompt; normalise by the token counts of the whole optimizer step."""
    prompt = exps[0].prompt_ids
    if not prompt or any(e.prompt_ids != prompt for e in exps):
        raise ValueError("a micro-batch must share one non-empty prompt (see micro_batches)")
    if any(not e.token_ids for e in exps):
        raise ValueError("an experience without completion tokens has nothing to train on")
    b, length = len(exps), max(len(e.token_ids) for e in exps)
    input_ids = torch.full((b, length), pad_id, dtype=torch.long)
    attn = torch.zeros((b, length), dtype=torch.long)
    rl_w, sft_w, s_logp, s_mask = (torch.zeros((b, length)) for _ in range(4))
    for i, e in enumerate(exps):
        n = len(e.token_ids)
        input_ids[i, :n] = torch.tensor(e.token_ids)
        attn[i, :n] = 1
        if e.kind == "rl":
            rl_w[i, :n] = torch.tensor(e.advantages, dtype=torch.float32) / max(rl_tokens, 1)
            if e.sampler_logprobs is not None:
                s_logp[i, :n] = torch.tensor(e.sampler_logprobs, dtype=torch.float32)
                s_mask[i, :n] = 1.0
        elif e.kind == "sft":
            sft_w[i, :n] = 1.0 / max(sft_tokens, 1)
        else:
            raise ValueError(f"unknown experience kind {e.kind!r}")
    token_mask = ((rl_w != 0) | (sft_w != 0)).float()
    return Batch(torch.tensor([prompt]), input_ids, attn, rl_w, sft_w, token_mask, s_logp, s_mask)


def token_logprobs(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """log pi(target_t) for each position, in fp32 (bf16 log-softmax loses the small differences RL needs).

    `logits[:, t]` must be the prediction of `targets[:, t]`: same batch and length, checked."""
    if logits.shape[:2] != targets.shape:
        raise ValueError(f"logits {tuple(logits.shape)} do not predict targets {tuple(targets.shape)}")
    return -torch.nn.functional.cross_entropy(
        logits.float().flatten(0, 1), targets.flatten(), reduction="none"
    ).view(targets.shape)


def completion_logprobs(model: torch.nn.Module, batch: Batch, share_prompt: bool = False) -> torch.Tensor:
    """log pi of every completion token of `batch` under `model` (an HF causal LM, or an engine wrapping one).

    By default the prompt is repeated for every completion, in one padded batch. With `share_prompt` the batch
    is one packed sequence, the prompt once (rltf/learn/shared_prefix.py; the model must have been passed to
    `shared_prefix.enable`): the same values and gradients, the prompt's cost paid once."""
    if share_prompt:
        return shared_prefix.completion_logprobs(
            model, batch.prompt_ids, batch.input_ids, batch.attention_mask
        )
    (b, c), p = batch.input_ids.shape, batch.prompt_ids.shape[1]
    ones = torch.ones((b, p), dtype=torch.long, device=batch.attention_mask.device)
    mask = torch.cat([ones, batch.attention_mask[:, :-1]], 1)
    ids = torch.cat([batch.prompt_ids.expand(b, p), batch.input_ids[:, :-1]], 1)
    logits = model(input_ids=ids, attention_mask=mask, logits_to_keep=c).logits
    return token_logprobs(logits, batch.input_ids)


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
