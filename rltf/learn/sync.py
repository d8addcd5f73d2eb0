"""Streaming the policy's weights to the sampler in buckets, never the whole model at once.

Under ZeRO-3 each rank holds only a shard of every parameter; a bucket of parameters is gathered with
`deepspeed.zero.GatheredParameters`, copied out, released, and handed on before the next bucket is gathered.
Gathering is collective, so every rank must walk the same parameters in the same order (they do: each rank
streams into its own sampler). Under ZeRO-0/1/2 parameters are whole on every rank and are yielded as is.
"""

from __future__ import annotations

from collections.abc import Iterator

import torch


def _is_partitioned(p: torch.nn.Parameter) -> bool:
    return hasattr(p, "ds_id")


def _nbytes(p: torch.nn.Parameter) -> int:
    numel = p.ds_numel if _is_partitioned(p) else p.numel()
    return numel * p.element_size()


def weight_buckets(module: torch.nn.Module, bucket_mb: float) -> Iterator[list[tuple[str, torch.Tensor]]]:
    """Yield lists of (HF name, full tensor) of at most ~bucket_mb each (a bigger single tensor is its own bucket)."""
    limit = bucket_mb * 2**20
    group: list[tuple[str, torch.nn.Parameter]] = []
    size = 0
    for name, p in module.named_parameters():
        if group and size + _nbytes(p) > limit:
            yield _materialise(group)
            group, size = [], 0
        group.append((name, p))
        size += _nbytes(p)
    if group:
        yield _materialise(group)


def _materialise(group: list[tuple[str, torch.nn.Parameter]]) -> list[tuple[str, torch.Tensor]]:
    if not any(_is_partitioned(p) for _, p in group):
        return [(n, p.detach()) for n, p in group]
    import deepspeed

    with deepspeed.zero.GatheredParameters([p for _, p in group], modifier_rank=None):
        return [(n, p.detach().clone()) for n, p in group]


def iter_weights(module: torch.nn.Module, bucket_mb: float) -> Iterator[tuple[str, torch.Tensor]]:
    """The same stream flattened: what `Sampler.update_weights` consumes, one bucket in memory at a time."""
    for bucket in weight_buckets(module, bucket_mb):
        yield from bucket
