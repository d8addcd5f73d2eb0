"""Paired comparison of two evaluations: did B solve more problems than A, and is the difference real?

    python -m rltf.compare RUN_A RUN_B [--out DIR] [--resamples 10000] [--seed 0]

RUN_A and RUN_B are evaluation outputs: a samples.jsonl written by rltf.evaluate, or a directory searched
recursively for them (a trainer's eval/iter_N/ holds one per rank and held-out set). For every set (the
record's "set", else its data set), and per difficulty within a set when the problems have one, it reports
pass@1 of each side (the unbiased estimate c/n per problem, averaged), the difference B - A with a 95% paired
bootstrap confidence interval over problems, the problems gained and lost, and the outcome of every sample.
A problem missing from one side counts as failed there (outcome "missing"), so a cut-short run is not
flattered; the table says how many were missing.

The bootstrap is paired: each resample draws problems with replacement and takes both sides' scores of the
same problems, so the CI reflects problem-to-problem variation of the *difference*, which is much narrower
than that of either pass@1 when the two models agree on most problems.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from rltf.evaluate import SAMPLES

# Per-sample outcome buckets, in report order. "truncated": a failed program whose generation was cut by the
# token limit (the cut is the likelier cause than whatever the judge saw in the unfinished program).
OUTCOMES = ("passed", "wrong_answer", "runtime_error", "syntax_error", "timeout", "truncated", "judge_error")
_BUCKET = {
    "passed": "passed",
    "wrong_answer": "wrong_answer",
    "runtime_error": "runtime_error",
    "memory_limit": "runtime_error",
    "output_limit": "runtime_error",
    "sandbox_violation": "runtime_error",
    "syntax_error": "syntax_error",
    "timeout": "timeout",
    "internal_error": "judge_error",
}


def outcome(record: dict) -> str:
    """The bucket of one samples.jsonl record (see OUTCOMES)."""
    status = record["verdict"]["outcome"]
    if status not in _BUCKET:
        raise ValueError(f"sample of {record.get('problem_id')!r}: unknown verdict outcome {status!r}")
    if status != "passed" and record.get("finish_reason") == "length":
        return "truncated"
    return _BUCKET[status]


@dataclass
class ProblemResult:
    """One problem's samples on one side."""

    problem_id: str
    group: str  # the set (or data set) it belongs to
    difficulty: str
    samples: int
    passed: int
    outcomes: Counter

    @property
    def pass1(self) -> float:
        return self.passed / self.samples


def group_of(record: dict) -> str:
    """The set a record belongs to: its "set" (a named held-out set), else "source", else the id's prefix."""
    return record.get("set") or record.get("source") or record["problem_id"].split("/", 1)[0]


def problem_results(records: Iterable[dict]) -> dict[str, ProblemResult]:
    """Records grouped per problem; keyed by "<group>:<problem_id>" so one id in two sets stays two rows."""
    out: dict[str, ProblemResult] = {}
    for r in records:
        g = group_of(r)
        k = f"{g}:{r['problem_id']}"
        pr = out.setdefault(k, ProblemResult(r["problem_id"], g, r.get("difficulty") or "", 0, 0, Counter()))
        o = outcome(r)
        pr.samples += 1
        pr.passed += o == "passed"
        pr.outcomes[o] += 1
    return out


def load_records(path: str | Path) -> list[dict]:
    """Every record of an evaluation: a samples.jsonl file, or all samples.jsonl under a directory."""
    p = Path(path)
    if p.is_dir():
        files = sorted(p.rglob(SAMPLES))
        if not files:
            raise FileNotFoundError(f"{p}: no {SAMPLES} under this directory (is it an evaluation output?)")
    elif p.is_file():
        files = [p]
    else:
        raise FileNotFoundError(f"{p}: no such file or directory")
    records = []
    for f in files:
        with f.open() as fh:
            for i, line in enumerate(fh, 1):
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as e:
                    raise ValueError(f"{f}:{i}: not a JSON line ({e.msg})") from None
                for key in ("problem_id", "verdict"):
                    if key not in rec:
                        raise ValueError(f"{f}:{i}: record has no {key!r}; not an rltf.evaluate sample")
                records.append(rec)
    if not records:
        raise ValueError(f"{path}: the evaluation holds no samples")
    return records


@dataclass
class Row:
    """One line of the comparison table: a set, or a difficulty within it ("set/difficulty")."""

    group: str
    problems: int
    pass_a: float
    pass_b: float
    diff: float  # pass_b - pass_a
    ci_low: float  # 95% paired bootstrap CI of diff
    ci_high: float
    gained: int  # no sample passed in A, at least one in B
    lost: int  # at least one sample passed in A, none in B
    missing_a: int  # problems only B evaluated (counted as failed in A)
    missing_b: int
    outcomes_a: dict[str, int] = field(default_factory=dict)  # per sample; "missing": one per absent problem
    outcomes_b: dict[str, int] = field(default_factory=dict)


@dataclass
class Comparison:
    a: str  # labels (the paths compared)
    b: str
    rows: list[Row]
    resamples: int
    seed: int

    def to_dict(self) -> dict:
        return asdict(self)


def paired_bootstrap(
    a: Sequence[float], b: Sequence[float], resamples: int = 10_000, seed: int = 0
) -> tuple[float, float]:
    """95% percentile CI of mean(b - a), resampling problems (pairs) with replacement."""
    d = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    if d.size == 0:
        return 0.0, 0.0
    rng = np.random.default_rng(seed)
    means = np.empty(resamples)
    step = max(1, 4_000_000 // d.size)  # bounded memory: at most ~4M indices at once
    for start in range(0, resamples, step):
        k = min(step, resamples - start)
        means[start : start + k] = d[rng.integers(0, d.size, size=(k, d.size))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def _row(
    group: str,
    keys: list[str],
    a: dict[str, ProblemResult],
    b: dict[str, ProblemResult],
    resamples: int,
    seed: int,
) -> Row:
    sa = [a[k].pass1 if k in a else 0.0 for k in keys]
    sb = [b[k].pass1 if k in b else 0.0 for k in keys]
    low, high = paired_bootstrap(sa, sb, resamples, seed)

    def outcomes(side: dict[str, ProblemResult]) -> dict[str, int]:
        c: Counter = Counter()
        for k in keys:
            if k in side:
                c.update(side[k].outcomes)
            else:
                c["missing"] += 1
        return {o: c[o] for o in (*OUTCOMES, "missing") if c[o]}

    return Row(
        group=group,
        problems=len(keys),
        pass_a=float(np.mean(sa)),
        pass_b=float(np.mean(sb)),
        diff=float(np.mean(sb) - np.mean(sa)),
        ci_low=low,
        ci_high=high,
        gained=sum(x == 0 < y for x, y in zip(sa, sb, strict=True)),
        lost=sum(y == 0 < x for x, y in zip(sa, sb, strict=True)),
        missing_a=sum(k not in a for k in keys),
        missing_b=sum(k not in b for k in keys),
        outcomes_a=outcomes(a),
        outcomes_b=outcomes(b),
    )


def compare(
    records_a: Iterable[dict],
    records_b: Iterable[dict],
    label_a: str = "A",
    label_b: str = "B",
    resamples: int = 10_000,
    seed: int = 0,
) -> Comparison:
    """The comparison table as data: one row per set (plus "all" over several sets, and one per difficulty
    within a set that has more than one), over the union of both sides' problems."""
    if resamples < 1:
        raise ValueError(f"resamples must be >= 1, got {resamples}")
    a, b = problem_results(records_a), problem_results(records_b)
    both = {**b, **a}  # group and difficulty of every problem, from whichever side has it
    by_group: dict[str, list[str]] = defaultdict(list)
    by_level: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in sorted(both):
        by_group[both[k].group].append(k)
        if both[k].difficulty:
            by_level[both[k].group, both[k].difficulty].append(k)
    rows = []
    if len(by_group) > 1:
        rows.append(_row("all", sorted(both), a, b, resamples, seed))
    for g, keys in by_group.items():
        rows.append(_row(g, keys, a, b, resamples, seed))
        levels = sorted(lv for (gg, lv) in by_level if gg == g)
        if len(levels) > 1:
            rows += [_row(f"{g}/{lv}", by_level[g, lv], a, b, resamples, seed) for lv in levels]
    return Comparison(label_a, label_b, rows, resamples, seed)


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _counts(d: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items()) or "-"


def markdown(c: Comparison) -> str:
    """The comparison as markdown: the pass@1 table, then the per-outcome counts before and after."""
    lines = [
        f"A: {c.a}",
        f"B: {c.b}",
        "",
        "| set | problems | pass@1 A % | pass@1 B % | B - A (pp) | 95% CI (pp) | gained | lost | missing A/B |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in c.rows:
        lines.append(
            f"| {r.group} | {r.problems} | {_pct(r.pass_a)} | {_pct(r.pass_b)} | {100 * r.diff:+.1f} "
            f"| [{100 * r.ci_low:+.1f}, {100 * r.ci_high:+.1f}] | {r.gained} | {r.lost} "
            f"| {r.missing_a}/{r.missing_b} |"
        )
    lines += ["", "| set | outcomes A (samples) | outcomes B (samples) |", "|---|---|---|"]
    lines += [f"| {r.group} | {_counts(r.outcomes_a)} | {_counts(r.outcomes_b)} |" for r in c.rows]
    lines += [
        "",
        f"CI: paired bootstrap over problems, {c.resamples} resamples, seed {c.seed}. "
        "Gained: no sample passed in A, one did in B; lost: the reverse. "
        "A problem missing from one side counts as failed there.",
    ]
    return "\n".join(lines) + "\n"


def plot(c: Comparison, path: str | Path) -> Path:
    """Left: pass@1 of A and B per row; right: B - A with its 95% CI (a CI clear of 0 is a real change)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = [r.group for r in c.rows]
    ys = np.arange(len(names))
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 1.2 + 0.45 * len(names)), sharey=True)
    left.barh(ys - 0.2, [100 * r.pass_a for r in c.rows], 0.4, label="A")
    left.barh(ys + 0.2, [100 * r.pass_b for r in c.rows], 0.4, label="B")
    left.set_yticks(ys, names)
    left.invert_yaxis()
    left.set_xlabel("pass@1 (%)")
    left.legend(loc="best", fontsize=8)
    for y, r in zip(ys, c.rows, strict=True):
        color = "tab:green" if r.ci_low > 0 else "tab:red" if r.ci_high < 0 else "tab:gray"
        err = [[100 * (r.diff - r.ci_low)], [100 * (r.ci_high - r.diff)]]
        right.errorbar([100 * r.diff], [y], xerr=err, fmt="o", color=color, capsize=4)
    right.axvline(0, color="black", lw=0.8)
    right.set_xlabel("B - A (pp), 95% paired CI")
    fig.suptitle(f"A: {c.a}\nB: {c.b}", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def write(c: Comparison, out: str | Path) -> dict[str, Path]:
    """comparison.md, comparison.json and comparison.png in `out`."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "comparison.md").write_text(markdown(c))
    (out / "comparison.json").write_text(json.dumps(c.to_dict(), indent=1))
    return {
        "markdown": out / "comparison.md",
        "json": out / "comparison.json",
        "plot": plot(c, out / "comparison.png"),
    }


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m rltf.compare", description=__doc__.split("\n\n")[0])
    ap.add_argument("run_a", help="evaluation A (the baseline): samples.jsonl or a directory of them")
    ap.add_argument("run_b", help="evaluation B: samples.jsonl or a directory of them")
    ap.add_argument("--out", help="write comparison.{md,json,png} here (default: only print the table)")
    ap.add_argument("--resamples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    c = compare(
        load_records(args.run_a), load_records(args.run_b), args.run_a, args.run_b, args.resamples, args.seed
    )
    print(markdown(c), end="")
    if args.out:
        paths = write(c, args.out)
        print(f"written: {', '.join(str(p) for p in paths.values())}")


if __name__ == "__main__":
    main()
