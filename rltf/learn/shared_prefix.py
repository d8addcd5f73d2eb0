"""One forward for a prompt and all its completions: the prompt once, each completion attending to it.

A micro-batch of n completions of one prompt, padded into n rows, pays for the prompt n times in every matmul of
forward and backward; in training the prompt is most of each row (e.g. 400 prompt tokens before 60 completion
tokens). Here the micro-batch becomes one packed sequence, `prompt + completion_1 + ... + completion_n` with
position ids restarting after the prompt for each completion, and the attention is computed per segment: the
prompt causally over itself, each completion over the whole prompt and causally over itself, never over
another completion. That is the same function as n separate full-sequence forwards, so log-probs and gradients
equal the padded computation (tests/learn/test_learner.py); matmuls see prompt + sum of completions tokens, and
attention costs n x completion x (prompt + completion) pairs, not the square of the packed length (short packed
sequences take one kernel call with an [L, L] mask instead, where that is cheaper: `DENSE_MAX_PAIRS_RATIO`).

The segment layout reaches the attention layers as a forward keyword (`shared_prefix`), through transformers'
AttentionInterface: the model's attention implementation becomes `ATTENTION`, which runs SDPA per segment when
the keyword is there and plain SDPA otherwise (so the model behaves as before in every other call).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F

ATTENTION = "rltf_shared_prefix"


# The dense path computes all L x L pairs of the packed sequence in one kernel call; the segmented path only the
# pairs that attend, in two calls and with gathers. Measured on a 2-core AMX CPU (bf16 forward + backward of the
# default model, 11 completions): dense was faster up to ~5x the segmented pairs (prompt 400, completions 150:
# 10.4 vs 12.2 s) and slower beyond ~7x (prompt 400, completions 300: 34 vs 20 s; prompt 200, completions 500:
# 64 vs 31 s).
DENSE_MAX_PAIRS_RATIO = 6.0


@dataclass(eq=False)
class Layout:
    """A packed sequence `prompt + segment_1 + ... + segment_n` and how its attention is computed, built once per
    forward (every layer reuses it). Dense: one [L, L] mask. Segmented: each segment's positions in the packed
    sequence ([n, m], padded with position 0 where `valid` is false) and the [m, prompt + m] mask they share."""

    prompt: int
    dense_mask: torch.Tensor | None = None
    index: torch.Tensor | None = None
    valid: torch.Tensor | None = None
    segment_mask: torch.Tensor | None = None

    @classmethod
    def build(cls, prompt: int, segments: list[int], device: torch.device) -> Layout:
        p, m = prompt, max(segments, default=0)
        length = p + sum(segments)
        pairs = p * p / 2 + sum(n * (p + n / 2) for n in segments)
        if m == 0 or length * length <= DENSE_MAX_PAIRS_RATIO * pairs:
            owner = torch.repeat_interleave(
                torch.arange(-1, len(segments), device=device), torch.tensor([p, *segments], device=device)
            )
            # A key is visible if it is in the prompt or in the query's own segment, and not after the query.
            same = (owner[None, :] == -1) | (owner[:, None] == owner[None, :])
            causal = torch.ones(length, length, dtype=torch.bool, device=device).tril()
            return cls(p, dense_mask=causal & same)
        lengths = torch.tensor(segments, device=device)
        steps = torch.arange(m, device=device)
        valid = steps[None, :] < lengths[:, None]
        starts = p + lengths.cumsum(0) - lengths
        index = torch.where(valid, starts[:, None] + steps[None, :], 0)
        causal = torch.ones(m, m, dtype=torch.bool, device=device).tril()
        mask = torch.cat([torch.ones(m, p, dtype=torch.bool, device=device), causal], 1)
        return cls(p, index=index, valid=valid, segment_mask=mask)


def shared_prefix_attention(
    module: torch.nn.Module,
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    attention_mask: torch.Tensor | None,
    scaling: float | None = None,
    dropout: float = 0.0,
    shared_prefix: Layout | None = None,
    **kwargs,
) -> tuple[torch.Tensor, None]:
    """transformers attention function: the packed `Layout`'s attention, or plain SDPA without one.

    query [1, H, L, D], key/value [1, H_kv, L, D]; returns [1, L, H, D] like transformers' own functions."""
    from transformers.integrations.sdpa_attention import repeat_kv, sdpa_attention_forward

    lay = shared_prefix
    if lay is None:
        return sdpa_attention_forward(
            module, query, key, value, attention_mask, scaling=scaling, dropout=dropout, **kwargs
        )
    groups = query.shape[1] // key.shape[1]
    key, value = repeat_kv(key, groups), repeat_kv(value, groups)
    if lay.dense_mask is not None:
        out = F.scaled_dot_product_attention(
            query, key, value, attn_mask=lay.dense_mask, scale=scaling, dropout_p=dropout
        )
        return out.transpose(1, 2), None
    p, n = lay.prompt, lay.index.shape[0]
    head = F.scaled_dot_product_attention(
        query[:, :, :p], key[:, :, :p], value[:, :, :p], is_causal=True, scale=scaling, dropout_p=dropout
    )

    def segments(x: torch.Tensor) -> torch.Tensor:
        return x[0][:, lay.index].transpose(0, 1)  # [H, n, m, D] -> [n, H, m, D]

    k = torch.cat([key[:, :, :p].expand(n, -1, -1, -1), segments(key)], 2)
    v = torch.cat([value[:, :, :p].expand(n, -1, -1, -1), segments(value)], 2)
    tail = F.scaled_dot_product_attention(
        segments(query), k, v, attn_mask=lay.segment_mask, scale=scaling, dropout_p=dropout
    )
    tail = tail.transpose(1, 2)[lay.valid]  # [sum of segments, H, D], in packed order
    return torch.cat([head[0].transpose(0, 1), tail])[None], None


def enable(model: torch.nn.Module) -> None:
    """Route `model`'s attention through `shared_prefix_attention` (registered once per process)."""
    from transformers import AttentionInterface
    from transformers.masking_utils import AttentionMaskInterface, sdpa_mask

    AttentionInterface.register(ATTENTION, shared_prefix_attention)
    AttentionMaskInterface.register(ATTENTION, sdpa_mask)  # the masks plain SDPA calls get
    if model.config._attn_implementation != ATTENTION:
        model.set_attn_implementation(ATTENTION)


def completion_logprobs(
    model: torch.nn.Module, prompt_ids: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor
) -> torch.Tensor:
    """log pi of every completion token ([B, C], right-padded by `attention_mask`) after one shared prompt
    ([1, P]), in fp32, from one packed forward; padding positions hold finite values of no meaning."""
    (b, c), p = input_ids.shape, prompt_ids.shape[1]
    device = input_ids.device
    # A completion's last token predicts nothing: its inputs are the tokens before it.
    inputs = attention_mask[:, 1:].bool()  # [B, C-1]: input token t of row i exists when token t+1 does
    lens = inputs.sum(1).tolist()
    ids = torch.cat([prompt_ids[0], input_ids[:, :-1][inputs]])[None]
    positions = torch.cat(
        [torch.arange(p, device=device), (p + torch.arange(c - 1, device=device)).expand(b, -1)[inputs]]
    )
    keep = torch.arange(p - 1, ids.shape[1], device=device)  # the prompt's last position, then every input
    logits = model(
        input_ids=ids,
        position_ids=positions[None],
        logits_to_keep=keep,
        shared_prefix=Layout.build(p, lens, device),
    ).logits[0]
    logp = logits.float().log_softmax(-1)
    # Row of `logp` that predicts completion token (i, t): 0 (the prompt's last position) for t = 0, else the
    # rank of input (i, t - 1) among the packed inputs.
    row = torch.zeros((b, c), dtype=torch.long, device=device)
    row[:, 1:][inputs] = torch.arange(1, len(keep), device=device)
    return logp[row, input_ids]
