"""score(): the trainer's per-sample call, end to end: completion -> extraction -> real judge -> reward + mask."""

from __future__ import annotations

import pytest

from rltf.data.extract import extract_code
from rltf.feedback.categories import Category
from rltf.feedback.config import RewardConfig
from rltf.feedback.masks import decode_with_spans
from rltf.feedback.rewards import JudgeFailed, Outcome
from rltf.feedback.score import score
from sandbox_runner import schema
from sandbox_runner.schema import Format, Job, Limits, Status, Verdict

CALL = schema.Tests(Format.CALL, inputs=[[1, 2], [3, 4]], outputs=[3, 7], fn_name="solve")

# Lines 2 and 4 read the same; only line 4 divides by zero (b was set to 0 in between).
REPEATED = "def solve(a, b):\n    x = 10 // b\n    b = 0\n    x = 10 // b\n    return a + b\n"


def sampled(tokenizer, completion: str, eos: bool = True) -> list[int]:
    ids = tokenizer.encode(completion, add_special_tokens=False)
    return ids + [tokenizer.eos_token_id] if eos else ids


def judged(judge, code: str) -> Verdict:
    return judge.submit(Job(code, CALL, Limits(time_s=2.0))).result()


def penalised_text(tokenizer, ids, mask) -> str:
    text, spans = decode_with_spans(tokenizer, ids)
    return "".join(text[a:b] for (a, b), m in zip(spans, mask, strict=True) if m)


def test_runtime_error_on_a_repeated_line(local_judge, smollm2_tokenizer):
    tok = smollm2_tokenizer
    completion = f"Let me divide first.\n```python\n{REPEATED}```\nThe line `    x = 10 // b` is key.\n"
    ids = sampled(tok, completion)
    ex = extract_code(tok.decode(ids, skip_special_tokens=True), entry_point="solve")
    s = score(judged(local_judge, ex.code), ex, ids, tok, truncated=False, cfg=RewardConfig())
    assert (s.outcome, s.reward, s.category, s.line) == (Outcome.RUNTIME, -0.6, Category.LINE, 4)
    assert len(s.penalty_mask) == len(ids)
    text, spans = decode_with_spans(tok, ids)
    line4 = ex.start + REPEATED.index("b = 0\n") + len("b = 0\n")  # where line 4 starts in the completion
    hits = [(a, b) for (a, b), m in zip(spans, s.penalty_mask, strict=True) if m]
    assert all(b > line4 and a < line4 + len("    x = 10 // b\n") for a, b in hits)
    assert "10 // b" in penalised_text(tok, ids, s.penalty_mask)


def test_truncated_generation_penalises_the_whole_code_only(local_judge, smollm2_tokenizer):
    tok = smollm2_tokenizer
    completion = (
        "Here you go:\n```python\ndef solve(a, b):\n    total = a + b\n    return total if total > 100 else ("
    )
    ids = sampled(tok, completion, eos=False)  # no end-of-sequence: the token limit cut it
    ex = extract_code(tok.decode(ids), entry_point="solve")
    s = score(judged(local_judge, ex.code), ex, ids, tok, truncated=True, cfg=RewardConfig())
    assert (s.outcome, s.reward, s.category) == (Outcome.SYNTAX, -1.0, Category.GLOBAL)
    got = penalised_text(tok, ids, s.penalty_mask)
    assert got.strip().startswith("def solve") and "Here" not in got and "```" not in got
    assert got.endswith("else (")


def test_wrong_answer_gets_adaptive_reward_and_no_penalty(local_judge, smollm2_tokenizer):
    tok = smollm2_tokenizer
    completion = "```python\ndef solve(a, b):\n    return 3\n```"
    ids = sampled(tok, completion)
    ex = extract_code(tok.decode(ids, skip_special_tokens=True))
    s = score(judged(local_judge, ex.code), ex, ids, tok, truncated=False, cfg=RewardConfig())
    assert (s.outcome, s.category) == (Outcome.FAIL, Category.IGNORE)
    assert s.reward == pytest.approx(-0.3 + 1.3 * 1 / 2)
    assert s.penalty_mask == [0.0] * len(ids)


def test_starter_code_prefix_is_not_penalised(local_judge, smollm2_tokenizer):
    """HumanEval style: the prompt's signature + the sampled body make the program."""
    tok = smollm2_tokenizer
    prefix = "def solve(a, b):\n"
    completion = "    c = a + b\n    return c // 0\n"
    ids = sampled(tok, completion)
    ex = extract_code(tok.decode(ids, skip_special_tokens=True), prefix=prefix)
    s = score(judged(local_judge, ex.code), ex, ids, tok, truncated=False, cfg=RewardConfig())
    assert (s.category, s.line) == (Category.LINE, 3)  # line 3 of the program = line 2 of the completion
    assert penalised_text(tok, ids, s.penalty_mask).strip() == "return c // 0"


def test_fine_grained_off_keeps_the_category_but_no_penalty(local_judge, smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sampled(tok, REPEATED)
    ex = extract_code(tok.decode(ids, skip_special_tokens=True))
    s = score(
        judged(local_judge, ex.code), ex, ids, tok, truncated=False, cfg=RewardConfig(fine_grained=False)
    )
    assert (s.category, s.line, s.reward) == (Category.LINE, 4, -0.6)
    assert s.penalty_mask == [0.0] * len(ids)


def test_judge_failure_propagates(smollm2_tokenizer):
    tok = smollm2_tokenizer
    ids = sampled(tok, REPEATED)
    ex = extract_code(tok.decode(ids, skip_special_tokens=True))
    v = Verdict(
        "s1", Status.INTERNAL_ERROR, 0, 2, [schema.TestResult(0, Status.INTERNAL_ERROR, message="lost")]
    )
    with pytest.raises(JudgeFailed):
        score(v, ex, ids, tok, truncated=False, cfg=RewardConfig())


def test_random_sampled_ids_never_stop_scoring(smollm2_tokenizer):
    """Thousands of random id sequences, SmolLM2's 17 special tokens (e.g. <reponame>) mixed in: every one is
    scored, penalties land only on the extracted code, and byte-level spans always reproduce decode()."""
    import random

    tok = smollm2_tokenizer
    rng = random.Random(1234)
    specials = sorted({*tok.all_special_ids, *tok.added_tokens_decoder})
    cfg = RewardConfig()
    placed = 0
    for k in range(2000):
        ids = [rng.choice(specials) if rng.random() < 0.2 else rng.randrange(len(tok)) for _ in range(32)]
        text = tok.decode(ids, skip_special_tokens=True)
        ex = extract_code(text)
        # Global category (a syntax error at the last line) exercises the span of the whole program.
        lines = max(len(ex.code.splitlines()), 1)
        err = schema.TestResult(0, Status.SYNTAX_ERROR, error_type="SyntaxError", line=lines)
        v = Verdict(f"r{k}", Status.SYNTAX_ERROR, 0, 1, [err])
        s = score(v, ex, ids, tok, truncated=True, cfg=cfg)
        assert s.mask_error == "", s.mask_error
        assert len(s.penalty_mask) == len(ids) and s.reward == cfg.syntax_reward
        got, spans = decode_with_spans(tok, ids)
        for (a, b), m in zip(spans, s.penalty_mask, strict=True):
            if m:
                assert a < ex.end and b > ex.start
                placed += 1
    assert placed > 1000  # the loop really placed penalties


def test_unplaceable_penalties_fall_back_to_the_sequence_reward(local_judge, smollm2_tokenizer):
    """Code that is not in the decoded sampled text (a sampler/detokenizer mismatch) keeps its reward."""
    tok = smollm2_tokenizer
    ids = sampled(tok, REPEATED)
    ex = extract_code(tok.decode(ids, skip_special_tokens=True))
    moved = type(ex)(code=ex.code, start=ex.start + 1, end=ex.end + 1, prefix=ex.prefix)
    s = score(judged(local_judge, ex.code), moved, ids, tok, truncated=False, cfg=RewardConfig())
    assert (s.reward, s.category, s.line) == (-0.6, Category.LINE, 4)
    assert s.penalty_mask == [0.0] * len(ids) and "different text" in s.mask_error
