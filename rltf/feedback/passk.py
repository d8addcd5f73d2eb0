"""pass@k with the unbiased estimator of Chen et al. 2021, averaged over problems."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping


def pass_at_k(n: int, c: int, k: int) -> float:
    """1 - C(n-c, k) / C(n, k): the chance that k of the n samples, drawn without replacement, include a
    pass. Computed as the product prod_{i=n-c+1}^{n} (1 - k/i), which never forms the huge binomials."""
    if not 0 <= c <= n:
        raise ValueError(f"pass@k needs 0 <= c <= n, got n={n}, c={c}")
    if not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs 1 <= k <= n samples, got n={n}")
    if n - c < k:
        return 1.0
    miss = 1.0
    for i in range(n - c + 1, n + 1):
        miss *= 1.0 - k / i
    return 1.0 - miss


def pass_at_k_report(
    counts: Mapping[str, tuple[int, int]], groups: Mapping[str, str], ks: Iterable[int]
) -> dict[str, dict[int, float]]:
    """Mean pass@k per group and over "all".

    `counts`: problem id -> (n samples, c passing); `groups`: EVERY evaluated problem id -> its group (e.g.
    APPS difficulty). A problem with no results counts as 0, so a crash cannot raise the score.
    """
    ks = tuple(ks)
    unknown = sorted(set(counts) - set(groups))
    if unknown:
        raise ValueError(f"results for problems not in the evaluated set: {unknown[:5]}")
    members: dict[str, list[str]] = defaultdict(list)
    for pid, group in groups.items():
        members["all"].append(pid)
        if group:
            members[group].append(pid)
    report = {}
    for group, pids in members.items():
        report[group] = {
            k: sum(pass_at_k(*counts[p], k) if p in counts else 0.0 for p in pids) / len(pids) for k in ks
        }
    return report
