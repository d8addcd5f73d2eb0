"""What HTTP costs: the same work judged in-process (LocalJudge) and through the daemon (JudgeClient ->
`python -m sandbox_runner serve`), one after the other in one run, with the same number of workers.

The work is every MBPP reference solution (974 programs, 3 asserts each) from $RLTF_DATA_DIR (default
../shared/data). Prints programs/s for each path and their ratio.

    .venv/bin/python bench/judge_server.py [--workers N] [--repeat R] [--batch-size B]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "sandbox"))  # the tests' daemon launcher

from judge_daemon import Daemon  # noqa: E402

from rltf.data import load  # noqa: E402
from sandbox_runner import Job, Judge, JudgeClient, LocalJudge, judge  # noqa: E402


def mbpp_jobs(data_dir: Path) -> list[Job]:
    path = data_dir / "mbpp" / "mbpp.jsonl"
    problems = [p for split in ("prompt", "test", "validation", "train") for p in load("mbpp", split, path)]
    return [Job(code=p.solutions[0], tests=p.tests, id=p.id) for p in problems]


def timed(j: Judge, jobs: list[Job]) -> tuple[float, int]:
    judge(j, jobs[:50])  # warm-up: first forks, first connections
    t0 = time.perf_counter()
    verdicts = judge(j, jobs)
    return time.perf_counter() - t0, sum(v.outcome == "passed" for v in verdicts)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--workers", type=int, default=os.cpu_count())
    p.add_argument("--repeat", type=int, default=1, help="judge the 974 programs this many times")
    p.add_argument("--batch-size", type=int, default=64, help="JudgeClient jobs per request")
    args = p.parse_args()
    data_dir = Path(os.environ.get("RLTF_DATA_DIR", REPO.parent / "shared" / "data"))
    jobs = mbpp_jobs(data_dir) * args.repeat
    print(f"{len(jobs)} MBPP reference programs, {args.workers} workers, client batches of {args.batch_size}")

    with LocalJudge(workers=args.workers) as local:
        local_s, local_ok = timed(local, jobs)
    with Daemon(workers=args.workers) as d, JudgeClient(d.url, batch_size=args.batch_size) as client:
        http_s, http_ok = timed(client, jobs)

    rows = [("LocalJudge (in-process)", local_s, local_ok), ("JudgeClient -> daemon (HTTP)", http_s, http_ok)]
    print(f"{'path':32} {'seconds':>8} {'programs/s':>11} {'passed':>7}")
    for name, s, ok in rows:
        print(f"{name:32} {s:8.2f} {len(jobs) / s:11.0f} {ok:7d}")
    print(f"HTTP / in-process throughput: {local_s / http_s:.2f}x")


if __name__ == "__main__":
    main()
