from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def tokenizer():
    """The SmolLM2 tokenizer (shipped with the tiny test model)."""
    from transformers import AutoTokenizer

    from rltf.models import tiny_model

    return AutoTokenizer.from_pretrained(tiny_model())
