"""The trainer's pure parts: the problem schedule and the report line (config validation: tests/test_config.py)."""

from __future__ import annotations

from rltf.experience import schedule
from rltf.report import eval_summary


def test_schedule_covers_every_problem_once_per_epoch_and_is_reproducible():
    n, per = 10, 3
    drawn = [i for it in range(10) for i in schedule(n, it, per, seed=7)]  # 30 draws = 3 epochs
    for epoch in range(3):
        assert sorted(drawn[epoch * n : (epoch + 1) * n]) == list(range(n))
    assert drawn[:n] != drawn[n : 2 * n]  # a fresh shuffle each epoch
    assert schedule(n, 4, per, seed=7) == drawn[12:15]  # a pure function of its arguments (resume)
    assert schedule(n, 4, per, seed=8) != drawn[12:15]


def test_eval_summary_shows_before_and_after_or_says_there_was_no_start_evaluation():
    start, end = {"pass@1": 0.15, "iteration": 0}, {"pass@1": 0.175, "iteration": 35}
    assert eval_summary([start, end]) == "held-out pass@1: 0.1500 (iteration 0) -> 0.1750 (iteration 35)"
    only = eval_summary([end])
    assert "->" not in only and "0.1750 (iteration 35" in only and "eval_at_start=false" in only
