"""RLTF's multi-granularity feedback: verdict -> sequence reward, fine-grained category, per-token penalty mask.

Pure functions (no I/O); `python -m rltf.feedback explain` shows all of it for one program.
"""

from rltf.feedback.categories import Category, FineGrained, classify
from rltf.feedback.config import RewardConfig
from rltf.feedback.masks import decode_with_spans, penalty_mask, token_char_spans
from rltf.feedback.passk import pass_at_k, pass_at_k_report
from rltf.feedback.rewards import JudgeFailed, Outcome, adaptive_reward, coarse_reward, outcome_of, reward
from rltf.feedback.score import Scored, score

__all__ = [
    "Category",
    "FineGrained",
    "JudgeFailed",
    "Outcome",
    "RewardConfig",
    "Scored",
    "adaptive_reward",
    "classify",
    "coarse_reward",
    "decode_with_spans",
    "outcome_of",
    "pass_at_k",
    "pass_at_k_report",
    "penalty_mask",
    "reward",
    "score",
    "token_char_spans",
]
