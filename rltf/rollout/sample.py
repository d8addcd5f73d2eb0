"""What the sampler hands to the judge and the trainer: one generated program and how it was produced."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Sample:
    """One completion for one problem.

    `logprobs[i]` is the sampler's log-probability of `token_ids[i]` under the raw model distribution (before
    temperature / top-p), so a learner can compare it with its own log-softmax of the same logits.
    `finish_reason` is vLLM's: "stop" (end of sequence or stop string) or "length" (cut by max_new_tokens).
    """

    problem_id: str
    prompt_ids: list[int]
    token_ids: list[int]
    logprobs: list[float]
    text: str
    finish_reason: str
    greedy: bool = False
    code_prefix: str = (
        ""  # starter code the prompt ended with (plain style): extract_code(prefix=...) needs it
    )

    @property
    def truncated(self) -> bool:
        return self.finish_reason == "length"
