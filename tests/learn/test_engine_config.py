"""Learner config -> DeepSpeed config and lr schedule (no engine is built here)."""

from __future__ import annotations

import pytest

from rltf.learn.engine import LearnerConfig, ds_config, lr_lambda


def test_ds_config_reflects_the_learner_config():
    cfg = LearnerConfig(
        zero_stage=3,
        precision="bf16",
        offload_optimizer=True,
        offload_params=True,
        micro_batch_size=2,
        grad_accum=3,
        grad_clip=0.5,
    )
    ds = ds_config(cfg, world_size=4)
    assert ds["train_batch_size"] == 2 * 3 * 4
    assert ds["zero_optimization"]["stage"] == 3
    assert ds["zero_optimization"]["offload_optimizer"] == {"device": "cpu"}
    assert ds["zero_optimization"]["offload_param"] == {"device": "cpu"}
    assert ds["bf16"]["enabled"] and not ds["fp16"]["enabled"] and ds["gradient_clipping"] == 0.5
    assert "offload_optimizer" not in ds_config(LearnerConfig(), 1)["zero_optimization"]


def test_warmup_then_constant_or_cosine():
    const = lr_lambda(LearnerConfig(warmup_steps=4), total_steps=10)
    assert [const(s) for s in range(6)] == pytest.approx([0.25, 0.5, 0.75, 1.0, 1.0, 1.0])
    cos = lr_lambda(LearnerConfig(warmup_steps=2, schedule="cosine", min_lr_ratio=0.1), total_steps=12)
    assert cos(2) == pytest.approx(1.0) and cos(7) == pytest.approx(0.55) and cos(12) == pytest.approx(0.1)
    assert cos(50) == pytest.approx(0.1)


@pytest.mark.parametrize(
    "kwargs,key",
    [
        ({"zero_stage": 4}, "learner.zero_stage"),
        ({"precision": "fp8"}, "learner.precision"),
        ({"offload_params": True}, "learner.offload_params"),
        ({"micro_batch_size": 0}, "learner.micro_batch_size"),
        ({"schedule": "linear"}, "learner.schedule"),
    ],
)
def test_bad_learner_config_names_the_key(kwargs, key):
    with pytest.raises(ValueError, match=key):
        LearnerConfig(**kwargs)
