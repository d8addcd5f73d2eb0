"""`load(name, split)`: every data set behind one call, so configs name a data set and nothing else."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rltf.data import apps, humaneval, jsonl, leetcode, mbpp
from rltf.data.schema import Problem
from rltf.data.source import DataError


@dataclass(frozen=True)
class DataSet:
    load: Callable[..., list[Problem]]  # (split, path, **options) -> problems
    splits: tuple[str, ...]


def _embedded(split: str, path: str | Path | None = None) -> list[Problem]:
    from rltf.data.embedded import load_embedded

    if path is not None:
        raise DataError(f"the embedded data set ships inside the package and takes no path (got {path})")
    return load_embedded(split)


DATASETS: dict[str, DataSet] = {
    "embedded": DataSet(_embedded, ("train", "test")),
    "apps": DataSet(apps.load, apps.SPLITS),
    "mbpp": DataSet(functools.partial(mbpp.load, variant="full"), tuple(mbpp.SPLIT_IDS)),
    "mbpp_sanitized": DataSet(functools.partial(mbpp.load, variant="sanitized"), tuple(mbpp.SPLIT_IDS)),
    "humaneval": DataSet(humaneval.load, ("test",)),
    "leetcode": DataSet(leetcode.load, leetcode.SPLITS),
    "jsonl": DataSet(jsonl.load, ("train", "test")),
}


def load(
    name: str, split: str, path: str | Path | None = None, limit: int | None = None, **options: Any
) -> list[Problem]:
    """The problems of data set `name`'s `split` (the first `limit` of them), from `path` or the default
    places (see rltf.data.source.open_rows). `options` go to that data set's loader, e.g. APPS
    `difficulties=["introductory"]`, MBPP `show_tests=False`."""
    if name not in DATASETS:
        raise DataError(f"unknown data set {name!r} (known: {', '.join(DATASETS)})")
    problems = _unique(DATASETS[name].load(split=split, path=path, **options), name)
    return problems[:limit] if limit is not None else problems


def _unique(problems: list[Problem], name: str) -> list[Problem]:
    """Drop exact duplicates (MapCoder's APPS file repeats 22 rows); differing problems sharing an id are an error."""
    seen: dict[str, Problem] = {}
    for p in problems:
        if p.id in seen and seen[p.id] != p:
            raise DataError(f"{name}: two different problems share the id {p.id!r}")
        seen.setdefault(p.id, p)
    return list(seen.values())
