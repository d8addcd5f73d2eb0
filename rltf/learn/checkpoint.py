"""Atomic checkpoints: HF model + DeepSpeed optimizer state + per-rank trainer state.

Layout under `<out>/checkpoints/`:
    iter_000012/model/                  save_pretrained format (loadable by from_pretrained and vLLM)
    iter_000012/deepspeed/state/        engine.save_checkpoint (fp32 master weights, AdamW moments, lr schedule)
    iter_000012/trainer_rank{r}.pt      iteration, RNG states, buffer, metrics history
    latest                              the name of the newest complete checkpoint, written last

Everything is written into `.tmp-iter_000012/`, fsynced, then renamed; `latest` is replaced atomically only
after that. A kill -9 at any moment therefore leaves `latest` naming a complete checkpoint (or no `latest`
at all); temporary directories are swept on the next save. Ranks must share the filesystem.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import torch

from rltf.dist import barrier, rank
from rltf.learn.sync import weight_buckets

LATEST = "latest"


def _fsync_tree(root: Path) -> None:
    for dirpath, _, files in os.walk(root):
        for name in files:
            fd = os.open(os.path.join(dirpath, name), os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
        _fsync_dir(Path(dirpath))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def name_for(iteration: int) -> str:
    return f"iter_{iteration:06d}"


def latest_checkpoint(root: str | os.PathLike) -> Path | None:
    """The checkpoint `latest` names, or None when there is none yet."""
    root = Path(root)
    pointer = root / LATEST
    if not pointer.is_file():
        return None
    path = root / pointer.read_text().strip()
    if not path.is_dir():
        raise FileNotFoundError(
            f"{pointer} names {path.name}, which does not exist; the checkpoint dir was edited"
        )
    return path


def save_model(module: torch.nn.Module, tokenizer, out: Path, bucket_mb: float) -> None:
    """HF-format model; under ZeRO-3 gathered bucket by bucket (every rank must call this)."""
    state: dict[str, torch.Tensor] = {}
    for bucket in weight_buckets(module, bucket_mb):
        if rank() == 0:
            state.update(bucket)
    if rank() == 0:
        module.save_pretrained(out, state_dict=state)
        tokenizer.save_pretrained(out)


def save_checkpoint(
    root: str | os.PathLike,
    iteration: int,
    engine,
    tokenizer,
    trainer_state: dict,
    bucket_mb: float = 64,
    keep: int = 2,
) -> Path:
    """Collective: write checkpoint `iteration` atomically and point `latest` at it."""
    root = Path(root)
    final = root / name_for(iteration)
    tmp = root / f".tmp-{final.name}"
    if rank() == 0:
        root.mkdir(parents=True, exist_ok=True)
        for stale in root.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        tmp.mkdir()
    barrier()
    save_model(engine.module, tokenizer, tmp / "model", bucket_mb)
    engine.save_checkpoint(str(tmp / "deepspeed"), tag="state", save_latest=False)
    torch.save(trainer_state, tmp / f"trainer_rank{rank()}.pt")
    barrier()
    if rank() == 0:
        _fsync_tree(tmp)
        if final.exists():  # left by a run that died before moving `latest`: never the one `latest` names
            shutil.rmtree(final)
        os.rename(tmp, final)
        _fsync_dir(root)
        _write_atomic(root / LATEST, final.name)
        _prune(root, keep, final)
    barrier()
    return final


def _prune(root: Path, keep: int, newest: Path) -> None:
    done = sorted(p for p in root.glob("iter_*") if p.is_dir())
    for old in done[: max(len(done) - keep, 0)]:
        if old != newest:
            shutil.rmtree(old, ignore_errors=True)


def load_checkpoint(path: Path, engine) -> dict:
    """Restore engine (weights, optimizer, schedule) and return this rank's trainer state."""
    state_file = path / f"trainer_rank{rank()}.pt"
    if not state_file.is_file():
        raise FileNotFoundError(
            f"{state_file} is missing: was the checkpoint written with another number of ranks?"
        )
    load_path, _ = engine.load_checkpoint(str(path / "deepspeed"), tag="state")
    if load_path is None:
        raise FileNotFoundError(f"DeepSpeed found no engine state under {path / 'deepspeed'}")
    return torch.load(state_file, weights_only=False)
