"""rltf.compare on synthetic samples files whose answers are known: pass@1, paired CIs, gains, outcomes, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rltf.compare import compare, load_records, main, markdown, outcome, paired_bootstrap, write


def rec(
    pid: str, status: str, *, set_: str = "", difficulty: str = "", finish: str = "stop", n: int = 1
) -> dict:
    return {
        "problem_id": pid,
        "set": set_,
        "source": pid.split("/")[0],
        "difficulty": difficulty,
        "n": n,
        "greedy": n == 1,
        "finish_reason": finish,
        "verdict": {"outcome": status},
    }


def write_samples(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def run(statuses: dict[str, str], **kw) -> list[dict]:
    return [rec(pid, st, **kw) for pid, st in statuses.items()]


def test_identical_runs_differ_by_zero_with_a_zero_width_ci():
    a = run({f"s/{i}": "passed" if i % 3 else "wrong_answer" for i in range(30)})
    (row,) = compare(a, a).rows
    assert row.problems == 30 and row.pass_a == row.pass_b == pytest.approx(20 / 30)
    assert (row.diff, row.ci_low, row.ci_high, row.gained, row.lost) == (0.0, 0.0, 0.0, 0, 0)


def test_all_gained_has_a_ci_above_zero_and_counts_every_gain():
    a = run({f"s/{i}": "runtime_error" for i in range(20)})
    b = run({f"s/{i}": "passed" for i in range(20)})
    (row,) = compare(a, b).rows
    assert (row.pass_a, row.pass_b, row.diff) == (0.0, 1.0, 1.0)
    assert row.ci_low == row.ci_high == 1.0 and row.gained == 20 and row.lost == 0
    assert row.outcomes_a == {"runtime_error": 20} and row.outcomes_b == {"passed": 20}


def test_mixed_change_ci_matches_a_naive_bootstrap_and_straddles_zero():
    # 10 gained, 8 lost, 82 unchanged: +2 pp, well inside the noise of 100 problems.
    statuses_a = {f"s/{i:03d}": "passed" if 10 <= i < 18 or i >= 60 else "wrong_answer" for i in range(100)}
    statuses_b = {f"s/{i:03d}": "passed" if i < 10 or i >= 60 else "wrong_answer" for i in range(100)}
    (row,) = compare(run(statuses_a), run(statuses_b), resamples=4000, seed=3).rows
    assert (row.gained, row.lost, row.diff) == (10, 8, pytest.approx(0.02))
    assert row.ci_low < 0 < row.ci_high
    d = np.array(
        [(statuses_b[k] == "passed") - (statuses_a[k] == "passed") for k in sorted(statuses_a)], float
    )
    rng = np.random.default_rng(3)
    naive = [d[rng.integers(0, 100, 100)].mean() for _ in range(4000)]
    assert (row.ci_low, row.ci_high) == pytest.approx(tuple(np.percentile(naive, [2.5, 97.5])))
    # the normal approximation of the paired difference agrees on the CI's width
    half = 1.96 * d.std(ddof=1) / np.sqrt(100)
    assert row.ci_high - row.ci_low == pytest.approx(2 * half, rel=0.15)


def test_bootstrap_is_seeded_and_chunked_resampling_changes_nothing():
    a, b = np.zeros(50), (np.arange(50) % 4 == 0).astype(float)
    assert paired_bootstrap(a, b, 3000, seed=1) == paired_bootstrap(a, b, 3000, seed=1)
    assert paired_bootstrap(a, b, 3000, seed=1) != paired_bootstrap(a, b, 3000, seed=2)
    assert paired_bootstrap([], [], 100) == (0.0, 0.0)


def test_missing_problems_count_as_failed_on_that_side_and_are_reported():
    a = run({"s/1": "passed", "s/2": "passed"})
    b = run({"s/1": "passed", "s/2": "passed", "s/3": "passed", "s/4": "passed"})
    (row,) = compare(a, b).rows
    assert row.problems == 4 and row.pass_a == 0.5 and row.pass_b == 1.0 and row.gained == 2
    assert (row.missing_a, row.missing_b) == (2, 0)
    assert row.outcomes_a == {"passed": 2, "missing": 2}


def test_sampled_runs_use_the_per_problem_pass_ratio():
    a = [rec("s/1", "passed", n=4)] + [rec("s/1", "wrong_answer", n=4)] * 3  # 1/4
    b = [rec("s/1", "passed", n=2)] * 2  # n may differ between the sides
    (row,) = compare(a, b).rows
    assert (row.pass_a, row.pass_b, row.gained, row.lost) == (0.25, 1.0, 0, 0)


def test_rows_per_set_and_difficulty_with_an_overall_row():
    a = run({"he/1": "passed", "he/2": "syntax_error"}, set_="humaneval") + [
        rec("m/1", "wrong_answer", set_="mbpp", difficulty="easy"),
        rec("m/2", "timeout", set_="mbpp", difficulty="hard"),
    ]
    b = run({"he/1": "passed", "he/2": "passed"}, set_="humaneval") + [
        rec("m/1", "passed", set_="mbpp", difficulty="easy"),
        rec("m/2", "wrong_answer", set_="mbpp", difficulty="hard", finish="length"),
    ]
    rows = {r.group: r for r in compare(a, b).rows}
    assert list(rows) == ["all", "humaneval", "mbpp", "mbpp/easy", "mbpp/hard"]
    assert rows["all"].problems == 4 and rows["all"].gained == 2
    assert rows["mbpp/hard"].outcomes_a == {"timeout": 1} and rows["mbpp/hard"].outcomes_b == {"truncated": 1}
    assert rows["humaneval"].outcomes_a == {"passed": 1, "syntax_error": 1}


def test_outcome_buckets():
    assert outcome(rec("s/1", "memory_limit")) == "runtime_error"
    assert outcome(rec("s/1", "passed", finish="length")) == "passed"  # a cut after the code still passes
    assert outcome(rec("s/1", "syntax_error", finish="length")) == "truncated"
    with pytest.raises(ValueError, match="unknown verdict outcome 'exploded'"):
        outcome(rec("s/1", "exploded"))


def test_load_records_reads_a_directory_of_rank_files_and_names_bad_lines(tmp_path):
    write_samples(tmp_path / "run" / "rank_0" / "samples.jsonl", run({"s/1": "passed"}))
    write_samples(tmp_path / "run" / "rank_1" / "samples.jsonl", run({"s/2": "passed"}))
    assert {r["problem_id"] for r in load_records(tmp_path / "run")} == {"s/1", "s/2"}
    with pytest.raises(FileNotFoundError, match="nothing: no such file or directory"):
        load_records(tmp_path / "run" / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no samples.jsonl under this directory"):
        load_records(tmp_path / "empty")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(rec("s/1", "passed")) + "\n{oops\n")
    with pytest.raises(ValueError, match=r"bad.jsonl:2: not a JSON line"):
        load_records(bad)


def test_cli_prints_the_table_and_writes_markdown_json_and_plot(tmp_path, capsys):
    a = write_samples(tmp_path / "a" / "samples.jsonl", run({f"s/{i}": "wrong_answer" for i in range(10)}))
    b = write_samples(tmp_path / "b" / "samples.jsonl", run({f"s/{i}": "passed" for i in range(10)}))
    main([str(a), str(b.parent), "--out", str(tmp_path / "cmp"), "--resamples", "500"])
    printed = capsys.readouterr().out
    assert "| s | 10 | 0.0 | 100.0 | +100.0 | [+100.0, +100.0] | 10 | 0 | 0/0 |" in printed
    saved = json.loads((tmp_path / "cmp" / "comparison.json").read_text())
    assert saved["rows"][0]["gained"] == 10 and saved["resamples"] == 500
    assert (tmp_path / "cmp" / "comparison.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert (tmp_path / "cmp" / "comparison.md").read_text() == printed.split("written:")[0]


def test_markdown_lists_outcomes_before_and_after(tmp_path):
    c = compare(run({"s/1": "syntax_error"}), run({"s/1": "passed"}))
    text = markdown(c)
    assert "| s | syntax_error 1 | passed 1 |" in text
    assert write(c, tmp_path)["plot"].exists()
