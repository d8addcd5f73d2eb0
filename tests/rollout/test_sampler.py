"""Real vLLM generation and hot weight reload with the tiny model."""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses

import pytest
import torch
from safetensors.torch import load_file

from rltf.models import tiny_model
from rltf.rollout.judging import judge_stream
from sandbox_runner.schema import Limits, Status, Verdict

pytestmark = pytest.mark.slow


def test_n_samples_and_one_greedy_per_problem(tiny_sampler, problems):
    problems = problems[:3]
    samples = tiny_sampler.sample(problems, greedy=True)
    assert [(s.problem_id, s.greedy) for s in samples] == [
        (p.id, g) for p in problems for g in (True, False, False, False)
    ]
    tok = tiny_sampler.tokenizer
    for s in samples:
        assert s.prompt_ids == tiny_sampler.prompt_ids(next(p for p in problems if p.id == s.problem_id))
        assert tok.decode(s.prompt_ids).endswith("<|im_start|>assistant\n")
        assert 1 <= len(s.token_ids) <= 12 and len(s.logprobs) == len(s.token_ids)
        assert all(lp <= 0.0 for lp in s.logprobs)
        assert s.finish_reason in ("stop", "length")
        assert s.truncated == (s.finish_reason == "length")
        assert s.text == tok.decode(s.token_ids, skip_special_tokens=True)
    # sampled sequences of a random model differ; the greedy one repeats exactly
    again = tiny_sampler.sample(problems[:1], n=0, greedy=True)
    assert again[0].token_ids == samples[0].token_ids
    assert len({tuple(s.token_ids) for s in samples if not s.greedy}) > 1


def test_samples_stream_out_before_generation_ends(tiny_sampler, problems):
    engine = tiny_sampler.llm.llm_engine
    stream = tiny_sampler.generate(problems, n=4)
    next(stream)
    assert engine.has_unfinished_requests()  # the first sample arrived while others were still decoding
    assert len(list(stream)) == 15
    assert not engine.has_unfinished_requests()


class RecordingJudge:
    """Stands in for the sandbox (never runs code): records whether generation was still running."""

    def __init__(self, engine):
        self.engine, self.during_generation, self.jobs = engine, [], []

    def submit(self, job):
        self.during_generation.append(self.engine.has_unfinished_requests())
        self.jobs.append(job)
        f = cf.Future()
        f.set_result(Verdict(id=job.id, outcome=Status.WRONG_ANSWER, passed=0, total=1))
        return f

    def close(self):
        pass


def test_judging_overlaps_generation(tiny_sampler, problems):
    problems = problems[:3]
    judge = RecordingJudge(tiny_sampler.llm.llm_engine)
    samples = tiny_sampler.generate(problems, n=3)
    judged = list(judge_stream(samples, {p.id: p for p in problems}, judge, Limits()))
    assert len(judged) == 9 and any(judge.during_generation)
    assert {j.sample.problem_id for j in judged} == {p.id for p in problems}
    assert all(job.tests is problems[int(job.id[1])].tests for job in judge.jobs)
    assert sorted(job.code for job in judge.jobs) == sorted(j.extracted.code for j in judged)


def _weights() -> dict[str, torch.Tensor]:
    return load_file(str(tiny_model() / "model.safetensors"))


def test_reload_changes_output_and_originals_restore_it_exactly(tiny_sampler, problems):
    probe = tiny_sampler.prompt_ids(problems[0])
    before = tiny_sampler.greedy_ids(probe)
    original = _weights()
    g = torch.Generator().manual_seed(0)
    noisy = {k: v + torch.randn(v.shape, generator=g) * (v.float().std() + 0.1) for k, v in original.items()}
    stats = tiny_sampler.update_weights(noisy.items())
    assert stats.tensors == len(original) and stats.buckets == 1
    changed = tiny_sampler.greedy_ids(probe)
    assert changed != before
    # One tensor per bucket splits vLLM's fused q/k/v and gate/up layers: the result must not depend on it.
    stats = tiny_sampler.update_weights(reversed(list(noisy.items())), bucket_mb=0)
    assert stats.buckets == stats.tensors
    assert tiny_sampler.greedy_ids(probe) == changed
    tiny_sampler.update_weights(original.items())
    assert tiny_sampler.greedy_ids(probe) == before


def test_partial_update_is_refused(tiny_sampler):
    original = _weights()
    partial = [(k, v) for k, v in original.items() if ".layers.1." not in k]
    with pytest.raises(ValueError, match="stale"):
        tiny_sampler.update_weights(partial)
    tiny_sampler.update_weights(original.items())


def test_long_statements_are_cut_to_max_prompt_tokens(tiny_sampler, problems):
    long = dataclasses.replace(problems[0], statement="Add the numbers. " * 2000)
    ids = tiny_sampler.prompt_ids(long)
    assert len(ids) <= tiny_sampler.cfg.max_prompt_tokens
    assert tiny_sampler.tokenizer.decode(ids).endswith("<|im_start|>assistant\n")  # the instructions survive


def test_fast_top_p_samples_inside_the_nucleus_and_logprobs_stay_raw(tiny_sampler, problems):
    from transformers import AutoModelForCausalLM

    assert tiny_sampler.fast_top_p  # rollout.fast_top_p=auto is on without a GPU
    cfg, temperature = tiny_sampler.cfg, tiny_sampler.cfg.temperature
    try:
        # p below any token's probability leaves the most likely token alone: sampling becomes greedy decoding
        tiny_sampler.cfg = dataclasses.replace(cfg, top_p=1e-6)
        [greedy, *sampled] = tiny_sampler.sample(problems[:1], n=2, greedy=True)
        assert all(s.token_ids == greedy.token_ids for s in sampled)
        assert all(s.logprobs == pytest.approx(greedy.logprobs, abs=1e-4) for s in sampled)
        assert min(greedy.logprobs) < -0.1  # raw logprobs, not the nucleus's renormalized 0.0
        tiny_sampler.cfg = dataclasses.replace(cfg, top_p=0.3)
        samples = tiny_sampler.sample(problems[:2], n=3)
    finally:
        tiny_sampler.cfg = cfg
    model = AutoModelForCausalLM.from_pretrained(tiny_model(), dtype=torch.float32).eval()
    outside = []
    for s in samples:
        with torch.no_grad():
            logits = model(torch.tensor([s.prompt_ids + s.token_ids])).logits[0, len(s.prompt_ids) - 1 : -1]
        at = torch.arange(len(s.token_ids)), torch.tensor(s.token_ids)
        # the learner compares against these: log-probabilities of the raw logits (no temperature, no top-p)
        assert logits.log_softmax(-1)[at].tolist() == pytest.approx(s.logprobs, abs=1e-3)
        probs = (logits / temperature).softmax(-1)
        above = torch.where(probs > probs[at].unsqueeze(1), probs, 0.0).sum(
            -1
        )  # mass ranked above each token
        outside += [m for m in above.tolist() if m >= 0.3 + 1e-3]
    assert not outside, f"{len(outside)} sampled tokens lie outside the p=0.3 nucleus"
