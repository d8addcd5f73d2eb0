"""Training on several data sets at once: `data=mix` (conf/data/mix.yaml) names sources with weights.

    sources = parse_sources(cfg.data.sources)    # {"mbpp": MixSource(data="mbpp", split=["train", "validation"], weight=0.4), ...}
    mix = load_mix(sources)                      # every source's problems, through rltf.data.load
    problems = draw(mix, size=None, seed=0)      # the training list: source s gets size * weight_s / sum(weights)

A weight is a share of the training list, not a per-problem factor: with weights 0.4/0.3/0.3, 40% of the
drawn problems come from the first source however many problems it has. `Mix.weights` gives the same shares
per problem (weight_s / |s|), for samplers that draw with weights directly (rltf.data.curriculum).
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rltf.data.registry import load
from rltf.data.schema import Problem
from rltf.data.source import DataError


@dataclass
class MixSource:
    """One source: rltf.data.load's arguments (several splits are concatenated) and its share `weight`."""

    data: str
    split: str | list[str] = "train"
    weight: float = 1.0
    limit: int | None = None  # first N problems of the (concatenated) splits
    path: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.weight > 0:
            raise DataError(f"mix source {self.data!r}: weight must be > 0, got {self.weight}")
        if self.limit is not None and self.limit < 1:
            raise DataError(f"mix source {self.data!r}: limit must be >= 1 or null, got {self.limit}")

    @property
    def splits(self) -> list[str]:
        return [self.split] if isinstance(self.split, str) else list(self.split)


def parse_sources(node: Any) -> dict[str, MixSource]:
    """`name -> MixSource` from a config mapping (data.sources); unknown or missing keys fail naming the source."""
    from omegaconf import OmegaConf

    sources = OmegaConf.to_container(node, resolve=True) if OmegaConf.is_config(node) else node
    if not isinstance(sources, Mapping) or not sources:
        raise DataError(
            f"data.sources must be a non-empty mapping of name -> {{data, split, weight}}, got {sources!r}"
        )
    known = {f.name for f in dataclasses.fields(MixSource)}
    out = {}
    for name, spec in sources.items():
        if not isinstance(spec, Mapping) or "data" not in spec or set(spec) - known:
            raise DataError(
                f"data.sources.{name}: want a mapping with 'data' and keys among {sorted(known)}, got {spec!r}"
            )
        out[str(name)] = MixSource(**{**spec, "options": dict(spec.get("options") or {})})
    return out


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
        ps = [p for split in s.splits for p in load(s.data, split, s.path, **s.options)]
        ps = ps[: s.limit] if s.limit is not None else ps
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
