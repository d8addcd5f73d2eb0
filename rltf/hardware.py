"""What this machine computes well: the dtype `auto` stands for, and how many torch threads a rank gets.

bf16 pays only where the hardware computes it natively (a GPU that supports it; a CPU with AVX512-BF16 or
AMX). Elsewhere torch emulates it: on a 2-core AVX2 EPYC, vLLM decoded 4x slower in bf16 than in float32, and
forward+backward with bf16 parameters ran at 4 tok/s on one core against 113 tok/s on two in float32. So `auto` means bf16 there and float32 everywhere else.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import torch

log = logging.getLogger(__name__)

BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")
# `auto` resolved per consumer: vLLM's dtype names, and the learner's precision names.
NAMES = {"vllm": ("bfloat16", "float32"), "learner": ("bf16", "fp32")}


@dataclass(frozen=True)
class Bf16Support:
    native: bool
    reason: str  # one line a person can check: the device, and the flag that decided


def cpu_description(cpuinfo: str | None = None) -> tuple[str, set[str]]:
    """(model name, flags) of the first CPU in /proc/cpuinfo; ("unknown", {}) where there is none."""
    if cpuinfo is None:
        path = Path("/proc/cpuinfo")
        cpuinfo = path.read_text() if path.exists() else ""
    model, flags = "unknown CPU", set()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "model name" and model == "unknown CPU":
            model = value.strip()
        elif key.strip() == "flags" and not flags:
            flags = set(value.split())
    return model, flags


def bf16_support(cpuinfo: str | None = None, cuda: bool | None = None) -> Bf16Support:
    """Whether this rank's device computes bf16 natively, and why (arguments override detection, for tests)."""
    if cuda if cuda is not None else torch.cuda.is_available():
        name = torch.cuda.get_device_name()
        ok = torch.cuda.is_bf16_supported()
        return Bf16Support(ok, f"GPU {name} {'supports' if ok else 'does not support'} bf16")
    model, flags = cpu_description(cpuinfo)
    have = sorted(flags.intersection(BF16_CPU_FLAGS))
    if have:
        return Bf16Support(True, f"CPU {model!r} has {'/'.join(have)}")
    return Bf16Support(
        False, f"CPU {model!r} has neither {' nor '.join(BF16_CPU_FLAGS)}: bf16 would be emulated"
    )


def resolve_dtype(requested: str, consumer: str, support: Bf16Support | None = None) -> str:
    """`auto` -> bf16 where native, else float32, in `consumer`'s spelling ("vllm" or "learner"); any other
    value is the user's explicit choice and is returned unchanged."""
    if requested != "auto":
        return requested
    support = support or bf16_support()
    bf16, fp32 = NAMES[consumer]
    chosen = bf16 if support.native else fp32
    log.info("%s dtype auto -> %s (%s)", consumer, chosen, support.reason)
    return chosen


def rank_threads(requested: int | None = None) -> int:
    """Torch threads for this rank: `requested`, else OMP_NUM_THREADS when the user set it, else the cores
    this process may run on divided among the ranks of this node (LOCAL_WORLD_SIZE)."""
    if requested:
        return requested
    if os.environ.get("OMP_NUM_THREADS", "").isdigit():
        return max(1, int(os.environ["OMP_NUM_THREADS"]))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, cores // max(1, int(os.environ.get("LOCAL_WORLD_SIZE", "1"))))
