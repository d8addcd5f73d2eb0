"""The embedded problem set: 200+ original easy/medium problems shipped in the package (no download).

`make train` trains on the "train" split and reports pass@1 on the held-out "test" split. Problems are
defined by hand in one module per category (see `_define.py` for the compact format); expected outputs are
typed by hand, and tests/data/test_embedded.py proves every reference solution passes in the real judge.

The split is deterministic and stratified: inside each (category, format) stratum, problems are ordered by
a hash of their id and the first `round(test_fraction * n)` are held out. A problem's split depends only on
the ids in its own stratum, so adding a problem moves at most one existing problem of that stratum.
"""

from __future__ import annotations

import copy
import functools
import hashlib
from collections import defaultdict

from rltf.data.embedded import dicts, lists, math_, parsing, simulation, stdio, strings
from rltf.data.schema import Problem

CATEGORIES = {
    "strings": strings.PROBLEMS,
    "lists": lists.PROBLEMS,
    "math": math_.PROBLEMS,
    "dicts": dicts.PROBLEMS,
    "parsing": parsing.PROBLEMS,
    "simulation": simulation.PROBLEMS,
    "stdio": stdio.PROBLEMS,
}
SPLITS = ("train", "test", "all")
TEST_FRACTION = 0.2


def load_embedded(split: str = "train", test_fraction: float = TEST_FRACTION) -> list[Problem]:
    """The problems of one split, in definition order; fresh copies, so callers may mutate them."""
    if split not in SPLITS:
        raise ValueError(f"embedded: unknown split {split!r}; expected one of {SPLITS}")
    test_set = held_out_ids(test_fraction)
    keep = {
        "all": lambda pid: True,
        "test": lambda pid: pid in test_set,
        "train": lambda pid: pid not in test_set,
    }[split]
    return [copy.deepcopy(p) for p in _all() if keep(p.id)]


def category_of(problem_id: str) -> str:
    """The category (module) a problem is defined in."""
    return _categories()[problem_id]


@functools.cache
def held_out_ids(test_fraction: float = TEST_FRACTION) -> frozenset[str]:
    """Ids of this set's held-out problems, stratified by (category, format)."""
    return held_out({p.id: f"{category_of(p.id)}/{p.tests.format}" for p in _all()}, test_fraction)


def held_out(strata: dict[str, str], test_fraction: float = TEST_FRACTION) -> frozenset[str]:
    """Ids to hold out from a {problem id: stratum} map: in each stratum, the `round(fraction * n)` ids with
    the lowest sha256. Depends on the ids only (not their order), so the split is reproducible anywhere."""
    if not 0.0 <= test_fraction <= 1.0:
        raise ValueError(f"embedded: test_fraction must lie in [0, 1], got {test_fraction}")
    groups: dict[str, list[str]] = defaultdict(list)
    for pid, stratum in strata.items():
        groups[stratum].append(pid)
    out: set[str] = set()
    for ids in groups.values():
        ids.sort(key=lambda pid: hashlib.sha256(pid.encode()).hexdigest())
        out.update(ids[: round(test_fraction * len(ids))])
    return frozenset(out)


@functools.cache
def _categories() -> dict[str, str]:
    out: dict[str, str] = {}
    for category, problems in CATEGORIES.items():
        for p in problems:
            if p.id in out:
                raise ValueError(f"embedded: duplicate problem id {p.id!r} (in {out[p.id]} and {category})")
            out[p.id] = category
    return out


@functools.cache
def _all() -> tuple[Problem, ...]:
    _categories()  # fail early on duplicate ids
    return tuple(p for problems in CATEGORIES.values() for p in problems)
