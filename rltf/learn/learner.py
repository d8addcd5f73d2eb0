"""Optimizer steps of the policy on experiences, through the DeepSpeed engine: `Learner.step` (one step on a
list of experiences) and `learn` (an iteration's steps on what the buffer holds).

A micro-batch holds completions of one prompt (`micro_batches`); with `share_prompt` it is one packed sequence
that holds the prompt once (rltf/learn/shared_prefix.py).
Every rank runs the same number of micro-batches per step (ZeRO-3 gathers parameters collectively in
each forward), padding with empty micro-batches when its share is smaller. The accumulation boundary is
set explicitly, so a step may hold any number of micro-batches.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass

import torch

from rltf.dist import max_over_ranks
from rltf.learn import shared_prefix
from rltf.learn.buffer import Buffer
from rltf.learn.loss import Experience, collate, completion_logprobs, micro_batches, rltf_loss


@dataclass
class StepStats:
    loss: float
    rl: float
    sft: float
    kl: float
    tokens: int  # trained tokens (completion + solution) on this rank
    lr: float
    grad_norm: float
    logprob_gap_sum: float  # sum over sampled tokens of |learner log-prob - sampler log-prob|
    logprob_gap_tokens: int


class Learner:
    def __init__(
        self,
        engine,
        micro_batch_size: int,
        pad_id: int,
        sft_coef: float = 0.0,
        kl_coef: float = 0.0,
        ref_model: torch.nn.Module | None = None,
        share_prompt: bool = False,
        micro_batch_tokens: int | None = None,
    ):
        if kl_coef > 0 and ref_model is None:
            raise ValueError("algo.kl_coef > 0 needs the start model as reference")
        self.engine = engine
        self.mbs = micro_batch_size
        self.max_tokens = micro_batch_tokens  # learner.micro_batch_tokens: bounds a forward's activations
        self.pad_id = pad_id
        self.sft_coef = sft_coef
        self.kl_coef = kl_coef
        self.ref_model = ref_model
        self.share_prompt = share_prompt  # the prompt once per micro-batch (learner.share_prompt)
        if share_prompt:
            shared_prefix.enable(engine.module)
            if ref_model is not None:
                shared_prefix.enable(ref_model)
        # Batches are collated on the CPU and moved to the engine's device (DeepSpeed's, else its model's).
        self.device = getattr(engine, "device", None) or next(engine.module.parameters()).device
        if ref_model is not None:
            ref_model.to(self.device)

    def _empty(self) -> Experience:
        """A one-token sequence with zero weight: keeps ranks in lock-step without touching the gradient."""
        return Experience("", [self.pad_id], [self.pad_id], [0.0])

    def step(self, exps: list[Experience]) -> StepStats:
        engine = self.engine
        engine.train()
        rl_tokens = sum(len(e.token_ids) for e in exps if e.kind == "rl")
        sft_tokens = sum(len(e.token_ids) for e in exps if e.kind == "sft")
        # A sequence whose every advantage is zero adds nothing to the gradient (it still counts in the token
        # mean above): skip its forward and backward. Common when a whole group earns the same reward.
        exps = [e for e in exps if e.token_ids and (e.kind != "rl" or any(a != 0 for a in e.advantages))]
        micro = micro_batches(exps, self.mbs, self.max_tokens, packed=self.share_prompt)
        n_micro = max_over_ranks(max(1, len(micro)))
        micro += [[self._empty()]] * (n_micro - len(micro))
        totals = {"loss": 0.0, "rl": 0.0, "sft": 0.0, "kl": 0.0, "gap": 0.0, "gap_n": 0.0}
        for i, chunk in enumerate(micro):
            engine.set_gradient_accumulation_boundary(i == n_micro - 1)
            batch = collate(chunk, self.pad_id, rl_tokens, sft_tokens).to(self.device)
            logp = completion_logprobs(engine, batch, self.share_prompt)
            ref_logp = None
            if self.kl_coef > 0:
                with torch.no_grad():
                    ref_logp = completion_logprobs(self.ref_model, batch, self.share_prompt)
            terms = rltf_loss(
                logp, batch, self.sft_coef, self.kl_coef, ref_logp, kl_tokens=rl_tokens + sft_tokens
            )
            # The loss is already the step's token mean; DeepSpeed must not divide by its accumulation count.
            engine.backward(terms.total, scale_wrt_gas=False)
            totals["loss"] += terms.total.item()
            totals["rl"] += terms.rl
            totals["sft"] += terms.sft
            totals["kl"] += terms.kl
            # Before the update the learner holds the weights the sampler sampled with (on-policy): a
            # large gap means the sampler runs stale weights.
            totals["gap"] += ((logp.detach() - batch.sampler_logp).abs() * batch.sampler_mask).sum().item()
            totals["gap_n"] += batch.sampler_mask.sum().item()
        lr = engine.get_lr()[0]
        engine.step()
        grad_norm = engine.get_global_grad_norm()
        return StepStats(
            loss=totals["loss"],
            rl=totals["rl"],
            sft=totals["sft"],
            kl=totals["kl"],
            tokens=sum(len(e.token_ids) for e in exps),
            lr=lr,
            grad_norm=float(grad_norm) if grad_norm is not None else float("nan"),
            logprob_gap_sum=totals["gap"],
            logprob_gap_tokens=int(totals["gap_n"]),
        )


def learn(learner: Learner, buffer: Buffer, rng: random.Random, steps: int, threads: int) -> dict[str, float]:
    """`steps` optimizer steps on what the buffer holds (split evenly), on `threads` torch threads; returns
    the loss terms averaged over steps, the trained tokens, and the time and CPU it took."""
    per_step = math.ceil(len(buffer) / steps)
    totals = {
        "loss": 0.0,
        "loss_rl": 0.0,
        "loss_sft": 0.0,
        "loss_kl": 0.0,
        "train_tokens": 0,
        "lr": 0.0,
        "grad_norm": 0.0,
        "logprob_gap_sum": 0.0,
        "logprob_gap_tokens": 0,
    }
    torch.set_num_threads(threads)  # the learner uses this rank's cores, whatever ran before it
    t0, cpu0 = time.perf_counter(), time.process_time()
    for i in range(steps):
        st = learner.step(buffer.take(per_step, rng))
        totals["loss"] += st.loss / steps
        totals["loss_rl"] += st.rl / steps
        totals["loss_sft"] += st.sft / steps
        totals["loss_kl"] += st.kl / steps
        totals["train_tokens"] += st.tokens
        totals["grad_norm"] += st.grad_norm / steps
        totals["lr"] = st.lr
        if i == 0:  # only the first step sees the weights the samples were drawn with
            totals["logprob_gap_sum"] += st.logprob_gap_sum
            totals["logprob_gap_tokens"] += st.logprob_gap_tokens
    totals["time_learn"] = time.perf_counter() - t0
    totals["cpu_learn"] = time.process_time() - cpu0  # CPU seconds of all this process's threads
    totals["learn_threads"] = torch.get_num_threads()
    return totals
