"""conf/rollout and conf/model stay in step with the code that reads them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from omegaconf import OmegaConf

from rltf.rollout import RolloutConfig

CONF = Path(__file__).resolve().parents[2] / "conf"


def test_rollout_yaml_sets_exactly_the_config_fields():
    node = OmegaConf.load(CONF / "rollout" / "default.yaml")
    node.model = {"dtype": "bfloat16"}  # what the composed config provides for ${model.dtype}
    values = OmegaConf.to_container(node, resolve=True)
    values.pop("model")
    cfg = RolloutConfig(**values)
    assert set(values) == {f.name for f in dataclasses.fields(RolloutConfig)}
    assert (cfg.temperature, cfg.top_p, cfg.dtype) == (0.6, 0.95, "bfloat16")


def test_every_model_yaml_names_a_model_path_and_dtype():
    for path in (CONF / "model").glob("*.yaml"):
        node = OmegaConf.load(path)
        assert set(node) == {"name", "path", "dtype"}, path
