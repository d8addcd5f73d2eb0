"""Learner config -> DeepSpeed config and lr schedule (no engine is built here)."""

from __future__ import annotations

import pytest
import torch

from rltf.learn.engine import LearnerConfig, ds_config, lr_scheduler


def test_ds_config_reflects_the_learner_config():
    cfg = LearnerConfig(
        zero_stage=3,
        precision="bf16",
        offload_optimizer=True,
        offload_params=True,
        micro_batch_size=2,
        grad_clip=0.5,
    )
    ds = ds_config(cfg, world_size=4, grad_accum=3)
    assert ds["train_batch_size"] == 2 * 3 * 4
    assert ds["zero_optimization"]["stage"] == 3
    assert ds["zero_optimization"]["offload_optimizer"] == {"device": "cpu"}
    assert ds["zero_optimization"]["offload_param"] == {"device": "cpu"}
    assert ds["bf16"]["enabled"] and not ds["fp16"]["enabled"] and ds["gradient_clipping"] == 0.5
    assert "offload_optimizer" not in ds_config(LearnerConfig(), 1)["zero_optimization"]


def lrs(cfg: LearnerConfig, total_steps: int) -> list[float]:
    """The learning rate each optimizer step runs at (base lr 1)."""
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=1.0)
    sched = lr_scheduler(opt, cfg, total_steps)
    out = []
    for _ in range(total_steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


def test_warmup_then_constant_or_cosine():
    # The first step already learns (lr / warmup_steps), unlike transformers' own step 0 at lr 0.
    assert lrs(LearnerConfig(warmup_steps=4), 6) == pytest.approx([0.25, 0.5, 0.75, 1.0, 1.0, 1.0])
    assert lrs(LearnerConfig(warmup_steps=0), 3) == pytest.approx([1.0, 1.0, 1.0])
    cos = lrs(LearnerConfig(warmup_steps=2, schedule="cosine", min_lr_ratio=0.1), 12)
    # Warm-up to the peak at step 1, half-way (0.1 + 0.9 / 2) at step 6, the floor at the last step (11).
    assert (
        cos[:2] == pytest.approx([0.5, 1.0])
        and cos[6] == pytest.approx(0.55)
        and cos[11] == pytest.approx(0.1)
    )
    assert all(a > b for a, b in zip(cos[1:], cos[2:], strict=False))


@pytest.mark.parametrize(
    "kwargs,key",
    [
        ({"zero_stage": 4}, "learner.zero_stage"),
        ({"precision": "fp8"}, "learner.precision"),
        ({"offload_params": True}, "learner.offload_params"),
        ({"micro_batch_size": 0}, "learner.micro_batch_size"),
        ({"micro_batch_tokens": 0}, "learner.micro_batch_tokens"),
        ({"schedule": "linear"}, "learner.schedule"),
    ],
)
def test_bad_learner_config_names_the_key(kwargs, key):
    with pytest.raises(ValueError, match=key):
        LearnerConfig(**kwargs)
