"""Every config group as a dataclass, and `from_node`, which builds one from the composed Hydra config.

A group's yaml file (conf/<group>/*.yaml) holds exactly the fields of the dataclass that reads it
(tests/test_config.py checks every file); an unknown or mistyped key fails naming the group and the key.
Values derived from other groups (the learner's gradient accumulation, the prompt's token limit) are computed
where they are used, never read from the user's config.

| group            | dataclass                                  | read by            |
|------------------|--------------------------------------------|--------------------|
| model            | ModelConfig                                | train, eval        |
| data             | DataConfig, or MixDataConfig for data=mix  | train, eval        |
|                  | (+ data/prompt: PromptConfig)              |                    |
| rollout          | rltf.rollout.RolloutConfig                 | train, eval        |
| sandbox          | LocalSandbox or RemoteSandbox, with limits | train, eval        |
| algo             | AlgoConfig (+ algo.reward: RewardConfig)   | train              |
| learner          | rltf.learn.engine.LearnerConfig            | train              |
| trainer          | TrainerConfig                              | train              |
| curriculum       | rltf.data.curriculum.CurriculumConfig      | train              |
| eval_sets        | name -> rltf.data.selection.Selection      | train, eval        |
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from rltf.data.curriculum import CurriculumConfig
from rltf.data.mix import MixSource, parse_sources
from rltf.data.prompts import PromptConfig
from rltf.data.schema import Problem
from rltf.data.selection import Selection, parse_named
from rltf.feedback import RewardConfig
from rltf.learn.engine import LearnerConfig
from rltf.learn.loss import BASELINES
from rltf.rollout.config import RolloutConfig
from sandbox_runner import Judge, Limits, StopPolicy

# Fields a group's dataclass has but its yaml must not set: derived from other groups where they are used.
DERIVED: dict[type, set[str]] = {
    PromptConfig: {"max_tokens"},  # rollout.max_prompt_tokens (the sampler sets it; it also sizes the engine)
}


def from_node(cls, node: Any, group: str):
    """A dataclass from a config node; an unknown or mistyped key fails naming the group and key."""
    from omegaconf import OmegaConf

    values = OmegaConf.to_container(node, resolve=True) if OmegaConf.is_config(node) else dict(node or {})
    known = {f.name for f in dataclasses.fields(cls)} - DERIVED.get(cls, set())
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"config group '{group}': unknown key(s) {unknown}; known: {sorted(known)}")
    return cls(**values)


@dataclass
class ModelConfig:
    """conf/model: the policy to start from."""

    name: str = "smollm2-135m"  # a prepared model (rltf.models), a hub id or a directory
    path: str | None = None  # a local HF directory used instead of `name`
    dtype: str = "auto"  # the sampler's compute dtype (rollout.dtype follows it)

    @property
    def ref(self) -> str:
        """What rltf.models.resolve_model takes."""
        return self.path or self.name


@dataclass
class DataConfig:
    """conf/data: which data set and split to train on (and, for launch/eval.py, which split to evaluate),
    and how prompts look. Training's held-out problems are eval_sets."""

    name: str = "embedded"
    split: str = "train"
    eval_split: str = "test"  # launch/eval.py's default split
    path: str | None = None
    limit: int | None = None
    eval_limit: int | None = None  # launch/eval.py's default limit
    options: dict[str, Any] = field(default_factory=dict)  # extra keyword arguments for the loader
    prompt: PromptConfig = field(default_factory=PromptConfig)

    def __post_init__(self) -> None:
        self.prompt = prompt_config(self.prompt)

    def problems(self) -> list[Problem]:
        """The training split's problems; empty is an error."""
        from rltf.data import load

        out = load(self.name, self.split, self.path, limit=self.limit, **(self.options or {}))
        if not out:
            raise ValueError(f"data: {self.name} split={self.split!r} has no problems")
        return out


@dataclass
class MixDataConfig:
    """conf/data/mix.yaml: a training list drawn from several data sets by weight (rltf.data.mix)."""

    name: str = "mix"
    size: int | None = None  # problems in the training list; None: all the weights allow without repeats
    seed: int = 0  # which problems each source contributes
    sources: dict[str, MixSource] = field(default_factory=dict)
    prompt: PromptConfig = field(default_factory=PromptConfig)

    def __post_init__(self) -> None:
        self.prompt = prompt_config(self.prompt)
        if not all(isinstance(s, MixSource) for s in self.sources.values()):
            self.sources = parse_sources(self.sources)  # fails naming data.sources.<name>

    def problems(self) -> list[Problem]:
        """The mixed training list (rltf.data.mix.draw)."""
        from rltf.data.mix import draw, load_mix

        return draw(load_mix(self.sources), self.size, self.seed)


Data = DataConfig | MixDataConfig


def prompt_config(node: Any) -> PromptConfig:
    return node if isinstance(node, PromptConfig) else from_node(PromptConfig, node, "data.prompt")


def data_from_node(node: Any) -> Data:
    """conf/data: `name: mix` is a training mix, any other name one data set."""
    return from_node(MixDataConfig if node.get("name") == "mix" else DataConfig, node, "data")


@dataclass
class JudgeLimits:
    """sandbox.limits: what every program may use, per test. The stop policy is not a setting: training asks
    first_error (keep running after a wrong answer, for the pass ratio), evaluation first_failure."""

    time_s: float = 2.0  # wall-clock seconds per test
    memory_mb: int = 1024  # address-space limit of the candidate's process
    output_bytes: int = 1 << 20  # stdout + stderr cap

    def __post_init__(self) -> None:
        for key in ("time_s", "memory_mb", "output_bytes"):
            if getattr(self, key) <= 0:
                raise ValueError(f"sandbox.limits.{key} must be > 0, got {getattr(self, key)}")

    def for_training(self) -> Limits:
        return Limits(self.time_s, self.memory_mb, self.output_bytes, StopPolicy.FIRST_ERROR)

    def for_evaluation(self) -> Limits:
        return Limits(self.time_s, self.memory_mb, self.output_bytes, StopPolicy.FIRST_FAILURE)


@dataclass
class LocalSandbox:
    """conf/sandbox/local.yaml: the judge as a pool of worker processes inside this process."""

    workers: int | None = None  # judge worker processes; None: one per core
    limits: JudgeLimits = field(default_factory=JudgeLimits)

    def __post_init__(self) -> None:
        if not isinstance(self.limits, JudgeLimits):
            self.limits = from_node(JudgeLimits, self.limits, "sandbox.limits")

    def connect(self) -> Judge:
        import sandbox_runner

        return sandbox_runner.connect(None, workers=self.workers)


@dataclass
class RemoteSandbox:
    """conf/sandbox/remote.yaml: judge daemons (`python -m sandbox_runner serve`) behind HTTP."""

    url: str | list[str] = "http://127.0.0.1:8080"  # one URL or a list; batches go to the least-loaded one
    token_env: str | None = "RLTF_JUDGE_TOKEN"  # environment variable holding the bearer token
    timeout_s: float = 300.0  # longest wait for the next verdict of a batch before retrying
    retries: int = 5  # consecutive failed attempts (connection error, 429, 5xx) before giving up
    limits: JudgeLimits = field(default_factory=JudgeLimits)

    def __post_init__(self) -> None:
        if not isinstance(self.limits, JudgeLimits):
            self.limits = from_node(JudgeLimits, self.limits, "sandbox.limits")
        if not self.url:
            raise ValueError("sandbox.url must name at least one judge daemon")

    def connect(self) -> Judge:
        import sandbox_runner

        return sandbox_runner.connect(
            self.url, token_env=self.token_env, timeout_s=self.timeout_s, retries=self.retries
        )


Sandbox = LocalSandbox | RemoteSandbox


def sandbox_from_node(node: Any) -> Sandbox:
    """conf/sandbox: a group with a `url` is remote, one without is local."""
    return from_node(RemoteSandbox if "url" in node else LocalSandbox, node, "sandbox")


@dataclass
class AlgoConfig:
    """conf/algo: which reward parts are on (`reward`, see rltf.feedback), the baseline, extra loss terms."""

    name: str = "rltf"
    baseline: str = "group_mean"  # greedy (paper) | group_mean (GRPO-style) | none
    sft_coef: float = 1.0  # weight of cross-entropy on reference solutions (the paper's L_sl; 0: off)
    kl_coef: float = 0.0  # weight of KL(policy || start model) (0: off, as in RLTF)
    reward: RewardConfig = field(default_factory=RewardConfig)

    def __post_init__(self) -> None:
        if self.baseline not in BASELINES:
            raise ValueError(f"algo.baseline must be one of {BASELINES}, got {self.baseline!r}")
        if self.sft_coef < 0 or self.kl_coef < 0:
            raise ValueError("algo.sft_coef and algo.kl_coef must be >= 0")
        if not isinstance(self.reward, RewardConfig):
            self.reward = from_node(RewardConfig, self.reward, "algo.reward")


@dataclass
class TrainerConfig:
    """conf/trainer: how long, how much per iteration, evaluation and checkpoint cadence, outputs."""

    iterations: int = 10
    problems_per_iteration: int = 8  # over all ranks; each rank takes every world_size-th
    steps_per_iteration: int = 1  # optimizer steps per iteration (the buffer is split between them)
    time_budget_min: float | None = None  # also stop once the loop has run this long
    buffer_capacity: int = 4096
    buffer_max_uses: int = 1  # 1: on-policy, every sample trained on exactly once
    eval_every: int = 0  # held-out pass@1 every this many iterations (0: only at start and end)
    eval_greedy: bool = True  # one argmax sample per held-out problem; false: eval_n at eval_temperature
    eval_n: int = 10  # samples per held-out problem when not greedy
    eval_temperature: float = 0.6
    eval_at_start: bool = True
    eval_cache_dir: str | None = None  # the start model's evaluation is cached here (rltf.eval_cache)
    checkpoint_every: int = 5  # 0: only at the end
    keep_checkpoints: int = 2
    out_dir: str = "runs/train"
    seed: int = 0

    def __post_init__(self) -> None:
        for key in ("iterations", "problems_per_iteration", "steps_per_iteration", "eval_n"):
            if getattr(self, key) < 1:
                raise ValueError(f"trainer.{key} must be >= 1, got {getattr(self, key)}")


@dataclass
class TrainConfig:
    """conf/train.yaml composed: every group a training run reads."""

    model: ModelConfig
    data: Data
    rollout: RolloutConfig
    sandbox: Sandbox
    algo: AlgoConfig
    learner: LearnerConfig
    trainer: TrainerConfig
    eval_sets: dict[str, Selection]  # the held-out sets evaluated during training
    curriculum: CurriculumConfig = field(default_factory=CurriculumConfig)
    resume: str = "auto"  # auto | never | a checkpoint directory


def train_config(cfg: Any) -> TrainConfig:
    """The typed training config from the composed conf/train.yaml."""
    return TrainConfig(
        model=from_node(ModelConfig, cfg.model, "model"),
        data=data_from_node(cfg.data),
        rollout=from_node(RolloutConfig, cfg.rollout, "rollout"),
        sandbox=sandbox_from_node(cfg.sandbox),
        algo=from_node(AlgoConfig, cfg.algo, "algo"),
        learner=from_node(LearnerConfig, cfg.learner, "learner"),
        trainer=from_node(TrainerConfig, cfg.trainer, "trainer"),
        eval_sets=parse_named(cfg.eval_sets, Selection, "eval_sets"),  # = rltf.eval_sets.parse_sets
        curriculum=from_node(CurriculumConfig, cfg.curriculum, "curriculum"),
        resume=str(cfg.get("resume", "auto")),
    )
