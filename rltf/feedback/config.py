"""The feedback knobs in one dataclass, so conf/algo's `reward` keys map onto it one to one.

Values are the RLTF paper's (arXiv 2307.04349; the README's "Feedback" section lists them). `RewardConfig(**cfg.reward)` rejects unknown keys by name.
"""

from __future__ import annotations

from dataclasses import dataclass

TIMEOUT_CATEGORIES = ("global", "ignore")


@dataclass(frozen=True)
class RewardConfig:
    pass_reward: float = 1.0  # all tests pass
    fail_reward: float = -0.3  # wrong answer, no error (the adaptive reward's floor)
    runtime_reward: float = -0.6  # exception, non-zero exit, timeout, memory/output limit, sandbox violation
    syntax_reward: float = -1.0  # the program does not compile
    adaptive: bool = True  # failed programs earn fail + (pass - fail) * passed / (passed + failed)
    fine_grained: bool = True  # off: no token penalty at all (the paper's ablation)
    fine_penalty: float = 0.3  # loss side: A_t = (R - b) - fine_penalty * mask_t
    # Timeouts (and output floods, the same endless loop): "global" is the paper's intent, "ignore" what the
    # released code did by accident.
    timeout_category: str = "global"

    def __post_init__(self) -> None:
        if self.timeout_category not in TIMEOUT_CATEGORIES:
            raise ValueError(
                f"reward.timeout_category must be one of {TIMEOUT_CATEGORIES}, got {self.timeout_category!r}"
            )
        if self.fine_penalty < 0:
            raise ValueError(f"reward.fine_penalty is a magnitude and must be >= 0, got {self.fine_penalty}")
