"""Sampling from the policy with vLLM, and hot weight updates into the running engine."""

from rltf.rollout.config import RolloutConfig
from rltf.rollout.sample import Sample
from rltf.rollout.sampler import Sampler, UpdateStats

__all__ = ["RolloutConfig", "Sample", "Sampler", "UpdateStats"]
