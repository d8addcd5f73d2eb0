"""rltf problems -> each trainer's data set layout, with rltf labels carrying the tests.

- trl:      `<split>.jsonl` with "prompt" (chat messages, or text for the plain / apps styles), "label", "id";
            `datasets.load_dataset("json", data_files=...)` reads it.
- verl:     `<split>.parquet` with data_source ("rltf/<data set>"), prompt (chat messages), ability ("code"),
            reward_model {"style": "rule", "ground_truth": label}, extra_info {"split", "index", "id"}.
- openrlhf: `<split>.jsonl` with "prompt" (input key) and "label" (label key), and `reward_func.py` for
            `--remote_rm_url`.

Prompts are rltf.data.prompts' (the same words rltf's own loop uses). Chat prompts stay untemplated messages,
so each trainer applies its own model's chat template; they are not cut to a token budget here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rltf.adapters.labels import Label
from rltf.data.prompts import PromptConfig, build_prompt, chat_messages
from rltf.data.schema import Problem

TRAINERS = ("trl", "verl", "openrlhf")
REWARD_FUNC_PY = '''"""OpenRLHF `--remote_rm_url` file: rltf's judge and RLTF reward (written by python -m rltf.adapters export).
Settings come from the environment: RLTF_JUDGE_URL, RLTF_JUDGE_WORKERS, RLTF_REWARD, ... (rltf.adapters.reward)."""

from rltf.adapters.openrlhf import reward_func  # noqa: F401
'''


def prompt_and_label(problem: Problem, cfg: PromptConfig) -> tuple[Any, str]:
    """The prompt a trainer samples from (messages for chat, else text) and the problem's label."""
    if cfg.style == "chat":
        return chat_messages(problem, cfg), Label.of(problem).to_json()
    prompt = build_prompt(problem, None, cfg)
    return prompt.text, Label.of(problem, prompt.code_prefix).to_json()


def _trl_row(problem: Problem, cfg: PromptConfig, index: int, split: str, data: str) -> dict:
    prompt, label = prompt_and_label(problem, cfg)
    return {"prompt": prompt, "label": label, "id": problem.id}


def _verl_row(problem: Problem, cfg: PromptConfig, index: int, split: str, data: str) -> dict:
    prompt, label = prompt_and_label(problem, cfg)
    return {
        "data_source": f"rltf/{data}",
        "prompt": prompt if isinstance(prompt, list) else [{"role": "user", "content": prompt}],
        "ability": "code",
        "reward_model": {"style": "rule", "ground_truth": label},
        "extra_info": {"split": split, "index": index, "id": problem.id},
    }


_ROWS: dict[str, Callable[..., dict]] = {"trl": _trl_row, "verl": _verl_row, "openrlhf": _trl_row}


def export(
    problems: list[Problem], trainer: str, out: str | Path, *, split: str, data: str, cfg: PromptConfig
) -> list[Path]:
    """Write `problems` in `trainer`'s layout under `out`; returns the files written."""
    if trainer not in TRAINERS:
        raise ValueError(f"unknown trainer {trainer!r} (known: {', '.join(TRAINERS)})")
    if trainer == "verl" and cfg.style == "plain":
        raise ValueError(
            "verl wraps every prompt in the model's chat template, so the plain style (the model continues the "
            "starter code) does not fit; use --prompt chat or --prompt apps"
        )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = [_ROWS[trainer](p, cfg, i, split, data) for i, p in enumerate(problems)]
    if trainer == "verl":
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = out / f"{split}.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)
        return [path]
    path = out / f"{split}.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    if trainer == "trl":
        return [path]
    func = out / "reward_func.py"
    func.write_text(REWARD_FUNC_PY)
    return [path, func]
