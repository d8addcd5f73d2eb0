"""A named choice of problems in config: a data set, one or more of its splits, a limit, a path, loader options.

Held-out sets (conf/eval_sets) and the sources of a training mix (conf/data/mix.yaml) are both mappings of
name -> selection; `parse_named` reads either, failing on a bad entry by its config path.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from rltf.data.registry import load
from rltf.data.schema import Problem
from rltf.data.source import DataError


@dataclass
class Selection:
    """rltf.data.load's arguments; several splits are concatenated before `limit` keeps the first problems."""

    data: str
    split: str | list[str]
    limit: int | None = None
    path: str | None = None
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.limit is not None and self.limit < 1:
            raise DataError(f"data set {self.data!r}: limit must be >= 1 or null, got {self.limit}")
        if not self.splits:
            raise DataError(f"data set {self.data!r}: no split given")

    @property
    def splits(self) -> list[str]:
        return [self.split] if isinstance(self.split, str) else list(self.split)

    def load(self) -> list[Problem]:
        problems = [p for s in self.splits for p in load(self.data, s, self.path, **self.options)]
        return problems[: self.limit] if self.limit is not None else problems


S = TypeVar("S", bound=Selection)


def parse_named(node: Any, cls: type[S], group: str) -> dict[str, S]:
    """`name -> cls` from a config mapping at `group` (e.g. "eval_sets", "data.sources"); an entry that is
    not a mapping, has an unknown key or lacks a required one fails naming `group.name`."""
    from omegaconf import OmegaConf

    named = OmegaConf.to_container(node, resolve=True) if OmegaConf.is_config(node) else node
    if not isinstance(named, Mapping) or not named:
        raise DataError(f"{group} must be a non-empty mapping of name -> {{data, split, ...}}, got {named!r}")
    fields = dataclasses.fields(cls)
    known = {f.name for f in fields}
    required = {
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    out = {}
    for name, spec in named.items():
        if not isinstance(spec, Mapping):
            raise DataError(
                f"{group}.{name}: expected a mapping with keys among {sorted(known)}, got {spec!r}"
            )
        unknown, missing = sorted(set(spec) - known), sorted(required - set(spec))
        if unknown or missing:
            raise DataError(
                f"{group}.{name}: unknown key(s) {unknown}, missing {missing}; known: {sorted(known)}"
            )
        out[str(name)] = cls(**{**spec, "options": dict(spec.get("options") or {})})
    return out
