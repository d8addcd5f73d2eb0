"""verl: compute_score / compute_score_batch called as verl calls them; with the real verl package where it
imports (it does not install beside this project's transformers; see README), through verl's own loader and
reward managers."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import rltf.adapters.verl as verl_adapter
from rltf.adapters import Rewarder
from rltf.feedback import JudgeFailed
from tests.adapters.conftest import ADD, BROKEN, GOOD, PARTIAL, FailsOn

KEYS = {
    "score",
    "pass",
    "pass_ratio",
    "wrong_answer",
    "runtime_error",
    "timeout",
    "syntax_error",
    "judge_failed",
}
KEYS |= {"fine_line", "fine_global"}


def test_compute_score_per_sample_as_verl_calls_it(shared_rewarder):
    out = [
        verl_adapter.compute_score(
            data_source="rltf/embedded", solution_str=s, ground_truth=ADD.to_json(), extra_info={"index": 0}
        )
        for s in (GOOD, PARTIAL, BROKEN)
    ]
    assert [o["score"] for o in out] == pytest.approx([1.0, -0.3 + 1.3 / 3, -1.0])
    assert all(set(o) == KEYS and all(isinstance(v, float) for v in o.values()) for o in out)
    assert (out[1]["wrong_answer"], out[2]["syntax_error"], out[2]["fine_line"]) == (1.0, 1.0, 1.0)


def test_compute_score_batch_as_the_batch_manager_calls_it(shared_rewarder):
    out = verl_adapter.compute_score_batch(
        data_sources=["rltf/embedded"] * 2,
        solution_strs=[GOOD, BROKEN],
        ground_truths=[ADD.to_json()] * 2,
        extra_infos=[{}, {}],
    )
    assert [o["score"] for o in out] == [1.0, -1.0]


def test_judge_failure_raises_unless_a_missing_reward_is_set(judge, monkeypatch):
    failing = Rewarder(FailsOn(judge, lambda job: True))
    monkeypatch.setattr(verl_adapter, "shared", lambda: failing)
    with pytest.raises(JudgeFailed, match="verl has no missing-reward value"):
        verl_adapter.compute_score("rltf/x", GOOD, ADD.to_json())
    monkeypatch.setattr(verl_adapter, "shared", lambda: Rewarder(failing.judge, missing_reward=0.0))
    out = verl_adapter.compute_score("rltf/x", GOOD, ADD.to_json())
    assert (out["score"], out["judge_failed"], out["pass"]) == (0.0, 1.0, 0.0)


# -- the real package --------------------------------------------------------------------------------------


def _batch(tokenizer, responses: list[str], label: str):
    """A verl DataProto as a rollout leaves it: left-padded prompts, right-padded responses, the label."""
    import numpy as np
    import torch
    from verl import DataProto

    prompt = tokenizer("Write add(a, b).", return_tensors="pt")["input_ids"][0]
    rows = [tokenizer(r, return_tensors="pt")["input_ids"][0] for r in responses]
    width = max(len(r) for r in rows) + 2  # padding after every response
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    resp = torch.full((len(rows), width), pad)
    mask = torch.zeros((len(rows), len(prompt) + width), dtype=torch.long)
    for i, r in enumerate(rows):
        resp[i, : len(r)] = r
        mask[i, : len(prompt) + len(r)] = 1
    n = len(rows)
    return DataProto.from_dict(
        tensors={"prompts": prompt.repeat(n, 1), "responses": resp, "attention_mask": mask},
        non_tensors={
            "data_source": np.array(["rltf/embedded"] * n, dtype=object),
            "reward_model": np.array([{"style": "rule", "ground_truth": label}] * n, dtype=object),
            "extra_info": np.array([{"index": i} for i in range(n)], dtype=object),
        },
    )


@pytest.fixture
def verl_config():
    pytest.importorskip("verl", reason="verl is not installed (it pins transformers<5.11; see README)")
    from omegaconf import OmegaConf

    return OmegaConf.create(
        {
            "reward": {
                "custom_reward_function": {"path": verl_adapter.__file__, "name": "compute_score"},
                "reward_manager": {"source": "register", "name": "naive"},
            }
        }
    )


@pytest.mark.slow
def test_real_verl_loads_the_module_and_its_naive_manager_scores(verl_config, shared_rewarder):
    import asyncio

    from transformers import AutoTokenizer
    from verl.trainer.ppo.reward import load_reward_manager

    from rltf.models import tiny_model

    tokenizer = AutoTokenizer.from_pretrained(tiny_model())
    manager = load_reward_manager(verl_config, tokenizer)  # loads rltf/adapters/verl.py by path, as verl does
    data = _batch(tokenizer, [GOOD, BROKEN], ADD.to_json())

    async def score_all():
        return await asyncio.gather(*(manager.run_single(data[i : i + 1]) for i in range(len(data))))

    out = manager.loop.run_until_complete(score_all())  # verl runs its managers on their own loop
    assert [o["reward_score"] for o in out] == [1.0, -1.0]
    assert out[1]["reward_extra_info"]["syntax_error"] == 1.0 and set(out[0]["reward_extra_info"]) == KEYS


@pytest.mark.slow
def test_real_verl_batch_manager_judges_the_batch(verl_config, shared_rewarder):
    from transformers import AutoTokenizer
    from verl.workers.reward_manager.batch import BatchRewardManager

    from rltf.models import tiny_model

    tokenizer = AutoTokenizer.from_pretrained(tiny_model())
    manager = BatchRewardManager(tokenizer, 0, verl_adapter.compute_score_batch)
    out = manager(_batch(tokenizer, [GOOD, PARTIAL, BROKEN], ADD.to_json()), return_dict=True)
    last = out["reward_tensor"].sum(dim=-1).tolist()  # the score sits on each response's last token
    assert last == pytest.approx([1.0, -0.3 + 1.3 / 3, -1.0])
    assert out["reward_extra_info"]["pass"] == [1.0, 0.0, 0.0]


def test_exported_parquet_feeds_compute_score(tmp_path, shared_rewarder):
    import pyarrow.parquet as pq

    from rltf.adapters.export import export
    from rltf.data import load
    from rltf.data.prompts import PromptConfig

    problems = load("embedded", "train", limit=3)
    (path,) = export(problems, "verl", tmp_path, split="train", data="embedded", cfg=PromptConfig())
    rows = pq.read_table(path).to_pylist()
    assert set(rows[0]) == {"data_source", "prompt", "ability", "reward_model", "extra_info"}
    assert rows[0]["prompt"][1]["role"] == "user" and rows[0]["reward_model"]["style"] == "rule"
    assert rows[2]["extra_info"] == {"split": "train", "index": 2, "id": problems[2].id}
    for row, p in zip(rows, problems, strict=True):
        solution = f"```python\n{p.solutions[0]}\n```"
        out = verl_adapter.compute_score(
            row["data_source"], solution, row["reward_model"]["ground_truth"], row["extra_info"]
        )
        assert out["score"] == 1.0, p.id


def test_module_loads_by_path_like_verl_does():
    spec = importlib.util.spec_from_file_location("custom_module", Path(verl_adapter.__file__))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.compute_score) and callable(module.compute_score_batch)
