"""One tiny-model Sampler shared by the rollout tests (starting vLLM is the slow part)."""

from __future__ import annotations

import pytest

from rltf.data.schema import Problem
from sandbox_runner.schema import Tests


def make_problems(count: int) -> list[Problem]:
    return [
        Problem(
            id=f"p{i}",
            statement=f"Write a function add{i}(a, b) that returns a + b + {i}.",
            tests=Tests(format="mbpp", asserts=[f"assert add{i}(1, 2) == {3 + i}"]),
        )
        for i in range(count)
    ]


@pytest.fixture
def problems() -> list[Problem]:
    return make_problems(4)


@pytest.fixture(scope="module")
def tiny_sampler():
    """max_num_seqs=4 makes vLLM decode in waves, so some samples finish while others still wait."""
    from rltf.models import tiny_model
    from rltf.rollout import RolloutConfig, Sampler

    sampler = Sampler(
        tiny_model(), RolloutConfig(n=3, max_new_tokens=12, kv_cache_gb=1, dtype="float32", max_num_seqs=4)
    )
    yield sampler
    del sampler
