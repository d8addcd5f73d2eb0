"""Dynamic sampling: which groups carry learning signal under RLTF's rewards, and how the draw favours them."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from rltf.data.curriculum import (
    CurriculumConfig,
    SignalState,
    draw,
    group_signals,
    has_signal,
    signal_share,
)
from rltf.learn.loss import baselines, token_advantages

CONF = Path(__file__).resolve().parents[2] / "conf"
DYNAMIC = CurriculumConfig(kind="dynamic", window=2, floor=0.1)


# -- signal --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "rewards, penalized, baseline, greedy, expected",
    [
        ([1.0, 1.0, 1.0], [False] * 3, "group_mean", None, False),  # all pass
        ([-0.3] * 4, [False] * 4, "group_mean", None, False),  # identical wrong answers, no penalty
        ([-1.0] * 3, [False] * 3, "group_mean", None, False),  # identical syntax errors, no penalty
        ([-1.0, -0.6, -0.3], [False] * 3, "group_mean", None, True),  # all fail, differently
        ([-0.3, 0.35, -0.3], [False] * 3, "group_mean", None, True),  # all fail, adaptive partial credit
        ([-0.6, -0.6], [False, True], "group_mean", None, True),  # all fail alike, one line penalised
        ([1.0, 1.0], [False] * 2, "none", None, True),  # no baseline: every reward is an advantage
        ([0.0, 0.0], [False] * 2, "none", None, False),
        ([-0.3, -0.3], [False] * 2, "greedy", -0.3, False),  # as good as the greedy program
        ([-0.3, 1.0], [False] * 2, "greedy", -0.3, True),
    ],
)
def test_has_signal_follows_rltf_rewards_and_baselines(rewards, penalized, baseline, greedy, expected):
    assert has_signal(rewards, penalized, baseline, greedy) is expected


def test_has_signal_rejects_bad_input():
    with pytest.raises(ValueError, match="no greedy sample was scored"):
        has_signal([1.0], [False], "greedy")
    with pytest.raises(ValueError, match="2 rewards but 1 penalty flags"):
        has_signal([1.0, 0.0], [False], "group_mean")


def test_has_signal_agrees_with_the_token_advantages_the_loss_sees():
    """Random RLTF groups: has_signal (from rewards and masks) == any non-zero A_t (from the loss's formula)."""
    rng = random.Random(0)
    levels = [1.0, -0.3, -0.6, -1.0, -0.3 + 1.3 * 0.5]
    agree = Counter()
    for _ in range(300):
        n = rng.randint(1, 5)
        baseline = rng.choice(["group_mean", "none", "greedy"])
        pool = levels[: rng.randint(1, 5)] if rng.random() < 0.5 else [rng.choice(levels)]  # half alike
        rewards = [rng.choice(pool) for _ in range(n)]
        masks = [[float(rng.random() < 0.1) for _ in range(4)] for _ in range(n)]
        penalty = rng.choice([0.0, 0.3])
        greedy = rng.choice(levels)
        base = baselines(["p"] * n, rewards, baseline, {"p": greedy})
        adv = [token_advantages(r, b, m, penalty) for r, b, m in zip(rewards, base, masks, strict=True)]
        penalized = [penalty > 0 and any(m) for m in masks]
        expected = group_signals(["p"] * n, adv)["p"]
        assert has_signal(rewards, penalized, baseline, greedy) is expected
        agree[expected] += 1
    assert agree[True] > 50 and agree[False] > 50  # both kinds of group were exercised


def test_group_signals_and_signal_share():
    ids = ["a", "a", "b", "b", "c"]
    adv = [[0.0, 0.0], [0.0], [0.0, -0.3], [0.0], [0.7]]
    assert group_signals(ids, adv) == {"a": False, "b": True, "c": True}
    assert signal_share(adv) == pytest.approx(2 / 5)
    assert signal_share([]) == 0.0


# -- state ---------------------------------------------------------------------------------------------------
def test_state_keeps_the_last_window_groups_and_round_trips_through_json():
    s = SignalState(window=2)
    s.update({"a": False, "b": True})
    s.update({"a": True})
    s.update({"a": True})
    assert s.recent == {"a": [True, True], "b": [True]}
    s.update({"b": False})
    assert s.weight("b", 0.1) == pytest.approx(0.55) and s.weight("unseen", 0.1) == 1.0
    s.update({"b": False})
    assert s.weight("b", 0.1) == pytest.approx(0.1)
    again = SignalState.from_dict(json.loads(json.dumps(s.to_dict())))
    assert again == s


# -- the draw ------------------------------------------------------------------------------------------------
def test_draw_is_a_pure_seeded_function_of_its_arguments():
    ids = [f"p{i}" for i in range(30)]
    s = SignalState()
    s.update({f"p{i}": i % 2 == 0 for i in range(30)})
    first = draw(ids, 8, s, DYNAMIC, seed=3, iteration=5)
    assert len(set(first)) == 8 and all(0 <= i < 30 for i in first)
    assert draw(ids, 8, SignalState.from_dict(s.to_dict()), DYNAMIC, seed=3, iteration=5) == first
    assert draw(ids, 8, s, DYNAMIC, seed=3, iteration=6) != first
    with pytest.raises(ValueError, match="cannot draw 31 distinct problems from 30"):
        draw(ids, 31, s, DYNAMIC, 0, 0)


def test_problems_without_signal_are_drawn_less_but_still_drawn():
    ids = [f"p{i}" for i in range(100)]
    s = SignalState()
    s.update({pid: i < 50 for i, pid in enumerate(ids)})  # p0..p49 had signal, p50..p99 had none
    counts = Counter(i for it in range(1000) for i in draw(ids, 10, s, DYNAMIC, seed=0, iteration=it))
    with_signal = sum(counts[i] for i in range(50))
    without = sum(counts[i] for i in range(50, 100))
    assert with_signal + without == 10_000
    # weights 1 vs 0.1 over 50 problems each: about 91% of draws go to problems with signal
    assert 0.88 < with_signal / 10_000 < 0.94
    assert min(counts[i] for i in range(50, 100)) > 0  # the floor: every problem keeps being explored


def test_unseen_problems_count_as_having_signal():
    ids = [f"p{i}" for i in range(40)]
    s = SignalState()
    s.update({f"p{i}": True for i in range(20)})  # p20..p39 never drawn
    counts = Counter(i for it in range(500) for i in draw(ids, 5, s, DYNAMIC, seed=1, iteration=it))
    seen, unseen = sum(counts[i] for i in range(20)), sum(counts[i] for i in range(20, 40))
    assert 0.9 < seen / unseen < 1.1


def test_base_weights_multiply_in_and_a_zero_weight_is_never_drawn():
    ids = [f"p{i}" for i in range(20)]
    base = [0.0] * 5 + [3.0] * 5 + [1.0] * 10
    counts = Counter(i for it in range(400) for i in draw(ids, 4, SignalState(), DYNAMIC, 2, it, base))
    assert not any(counts[i] for i in range(5))
    heavy, light = sum(counts[i] for i in range(5, 10)) / 5, sum(counts[i] for i in range(10, 20)) / 10
    assert heavy > 2 * light  # 3x the weight; drawing 4 without replacement damps it a little
    with pytest.raises(ValueError, match="only 15 problems have a non-zero weight; 16 asked"):
        draw(ids, 16, SignalState(), DYNAMIC, 0, 0, base)


def test_bad_curriculum_values_name_the_key():
    # conf/curriculum's files against this dataclass: tests/test_config.py (every group)
    with pytest.raises(ValueError, match="curriculum.kind must be one of"):
        CurriculumConfig(kind="hard_first")
    with pytest.raises(ValueError, match="curriculum.floor must be in"):
        CurriculumConfig(floor=0.0)
