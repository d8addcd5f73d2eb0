"""The real judge, shared by the feedback tests (the SmolLM2 tokenizer comes from tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def local_judge():
    """The real judge: every program in these tests runs isolated in it, never in the test process."""
    from sandbox_runner.local import LocalJudge

    with LocalJudge(workers=2) as judge:
        yield judge
