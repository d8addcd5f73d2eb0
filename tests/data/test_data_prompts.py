"""Prompt building: chat template (real SmolLM2 tokenizer when prepared), plain completion, the paper's APPS
layout, truncation to max_tokens, and the conf/data/prompt configs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from rltf.data import Problem, load_config
from rltf.data.extract import extract_code
from rltf.data.prompts import PromptConfig, build_prompt
from sandbox_runner.schema import Format
from sandbox_runner.schema import Tests as Spec  # not `Tests`: pytest would try to collect it

CONF = Path(__file__).resolve().parents[2] / "conf"

STDIO = Problem(
    "t/sum", "Read two numbers and print their sum.", Spec(Format.STDIO, inputs=["1 2\n"], outputs=["3\n"])
)
CALL = Problem(
    "t/inc", "Return x plus one.\nIt must be fast.", Spec(Format.CALL, inputs=[[1]], outputs=[2], fn_name="inc"),
    starter_code="def inc(x):\n    ",
)  # fmt: skip
METHOD = Problem(
    "t/go", "Return 1.", Spec(Format.CHECK, check="def check(c):\n    assert c() == 1\n", fn_name="Solution().go"),
    starter_code="class Solution:\n    def go(self) -> int:\n        ",
)  # fmt: skip


@pytest.fixture(scope="module")
def byte_tokenizer():
    """A tokenizer with no chat template: one token per byte, so token counts are byte counts."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {c: i for i, c in enumerate(pre_tokenizers.ByteLevel.alphabet())}
    tok = Tokenizer(models.BPE(vocab, merges=[]))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    return PreTrainedTokenizerFast(tokenizer_object=tok)


def test_apps_layout_is_the_papers():
    apps = PromptConfig(style="apps")
    assert build_prompt(STDIO, None, apps).text == (
        "\nQUESTION:\nRead two numbers and print their sum.\nUse Standard Input format\nANSWER:\n"
    )
    p = build_prompt(CALL, None, apps)
    assert (
        p.text
        == "\nQUESTION:\nReturn x plus one.\nIt must be fast.\ndef inc(x):\n    \nUse Call-Based format\nANSWER:\n"
    )
    assert p.code_prefix == "" and p.n_tokens is None and not p.truncated


def test_plain_prompt_ends_with_the_starter_code_the_model_continues(byte_tokenizer):
    # A tokenizer without a chat template gets the plain style even when chat is asked for.
    p = build_prompt(CALL, byte_tokenizer, PromptConfig(style="chat"))
    assert p.text == (
        "# Return x plus one.\n# It must be fast.\n"
        "# Define the function `inc`; it will be called directly and its return value checked.\n\n"
        "def inc(x):\n    "
    )
    assert p.code_prefix == CALL.starter_code and p.n_tokens == len(p.text.encode()) and not p.truncated
    # The model's continuation plus the prefix is the program the judge runs.
    got = extract_code("return x + 1\n\n\nThat is all.", prefix=p.code_prefix, entry_point="inc")
    assert got.code == "def inc(x):\n    return x + 1\n"
    stdin = build_prompt(STDIO, None, PromptConfig(style="plain"))
    assert "# Read the input from standard input" in stdin.text and stdin.code_prefix == ""
    assert (
        "# Implement the method `go` of `class Solution`"
        in build_prompt(METHOD, None, PromptConfig(style="plain")).text
    )


def test_long_statement_is_cut_keeping_starter_and_instructions(byte_tokenizer):
    long = Problem("t/long", "word " * 400 + "END", CALL.tests, starter_code=CALL.starter_code)
    for style in ("plain", "apps"):
        cfg = PromptConfig(style=style, max_tokens=300)
        p = build_prompt(long, byte_tokenizer, cfg)
        assert p.truncated and p.n_tokens <= 300 and p.n_tokens == len(p.text.encode())
        assert "word word" in p.text and "END" not in p.text and cfg.truncation_marker in p.text
        assert p.text.endswith(
            "def inc(x):\n    " if style == "plain" else "Use Call-Based format\nANSWER:\n"
        )
        assert build_prompt(long, byte_tokenizer, PromptConfig(style=style, max_tokens=None)).n_tokens > 2000
    with pytest.raises(
        ValueError, match="t/long: the prompt is longer than max_tokens=20 even with no statement"
    ):
        build_prompt(long, byte_tokenizer, PromptConfig(style="plain", max_tokens=20))


def test_unknown_style():
    with pytest.raises(ValueError, match="prompt style 'fancy'"):
        PromptConfig(style="fancy")


def test_chat_template_with_smollm2(smollm2_tokenizer):
    cfg = PromptConfig()
    p = build_prompt(METHOD, smollm2_tokenizer, cfg)
    assert p.text.startswith("<|im_start|>system\n" + cfg.system) and p.text.endswith(
        "<|im_start|>assistant\n"
    )
    assert "Return 1.\n\nStarter code:\n```python\nclass Solution:\n    def go(self) -> int:\n```" in p.text
    assert "Implement the method `go` of `class Solution`" in p.text and cfg.answer_note in p.text
    assert p.code_prefix == "" and p.n_tokens == len(
        smollm2_tokenizer.encode(p.text, add_special_tokens=False)
    )
    stdin = build_prompt(STDIO, smollm2_tokenizer, cfg)
    assert cfg.stdin_note in stdin.text and "Starter code" not in stdin.text
    long = Problem("t/long", "Numbers: " + " ".join(map(str, range(2000))), STDIO.tests)
    cut = build_prompt(long, smollm2_tokenizer, PromptConfig(max_tokens=200))
    assert cut.truncated and cut.n_tokens <= 200 and cut.text.endswith("<|im_start|>assistant\n")
    assert "Numbers: 0 1 2" in cut.text and cfg.stdin_note in cut.text


def test_conf_prompt_override_and_load_config():
    with initialize_config_dir(str(CONF), version_base=None):
        cfg = compose(overrides=["+data=embedded", "data/prompt=plain", "data.limit=3", "data.eval_limit=2"])
    assert PromptConfig(**cfg.data.prompt).style == "plain"
    train = load_config(cfg.data)
    held_out = load_config(cfg.data, split_key="eval_split", limit_key="eval_limit")
    assert len(train) == 3 and len(held_out) == 2 and not {p.id for p in train} & {p.id for p in held_out}
