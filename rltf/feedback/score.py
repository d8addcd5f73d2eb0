"""The one call the trainer makes per sample: verdict + sampled tokens -> reward, token mask, category."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rltf.feedback.categories import Category, classify
from rltf.feedback.config import RewardConfig
from rltf.feedback.masks import check_extracted, decode_with_spans, penalty_mask
from rltf.feedback.rewards import Outcome, outcome_of, reward
from sandbox_runner.schema import Verdict

if TYPE_CHECKING:
    from rltf.data.extract import Extracted


@dataclass(frozen=True)
class Scored:
    reward: float  # sequence reward R (adaptive or coarse)
    penalty_mask: list[float]  # m_t per sampled token; the loss uses A_t = (R - b) - cfg.fine_penalty * m_t
    category: Category
    line: int | None  # 1-based line of the extracted code for LINE
    outcome: Outcome
    reason: str = ""


def score(
    verdict: Verdict,
    extracted: Extracted,
    token_ids: Sequence[int],
    tokenizer,
    *,
    truncated: bool,
    cfg: RewardConfig,
) -> Scored:
    """Score one sample. Raises JudgeFailed (drop the sample) when the judge itself failed.

    `extracted` must come from `tokenizer.decode(token_ids, skip_special_tokens=True)`; this is checked.
    """
    fine = classify(verdict, extracted.code, truncated=truncated, cfg=cfg)
    if cfg.fine_grained and fine.category is not Category.IGNORE:
        completion, spans = decode_with_spans(tokenizer, token_ids)
        check_extracted(extracted, completion)
        mask = penalty_mask(spans, extracted, fine.category, fine.line)
    else:
        mask = [0.0] * len(token_ids)
    return Scored(reward(verdict, cfg), mask, fine.category, fine.line, outcome_of(verdict), fine.reason)
