"""Train a policy with online RLTF: `python launch/train.py key=value ...` (one rank) or
`deepspeed [--num_accelerators N | --hostfile H] launch/train.py key=value ...` (any number of ranks).

The DeepSpeed launcher appends `--local_rank=N`; it is stripped before Hydra parses the overrides.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import hydra
from omegaconf import DictConfig


def _strip_local_rank(argv: list[str]) -> list[str]:
    """Drop `--local_rank=N` / `--local_rank N` (the launcher's), keeping its value in LOCAL_RANK."""
    out, skip = [], False
    for i, a in enumerate(argv):
        if skip:
            skip = False
            continue
        if a.startswith("--local_rank"):
            value = a.split("=", 1)[1] if "=" in a else argv[i + 1]
            skip = "=" not in a
            os.environ.setdefault("LOCAL_RANK", value)
            continue
        out.append(a)
    return out


def _single_rank_defaults() -> None:
    """A bare `python launch/train.py` is rank 0 of 1."""
    for key, value in (
        ("RANK", "0"),
        ("WORLD_SIZE", "1"),
        ("LOCAL_RANK", "0"),
        ("MASTER_ADDR", "127.0.0.1"),
        ("MASTER_PORT", "29511"),
    ):
        os.environ.setdefault(key, value)
    os.environ.setdefault("DS_ACCELERATOR", "cpu" if not _has_cuda() else "cuda")


def _has_cuda() -> bool:
    import torch

    return torch.cuda.is_available()


@hydra.main(
    config_path=str(Path(__file__).resolve().parents[1] / "conf"), config_name="train", version_base="1.3"
)
def main(cfg: DictConfig) -> None:
    import deepspeed

    from rltf.trainer import build, run

    deepspeed.init_distributed(dist_backend="nccl" if _has_cuda() else "gloo")
    parts = build(cfg)
    try:
        run(parts, resume=parts.cfg.resume)
    finally:
        parts.judge.close()
        _remove_shm_buffers()


def _remove_shm_buffers() -> None:
    """DeepSpeed's CPU all-reduce leaves a ~70 MB buffer per rank in /dev/shm; remove this rank's."""
    env = os.environ
    for path in Path("/dev/shm").glob(f"deepspeed_*_{env['MASTER_ADDR']}_{env['MASTER_PORT']}_{env['RANK']}"):
        path.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.argv = _strip_local_rank(sys.argv)
    _single_rank_defaults()
    main()
