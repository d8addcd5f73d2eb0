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
    mask_error: str = ""  # why no token mask could be built (the sample is then scored coarsely)


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

    `extracted` must come from `tokenizer.decode(token_ids, skip_special_tokens=True)`; this is checked. When
    the penalties cannot be placed on the sampled tokens with certainty (ids the tokenizer cannot spell as
    bytes, text that does not match them), the sample keeps its sequence reward and gets no token penalty:
    `mask_error` says why, and one odd sample never stops a run.
    """
    fine = classify(verdict, extracted.code, truncated=truncated, cfg=cfg)
    mask, mask_error = [0.0] * len(token_ids), ""
    if cfg.fine_grained and fine.category is not Category.IGNORE:
        try:
            completion, spans = decode_with_spans(tokenizer, token_ids)
            check_extracted(extracted, completion)
            mask = penalty_mask(spans, extracted, fine.category, fine.line)
        except ValueError as e:
            mask_error = str(e)
    return Scored(
        reward(verdict, cfg), mask, fine.category, fine.line, outcome_of(verdict), fine.reason, mask_error
    )
