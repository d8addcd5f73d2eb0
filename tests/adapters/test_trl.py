"""TRL: the reward function on plain and conversational completions, and inside a real GRPOTrainer step."""

from __future__ import annotations

import pytest

from rltf.adapters import Rewarder
from rltf.adapters.trl import RLTFReward
from tests.adapters.conftest import ADD, BROKEN, GOOD, PARTIAL, FailsOn


def test_plain_and_conversational_completions(rewarder):
    reward = RLTFReward(rewarder)
    labels = [ADD.to_json()] * 3
    plain = reward(prompts=["p"] * 3, completions=[GOOD, PARTIAL, BROKEN], label=labels)
    chat = [[{"role": "assistant", "content": c}] for c in (GOOD, PARTIAL, BROKEN)]
    assert reward(prompts=[[{"role": "user", "content": "p"}]] * 3, completions=chat, label=labels) == plain
    assert plain == pytest.approx([1.0, -0.3 + 1.3 / 3, -1.0])


def test_logs_verdict_metrics_through_trl_hooks(rewarder):
    metrics, extra = {}, {}
    RLTFReward(rewarder)(
        prompts=["p", "p"],
        completions=[GOOD, BROKEN],
        label=[ADD.to_json()] * 2,
        log_metric=metrics.__setitem__,
        log_extra=extra.__setitem__,
    )
    assert (
        metrics["rltf/pass"] == 0.5
        and metrics["rltf/syntax_error"] == 0.5
        and metrics["rltf/judge_failed"] == 0
    )
    assert extra == {"rltf_outcome": ["passed", "syntax_error"]}


def test_missing_label_column_and_bad_completion_are_clear(rewarder):
    with pytest.raises(KeyError, match=r"no 'label' column \(columns: \['id'\]\)"):
        RLTFReward(rewarder)(prompts=["p"], completions=[GOOD], id=["x"], trainer_state=None)
    with pytest.raises(TypeError, match="row 0: a completion must be a string or a list of messages"):
        RLTFReward(rewarder)(
            prompts=["p"], completions=[[{"role": "user", "content": 3}]], label=[ADD.to_json()]
        )


@pytest.mark.slow
def test_a_real_grpo_step_on_the_tiny_model(judge, tmp_path):
    """GRPOTrainer samples from the tiny model, calls the rltf reward on every completion, logs its mean; a
    program the judge failed on (the first of the batch here) is None, which TRL leaves out of the mean."""
    import torch
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import GRPOConfig, GRPOTrainer

    from rltf.adapters.export import prompt_and_label
    from rltf.data import load
    from rltf.data.prompts import PromptConfig
    from rltf.models import tiny_model

    rows = []
    for p in load("embedded", "train", limit=2):
        prompt, label = prompt_and_label(p, PromptConfig())
        rows.append({"prompt": prompt, "label": label})
    calls: list[list[float]] = []
    reward = RLTFReward(Rewarder(FailsOn(judge, lambda job: job.id.endswith("#0"))))

    def recorded(**kwargs):
        calls.append(reward(**kwargs))
        return calls[-1]

    recorded.__name__ = "rltf"
    path = tiny_model()
    model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32)
    config = GRPOConfig(
        output_dir=str(tmp_path),
        per_device_train_batch_size=4,
        num_generations=2,
        max_completion_length=8,
        max_steps=1,
        learning_rate=1e-3,
        beta=0.0,
        logging_steps=1,
        report_to=[],
        save_strategy="no",
        use_cpu=True,
        use_vllm=False,
        disable_tqdm=True,
        seed=0,
    )
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=[recorded],
        args=config,
        train_dataset=Dataset.from_list(rows),
        processing_class=AutoTokenizer.from_pretrained(path),
    )
    trainer.train()
    assert len(calls) == 1 and len(calls[0]) == 4  # one call judged the whole generation batch
    judged = calls[0][1:]
    assert calls[0][0] is None and all(-1.0 <= r <= 1.0 for r in judged)
    logged = next(h for h in trainer.state.log_history if "rewards/rltf/mean" in h)
    assert logged["rewards/rltf/mean"] == pytest.approx(sum(judged) / 3, abs=1e-6)
    assert logged["rltf/judge_failed"] == pytest.approx(0.25)  # our metrics reached TRL's logs
    assert trainer.state.global_step == 1
