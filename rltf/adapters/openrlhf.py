"""OpenRLHF: rltf's judge and RLTF reward as `--remote_rm_url`, either a file or an HTTP endpoint.

    python -m rltf.adapters export --data mbpp --split train --trainer openrlhf --out data/mbpp
    # in-process: the export wrote data/mbpp/reward_func.py
    ... --prompt_data data/mbpp/train.jsonl --input_key prompt --label_key label --apply_chat_template \\
        --remote_rm_url data/mbpp/reward_func.py
    # or as a service: python -m rltf.adapters serve --port 5000, then --remote_rm_url http://HOST:5000/get_reward

Both answer OpenRLHF's reward-function convention: `reward_func(queries, prompts, labels)` with queries =
prompt + response as decoded by OpenRLHF (special tokens kept), returning {"rewards", "scores",
"extra_logs"}: tensors from the file form, JSON lists from the endpoint. `rewards` is the RLTF reward,
`scores` the same rescaled to [0, 1] (OpenRLHF's dynamic filtering expects that range), `extra_logs` the
verdict's details per sample. OpenRLHF takes one number per sample, so RLTF's per-token penalties do not
apply. It has no missing-reward value: a program the judge itself failed on raises JudgeFailed (the endpoint
answers 503, which OpenRLHF retries, re-judging it) unless RLTF_MISSING_REWARD gives a number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rltf.adapters.labels import LabelError
from rltf.adapters.reward import Rewarder, shared

# Special tokens OpenRLHF leaves in the decoded query after the response: <|im_end|>, <|endoftext|>, </s>, ...
_TRAILING_SPECIAL = re.compile(r"(?:\s*(?:<\|[^|<>]*\|>|</s>|<eos>|<end_of_turn>))+\s*\Z")


def rewards(
    rewarder: Rewarder, queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any]
) -> dict:
    """{"rewards": [...], "scores": [...], "extra_logs": {name: [...]}} as plain lists."""
    if not len(queries) == len(prompts) == len(labels):
        raise LabelError(
            f"{len(queries)} queries, {len(prompts)} prompts and {len(labels)} labels: one each per sample"
        )
    responses = [response_of(q, p, f"row {i}") for i, (q, p) in enumerate(zip(queries, prompts, strict=True))]
    judged = rewarder.judge_batch(responses, labels)
    values = [rewarder.number(j, "OpenRLHF") for j in judged]
    cfg = rewarder.cfg
    low = min(cfg.pass_reward, cfg.fail_reward, cfg.runtime_reward, cfg.syntax_reward)
    high = max(cfg.pass_reward, cfg.fail_reward, cfg.runtime_reward, cfg.syntax_reward)
    scores = [min(1.0, max(0.0, (r - low) / (high - low))) if high > low else 0.0 for r in values]
    metrics = [j.metrics() for j in judged]
    extra = {f"rltf/{k}": [m[k] for m in metrics] for k in (metrics[0] if metrics else {})}
    return {"rewards": values, "scores": scores, "extra_logs": extra}


def reward_func(queries: Sequence[str], prompts: Sequence[str], labels: Sequence[Any], **kwargs: Any) -> dict:
    """OpenRLHF's `--remote_rm_url reward_func.py` entry point: the same dict with torch tensors.
    `kwargs` are OpenRLHF's optional extras, which this reward does not use."""
    import torch

    out = rewards(shared(), queries, prompts, labels)
    return {
        "rewards": torch.tensor(out["rewards"], dtype=torch.float32),
        "scores": torch.tensor(out["scores"], dtype=torch.float32),
        "extra_logs": {k: torch.tensor(v, dtype=torch.float32) for k, v in out["extra_logs"].items()},
    }


def response_of(query: str, prompt: str, where: str) -> str:
    """The model's response inside OpenRLHF's query (prompt + response, special tokens kept)."""
    if query.startswith(prompt):
        response = query[len(prompt) :]
    elif prompt and (at := query.rfind(prompt)) >= 0:  # a BOS or padding token before the prompt
        response = query[at + len(prompt) :]
    else:
        raise LabelError(f"{where}: the query does not contain its prompt, so the response cannot be found")
    return _TRAILING_SPECIAL.sub("", response)
