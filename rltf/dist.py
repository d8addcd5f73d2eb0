"""The ranks of a run: who this process is, how many there are, and the few collectives rltf needs.

Every function works unchanged on a single process (no process group): rank 0 of 1, collectives are identities.
"""

from __future__ import annotations

from typing import TypeVar

import torch
import torch.distributed as dist

T = TypeVar("T")


def initialized() -> bool:
    return dist.is_available() and dist.is_initialized()


def rank() -> int:
    return dist.get_rank() if initialized() else 0


def world() -> int:
    return dist.get_world_size() if initialized() else 1


def barrier() -> None:
    if initialized():
        dist.barrier()


def max_over_ranks(n: int) -> int:
    """The largest `n` any rank holds (e.g. micro-batches per step, so all ranks run as many)."""
    if world() == 1:
        return n
    t = torch.tensor([n], dtype=torch.long)
    dist.all_reduce(t, op=dist.ReduceOp.MAX)
    return int(t.item())


def any_rank(flag: bool) -> bool:
    """True on every rank when it is true on any (so all ranks stop together)."""
    return bool(max_over_ranks(int(flag)))


def gather(obj: T) -> list[T]:
    """Every rank's `obj` (picklable), in rank order, on every rank."""
    if world() == 1:
        return [obj]
    parts: list = [None] * world()
    dist.all_gather_object(parts, obj)
    return parts


def reduce(local: dict[str, float]) -> dict[str, float]:
    """Sum counts across ranks; `time_*` keys take the maximum (the slowest rank sets the pace)."""
    if world() == 1:
        return dict(local)
    out: dict[str, float] = {}
    for part in gather(local):
        for k, v in part.items():
            out[k] = max(out.get(k, v), v) if k.startswith("time_") else out.get(k, 0.0) + v
    return out
