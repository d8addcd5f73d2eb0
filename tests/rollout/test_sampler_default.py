"""The default model (SmolLM2-135M-Instruct) through vLLM: it writes code, and survives a full weight reload."""

from __future__ import annotations

import pytest
from safetensors.torch import load_file

from rltf.data.schema import Problem
from rltf.models import resolve_model
from rltf.rollout import RolloutConfig, Sampler
from sandbox_runner.schema import Tests

pytestmark = pytest.mark.slow


def test_default_model_writes_python_and_reloads_its_own_weights_exactly():
    sampler = Sampler(resolve_model(), RolloutConfig(max_new_tokens=48, kv_cache_gb=1))
    problem = Problem(
        id="add",
        statement="Write a Python function add(a, b) that returns the sum of a and b.",
        tests=Tests(format="mbpp", asserts=["assert add(1, 2) == 3"]),
    )
    [greedy] = sampler.sample([problem], n=0, greedy=True)
    assert "def add" in greedy.text
    weights = load_file(str(resolve_model() / "model.safetensors"))
    stats = sampler.update_weights(weights.items(), bucket_mb=16)
    assert stats.tensors == len(weights) and stats.buckets > 1
    assert sampler.sample([problem], n=0, greedy=True)[0].token_ids == greedy.token_ids
