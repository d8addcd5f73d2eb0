"""NucleusTopP keeps exactly the tokens vLLM's own (sorting) top-p keeps, and follows batch changes."""

from __future__ import annotations

import pytest
import torch
from vllm import SamplingParams
from vllm.v1.sample.logits_processor import BatchUpdate, MoveDirectionality
from vllm.v1.sample.ops.topk_topp_sampler import apply_top_k_top_p_pytorch

from rltf.rollout.nucleus import CANDIDATES, KEY, NucleusTopP, nucleus_, top_p_params, use_fast_top_p

VOCAB = 8192
# vLLM sums float32 probabilities from the least likely token up (over the whole vocabulary), we from the most
# likely down: the two rounded "mass ranked above" values of a token can fall on opposite sides of p when it is
# that close (seen up to ~1e-6 here, at p = 0.999999); the exact float64 mass decides which tokens may differ.
TOL = 1e-5


def _logits(kind: str, rows: int, g: torch.Generator) -> torch.Tensor:
    if kind == "peaked":  # most mass on a few tokens, like a trained LM
        x = torch.randn(rows, VOCAB, generator=g) * 3
        x[:, :5] += 12
        return x[:, torch.randperm(VOCAB, generator=g)]
    if kind == "zipf":  # rank r gets mass ~ 1/r^a: nuclei from one token to thousands
        ranks = torch.stack([torch.randperm(VOCAB, generator=g) for _ in range(rows)]).float() + 1
        return -torch.empty(rows, 1).uniform_(0.8, 2.5, generator=g) * ranks.log()
    if kind == "flat":  # a random model's: the nucleus is most of the vocabulary
        return torch.randn(rows, VOCAB, generator=g) * 0.05
    if kind == "ties":  # few distinct values: the boundary falls inside a group of equal logits
        return torch.randint(0, 6, (rows, VOCAB), generator=g).float()
    raise ValueError(kind)


def _disagreements_off_boundary(logits: torch.Tensor, p: torch.Tensor, ours, theirs) -> list[str]:
    """Tokens kept by one side only whose rank is not ambiguous at p: the mass strictly above them and the mass
    strictly above or tied with them (the range any tie order gives) both lie more than TOL from p on one side."""
    out = []
    probs = logits.double().softmax(-1)
    for r, t in (ours != theirs).nonzero().tolist():
        above = probs[r][logits[r] > logits[r, t]].sum().item()
        tied = probs[r][logits[r] == logits[r, t]].sum().item() - probs[r, t].item()
        if not above - TOL < p[r].item() < above + tied + TOL:
            out.append(f"row {r} token {t}: mass above {above:.6f}..{above + tied:.6f}, p={p[r].item()}")
    return out


def _vllm_mask(logits: torch.Tensor, p: torch.Tensor) -> torch.Tensor:
    return apply_top_k_top_p_pytorch(logits.clone(), None, p).isfinite()


@pytest.mark.parametrize("kind", ["peaked", "zipf", "flat", "ties"])
def test_kept_tokens_match_vllms_top_p(kind):
    g = torch.Generator().manual_seed(sum(map(ord, kind)))
    sizes = []
    for temperature in (0.3, 0.6, 1.0, 1.7):
        tempered = _logits(kind, 12, g) / temperature  # vLLM divides before the processor runs
        p = torch.tensor([0.01, 0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.95, 0.99, 0.999, 1.0 - 1e-6])
        filtered = nucleus_(tempered.clone(), p)
        ours, theirs = filtered.isfinite(), _vllm_mask(tempered, p)
        assert not _disagreements_off_boundary(tempered, p, ours, theirs)
        assert torch.equal(filtered[ours], tempered[ours])  # kept logits are untouched
        assert torch.equal(filtered.amax(1), tempered.amax(1))  # a most likely token always stays
        sizes += ours.sum(1).tolist()
    if kind == "zipf":  # every stage ran: within the 64 candidates, within 1024, and the full sort
        widths = (0, *CANDIDATES, VOCAB)
        assert all(any(lo < s <= hi for s in sizes) for lo, hi in zip(widths, widths[1:], strict=False))


def test_exact_agreement_away_from_ties_and_rounding():
    """Well-separated probabilities (no p near a cumulative mass): the masks are identical, not just close."""
    probs = torch.tensor([0.4, 0.25, 0.15, 0.1, 0.05, 0.03, 0.02]).repeat(5, 1)
    logits = probs.log()
    p = torch.tensor([0.3, 0.5, 0.7, 0.85, 0.97])
    assert torch.equal(nucleus_(logits.clone(), p).isfinite(), _vllm_mask(logits, p))
    assert nucleus_(logits.clone(), p).isfinite().sum(1).tolist() == [1, 2, 3, 4, 6]


def _add(index: int, p: float | None, temperature: float = 0.6):
    extra = {KEY: p} if p is not None else None
    return (index, SamplingParams(temperature=temperature, extra_args=extra), None, [])


def _check(proc: NucleusTopP, p_by_row: dict[int, float], batch: int, g: torch.Generator) -> None:
    logits = _logits("zipf", batch, g)
    out = proc.apply(logits.clone()).isfinite()
    for r in range(batch):
        if r in p_by_row:
            row, p = logits[r : r + 1], torch.tensor([p_by_row[r]])
            assert not _disagreements_off_boundary(row, p, out[r : r + 1], _vllm_mask(row, p)), f"row {r}"
            assert not out[r].all(), f"row {r} with p={p_by_row[r]} kept every token"
        else:
            assert out[r].all(), f"row {r} has no top-p yet lost tokens"


def test_batch_updates_keep_each_rows_p():
    g = torch.Generator().manual_seed(1)
    proc = NucleusTopP(None, torch.device("cpu"), False)
    proc.update_state(None)
    _check(proc, {}, 3, g)
    proc.update_state(BatchUpdate(2, removed=[], added=[_add(0, 0.5), _add(1, 0.8)], moved=[]))
    _check(proc, {0: 0.5, 1: 0.8}, 2, g)
    # 1 is replaced by a request without top-p; 2: greedy (vLLM never samples it, so it is left alone); 3: p=0.9
    proc.update_state(
        BatchUpdate(4, removed=[], added=[_add(1, None), _add(2, 0.3, 0.0), _add(3, 0.9)], moved=[])
    )
    _check(proc, {0: 0.5, 3: 0.9}, 4, g)
    proc.update_state(None)  # a step without changes keeps everything
    _check(proc, {0: 0.5, 3: 0.9}, 4, g)
    # 1 finishes; the batch condenses by moving 3 into the hole
    proc.update_state(
        BatchUpdate(3, removed=[1], added=[], moved=[(3, 1, MoveDirectionality.UNIDIRECTIONAL)])
    )
    _check(proc, {0: 0.5, 1: 0.9}, 3, g)
    proc.update_state(BatchUpdate(3, removed=[], added=[], moved=[(0, 2, MoveDirectionality.SWAP)]))
    _check(proc, {2: 0.5, 1: 0.9}, 3, g)
    # a new request without top-p reuses row 2, one with p=0.2 gets row 3
    proc.update_state(BatchUpdate(4, removed=[], added=[_add(2, None), _add(3, 0.2)], moved=[]))
    _check(proc, {1: 0.9, 3: 0.2}, 4, g)
    proc.update_state(BatchUpdate(4, removed=[1, 3], added=[], moved=[]))
    _check(proc, {}, 4, g)


@pytest.mark.parametrize(
    ("extra", "top_p", "match"),
    [
        ({KEY: 0.0}, 1.0, "in \\(0, 1\\]"),
        ({KEY: 1.5}, 1.0, "in \\(0, 1\\]"),
        ({KEY: "0.9"}, 1.0, "in \\(0, 1\\]"),
        ({KEY: True}, 1.0, "in \\(0, 1\\]"),
        ({KEY: 0.9}, 0.95, "set top_p=1.0"),
    ],
)
def test_bad_requests_are_refused_naming_the_key(extra, top_p, match):
    with pytest.raises(ValueError, match=match):
        NucleusTopP.validate_params(SamplingParams(top_p=top_p, extra_args=extra))


def test_valid_requests_pass():
    NucleusTopP.validate_params(SamplingParams(top_p=1.0, extra_args={KEY: 0.95}))
    NucleusTopP.validate_params(SamplingParams(top_p=0.9))


def test_params_route_top_p_to_the_processor_or_to_vllm():
    assert top_p_params(0.95, fast=True) == {"top_p": 1.0, "extra_args": {KEY: 0.95}}
    assert top_p_params(0.95, fast=False) == {"top_p": 0.95}
    assert top_p_params(1.0, fast=True) == {"top_p": 1.0}  # nothing to filter


def test_fast_top_p_setting():
    assert use_fast_top_p(True) and not use_fast_top_p(False)
    assert use_fast_top_p("auto") == (not torch.cuda.is_available())
    with pytest.raises(ValueError, match="rollout.fast_top_p"):
        use_fast_top_p("yes")
