"""Token spans and penalty masks on the real SmolLM2 tokenizer's sampled ids."""

from __future__ import annotations

import pytest

from rltf.data.extract import Extracted
from rltf.feedback.categories import Category
from rltf.feedback.lines import line_spans
from rltf.feedback.masks import (
    check_extracted,
    decode_with_spans,
    penalty_mask,
    token_bytes,
    token_char_spans,
)

CODE = (
    "def f(xs):\n    total = 0\n    for x in xs:\n        total += x\n        total += x\n    return total\n"
)
COMPLETION = f"Sure! Here is the code.\n```python\n{CODE}```\nIt adds the numbers twice 日本.\n"


def sample(tokenizer, text: str) -> list[int]:
    """Ids as a sampler would return them: the text's tokens, then end-of-sequence."""
    return tokenizer.encode(text, add_special_tokens=False) + [tokenizer.eos_token_id]


def extracted_block(completion: str, code: str, prefix: str = "") -> Extracted:
    start = completion.index(code)
    return Extracted(code=prefix + code, start=start, end=start + len(code), prefix=prefix)


def masked_text(text, spans, mask) -> list[str]:
    return [text[a:b] for (a, b), m in zip(spans, mask, strict=True) if m]


def test_spans_agree_with_prefix_decoding_reference(smollm2_tokenizer):
    """The O(L^2) way (decode every prefix) gives the same token boundaries on ASCII text."""
    tok = smollm2_tokenizer
    ids = sample(tok, COMPLETION.replace(" 日本", ""))
    spans = token_char_spans(tok, ids)
    ends = [len(tok.decode(ids[: i + 1], skip_special_tokens=True)) for i in range(len(ids))]
    starts = [0, *ends[:-1]]
    assert spans == list(zip(starts, ends, strict=True))
    assert spans[-1][0] == spans[-1][1]  # end-of-sequence produces no text


def test_partial_utf8_tokens_share_their_character(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sample(tok, "x = '日本'\n")
    text, spans = decode_with_spans(tok, ids)
    covering = [i for i, (a, b) in enumerate(spans) if a <= text.index("日") < b]
    assert len(covering) >= 2, "SmolLM2 splits 日 across byte tokens; each must cover the character"
    assert "日".encode() in b"".join(token_bytes(tok, [ids[i] for i in covering]))


def test_generation_cut_inside_a_character(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = tok.encode("y = '日", add_special_tokens=False)
    cut = ids[:-1]  # stop between the bytes of 日, as a token limit can
    text, spans = decode_with_spans(tok, cut)
    assert text == tok.decode(cut) and text.endswith("\ufffd")
    assert spans[-1] == (len(text) - 1, len(text))


def test_line_mask_when_the_code_starts_mid_completion(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sample(tok, COMPLETION)
    text, spans = decode_with_spans(tok, ids)
    ex = extracted_block(text, CODE)
    mask = penalty_mask(spans, ex, Category.LINE, 2)
    got = "".join(masked_text(text, spans, mask))
    assert "total = 0" in got and "def" not in got and "for" not in got and "Sure" not in got
    line_lo = ex.start + CODE.index("    total = 0")
    line_hi = line_lo + len("    total = 0\n")
    for (a, b), m in zip(spans, mask, strict=True):
        assert m == (1.0 if a < line_hi and b > line_lo else 0.0)


def test_repeated_line_marks_the_reported_occurrence(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sample(tok, COMPLETION)
    text, spans = decode_with_spans(tok, ids)
    ex = extracted_block(text, CODE)
    lines = line_spans(CODE)
    assert CODE[slice(*lines[3])] == CODE[slice(*lines[4])]  # lines 4 and 5 read the same
    for line in (4, 5):
        mask = penalty_mask(spans, ex, Category.LINE, line)
        a, b = (ex.start + x for x in lines[line - 1])
        hits = [(s, e) for (s, e), m in zip(spans, mask, strict=True) if m]
        assert hits and all(s < b and e > a for s, e in hits)
        core = [(s, e) for s, e in hits if "+=" in text[s:e]]
        assert len(core) == 1 and a <= core[0][0] < b


def test_token_straddling_a_newline_belongs_to_both_lines(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sample(tok, COMPLETION)
    text, spans = decode_with_spans(tok, ids)
    ex = extracted_block(text, CODE)
    straddlers = [i for i, (a, b) in enumerate(spans) if "\n " in text[a:b] and ex.start <= a < ex.end]
    assert straddlers, "SmolLM2 merges a newline with the next line's indentation"
    i = straddlers[0]
    code_pos = spans[i][0] - ex.start
    line = next(n for n, (a, b) in enumerate(line_spans(CODE), 1) if a <= code_pos < b)
    assert penalty_mask(spans, ex, Category.LINE, line)[i] == 1.0  # its newline ends this line
    assert penalty_mask(spans, ex, Category.LINE, line + 1)[i] == 1.0  # its spaces indent the next
    assert penalty_mask(spans, ex, Category.LINE, line + 2)[i] == 0.0


def test_global_mask_covers_the_code_only(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sample(tok, COMPLETION)
    text, spans = decode_with_spans(tok, ids)
    ex = extracted_block(text, CODE)
    mask = penalty_mask(spans, ex, Category.GLOBAL, None)
    for (a, b), m in zip(spans, mask, strict=True):
        assert m == (1.0 if a < ex.end and b > ex.start else 0.0)
    assert mask[-1] == 0.0 and "".join(masked_text(text, spans, mask)).strip().startswith("def")
    assert penalty_mask(spans, ex, Category.IGNORE, None) == [0.0] * len(ids)


def test_starter_code_prefix_shifts_lines(smollm2_tokenizer):
    """The prompt's starter code is line 1 of the judged program but was never sampled."""
    tok = smollm2_tokenizer
    body = "    y = x / 0\n    return y\n"
    completion = body + "\nprint(1)\n"
    ids = sample(tok, completion)
    text, spans = decode_with_spans(tok, ids)
    ex = Extracted(code="def f(x):\n" + body, start=0, end=len(body), prefix="def f(x):\n")
    check_extracted(ex, text)
    got = masked_text(text, spans, penalty_mask(spans, ex, Category.LINE, 2))
    assert "".join(got).strip().startswith("y = x / 0") and "return" not in "".join(got)
    assert penalty_mask(spans, ex, Category.LINE, 1) == [0.0] * len(ids)  # the starter line
    with pytest.raises(ValueError, match="line 4"):
        penalty_mask(spans, ex, Category.LINE, 4)


def test_mismatched_extraction_is_refused(smollm2_tokenizer):
    tok = smollm2_tokenizer
    text, _ = decode_with_spans(tok, sample(tok, COMPLETION))
    ex = extracted_block(text, CODE)
    shifted = Extracted(code=ex.code, start=ex.start + 1, end=ex.end + 1, prefix="")
    with pytest.raises(ValueError, match="different text"):
        check_extracted(shifted, text)


def test_non_byte_level_tokenizer_is_refused():
    tokenizers = pytest.importorskip("tokenizers")
    from transformers import PreTrainedTokenizerFast

    vocab = {"[UNK]": 0, "▁def": 1, "▁f": 2}
    core = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab, unk_token="[UNK]"))
    tok = PreTrainedTokenizerFast(tokenizer_object=core, unk_token="[UNK]")
    with pytest.raises(ValueError, match="not byte-level"):
        token_char_spans(tok, [1, 2])


def test_unknown_token_id_is_refused(smollm2_tokenizer):
    with pytest.raises(ValueError, match="10000000 is not in"):
        token_char_spans(smollm2_tokenizer, [1604, 10_000_000])
