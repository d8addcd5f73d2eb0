"""An iteration's experience: which problems it draws, their samples judged and scored, turned into
`Experience`s (token advantages) for the learner, with the counts metrics.jsonl reports."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rltf.config import AlgoConfig
from rltf.data.curriculum import signalled
from rltf.data.schema import Problem
from rltf.feedback import JudgeFailed, score
from rltf.learn.loss import Experience, baselines, token_advantages
from rltf.learn.metrics import count_outcomes
from rltf.logs import warn_once
from rltf.rollout.judging import Judged, judge_stream
from sandbox_runner import Judge, Limits, Status

if TYPE_CHECKING:
    from transformers import PreTrainedTokenizerBase

    from rltf.rollout.sampler import Sampler

log = logging.getLogger(__name__)


def schedule(n_problems: int, iteration: int, per_iteration: int, seed: int) -> list[int]:
    """Indices of the problems of `iteration`: a fresh shuffle per epoch, a pure function of its arguments
    (so a resumed run draws exactly what the uninterrupted run would have)."""
    out = []
    for pos in range(iteration * per_iteration, (iteration + 1) * per_iteration):
        epoch, i = divmod(pos, n_problems)
        perm = list(range(n_problems))
        random.Random(seed * 100003 + epoch).shuffle(perm)
        out.append(perm[i])
    return out


def judged(
    problems: Sequence[Problem], sampler: Sampler, judge: Judge, limits: Limits, **gen
) -> tuple[list[Judged], float, float]:
    """Sample `problems`; the judge tests each program while vLLM decodes the rest (rollout.judge_stream).
    Returns the Judged results in generation order, the sampling time and the time spent waiting for the judge
    afterwards. Generation order is a function of seed and weights; verdicts finish in an order that depends
    on machine load, and batches built from that order would make a resumed run diverge."""
    marks: dict[str, float] = {}
    order: dict[int, int] = {}

    def timed(samples):
        for s in samples:
            order[id(s)] = len(order)
            yield s
        marks["sampled"] = time.perf_counter()

    t0 = time.perf_counter()
    stream = judge_stream(
        timed(sampler.generate(problems, **gen)), {p.id: p for p in problems}, judge, limits
    )
    results = sorted(stream, key=lambda r: order[id(r.sample)])
    t_sample = marks.get("sampled", time.perf_counter()) - t0
    return results, t_sample, time.perf_counter() - t0 - t_sample


def scored_experiences(
    problems: Sequence[Problem],
    sampler: Sampler,
    judge: Judge,
    tokenizer: PreTrainedTokenizerBase,
    algo: AlgoConfig,
    limits: Limits,
) -> tuple[list[Experience], dict[str, float]]:
    """Sample and judge `problems`, score every program, and turn them into experiences (plus one SFT target
    per problem when algo.sft_coef > 0)."""
    reward_cfg = algo.reward
    results, t_sample, t_judge = judged(problems, sampler, judge, limits, greedy=algo.baseline == "greedy")
    t0 = time.perf_counter()
    rows, greedy_reward, dropped, unscored, coarse_only = [], {}, 0, 0, 0
    for r in results:
        s, v = r.sample, r.verdict
        try:
            sc = score(v, r.extracted, s.token_ids, tokenizer, truncated=s.truncated, cfg=reward_cfg)
        except JudgeFailed:  # the judge failed, not the program: no reward is better than a wrong one
            dropped += 1  # judge_stream logged the reason
            continue
        except Exception as e:  # one odd sample must not end the run: drop it, count it, say why once
            warn_once(log, type(e).__name__, f"a sample of {s.problem_id} could not be scored, dropped: {e!r}")
            unscored += 1
            continue
        if sc.mask_error:
            warn_once(log, "mask", f"a sample of {s.problem_id} is scored without token penalties: {sc.mask_error}")
            coarse_only += 1
        if s.greedy:
            greedy_reward[s.problem_id] = sc.reward
        else:
            rows.append((s, sc, "timeout" if v.outcome is Status.TIMEOUT else str(sc.outcome)))
    base = baselines(
        [s.problem_id for s, _, _ in rows], [sc.reward for _, sc, _ in rows], algo.baseline, greedy_reward
    )
    penalty = reward_cfg.fine_penalty if reward_cfg.fine_grained else 0.0
    exps = [
        Experience(
            problem_id=s.problem_id,
            prompt_ids=s.prompt_ids,
            token_ids=s.token_ids,
            advantages=token_advantages(sc.reward, b, sc.penalty_mask, penalty),
            reward=sc.reward,
            sampler_logprobs=s.logprobs,
        )
        for (s, sc, _), b in zip(rows, base, strict=True)
    ]
    if results and dropped == len(results):
        raise RuntimeError(f"the judge failed on all {dropped} programs of this iteration; see the log")
    if algo.sft_coef > 0:
        exps += sft_experiences(problems, sampler, tokenizer)
    stats = count_outcomes([o for _, _, o in rows], [str(sc.category) for _, sc, _ in rows])
    stats |= {
        "samples": len(rows),
        "signal_samples": sum(e.kind == "rl" and signalled(e.advantages) for e in exps),
        "reward_sum": sum(sc.reward for _, sc, _ in rows),
        "gen_tokens": sum(len(s.token_ids) for s, _, _ in rows),
        "judged": len(results),  # greedy and dropped programs included: the judge ran them all
        "judge_busy_s": sum(r.verdict.time_s for r in results),
        "dropped": dropped,  # the judge could not run them (JudgeFailed)
        "unscored": unscored,  # scoring raised: dropped
        "coarse_only": coarse_only,  # penalties could not be placed on the tokens: sequence reward only
        "time_sample": t_sample,
        "time_judge": t_judge,
        "time_score": time.perf_counter() - t0,
    }
    return exps, stats


def sft_experiences(
    problems: Sequence[Problem], sampler: Sampler, tokenizer: PreTrainedTokenizerBase
) -> list[Experience]:
    """One reference solution per problem (when it has one), as a cross-entropy target after the prompt."""
    eos = tokenizer.eos_token_id
    out = []
    for p in problems:
        if p.solutions:
            target = tokenizer(
                f"```python\n{p.solutions[0].strip()}\n```", add_special_tokens=False
            ).input_ids
            out.append(Experience(p.id, sampler.prompt_ids(p), target + [eos], [], kind="sft"))
    return out
