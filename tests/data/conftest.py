"""Fixtures for the data tests: an offline hub (a hub lookup must fail fast, not retry for 25 s), and
small data files written by the tests themselves so the loaders are tested without ../shared/data."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest


@pytest.fixture
def offline_hub(monkeypatch):
    """No hub, no $RLTF_DATA_DIR: only what a test passes explicitly is found."""
    import datasets.config
    import huggingface_hub.constants

    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)
    monkeypatch.delenv("RLTF_DATA_DIR", raising=False)


@pytest.fixture
def write_jsonl():
    """write_jsonl(path, rows): rows as JSON lines (gzip-compressed when the name ends in .gz)."""

    def write(path: Path, rows: list[dict]) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(r) + "\n" for r in rows)
        if path.name.endswith(".gz"):
            with gzip.open(path, "wt", encoding="utf-8") as f:
                f.write(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
