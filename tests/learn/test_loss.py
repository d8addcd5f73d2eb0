"""The RLTF loss: per-token advantages with the fine-grained penalty, baselines, and the batched loss terms."""

from __future__ import annotations

import pytest
import torch

from rltf.learn.loss import (
    Experience,
    baselines,
    collate,
    micro_batch_tokens,
    micro_batches,
    rltf_loss,
    token_advantages,
    token_logprobs,
)


def test_line_sample_gets_exactly_the_extra_penalty_on_its_error_line(tokenizer):
    """A Line-category runtime error: tokens of the error line get (R - b) - 0.3, every other token R - b."""
    from rltf.data.extract import extract_code
    from rltf.feedback import Category, RewardConfig, score
    from sandbox_runner.schema import Status, TestResult, Verdict

    completion = "```python\ndef f(x):\n    y = x / 0\n    return y\n```"
    token_ids = tokenizer(completion, add_special_tokens=False).input_ids
    text = tokenizer.decode(token_ids, skip_special_tokens=True)
    ex = extract_code(text, entry_point="f")
    err = TestResult(0, Status.RUNTIME_ERROR, error_type="ZeroDivisionError", line=2, line_text="y = x / 0")
    verdict = Verdict("s", Status.RUNTIME_ERROR, 0, 1, [err])
    cfg = RewardConfig()
    sc = score(verdict, ex, token_ids, tokenizer, truncated=False, cfg=cfg)
    assert sc.category is Category.LINE and sc.line == 2
    adv = token_advantages(sc.reward, -0.2, sc.penalty_mask, cfg.fine_penalty)
    base = sc.reward - -0.2
    penalised = [i for i, a in enumerate(adv) if a != pytest.approx(base)]
    assert penalised, "some tokens must carry the penalty"
    assert all(adv[i] == pytest.approx(base - 0.3) for i in penalised)
    # exactly the tokens that spell the error line (and only them) are penalised
    line_text = "".join(tokenizer.decode([token_ids[i]]) for i in penalised)
    assert "y = x / 0" in line_text and "return" not in line_text and "def" not in line_text


def test_baselines():
    ids = ["a", "a", "b", "b", "b"]
    rewards = [1.0, -1.0, 0.5, -0.3, -0.6]
    assert baselines(ids, rewards, "none") == [0.0] * 5
    gm = baselines(ids, rewards, "group_mean")
    assert gm[:2] == [0.0, 0.0] and gm[2:] == pytest.approx([(-0.4) / 3] * 3)
    assert baselines(ids, rewards, "greedy", {"a": -0.3, "b": 1.0}) == [-0.3, -0.3, 1.0, 1.0, 1.0]
    with pytest.raises(ValueError, match="greedy.*'b'"):
        baselines(ids, rewards, "greedy", {"a": 0.0})
    with pytest.raises(ValueError, match="algo.baseline"):
        baselines(ids, rewards, "mean")


def _batch():
    rl = Experience("p", [5, 6, 7], [8, 9], [0.7, -0.3])
    rl2 = Experience("p", [5, 6, 7], [10, 11, 12], [-1.0, -1.3, -1.0])
    sft = Experience("p", [5, 6, 7], [13, 14], [], kind="sft")
    return [rl, rl2, sft]


def test_collate_aligns_weights_with_the_completion_tokens():
    b = collate(_batch(), pad_id=0, rl_tokens=5, sft_tokens=2)
    assert b.prompt_ids.tolist() == [[5, 6, 7]]
    assert b.input_ids.tolist() == [[8, 9, 0], [10, 11, 12], [13, 14, 0]]
    assert b.attention_mask.tolist() == [[1, 1, 0], [1, 1, 1], [1, 1, 0]]
    assert b.rl_weight[0].tolist() == pytest.approx([0.7 / 5, -0.3 / 5, 0])  # padding carries no weight
    assert b.rl_weight[1].tolist() == pytest.approx([-1.0 / 5, -1.3 / 5, -1.0 / 5])
    assert b.sft_weight[2].tolist() == pytest.approx([0.5, 0.5, 0]) and b.rl_weight[2].abs().sum() == 0
    assert b.token_mask.tolist() == [[1, 1, 0], [1, 1, 1], [1, 1, 0]]


def test_collate_refuses_mixed_prompts():
    with pytest.raises(ValueError, match="share one"):
        collate([Experience("p", [5], [8], [1.0]), Experience("q", [6], [8], [1.0])], 0, 2, 0)


def test_micro_batches_group_by_prompt_and_sort_by_length():
    a = [Experience("a", [1, 2], [3] * k, [1.0] * k) for k in (5, 1, 3)]
    b = [Experience("b", [9], [3] * k, [1.0] * k) for k in (2, 4)]
    mb = micro_batches([a[0], b[0], a[1], b[1], a[2]], size=2)
    assert [[(e.problem_id, len(e.token_ids)) for e in m] for m in mb] == [
        [("a", 1), ("a", 3)],
        [("a", 5)],
        [("b", 2), ("b", 4)],
    ]


def test_micro_batches_stay_within_the_token_budget():
    """Packed: the prompt once plus the completions; padded: rows x (prompt + longest). A completion over the
    budget on its own still gets a micro-batch of its own, never dropped."""
    a = [Experience("a", [1] * 10, [3] * k, [1.0] * k) for k in (5, 20, 4, 6, 40)]
    packed = micro_batches(a, size=12, max_tokens=30, packed=True)
    assert [[len(e.token_ids) for e in m] for m in packed] == [[4, 5, 6], [20], [40]]
    assert all(micro_batch_tokens(m, True) <= 30 for m in packed if len(m) > 1)
    padded = micro_batches(a, size=12, max_tokens=40, packed=False)
    assert [[len(e.token_ids) for e in m] for m in padded] == [[4, 5], [6], [20], [40]]
    assert micro_batches(a, size=2, max_tokens=None) == micro_batches(a, size=2)


def test_loss_is_token_mean_of_advantage_times_logprob_plus_sft_cross_entropy():
    torch.manual_seed(0)
    b = collate(_batch(), pad_id=0, rl_tokens=5, sft_tokens=2)
    logits = torch.randn(3, 3, 16, requires_grad=True)
    logp = token_logprobs(logits, b.input_ids)
    terms = rltf_loss(logp, b, sft_coef=0.5)
    lsm = logits.log_softmax(-1)
    rl = -(0.7 * lsm[0, 0, 8] - 0.3 * lsm[0, 1, 9] - lsm[1, 0, 10] - 1.3 * lsm[1, 1, 11] - lsm[1, 2, 12]) / 5
    sft = torch.nn.functional.cross_entropy(lsm[2, :2], torch.tensor([13, 14]))
    assert terms.rl == pytest.approx(rl.item(), rel=1e-5)
    assert terms.sft == pytest.approx(sft.item(), rel=1e-5)
    assert terms.total.item() == pytest.approx(rl.item() + 0.5 * sft.item(), rel=1e-5)
    terms.total.backward()
    assert logits.grad[0, 2].abs().sum() == 0  # padding gets no gradient


def test_token_logprobs_checks_the_shape_contract():
    with pytest.raises(ValueError, match="do not predict"):
        token_logprobs(torch.randn(2, 4, 16), torch.zeros(2, 3, dtype=torch.long))


def test_kl_term_is_zero_against_itself_and_positive_otherwise():
    b = collate(_batch(), pad_id=0, rl_tokens=5, sft_tokens=2)
    logits = torch.randn(3, 3, 16)
    logp = token_logprobs(logits, b.input_ids)
    same = rltf_loss(logp, b, 0.0, kl_coef=0.1, ref_logp=logp.clone(), kl_tokens=7)
    assert same.kl == pytest.approx(0.0, abs=1e-7)
    other = rltf_loss(
        logp, b, 0.0, kl_coef=0.1, ref_logp=token_logprobs(torch.randn_like(logits), b.input_ids), kl_tokens=7
    )
    assert other.kl > 0 and other.total.item() == pytest.approx(other.rl + 0.1 * other.kl, rel=1e-5)
    with pytest.raises(ValueError, match="kl_coef"):
        rltf_loss(logp, b, 0.0, kl_coef=0.1)
