"""Training on several data sets at once: `data=mix` (conf/data/mix.yaml) names sources with weights.

    sources = parse_sources(cfg.data.sources)   # {"mbpp": MixSource("mbpp", ["train", "validation"], weight=0.4)}
    mix = load_mix(sources)                      # every source's problems, through rltf.data.load
    problems = draw(mix, size=None, seed=0)      # the training list: source s gets size * weight_s / sum(weights)

A weight is a share of the training list, not a per-problem factor: with weights 0.4/0.3/0.3, 40% of the
drawn problems come from the first source however many problems it has. `Mix.flat()` gives the same shares
per problem (weight_s / |s|), for samplers that draw with weights directly (rltf.data.curriculum.draw).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rltf.data.schema import Problem
from rltf.data.selection import Selection, parse_named
from rltf.data.source import DataError


@dataclass
class MixSource(Selection):
    """One source: a Selection (rltf.data.load's arguments) and its share `weight` of the training list."""

    weight: float = 1.0

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.weight > 0:
            raise DataError(f"mix source {self.data!r}: weight must be > 0, got {self.weight}")


def parse_sources(node: Any) -> dict[str, MixSource]:
    """`name -> MixSource` from data.sources; a bad entry fails naming it."""
    return parse_named(node, MixSource, "data.sources")


@dataclass
class Mix:
    sources: dict[str, MixSource]
    problems: dict[str, list[Problem]]  # source name -> its problems

    @property
    def shares(self) -> dict[str, float]:
        total = sum(s.weight for s in self.sources.values())
        return {name: s.weight / total for name, s in self.sources.items()}

    def flat(self) -> tuple[list[Problem], list[float]]:
        """Every problem once, with its weight (its source's share / the source's size; they sum to 1)."""
        problems, weights = [], []
        for name, share in self.shares.items():
            ps = self.problems[name]
            problems += ps
            weights += [share / len(ps)] * len(ps)
        return problems, weights


def load_mix(sources: Mapping[str, MixSource]) -> Mix:
    """Load every source (all its splits) through rltf.data.load; an empty source or a problem id that two
    sources share is an error naming them (it would be trained on under two weights)."""
    loaded: dict[str, list[Problem]] = {}
    owner: dict[str, str] = {}
    for name, s in sources.items():
        ps = s.load()
        if not ps:
            raise DataError(
                f"data.sources.{name}: {s.data!r} splits {s.splits} (with its options) has no problems"
            )
        for p in ps:
            if owner.setdefault(p.id, name) != name:
                raise DataError(f"data.sources: problem {p.id!r} is in both {owner[p.id]!r} and {name!r}")
        loaded[name] = ps
    return Mix(dict(sources), loaded)


def _quotas(shares: Mapping[str, float], size: int) -> dict[str, int]:
    """size * share rounded so the quotas sum to size (largest remainder; ties to the earlier source)."""
    exact = {k: size * v for k, v in shares.items()}
    quotas = {k: int(v) for k, v in exact.items()}
    by_remainder = sorted(exact, key=lambda k: quotas[k] - exact[k])  # most left over first; sort is stable
    for k in by_remainder[: size - sum(quotas.values())]:
        quotas[k] += 1
    return quotas


def default_size(mix: Mix) -> int:
    """The largest list the weights allow without repeating a problem: min over sources of |s| / share_s."""
    return int(min(len(mix.problems[k]) / share for k, share in mix.shares.items()) + 1e-9)


def draw(mix: Mix, size: int | None = None, seed: int = 0) -> list[Problem]:
    """The training list: each source's quota of `size` (default_size when None) drawn without repeats from a
    seeded shuffle of the source (cycling through fresh shuffles when its quota exceeds its size), then the
    whole list shuffled. A pure function of its arguments."""
    size = default_size(mix) if size is None else size
    if size < 1:
        raise DataError(f"data.size must be >= 1, got {size}")
    rng = random.Random(seed)
    out: list[Problem] = []
    for name, quota in _quotas(mix.shares, size).items():
        ps = mix.problems[name]
        taken: list[Problem] = []
        while len(taken) < quota:
            order = list(ps)
            rng.shuffle(order)
            taken += order[: quota - len(taken)]
        out += taken
    rng.shuffle(out)
    return out


def from_config(cfg: Any) -> list[Problem]:
    """data=mix's training list from its config node (sources, size, seed)."""
    return draw(load_mix(parse_sources(cfg.sources)), cfg.get("size"), cfg.get("seed") or 0)
