"""A conf/data node -> its problems: one data set's split, or data=mix's weighted training list.

Above rltf.data.registry (one data set) and rltf.data.mix (several, through rltf.data.selection), so neither
needs the other.
"""

from __future__ import annotations

from typing import Any

from rltf.data import mix
from rltf.data.registry import load
from rltf.data.schema import Problem
from rltf.data.source import DataError


def load_config(cfg: Any, split_key: str = "split", limit_key: str = "limit") -> list[Problem]:
    """Problems for a `conf/data/*.yaml` node: `split_key="eval_split", limit_key="eval_limit"` for evaluation.
    `data=mix` gives its weighted training list (rltf.data.mix); its held-out problems are eval_sets."""
    if cfg.name == "mix":
        if split_key != "split":
            raise DataError("data=mix is a training mix and has no held-out split: evaluate on eval_sets")
        return mix.from_config(cfg)
    options = dict(cfg.get("options") or {})
    return load(cfg.name, cfg[split_key], cfg.get("path"), limit=cfg.get(limit_key), **options)
