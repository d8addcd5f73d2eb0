"""Learner.step against the naive computation: every sequence on its own, prompt and completion in one forward.

With share_prompt the learner packs each micro-batch's completions behind one copy of their prompt; either way
loss and gradients must be those of the naive per-sequence loss, with the SFT and KL terms on, prompts of
different lengths, one-token completions (nothing to attend from), and micro-batches that cut groups."""

from __future__ import annotations

import copy

import pytest
import torch

from rltf.learn import shared_prefix
from rltf.learn.learner import Learner
from rltf.learn.loss import Experience


class PlainEngine(torch.nn.Module):
    """The slice of DeepSpeed's engine API the learner uses, over a plain model; step() leaves the gradients."""

    def __init__(self, model):
        super().__init__()
        self.module = model

    def forward(self, **kwargs):
        return self.module(**kwargs)

    def set_gradient_accumulation_boundary(self, flag):
        pass

    def backward(self, loss, scale_wrt_gas=True):
        loss.backward()

    def get_lr(self):
        return [0.0]

    def step(self):
        pass

    def get_global_grad_norm(self):
        return None


@pytest.fixture(scope="module")
def model():
    from transformers import AutoModelForCausalLM

    from rltf.models import tiny_model

    torch.manual_seed(0)
    return AutoModelForCausalLM.from_pretrained(tiny_model(), dtype=torch.float32)


def experiences() -> list[Experience]:
    g = torch.Generator().manual_seed(3)

    def ids(n):
        return torch.randint(20, 5000, (n,), generator=g).tolist()

    out = []
    for pid, plen, lengths in (("long", 23, (9, 1, 4, 12)), ("short", 7, (9, 4, 12)), ("one", 5, (1,))):
        prompt = ids(plen)
        for n in lengths:
            adv = (torch.rand(n, generator=g) - 0.5).tolist()
            out.append(Experience(pid, prompt, ids(n), adv, sampler_logprobs=[-1.0] * n))
        if pid != "one":
            out.append(Experience(pid, prompt, ids(6), [], kind="sft"))
    return out


def naive_loss(model, ref, exps, sft_coef, kl_coef) -> torch.Tensor:
    dev = next(model.parameters()).device
    rl_tokens = sum(len(e.token_ids) for e in exps if e.kind == "rl")
    sft_tokens = sum(len(e.token_ids) for e in exps if e.kind == "sft")
    total = torch.zeros((), device=dev)
    for e in exps:
        seq = torch.tensor([e.prompt_ids + e.token_ids], device=dev)
        start, end = len(e.prompt_ids) - 1, seq.shape[1] - 1
        target = seq[0, start + 1 :]

        def logp(m, seq=seq, start=start, end=end, target=target):
            return (
                m(input_ids=seq).logits[0, start:end].float().log_softmax(-1).gather(1, target[:, None])[:, 0]
            )

        lp = logp(model)
        if e.kind == "rl":
            total = total - (torch.tensor(e.advantages, device=dev) * lp).sum() / rl_tokens
        else:
            total = total - sft_coef * lp.sum() / sft_tokens
        if kl_coef:
            r = logp(ref).detach() - lp
            total = total + kl_coef * (r.exp() - r - 1).sum() / (rl_tokens + sft_tokens)
    return total


@pytest.mark.parametrize(
    "share_prompt,attention,device",
    [
        (True, "dense", "cpu"),
        (True, "segmented", "cpu"),
        (False, "padded", "cpu"),
        pytest.param(True, "dense", "cuda", marks=pytest.mark.gpu),
        pytest.param(True, "segmented", "cuda", marks=pytest.mark.gpu),
    ],
)
def test_step_equals_the_naive_per_sequence_loss_and_gradients(
    model, share_prompt, attention, device, monkeypatch
):
    """Both attention paths of a packed micro-batch (one [L, L] mask; per segment), forced by the cost rule's
    ratio. On cuda too: batches are collated on the CPU and must reach the policy's and the reference's device."""
    if attention != "padded":
        monkeypatch.setattr(
            shared_prefix, "DENSE_MAX_PAIRS_RATIO", float("inf") if attention == "dense" else 0.0
        )
    model = copy.deepcopy(model).to(device)
    policy = copy.deepcopy(model)
    with torch.no_grad():  # a reference model that differs from the policy, so the KL term is not zero
        ref = copy.deepcopy(model).cpu().eval().requires_grad_(False)  # the trainer builds it on the CPU
        for p in ref.parameters():
            p.add_(torch.randn_like(p) * 0.02)
    exps = experiences()
    learner = Learner(
        PlainEngine(policy), 2, 0, sft_coef=0.7, kl_coef=0.3, ref_model=ref, share_prompt=share_prompt
    )
    policy.zero_grad()
    stats = learner.step(exps)
    got = {n: p.grad.clone() for n, p in policy.named_parameters()}

    naive = copy.deepcopy(model)
    want = naive_loss(naive, ref.to(device), exps, sft_coef=0.7, kl_coef=0.3)
    want.backward()
    assert stats.kl > 0 and stats.sft > 0
    assert stats.loss == pytest.approx(want.item(), rel=1e-4, abs=1e-6)
    for n, p in naive.named_parameters():
        torch.testing.assert_close(got[n], p.grad, rtol=1e-3, atol=1e-6, msg=n)
    assert stats.tokens == sum(len(e.token_ids) for e in exps)
