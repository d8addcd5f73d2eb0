"""Category + line -> a 0/1 penalty per SAMPLED token, located by character offsets, not by re-decoding.

The sampled ids are turned into their exact bytes once (byte-level BPE: each token string is a spelling of
bytes through GPT-2's byte<->unicode table), the bytes are decoded once with an incremental UTF-8 decoder,
and every token gets the character span it produced in the decoded completion. A character split across
tokens (partial UTF-8) belongs to all of them; special tokens produce no text and get an empty span.
The original RLTF searched for the first textual occurrence of the error line and re-decoded prefixes
(O(L^2), and wrong when the line's text repeats); here the line number becomes a character range by
arithmetic on the extraction offsets, so repeats cannot confuse it.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from rltf.feedback.categories import Category
from rltf.feedback.lines import line_spans

if TYPE_CHECKING:
    from rltf.data.extract import Extracted


@cache
def _unicode_to_byte() -> dict[str, int]:
    """Inverse of GPT-2's byte->unicode table: printable Latin-1 bytes map to themselves, the other 68
    bytes (controls, space, ...) to code points 256 and up, in byte order."""
    printable = [
        *range(ord("!"), ord("~") + 1),
        *range(ord("¡"), ord("¬") + 1),
        *range(ord("®"), ord("ÿ") + 1),
    ]
    table, extra = {}, 0
    for b in range(256):
        if b in printable:
            table[chr(b)] = b
        else:
            table[chr(256 + extra)] = b
            extra += 1
    return table


def token_bytes(tokenizer, token_ids: Sequence[int]) -> list[bytes]:
    """The bytes each sampled token contributes to `tokenizer.decode(ids, skip_special_tokens=True)`.

    Special means what `decode` skips: the named special tokens and every added token flagged special
    (SmolLM2 has 17, such as `<reponame>`, that a model can sample but `all_special_ids` does not list)."""
    added = tokenizer.added_tokens_decoder
    special = set(tokenizer.all_special_ids) | {i for i, t in added.items() if t.special}
    added = {i: t.content for i, t in added.items()}
    to_byte = _unicode_to_byte()
    out = []
    for i, piece in zip(token_ids, tokenizer.convert_ids_to_tokens(list(token_ids)), strict=True):
        if piece is None:
            raise ValueError(f"token id {i} is not in {type(tokenizer).__name__}'s vocabulary")
        if i in special:
            out.append(b"")
        elif i in added:  # added tokens are stored as plain text, not byte-level spelled
            out.append(added[i].encode())
        else:
            try:
                out.append(bytes(to_byte[ch] for ch in piece))
            except KeyError as e:
                raise ValueError(
                    f"token {i} ({piece!r}) is not byte-level BPE; {type(tokenizer).__name__} is unsupported"
                ) from e
    return out


def decode_with_spans(tokenizer, token_ids: Sequence[int]) -> tuple[str, list[tuple[int, int]]]:
    """The decoded completion and each token's (start, end) character span in it.

    Checked once against `tokenizer.decode` so an unsupported tokenizer fails loudly instead of
    putting penalties on the wrong tokens.
    """
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    parts, spans, n = [], [], 0
    for piece in token_bytes(tokenizer, token_ids):
        if not piece:
            spans.append((n, n))
            continue
        start = n  # a character still pending from the previous token is emitted at index n too
        text = decoder.decode(piece)
        parts.append(text)
        n += len(text)
        pending = bool(decoder.getstate()[0])  # this token ends inside a multi-byte character
        spans.append((start, n + pending))
    parts.append(decoder.decode(b"", final=True))
    text = "".join(parts)
    want = tokenizer.decode(list(token_ids), skip_special_tokens=True, clean_up_tokenization_spaces=False)
    if text != want:
        raise ValueError(
            f"{type(tokenizer).__name__}: byte-level decoding of the sampled ids does not reproduce "
            f"tokenizer.decode ({text[:40]!r}... vs {want[:40]!r}...); token offsets would be wrong"
        )
    return text, [(a, min(b, len(text))) for a, b in spans]


def token_char_spans(tokenizer, token_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Each sampled token's (start, end) character span in the decoded completion text."""
    return decode_with_spans(tokenizer, token_ids)[1]


def check_extracted(extracted: Extracted, completion: str) -> None:
    """Raise unless `extracted` is `prefix + completion[start:end]`: a mismatch would misplace penalties."""
    body = extracted.code[len(extracted.prefix) :]
    if not extracted.code.startswith(extracted.prefix) or completion[extracted.start : extracted.end] != body:
        raise ValueError(
            f"extracted code is not prefix + completion[{extracted.start}:{extracted.end}]; "
            "was it extracted from a different text than the decoded sampled tokens?"
        )


def penalty_mask(
    spans: Sequence[tuple[int, int]], extracted: Extracted, category: Category, line: int | None
) -> list[float]:
    """1.0 on the tokens to penalise, 0.0 elsewhere.

    LINE: tokens overlapping the error line's characters, its line break included (a missing ':' is the
    newline sampled in its place). Lines inside `extracted.prefix` (starter code from the prompt) were
    not sampled and penalise nothing.
    GLOBAL: every token overlapping the extracted code. Prose and fences around the code are not part of
    the program the paper penalises, so they stay 0.
    """
    if category is Category.IGNORE:
        return [0.0] * len(spans)
    offset = extracted.start - len(extracted.prefix)  # code index -> completion index, past the prefix
    if category is Category.GLOBAL:
        lo, hi = extracted.start, extracted.end
    else:
        lines = line_spans(extracted.code)
        if line is None or not 1 <= line <= len(lines):
            raise ValueError(f"line {line} is not a line of the extracted code ({len(lines)} lines)")
        a, b = (max(x, len(extracted.prefix)) for x in lines[line - 1])
        if a == b:
            return [0.0] * len(spans)
        lo, hi = a + offset, b + offset
    return [1.0 if s < hi and e > lo else 0.0 for s, e in spans]
