"""TRL: rltf's judge and RLTF reward as a GRPOTrainer reward function.

    from rltf.adapters.trl import RLTFReward
    dataset = load_dataset("json", data_files="out/train.jsonl")["train"]  # python -m rltf.adapters export
    trainer = GRPOTrainer(model=..., reward_funcs=[RLTFReward()], train_dataset=dataset, ...)

TRL calls it with the batch's prompts, completions (strings, or lists of messages for conversational data) and
every other data set column as a keyword list; the `label` column carries each problem's tests. One call
judges the whole batch in parallel. A program the judge itself failed on gets None, which TRL (>= 1.x)
treats as "not applicable": left out of the group baseline, advantage 0. TRL takes one number per completion,
so RLTF's per-token penalties do not apply; their Line / Global categories are logged as metrics instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rltf.adapters.reward import Rewarder, shared


class RLTFReward:
    """A GRPOTrainer reward function (TRL logs it as `rewards/rltf/mean`)."""

    __name__ = "rltf"

    def __init__(self, rewarder: Rewarder | None = None, label_column: str = "label"):
        self._rewarder = rewarder
        self.label_column = label_column

    @property
    def rewarder(self) -> Rewarder:
        return self._rewarder or shared()

    def __call__(
        self, prompts: Sequence[Any], completions: Sequence[Any], **columns: Any
    ) -> list[float | None]:
        if self.label_column not in columns:
            present = sorted(k for k in columns if k not in _TRL_KWARGS)
            raise KeyError(
                f"the data set has no {self.label_column!r} column (columns: {present}); "
                "write it with `python -m rltf.adapters export --trainer trl` or pass label_column="
            )
        texts = [completion_text(c, f"row {i}") for i, c in enumerate(completions)]
        judged = self.rewarder.judge_batch(texts, columns[self.label_column])
        _log(judged, columns.get("log_metric"), columns.get("log_extra"))
        return [j.reward for j in judged]


# Keyword arguments GRPOTrainer adds to the data set's columns.
_TRL_KWARGS = {"completion_ids", "trainer_state", "log_extra", "log_metric", "environments"}


def completion_text(completion: Any, where: str) -> str:
    """The generated text: the completion string, or the last assistant message of a conversational one."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Sequence):
        replies = [
            m for m in completion if isinstance(m, Mapping) and m.get("role", "assistant") == "assistant"
        ]
        if replies and isinstance(replies[-1].get("content"), str):
            return replies[-1]["content"]
    raise TypeError(
        f"{where}: a completion must be a string or a list of messages ending in an assistant message "
        f"with string content, got {str(completion)[:120]}"
    )


def _log(judged, log_metric: Callable | None, log_extra: Callable | None) -> None:
    """Batch means of the verdicts as TRL metrics (rltf/pass, rltf/judge_failed, ...), outcomes in the table."""
    if log_metric is not None and judged:
        rows = [j.metrics() for j in judged]
        for key in rows[0]:
            log_metric(f"rltf/{key}", sum(r[key] for r in rows) / len(rows))
    if log_extra is not None:
        log_extra("rltf_outcome", [str(j.verdict.outcome) for j in judged])
