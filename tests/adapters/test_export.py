"""`python -m rltf.adapters export`: every trainer's layout, loadable by its reader, with labels whose reference
solutions pass through the adapters' own reward; clear errors for bad input."""

from __future__ import annotations

import json
import os

import pytest

from rltf.adapters.__main__ import main
from rltf.adapters.export import export
from rltf.data import load
from rltf.data.prompts import PromptConfig, chat_messages


def test_trl_layout_loads_with_datasets_and_rewards_reference_solutions(tmp_path, rewarder):
    from datasets import load_dataset

    from rltf.adapters.trl import RLTFReward

    assert main(f"export --data embedded --split test --limit 4 --trainer trl --out {tmp_path}".split()) == 0
    ds = load_dataset("json", data_files=str(tmp_path / "test.jsonl"))["train"]
    problems = load("embedded", "test", limit=4)
    assert ds.column_names == ["prompt", "label", "id"] and ds["id"] == [p.id for p in problems]
    assert ds[0]["prompt"] == chat_messages(problems[0], PromptConfig())  # rltf's own prompt words
    solutions = [f"```python\n{p.solutions[0]}\n```" for p in problems]
    assert RLTFReward(rewarder)(prompts=ds["prompt"], completions=solutions, label=ds["label"]) == [1.0] * 4


def test_plain_prompts_carry_the_starter_code_as_code_prefix(tmp_path, rewarder):
    from rltf.adapters.trl import RLTFReward

    problems = [p for p in load("embedded", "train") if p.starter_code.strip()][:2]
    assert problems, "the embedded set has problems with starter code"
    (path,) = export(
        problems, "trl", tmp_path, split="train", data="embedded", cfg=PromptConfig(style="plain")
    )
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert all(r["prompt"].endswith(p.starter_code) for r, p in zip(rows, problems, strict=True))
    assert all(
        json.loads(r["label"])["code_prefix"] == p.starter_code for r, p in zip(rows, problems, strict=True)
    )
    # The model continues the starter code: the judged program is prefix + completion.
    bodies = [p.solutions[0].removeprefix(p.starter_code) for p in problems]
    assert all(p.solutions[0].startswith(p.starter_code) for p in problems)
    assert (
        RLTFReward(rewarder)(
            prompts=[r["prompt"] for r in rows], completions=bodies, label=[r["label"] for r in rows]
        )
        == [1.0] * 2
    )


def test_openrlhf_layout_has_input_and_label_keys_and_a_reward_file(tmp_path):
    files = export(
        load("embedded", "train", limit=2),
        "openrlhf",
        tmp_path,
        split="train",
        data="embedded",
        cfg=PromptConfig(style="apps"),
    )
    assert [f.name for f in files] == ["train.jsonl", "reward_func.py"]
    row = json.loads(files[0].read_text().splitlines()[0])
    assert (
        isinstance(row["prompt"], str) and "QUESTION:" in row["prompt"] and json.loads(row["label"])["tests"]
    )
    assert "from rltf.adapters.openrlhf import reward_func" in files[1].read_text()


def test_cli_prints_the_lines_to_add(tmp_path, capsys):
    assert (
        main(f"export --data embedded --split train --limit 2 --trainer verl --out {tmp_path}".split()) == 0
    )
    out = capsys.readouterr().out
    assert (
        "wrote 2 problems" in out
        and "custom_reward_function.path=" in out
        and (tmp_path / "train.parquet").is_file()
    )


@pytest.mark.parametrize(
    "args, message",
    [
        (["--data", "embedded", "--split", "valid", "--trainer", "trl"], "valid"),
        (
            ["--data", "embedded", "--split", "train", "--trainer", "verl", "--prompt", "plain"],
            "use --prompt chat or --prompt apps",
        ),
        (
            ["--data", "jsonl", "--split", "train", "--path", "/nonexistent/x.jsonl", "--trainer", "trl"],
            "/nonexistent/x.jsonl",
        ),
    ],
)
def test_cli_errors_are_one_clear_line(tmp_path, capsys, args, message):
    assert main(["export", *args, "--out", str(tmp_path)]) == 1
    assert message in capsys.readouterr().err


def test_exports_a_benchmark_from_the_shared_data(tmp_path, data_dir, monkeypatch, rewarder):
    """MBPP from ../shared/data (skipped without it), end to end through the exported labels."""
    if not (data_dir / "mbpp" / "mbpp.jsonl").is_file():
        pytest.skip(f"no {data_dir}/mbpp/mbpp.jsonl")
    monkeypatch.setenv("RLTF_DATA_DIR", os.fspath(data_dir))
    problems = load("mbpp", "test", limit=3)
    (path,) = export(problems, "trl", tmp_path, split="test", data="mbpp", cfg=PromptConfig())
    labels = [json.loads(line)["label"] for line in path.read_text().splitlines()]
    got = rewarder.judge_batch([f"```python\n{p.solutions[0]}\n```" for p in problems], labels)
    assert [j.reward for j in got] == [1.0] * 3
