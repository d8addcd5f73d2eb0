"""Token penalty masks: rltf's offsets (one byte-level decode per sample) against the released RLTF's way
(decode every token prefix to find where each token lands: O(L^2)), side by side on the same samples.

Samples are the embedded set's reference solutions inside a chat-style completion, tokenized by SmolLM2 and
padded with more code to about --tokens tokens. Prints ms per sample for each and their ratio.

    .venv/bin/python bench/feedback_masks.py [--samples N] [--tokens L]
"""

from __future__ import annotations

import argparse
import time

from rltf.data import load
from rltf.data.extract import extract_code
from rltf.feedback.categories import Category
from rltf.feedback.explain import load_tokenizer
from rltf.feedback.masks import decode_with_spans, penalty_mask


def prefix_decoding_spans(tokenizer, ids: list[int]) -> list[tuple[int, int]]:
    ends = [len(tokenizer.decode(ids[: i + 1], skip_special_tokens=True)) for i in range(len(ids))]
    return list(zip([0, *ends[:-1]], ends, strict=True))


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--samples", type=int, default=32)
    p.add_argument("--tokens", type=int, default=512)
    args = p.parse_args()
    tok = load_tokenizer(None)
    problems = [q for q in load("embedded", "train") if q.solutions][: args.samples]
    samples = []
    for q in problems:
        code = q.solutions[0]
        while len(tok.encode(code, add_special_tokens=False)) < args.tokens:
            code += "\n" + q.solutions[0]
        completion = f"Here is a solution.\n```python\n{code}```\nIt works.\n"
        ids = tok.encode(completion, add_special_tokens=False)[: args.tokens] + [tok.eos_token_id]
        samples.append((ids, extract_code(tok.decode(ids, skip_special_tokens=True))))

    t0 = time.perf_counter()
    ours = []
    for ids, ex in samples:
        _, spans = decode_with_spans(tok, ids)
        ours.append(penalty_mask(spans, ex, Category.LINE, 3))
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = [penalty_mask(prefix_decoding_spans(tok, ids), ex, Category.LINE, 3) for ids, ex in samples]
    t_theirs = time.perf_counter() - t0
    same = sum(a == b for a, b in zip(ours, theirs, strict=True))
    n = len(samples)
    print(f"{n} samples x ~{args.tokens} tokens; identical masks: {same}/{n}")
    print(f"offsets (rltf):      {1e3 * t_ours / n:8.2f} ms/sample")
    print(f"prefix decoding:     {1e3 * t_theirs / n:8.2f} ms/sample")
    print(f"speed-up: {t_theirs / t_ours:.1f}x")


if __name__ == "__main__":
    main()
