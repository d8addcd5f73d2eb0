"""Per-iteration metrics: the record written per iteration, JSONL + TensorBoard, and the PNG plot.

Each rank measures raw counts and seconds; `rltf.dist.reduce` sums the counts and takes the slowest rank's
times, and `summarise` turns the totals into the rates and fractions people read.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

OUTCOMES = ("pass", "fail", "runtime", "timeout", "syntax")
CATEGORIES = ("line", "global", "ignore")
PHASES = ("sample", "judge", "score", "learn", "sync")


def summarise(t: dict[str, float], iteration: int) -> dict[str, float]:
    """Totals over all ranks -> the record written per iteration."""
    n = max(t.get("samples", 0), 1)
    rec: dict[str, float] = {"iteration": iteration, "samples": t.get("samples", 0)}
    rec["reward_mean"] = t.get("reward_sum", 0.0) / n
    rec["pass_rate"] = t.get("outcome_pass", 0) / n
    rec["signal_share"] = t.get("signal_samples", 0) / n  # samples with a non-zero advantage on some token
    for o in OUTCOMES:
        rec[f"outcome_{o}"] = t.get(f"outcome_{o}", 0) / n
    for c in CATEGORIES:
        rec[f"category_{c}"] = t.get(f"category_{c}", 0)
    ranks = max(t.get("ranks", 1), 1)
    for k in ("loss", "loss_rl", "loss_sft", "loss_kl", "lr", "grad_norm"):
        rec[k] = t.get(k, 0.0) / ranks  # each rank reports its own value; show the mean
    rec["logprob_gap"] = t.get("logprob_gap_sum", 0.0) / max(t.get("logprob_gap_tokens", 0), 1)
    for p in PHASES:
        rec[f"time_{p}"] = t.get(f"time_{p}", 0.0)
    rec["time_total"] = t.get("time_total", 0.0)
    rec["gen_tok_s"] = t.get("gen_tokens", 0) / max(t.get("time_sample", 0.0), 1e-9)
    # judging overlaps generation, so the phase's wall time (time_judge: only the wait after generation) says
    # nothing about the judge's speed: report its own time per program (W workers: W * 1000 / judge_ms per s)
    rec["judge_ms"] = 1000 * t.get("judge_busy_s", 0.0) / max(t.get("judged", 0), 1)
    rec["train_tok_s"] = t.get("train_tokens", 0) / max(t.get("time_learn", 0.0), 1e-9)
    rec["sync_s"] = t.get("time_sync", 0.0)
    rec["samples_s"] = t.get("samples", 0) / max(t.get("time_total", 0.0), 1e-9)
    for k in (
        "dropped",
        "unscored",
        "coarse_only",
    ):  # odd samples: the judge failed / scoring failed / no mask
        rec[k] = t.get(k, 0)
    # learner CPU use: process CPU seconds per wall second while learning (cores busy; 2 cores -> up to 2)
    rec["learn_cpu_util"] = t.get("cpu_learn", 0.0) / max(t.get("time_learn", 0.0), 1e-9) / ranks
    rec["learn_threads"] = t.get("learn_threads", 0) / ranks
    return rec


def count_outcomes(outcomes: list[str], categories: list[str]) -> dict[str, float]:
    c = Counter(f"outcome_{o}" for o in outcomes) + Counter(f"category_{c}" for c in categories)
    return {k: float(v) for k, v in c.items()}


class MetricsWriter:
    """metrics.jsonl (one record per iteration, evals as {"eval": ...}) and TensorBoard scalars."""

    def __init__(self, out_dir: Path):
        from torch.utils.tensorboard import SummaryWriter

        self.path = out_dir / "metrics.jsonl"
        out_dir.mkdir(parents=True, exist_ok=True)
        self.tb = SummaryWriter(str(out_dir / "tensorboard"))

    def write(self, record: dict, step: int, prefix: str = "train") -> None:
        with self.path.open("a") as f:
            f.write(json.dumps(record) + "\n")
        for k, v in record.items():
            if isinstance(v, int | float) and k != "iteration":
                self.tb.add_scalar(f"{prefix}/{k}", v, step)
        self.tb.flush()

    def close(self) -> None:
        self.tb.close()


def set_names(ev: dict) -> list[str]:
    """The held-out sets of an evaluation record (rltf.heldout: "pass@1/<set>" keys), in config order."""
    return [k.split("/", 1)[1] for k in ev if k.startswith("pass@1/")]


def plot(history: list[dict], evals: list[dict], path: Path) -> Path:
    """Reward, pass rate and held-out pass@1 (over all problems and per set) over iterations in one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(13, 3.6))
    its = [r["iteration"] for r in history]
    axes[0].plot(its, [r["reward_mean"] for r in history], marker=".")
    axes[0].set_title("mean reward (training samples)")
    axes[1].plot(its, [r["pass_rate"] for r in history], marker=".", color="tab:green")
    axes[1].set_title("pass rate (training samples)")
    at = [e["iteration"] for e in evals]
    axes[2].plot(at, [e["pass@1"] for e in evals], marker="o", color="black", label="all")
    for name in set_names(evals[-1]) if evals else []:
        axes[2].plot(at, [e.get(f"pass@1/{name}", float("nan")) for e in evals], marker=".", label=name)
    axes[2].legend(fontsize=8)
    axes[2].set_title("held-out pass@1")
    for ax in axes:
        ax.set_xlabel("iteration")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
