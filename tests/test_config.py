"""Every file of every conf/ group composes and holds exactly the fields of the dataclass that reads it
(rltf.config); bad keys and values fail naming the group and key; the sandbox groups build their judges."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir
from omegaconf import OmegaConf

from rltf.config import (
    DERIVED,
    AlgoConfig,
    DataConfig,
    LocalSandbox,
    MixDataConfig,
    ModelConfig,
    RemoteSandbox,
    TrainerConfig,
    data_from_node,
    from_node,
    sandbox_from_node,
    train_config,
)
from rltf.data.curriculum import CurriculumConfig
from rltf.data.mix import MixSource
from rltf.data.prompts import PromptConfig
from rltf.data.selection import Selection
from rltf.eval_sets import parse_sets
from rltf.learn.engine import LearnerConfig
from rltf.rollout.config import RolloutConfig
from sandbox_runner import JudgeClient, LocalJudge, StopPolicy

CONF = Path(__file__).resolve().parents[1] / "conf"

# Which dataclass reads each group; a new group directory fails test_every_group_is_read_by_a_dataclass.
READERS = {
    "model": ModelConfig,
    "data": None,  # one data set, or a mix: data_from_node decides
    "data/prompt": PromptConfig,
    "rollout": RolloutConfig,
    "sandbox": None,  # local or remote: sandbox_from_node decides
    "algo": AlgoConfig,
    "learner": LearnerConfig,
    "trainer": TrainerConfig,
    "curriculum": CurriculumConfig,
    "eval_sets": None,  # set name -> Selection: parse_sets reads it
}
# conf/train.yaml's defaults
TRAIN_DEFAULTS = {"model", "data", "rollout", "sandbox", "algo", "learner", "trainer", "eval_sets", "curriculum"}
OPTIONS = [
    (str(path.parent.relative_to(CONF)), path.stem)
    for path in sorted(CONF.rglob("*.yaml"))
    if path.parent != CONF
]


def group_node(group: str, option: str):
    """The group's node as `train` composes it with that option selected (interpolations resolved)."""
    plus = "" if group.split("/")[0] in TRAIN_DEFAULTS else "+"  # a group train.yaml does not select
    overrides = [f"{plus}{group}={option}"] + (
        ["data.path=/nowhere"] if (group, option) == ("data", "jsonl") else []
    )
    with initialize_config_dir(str(CONF), version_base="1.3"):
        cfg = compose("train", overrides)
    return OmegaConf.select(cfg, group.replace("/", "."))


def assert_fields(values: dict, cls, where: str) -> None:
    """`values` sets exactly the user-facing fields of `cls`, recursing into nested dataclass groups."""
    expected = {f.name for f in dataclasses.fields(cls)} - DERIVED.get(cls, set())
    assert set(values) == expected, f"{where}: keys {sorted(values)} != fields of {cls.__name__}"
    for f in dataclasses.fields(cls):
        nested = f.default_factory() if f.default_factory is not dataclasses.MISSING else None
        if dataclasses.is_dataclass(nested):
            assert_fields(values[f.name], type(nested), f"{where}.{f.name}")


def test_every_group_is_read_by_a_dataclass():
    groups = {g for g, _ in OPTIONS}
    assert groups == set(READERS), f"conf/ groups {sorted(groups)} vs readers {sorted(READERS)}"


@pytest.mark.parametrize("group,option", OPTIONS, ids=[f"{g}={o}" for g, o in OPTIONS])
def test_group_file_composes_and_matches_its_dataclass(group, option):
    node = group_node(group, option)
    values = OmegaConf.to_container(node, resolve=True)
    if group == "data":  # one data set, or a training mix whose sources are rltf.data.mix.MixSource
        cfg = data_from_node(node)
        assert isinstance(cfg, MixDataConfig if option == "mix" else DataConfig)
        assert_fields(values, type(cfg), f"conf/data/{option}.yaml")
        if option == "mix":
            assert cfg.sources and all(isinstance(s, MixSource) for s in cfg.sources.values())
    elif group == "eval_sets":
        sets = parse_sets(node)  # every entry is a Selection: unknown or missing keys fail naming the set
        assert sets and all(set(values[name]) <= {f.name for f in dataclasses.fields(Selection)} for name in sets)
    elif group == "sandbox":
        cfg = sandbox_from_node(node)
        assert isinstance(cfg, {"local": LocalSandbox, "remote": RemoteSandbox}[option])
        assert_fields(values, type(cfg), f"conf/sandbox/{option}.yaml")
    else:
        from_node(READERS[group], node, group)  # builds: types and values pass the dataclass's checks
        assert_fields(values, READERS[group], f"conf/{group}/{option}.yaml")


@pytest.mark.parametrize("name", ["train", "eval"])
def test_the_entry_configs_compose_into_their_groups(name):
    with initialize_config_dir(str(CONF), version_base="1.3"):
        cfg = compose(name, ["model=tiny"])
    if name == "train":
        typed = train_config(cfg)
        assert typed.learner.bucket_mb == 64 and typed.rollout.max_prompt_tokens == 512
        assert typed.sandbox.limits.time_s == 2.0 and typed.resume == "auto"
        # make train's held-out sets need no ../shared/data; greedy pass@1 is the default held-out metric
        assert {k: (s.data, s.split) for k, s in typed.eval_sets.items()} == {
            "embedded": ("embedded", "test"),
            "humaneval": ("humaneval", "test"),
        }
        assert typed.trainer.eval_greedy and typed.curriculum.kind == "uniform"
    else:  # evaluation reads model, data, rollout and sandbox; 4 s per test, as the original RLTF
        sandbox = sandbox_from_node(cfg.sandbox)
        assert sandbox.limits.for_evaluation().time_s == 4.0
        assert from_node(RolloutConfig, cfg.rollout, "rollout").n == 10


def test_bad_keys_and_values_name_the_group_and_key():
    with pytest.raises(ValueError, match=r"'trainer'.*\['iteratons'\]"):
        from_node(TrainerConfig, {"iteratons": 3}, "trainer")
    with pytest.raises(ValueError, match="trainer.problems_per_iteration"):
        from_node(TrainerConfig, {"problems_per_iteration": 0}, "trainer")
    with pytest.raises(ValueError, match="algo.baseline"):
        from_node(AlgoConfig, {"baseline": "critic"}, "algo")
    with pytest.raises(ValueError, match=r"'algo.reward'.*\['pass'\]"):
        from_node(AlgoConfig, {"reward": {"pass": 1.0}}, "algo")
    with pytest.raises(ValueError, match=r"'sandbox.limits'.*\['stop'\]"):
        sandbox_from_node({"workers": 1, "limits": {"stop": "never"}})
    with pytest.raises(ValueError, match=r"'sandbox'.*\['token_env'\]"):
        sandbox_from_node({"workers": 1, "token_env": "X"})  # a remote key in a local group
    with pytest.raises(ValueError, match="sandbox.limits.time_s"):
        sandbox_from_node({"limits": {"time_s": 0}})
    with pytest.raises(ValueError, match="rollout.engine_log_level"):
        RolloutConfig(engine_log_level="loud")
    algo = from_node(AlgoConfig, {"baseline": "greedy", "reward": {"fine_penalty": 0.5}}, "algo")
    assert algo.reward.fine_penalty == 0.5 and algo.reward.pass_reward == 1.0


def test_limits_take_the_stop_policy_of_their_use():
    limits = sandbox_from_node({"limits": {"time_s": 3.0, "memory_mb": 512}}).limits
    train, evaluate = limits.for_training(), limits.for_evaluation()
    assert (train.time_s, train.memory_mb, train.stop) == (3.0, 512, StopPolicy.FIRST_ERROR)
    assert (evaluate.time_s, evaluate.memory_mb, evaluate.stop) == (3.0, 512, StopPolicy.FIRST_FAILURE)


def test_sandbox_groups_build_the_judges_they_describe():
    from sandbox_runner import Job, Tests

    local = LocalSandbox(workers=1).connect()
    try:
        assert isinstance(local, LocalJudge)
        wrong = Job("def add(a, b):\n    return a - b\n", Tests("mbpp", asserts=["assert add(1, 2) == 3"]))
        assert local.submit(wrong).result(timeout=60).outcome == "wrong_answer"
    finally:
        local.close()
    remote = RemoteSandbox(url=["http://127.0.0.1:9"], retries=1).connect()  # builds; connects on first use
    try:
        assert isinstance(remote, JudgeClient)
    finally:
        remote.close()
