"""verl: rltf's judge and RLTF reward as a `custom_reward_function` module.

    python -m rltf.adapters export --data mbpp --split train --trainer verl --out data/mbpp
    python -m verl.trainer.main_ppo data.train_files=data/mbpp/train.parquet ... \\
        reward.custom_reward_function.path=$(python -c 'import rltf.adapters.verl as m; print(m.__file__)') \\
        reward.custom_reward_function.name=compute_score

`compute_score` follows verl's per-sample convention: verl 0.9's reward loop calls it for every sample of a
batch concurrently (on its executor threads), and the one judge pool runs those programs in parallel.
`compute_score_batch` follows the legacy `batch` reward manager's convention (older verl:
`custom_reward_function.name=compute_score_batch reward_model.reward_manager=batch`). Both return, per
sample, a dict with "score" (the RLTF reward) and the verdict's details as numbers (pass, pass_ratio, wrong_answer, runtime_error, timeout, syntax_error, judge_failed, fine_line, fine_global),
which verl collects as `reward_extra_info` and logs. verl's reward function returns one number per sample
(placed on the last token), so RLTF's per-token penalties do not apply; their categories are in the metrics.
The `ground_truth` is rltf's label (rltf.adapters.labels). verl has no missing-reward value: a program the
judge itself failed on raises JudgeFailed unless RLTF_MISSING_REWARD gives a number. Settings come from the
environment (rltf.adapters.reward.from_env), as verl loads this module by path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rltf.adapters.reward import shared


def compute_score(data_source: str, solution_str: str, ground_truth: str, extra_info: Any = None) -> dict:
    """One sample: {"score": RLTF reward, **verdict details}."""
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info])[0]


def compute_score_batch(
    data_sources: Sequence[str],
    solution_strs: Sequence[str],
    ground_truths: Sequence[str],
    extra_infos: Sequence[Any] | None = None,
) -> list[dict]:
    """The whole batch, judged in parallel; one dict per sample, in order."""
    rewarder = shared()
    judged = rewarder.judge_batch(list(solution_strs), list(ground_truths))
    return [{"score": rewarder.number(j, "verl"), **j.metrics()} for j in judged]
