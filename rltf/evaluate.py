"""Offline pass@k evaluation: sample every problem n times, judge every program, report pass@k per difficulty.

Results stream into `<out_dir>/samples.jsonl` one problem at a time (all n samples of a problem in one
append), so an interrupted run resumes where it stopped: problems already in the file are not sampled again,
and a torn last write is cut off. `evaluate` works with any sampler that has `generate(problems, n=...)`
(the vLLM Sampler, or a fake in tests), so the trainer reuses it for held-out pass@1.
"""

from __future__ import annotations

import json
import logging
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from rltf.data.schema import Problem
from rltf.feedback.passk import pass_at_k_report
from rltf.report import Bar
from rltf.rollout.judging import Judged, judge_stream
from rltf.rollout.sample import Sample
from sandbox_runner.judge import Judge
from sandbox_runner.schema import Limits, Status, StopPolicy

log = logging.getLogger(__name__)

SAMPLES = "samples.jsonl"


class SampleSource(Protocol):
    def generate(
        self, problems: Sequence[Problem], n: int | None = None, greedy: bool | None = None
    ) -> Iterator[Sample]: ...


@dataclass
class EvalConfig:
    n: int = 10  # samples per problem
    ks: list[int] = field(default_factory=lambda: [1, 10])
    limits: Limits = field(default_factory=lambda: Limits(stop=StopPolicy.FIRST_FAILURE))
    progress: bool = True
    greedy: bool = False  # one argmax sample per problem (n must be 1): deterministic pass@1, as EvalPlus
    label: str = ""  # the held-out set's name, recorded as "set" in every sample (rltf.compare groups by it)

    def __post_init__(self) -> None:
        if self.greedy and self.n != 1:
            raise ValueError(f"greedy evaluation draws one sample per problem; n must be 1, got {self.n}")


@dataclass
class Report:
    pass_at_k: dict[str, dict[int, float]]  # group ("all", or a difficulty) -> k -> mean pass@k
    group_sizes: dict[str, int]  # group -> problems in it
    problems: int
    samples: int
    outcomes: dict[str, int]  # verdict outcome -> count over all samples
    resumed: int  # problems taken from an earlier run's samples.jsonl
    unjudged: int = 0  # problems with a sample the judge could not run: counted failed, not saved (rerun retries)
    cached: int = 0  # of `resumed`, problems restored from the evaluation cache (rltf.eval_sets)


def _record(j: Judged, index: int, n: int, p: Problem, label: str) -> dict:
    s = j.sample
    return {
        "problem_id": s.problem_id,
        "set": label,
        "source": p.source,
        "difficulty": p.difficulty,
        "index": index,
        "n": n,
        "greedy": s.greedy,
        "finish_reason": s.finish_reason,
        "n_tokens": len(s.token_ids),
        "text": s.text,
        "code": j.extracted.code,
        "verdict": j.verdict.to_dict(),
    }


def load_finished(path: Path, n: int, greedy: bool | None = None) -> dict[str, list[dict]]:
    """Records of problems completed by an earlier run; cuts the file after its last complete problem.

    Each problem's n records are appended in one write, so only the tail can be incomplete (a crash mid-write):
    a torn line, or fewer than n records of the last problem. Both are removed so the file stays consistent.
    `greedy` (when given) must match how the records were drawn: greedy and sampled pass@1 do not mix.
    """
    done: dict[str, list[dict]] = {}
    if not path.exists():
        return done
    good_end, group = 0, []
    with path.open("rb") as f:
        for line in f:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                break
            if not line.endswith(b"\n"):
                break
            if rec["n"] != n:
                raise ValueError(
                    f"{path} holds samples drawn with n={rec['n']}, not n={n}; use another out_dir"
                )
            if greedy is not None and rec["greedy"] != greedy:
                raise ValueError(
                    f"{path} holds {'greedy' if rec['greedy'] else 'sampled'} samples; this evaluation is "
                    f"{'greedy' if greedy else 'sampled'}: use another out_dir"
                )
            group.append(rec)
            if len(group) == n:
                if len({r["problem_id"] for r in group}) != 1:
                    raise ValueError(f"{path}: records of several problems interleave near byte {good_end}")
                done[group[0]["problem_id"]] = group
                good_end, group = f.tell(), []
    if good_end < path.stat().st_size:
        log.warning("%s: dropping %d bytes of an interrupted write", path, path.stat().st_size - good_end)
        with path.open("r+b") as f:
            f.truncate(good_end)
    return done


def evaluate(
    problems: Sequence[Problem], sampler: SampleSource, judge: Judge, cfg: EvalConfig, out_dir: str | Path
) -> Report:
    """Sample, judge and score `problems`, resuming from `out_dir`; writes samples.jsonl, summary.md, pass_at_k.png."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    ks = [k for k in cfg.ks if k <= cfg.n]
    if ks != list(cfg.ks):
        log.warning("pass@k for k > n=%d is undefined; reporting k in %s", cfg.n, ks)
    by_id = {p.id: p for p in problems}
    done = {
        pid: recs for pid, recs in load_finished(out / SAMPLES, cfg.n, cfg.greedy).items() if pid in by_id
    }
    todo = [p for p in problems if p.id not in done]

    pending: dict[str, list[Judged]] = defaultdict(list)
    unjudged: dict[str, str] = {}  # problem id -> the judge's failure message
    bar = Bar("eval", total=len(problems) * cfg.n, completed=len(done) * cfg.n, enabled=cfg.progress)
    with (out / SAMPLES).open("a") as f:
        # Greedy: the sampler's one argmax sample per problem and no sampled ones.
        stream = sampler.generate(todo, n=0 if cfg.greedy else cfg.n, greedy=cfg.greedy)
        for j in judge_stream(stream, by_id, judge, cfg.limits):
            group = pending[j.sample.problem_id]
            group.append(j)
            bar.update(1)
            if len(group) == cfg.n:
                p = by_id[j.sample.problem_id]
                recs = [_record(g, i, cfg.n, p, cfg.label) for i, g in enumerate(pending.pop(p.id))]
                failed = [g.verdict for g in group if g.verdict.outcome is Status.INTERNAL_ERROR]
                if failed:  # the judge's failure, not the model's: keep it out of the resume file
                    unjudged[p.id] = failed[0].tests[0].message if failed[0].tests else "internal error"
                    continue
                f.write("".join(json.dumps(r) + "\n" for r in recs))
                f.flush()
                done[p.id] = recs
    bar.close()
    if pending:
        raise RuntimeError(f"the sampler returned fewer than n={cfg.n} samples for {sorted(pending)[:5]}")
    if unjudged:
        if len(unjudged) == len(todo):
            raise RuntimeError(f"the judge failed on every problem, e.g. {next(iter(unjudged.values()))}")
        log.warning(
            "%d problems could not be judged (e.g. %s: %s); they count as failed here, and a rerun with the "
            "same out_dir judges them again",
            len(unjudged),
            *next(iter(unjudged.items())),
        )

    counts = {
        pid: (len(recs), sum(r["verdict"]["outcome"] == Status.PASSED for r in recs))
        for pid, recs in done.items()
    }
    outcomes = Counter(r["verdict"]["outcome"] for recs in done.values() for r in recs)
    groups = {p.id: p.difficulty for p in problems}
    report = Report(
        pass_at_k=pass_at_k_report(counts, groups, ks),
        group_sizes={"all": len(problems), **Counter(g for g in groups.values() if g)},
        problems=len(problems),
        samples=sum(len(recs) for recs in done.values()),
        outcomes=dict(outcomes.most_common()),
        resumed=len(problems) - len(todo),
        unjudged=len(unjudged),
    )
    (out / "report.json").write_text(json.dumps(asdict(report), indent=1))
    (out / "summary.md").write_text(summary_markdown(report, cfg))
    plot(report, out / "pass_at_k.png")
    return report


def summary_markdown(report: Report, cfg: EvalConfig) -> str:
    ks = sorted({k for row in report.pass_at_k.values() for k in row})
    lines = [
        f"# Evaluation{' of ' + cfg.label if cfg.label else ''}: {report.problems} problems x "
        + ("1 greedy sample" if cfg.greedy else f"{cfg.n} samples"),
        "",
        "| group | problems | " + " | ".join(f"pass@{k}" for k in ks) + " |",
        "|---|---|" + "---|" * len(ks),
    ]
    for group, row in report.pass_at_k.items():
        cells = " | ".join(f"{100 * row[k]:.1f}%" for k in ks)
        lines.append(f"| {group} | {report.group_sizes[group]} | {cells} |")
    lines += ["", "| outcome | samples |", "|---|---|"]
    lines += [f"| {o} | {c} |" for o, c in report.outcomes.items()]
    lines += [
        "",
        f"Limits per test: {cfg.limits.time_s} s, {cfg.limits.memory_mb} MB; stop: {cfg.limits.stop}.",
    ]
    if report.resumed:
        lines.append(f"{report.resumed} problems were resumed from an earlier run's samples.jsonl.")
    return "\n".join(lines) + "\n"


def plot(report: Report, path: Path) -> None:
    """Grouped bars: one group per difficulty (and "all"), one bar per k."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = list(report.pass_at_k)
    ks = sorted({k for row in report.pass_at_k.values() for k in row})
    width = 0.8 / max(len(ks), 1)
    fig, ax = plt.subplots(figsize=(1.6 + 1.4 * len(groups), 3.5))
    for i, k in enumerate(ks):
        xs = [g + i * width for g in range(len(groups))]
        ax.bar(xs, [100 * report.pass_at_k[g][k] for g in groups], width, label=f"pass@{k}")
    ax.set_xticks([g + width * (len(ks) - 1) / 2 for g in range(len(groups))], groups)
    ax.set_ylabel("% of problems")
    ax.set_ylim(0, 100)
    ax.legend()
    ax.set_title(f"pass@k, {report.problems} problems")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def setup_from_config(cfg) -> tuple[EvalConfig, Any, Any, Any]:
    """conf/eval.yaml's evaluation config, rollout config, prompt config and judge (sandbox) config."""
    from rltf.config import from_node, sandbox_from_node
    from rltf.data.prompts import PromptConfig
    from rltf.rollout import RolloutConfig

    rollout = from_node(RolloutConfig, cfg.rollout, "rollout")
    sandbox = sandbox_from_node(cfg.sandbox)
    greedy = bool(cfg.get("greedy", False))
    ecfg = EvalConfig(
        n=1 if greedy else rollout.n,
        ks=[1] if greedy else list(cfg.ks),
        limits=sandbox.limits.for_evaluation(),
        greedy=greedy,
    )
    return ecfg, rollout, from_node(PromptConfig, cfg.data.prompt, "data.prompt"), sandbox


def run_from_config(cfg) -> Report:
    """launch/eval.py's body: build the model, sampler, judge and problems that `cfg` (conf/eval.yaml) names."""
    from omegaconf import OmegaConf

    from rltf.data import load_config
    from rltf.models import resolve_model
    from rltf.rollout import Sampler

    ecfg, rollout, prompt, sandbox = setup_from_config(cfg)
    data = OmegaConf.merge(cfg.data, {"eval_split": cfg.split, "eval_limit": cfg.limit})
    problems = load_config(data, split_key="eval_split", limit_key="eval_limit")
    if not problems:
        raise ValueError(f"data set {cfg.data.name!r} split {cfg.split!r} has no problems")
    sampler = Sampler(resolve_model(cfg.model.path or cfg.model.name), rollout, prompt)
    judge = sandbox.connect()
    try:
        return evaluate(problems, sampler, judge, ecfg, cfg.out_dir)
    finally:
        judge.close()
