"""Dynamic sampling: draw problems that still teach something more often than those that no longer do.

A problem's group of samples teaches only if some sample gets a non-zero token advantage. With the
group-mean baseline an all-pass group has none (every reward equals the mean), and so has an all-fail group
whose programs all fail the same way with no token penalty; but an all-fail group whose programs fail
differently (a syntax error at -1 beside a wrong answer at -0.3, or partial credit from the adaptive reward)
still has signal, and so has any group with a fine-grained penalty on some tokens (A_t = (R - b) - p * m_t).

    state = SignalState(window=2)
    state.update(group_signals(problem_ids, advantages))            # after scoring an iteration
    idx = draw([p.id for p in problems], k, state, cfg, seed, iteration)   # the next iteration's problems

A problem's weight is `floor + (1 - floor) * (share of its last `window` groups that had signal)`; a problem
never drawn counts as having signal (weight 1), so everything is tried once before being played down, and
`floor` keeps every problem drawable (the policy changes; a solved problem can be lost again).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

KINDS = ("uniform", "dynamic")


@dataclass
class CurriculumConfig:
    """conf/curriculum: how each iteration's problems are drawn."""

    kind: str = "uniform"  # uniform: the epoch shuffle; dynamic: weighted by recent learning signal
    window: int = 2  # recent groups remembered per problem
    floor: float = 0.1  # weight of a problem none of whose recent groups had signal (exploration)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"curriculum.kind must be one of {KINDS}, got {self.kind!r}")
        if self.window < 1:
            raise ValueError(f"curriculum.window must be >= 1, got {self.window}")
        if not 0 < self.floor <= 1:
            raise ValueError(f"curriculum.floor must be in (0, 1], got {self.floor}")


def has_signal(
    rewards: Sequence[float],
    penalized: Sequence[bool],
    baseline: str,
    greedy_reward: float | None = None,
    tol: float = 1e-9,
) -> bool:
    """Whether one problem's group of samples gives any non-zero token advantage.

    `penalized[i]`: sample i's advantage is lowered on some tokens (a non-zero penalty mask and
    algo.reward.fine_penalty > 0). `baseline` is algo.baseline; `greedy_reward` is needed for "greedy".
    """
    from rltf.learn.loss import baselines  # the loss's own baseline, so the two cannot disagree

    if len(rewards) != len(penalized):
        raise ValueError(f"{len(rewards)} rewards but {len(penalized)} penalty flags")
    greedy = {"": greedy_reward} if greedy_reward is not None else None
    base = baselines([""] * len(rewards), rewards, baseline, greedy)
    return any(penalized) or any(abs(r - b) > tol for r, b in zip(rewards, base, strict=True))


def signalled(advantages: Sequence[float], tol: float = 1e-9) -> bool:
    """Whether one sample has a non-zero advantage on some token (the loss learns from it)."""
    return any(abs(a) > tol for a in advantages)


def group_signals(
    problem_ids: Sequence[str], advantages: Sequence[Sequence[float]], tol: float = 1e-9
) -> dict[str, bool]:
    """Per problem, whether any of its samples' token advantages is non-zero (what the loss will see)."""
    out: dict[str, bool] = {}
    for pid, adv in zip(problem_ids, advantages, strict=True):
        out[pid] = out.get(pid, False) or signalled(adv, tol)
    return out


def merge_signals(parts: Iterable[Mapping[str, bool]]) -> dict[str, bool]:
    """Several ranks' group_signals as one: a problem drawn on several ranks has signal if any group had."""
    out: dict[str, bool] = {}
    for part in parts:
        for pid, s in part.items():
            out[pid] = out.get(pid, False) or bool(s)
    return out


def signal_share(advantages: Iterable[Sequence[float]], tol: float = 1e-9) -> float:
    """The share of samples with a non-zero advantage on some token (log it per iteration); 0 when none."""
    flags = [signalled(adv, tol) for adv in advantages]
    return sum(flags) / len(flags) if flags else 0.0


@dataclass
class SignalState:
    """Per problem id, whether each of its last `window` groups had signal (oldest first). Checkpointable."""

    window: int = 2
    recent: dict[str, list[bool]] = field(default_factory=dict)

    def update(self, signals: Mapping[str, bool]) -> None:
        for pid, s in signals.items():
            self.recent[pid] = (self.recent.get(pid, []) + [bool(s)])[-self.window :]

    def weight(self, problem_id: str, floor: float) -> float:
        seen = self.recent.get(problem_id)
        if not seen:
            return 1.0
        return floor + (1 - floor) * sum(seen) / len(seen)

    def to_dict(self) -> dict:
        return {"window": self.window, "recent": {k: list(v) for k, v in self.recent.items()}}

    @classmethod
    def from_dict(cls, d: Mapping) -> SignalState:
        return cls(
            window=int(d["window"]), recent={str(k): [bool(x) for x in v] for k, v in d["recent"].items()}
        )


def draw(
    problem_ids: Sequence[str],
    k: int,
    state: SignalState,
    cfg: CurriculumConfig,
    seed: int,
    iteration: int,
    base_weights: Sequence[float] | None = None,
) -> list[int]:
    """Indices of `k` distinct entries of `problem_ids` for `iteration`, drawn without replacement with
    probability proportional to base weight (e.g. rltf.data.mix's shares; 1 when None) times signal weight.
    A pure function of its arguments, so a resumed run (state restored) draws what the uninterrupted run did."""
    n = len(problem_ids)
    if not 0 < k <= n:
        raise ValueError(f"cannot draw {k} distinct problems from {n}")
    base = np.ones(n) if base_weights is None else np.asarray(base_weights, dtype=float)
    if base.shape != (n,) or (base < 0).any():
        raise ValueError(f"base_weights must be {n} non-negative numbers")
    w = base * np.array([state.weight(pid, cfg.floor) for pid in problem_ids])
    if np.count_nonzero(w) < k:
        raise ValueError(f"only {np.count_nonzero(w)} problems have a non-zero weight; {k} asked")
    rng = np.random.default_rng([seed, iteration])
    return [int(i) for i in rng.choice(n, size=k, replace=False, p=w / w.sum())]
