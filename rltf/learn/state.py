"""What a run must restore to continue exactly: its `State` (iteration, history, RNGs, buffer, the dynamic
curriculum's signal memory), the RNG
seeding that makes samples a function of (seed, iteration, weights), and save / restore / which checkpoint
to resume from. The files themselves are written by rltf.learn.checkpoint."""

from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from rltf.data.curriculum import SignalState
from rltf.dist import rank
from rltf.learn import checkpoint as ckpt
from rltf.learn.buffer import Buffer


@dataclass
class State:
    """What a checkpoint must restore for the run to continue exactly."""

    iteration: int = 0  # iterations completed
    history: list[dict] = field(default_factory=list)
    evals: list[dict] = field(default_factory=list)
    rng: dict = field(default_factory=dict)
    buffer: dict = field(default_factory=dict)
    buffer_rng: Any = None
    signal: SignalState = field(default_factory=SignalState)  # curriculum=dynamic: recent signal per problem


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ.setdefault("PYTHONHASHSEED", str(seed))


def seed_stream(seed: int, it: int, purpose: str) -> None:
    """vLLM's CPU sampler draws from torch's global generator: seeding it per iteration, rank and purpose
    makes every iteration's samples a function of (seed, iteration, weights), so a resumed run samples
    exactly what the uninterrupted one did, and two configs are evaluated on the same draws."""
    torch.manual_seed((seed * 1_000_003 + it * 7919 + rank() * 104_729 + (purpose == "eval")) % 2**63)


def rng_state() -> dict:
    return {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}


def set_rng_state(s: dict) -> None:
    random.setstate(s["python"])
    np.random.set_state(s["numpy"])
    torch.set_rng_state(s["torch"])


def save(
    state: State,
    out: Path,
    engine,
    tokenizer,
    buffer: Buffer,
    buffer_rng: random.Random,
    bucket_mb: int,
    keep: int,
) -> Path:
    """Collective: checkpoint the engine and this rank's state under <out>/checkpoints (see rltf.learn.checkpoint)."""
    state.rng = rng_state()
    state.buffer = buffer.state_dict()
    state.buffer_rng = buffer_rng.getstate()
    return ckpt.save_checkpoint(
        out / "checkpoints", state.iteration, engine, tokenizer, vars(state), bucket_mb, keep
    )


def restore(path: Path, engine, buffer: Buffer, buffer_rng: random.Random) -> State:
    """Load the engine's weights and optimizer, the RNGs and the buffer; return the run's State."""
    state = State(**ckpt.load_checkpoint(path, engine))
    set_rng_state(state.rng)
    buffer.load_state_dict(state.buffer)
    buffer_rng.setstate(state.buffer_rng)
    return state


def resume_path(out: Path, resume: str) -> Path | None:
    """resume=auto: the latest checkpoint under out_dir if any; never: start fresh; else a checkpoint dir."""
    if resume == "never":
        return None
    if resume == "auto":
        return ckpt.latest_checkpoint(out / "checkpoints")
    path = Path(resume)
    if not (path / "deepspeed").is_dir():
        raise FileNotFoundError(f"resume={resume}: not a checkpoint directory (no deepspeed/ inside)")
    return path
