"""Every verdict kind, the four formats, stop policies and line mapping, on hand-written programs."""

from __future__ import annotations

import concurrent.futures as cf
import os
import signal
import textwrap
import time

import pytest

from sandbox_runner import Job, Limits, LocalJudge, Status, StopPolicy, Verdict, judge
from sandbox_runner import Tests as Spec  # not `Tests`: pytest would try to collect it


@pytest.fixture(scope="module")
def lj():
    with LocalJudge(2) as j:
        yield j


def run(lj: LocalJudge, code: str, tests: Spec, **limits) -> Verdict:
    return lj.submit(Job(textwrap.dedent(code), tests, Limits(**limits))).result(timeout=120)


ADD = "def add(a, b):\n    return a + b\n"


def mbpp(*asserts: str, setup: str = "") -> Spec:
    return Spec("mbpp", asserts=list(asserts), setup=setup)


def test_mbpp_pass_and_wrong_answer_with_expected_and_got(lj):
    v = run(lj, ADD, mbpp("assert add(1, 2) == 3", "assert add(2, 2) == 5", "assert add(0, 0) == 0"))
    assert [t.status for t in v.tests] == [Status.PASSED, Status.WRONG_ANSWER, Status.PASSED]
    assert (v.outcome, v.passed, v.failed, v.total) == (Status.WRONG_ANSWER, 2, 1, 3)
    assert (v.tests[1].expected, v.tests[1].got) == ("5", "4")


def test_runtime_error_maps_to_the_candidates_line_and_frames(lj):
    code = """\
    import math

    def helper(x):
        return 10 // x

    def f(x):
        y = x - 1
        return helper(y)
    """
    v = run(lj, code, mbpp("assert f(2) == 10", "assert f(1) == 0"))
    assert v.outcome is Status.RUNTIME_ERROR and v.passed == 1
    err = v.first_error
    assert (err.index, err.error_type, err.message) == (
        1,
        "ZeroDivisionError",
        "integer division or modulo by zero",
    )
    assert (err.line, err.line_text) == (4, "return 10 // x")
    assert [(f.line, f.name) for f in err.traceback] == [(8, "f"), (4, "helper")]  # candidate frames only


def test_syntax_error_reports_the_parsers_line(lj):
    v = run(lj, "def f(x):\n    return (x +\n\ndef g():\n    pass\n", mbpp("assert f(1) == 1"))
    assert v.outcome is Status.SYNTAX_ERROR and v.total == 1
    err = v.tests[0]
    assert err.error_type == "SyntaxError" and err.line == 2 and err.line_text == "return (x +"


def test_indentation_error_is_a_syntax_error(lj):
    v = run(lj, "def f(x):\nreturn x\n", mbpp("assert f(1) == 1"))
    assert v.outcome is Status.SYNTAX_ERROR and v.tests[0].error_type == "IndentationError"


def test_module_level_error_is_a_runtime_error_on_its_line(lj):
    v = run(lj, "x = 1\ny = undefined_name + x\ndef f():\n    return 1\n", mbpp("assert f() == 1"))
    assert v.outcome is Status.RUNTIME_ERROR
    assert (v.tests[0].error_type, v.tests[0].line) == ("NameError", 2)


def test_timeout(lj):
    v = run(lj, "def f():\n    while True:\n        pass\n", mbpp("assert f() == 1"), time_s=0.5)
    assert v.outcome is Status.TIMEOUT and v.tests[0].status is Status.TIMEOUT


def test_sleeping_program_times_out_on_wall_clock(lj):
    v = run(lj, "import time\ndef f():\n    time.sleep(30)\n", mbpp("assert f() == 1"), time_s=0.5)
    assert v.outcome is Status.TIMEOUT


def test_memory_limit(lj):
    v = run(lj, "def f():\n    return len(bytearray(600 << 20))\n", mbpp("assert f() == 1"), memory_mb=256)
    assert v.outcome is Status.MEMORY_LIMIT and v.tests[0].error_type == "MemoryError"


def test_output_limit_on_endless_printing(lj):
    code = "def f():\n    while True:\n        print('spam' * 100)\n"
    v = run(lj, code, mbpp("assert f() == 1"), output_bytes=1 << 16, time_s=5)
    assert v.outcome is Status.OUTPUT_LIMIT


def test_output_limit_on_a_huge_return_value(lj):
    v = run(lj, "def f():\n    return 'x' * (1 << 20)\n", mbpp("assert f() == 'x'"), output_bytes=1 << 16)
    assert v.outcome is Status.OUTPUT_LIMIT


def test_sandbox_violation(lj):
    v = run(lj, "import os\ndef f():\n    os.fork()\n    return 1\n", mbpp("assert f() == 1"))
    assert v.outcome is Status.SANDBOX_VIOLATION


def test_stop_policies(lj):
    tests = mbpp(
        "assert add(1, 1) == 3", "assert add(1, 1) == 2", "assert add('a', 1) == 1", "assert add(2, 2) == 4"
    )
    first_error = run(lj, ADD, tests, stop=StopPolicy.FIRST_ERROR)
    assert [t.status for t in first_error.tests] == [Status.WRONG_ANSWER, Status.PASSED, Status.RUNTIME_ERROR]
    first_failure = run(lj, ADD, tests, stop=StopPolicy.FIRST_FAILURE)
    assert [t.status for t in first_failure.tests] == [Status.WRONG_ANSWER]
    never = run(lj, ADD, tests, stop=StopPolicy.NEVER)
    assert [t.status for t in never.tests] == [
        Status.WRONG_ANSWER,
        Status.PASSED,
        Status.RUNTIME_ERROR,
        Status.PASSED,
    ]
    assert all(v.total == 4 for v in (first_error, first_failure, never))


def test_never_resumes_after_a_test_that_killed_the_child(lj):
    code = "import os\ndef f(x):\n    if x == 1:\n        os._exit(0)\n    return x\n"
    v = run(lj, code, mbpp("assert f(0) == 0", "assert f(1) == 1", "assert f(2) == 2"), stop=StopPolicy.NEVER)
    assert [t.status for t in v.tests] == [Status.PASSED, Status.RUNTIME_ERROR, Status.PASSED]


def test_call_format_function_and_apps_wrapped_outputs(lj):
    code = "def f(xs):\n    return sorted(xs)\n"
    v = run(
        lj,
        code,
        Spec("call", fn_name="f", inputs=[[[3, 1, 2]], [[2, 1]], [[5]]], outputs=[[1, 2, 3], [[1, 2]], [4]]),
    )
    assert [t.status for t in v.tests] == [Status.PASSED, Status.PASSED, Status.WRONG_ANSWER]
    assert v.tests[2].got == "[5]"


def test_call_format_solution_class_and_float_tolerance(lj):
    code = """\
    from typing import List
    class Solution:
        def mean(self, xs: List[int]) -> float:
            return sum(xs) / len(xs)
    """
    v = run(lj, code, Spec("call", fn_name="mean", inputs=[[[1, 2]], [[1, 1, 2]]], outputs=[1.5, 1.3333333]))
    assert v.outcome is Status.PASSED


def test_stdio_tolerant_comparison_and_per_test_runs(lj):
    code = "n = int(input())\nprint(n * 2, '  ')\nprint(n / 3)\n\n"
    tests = Spec("stdio", inputs=["3\n", "1\n", "2\n"], outputs=["6\n1.0\n\n", "2\n0.333333333", "5\n0.67"])
    v = run(lj, code, tests, stop=StopPolicy.NEVER)
    assert [t.status for t in v.tests] == [Status.PASSED, Status.PASSED, Status.WRONG_ANSWER]
    assert v.tests[2].got.startswith("4")


def test_stdio_runtime_error_and_sys_exit(lj):
    code = (
        "import sys\nx = int(input())\nif x == 0:\n    print('zero')\n    sys.exit(0)\nprint(10 // (x - 1))\n"
    )
    v = run(
        lj, code, Spec("stdio", inputs=["0", "2", "1"], outputs=["zero", "10", "0"]), stop=StopPolicy.NEVER
    )
    assert [t.status for t in v.tests] == [Status.PASSED, Status.PASSED, Status.RUNTIME_ERROR]
    assert (v.tests[2].error_type, v.tests[2].line) == ("ZeroDivisionError", 6)


def test_check_format_splits_flat_asserts_into_tests(lj):
    check = """\
    METADATA = {}
    def check(candidate):
        assert candidate(1) == 2
        x = 5
        assert candidate(x) == 6
        assert abs(candidate(0.5) - 1.5) < 1e-9
        for i in range(3):
            assert candidate(i) == i + 1
        assert candidate(0) == 99
    """
    v = run(lj, "def inc(x):\n    return x + 1\n", Spec("check", check=textwrap.dedent(check), fn_name="inc"))
    assert v.total == 5 and v.passed == 4
    assert v.tests[-1].status is Status.WRONG_ANSWER and v.tests[-1].got == "1"


def test_check_format_with_solution_entry_and_setup_helpers(lj):
    setup = "from typing import List\ndef helper(xs):\n    return list(reversed(xs))\n"
    code = (
        setup + "class Solution:\n    def rev(self, xs: List[int]) -> List[int]:\n        return xs[::-1]\n"
    )
    check = "def check(candidate):\n    assert candidate([1, 2]) == helper([1, 2])\n    assert candidate([]) == []\n"
    v = run(lj, code, Spec("check", setup=setup, check=check, fn_name="Solution().rev"))
    assert v.outcome is Status.PASSED and v.passed == 2


def test_program_redefining_a_builtin_the_assert_uses(lj):
    code = "def sum(a, b):\n    return a * b\n"  # MBPP 126 defines its own `sum`
    v = run(lj, code, mbpp("assert sum(2, 3) == 6", "assert sum(2, 2) == 5"))
    assert [t.status for t in v.tests] == [Status.PASSED, Status.WRONG_ANSWER]


def test_mbpp_setup_runs_before_each_assert(lj):
    code = "class Pair:\n    def __init__(self, a, b):\n        self.a, self.b = a, b\ndef total(ps):\n    return sum(p.a + p.b for p in ps)\n"
    v = run(lj, code, mbpp("ps = [Pair(1, 2), Pair(3, 4)]\nassert total(ps) == 10"))
    assert v.outcome is Status.PASSED


def test_no_tests_checks_compilation_only(lj):
    assert run(lj, "x = 1\n", Spec("stdio")).outcome is Status.PASSED
    assert run(lj, "x = (\n", Spec("stdio")).outcome is Status.SYNTAX_ERROR


def test_malformed_tests_are_refused_with_a_clear_error(lj):
    with pytest.raises(ValueError, match="mbpp assert 1 is not valid Python"):
        lj.submit(Job("x = 1", mbpp("assert True", "assert (")))
    with pytest.raises(ValueError, match="2 inputs but 1 outputs"):
        lj.submit(Job("x = 1", Spec("stdio", inputs=["a", "b"], outputs=["a"])))
    with pytest.raises(ValueError, match="def check"):
        lj.submit(Job("x = 1", Spec("check", check="assert True", fn_name="f")))


def test_results_stream_as_programs_finish(lj):
    slow = Job("import time\ntime.sleep(2)\ndef f():\n    return 1\n", mbpp("assert f() == 1"), id="slow")
    fast = [Job(ADD, mbpp("assert add(1, 1) == 2"), id=f"fast{i}") for i in range(6)]
    futures = [lj.submit(slow)] + [lj.submit(j) for j in fast]
    first = next(cf.as_completed(futures))
    assert first.result().id.startswith("fast")
    assert [v.id for v in judge(lj, [slow, *fast])] == ["slow"] + [f"fast{i}" for i in range(6)]


def test_a_worker_that_dies_mid_job_gives_an_internal_error_and_is_replaced():
    with LocalJudge(1) as j:
        f = j.submit(
            Job("import time\ndef f():\n    time.sleep(60)\n", mbpp("assert f() == 1"), Limits(time_s=30))
        )
        pid = j.worker_pids()[0]
        while not f.running():
            time.sleep(0.01)
        time.sleep(0.5)  # let the worker fork the child
        os.kill(pid, signal.SIGKILL)
        v = f.result(timeout=60)
        assert v.outcome is Status.INTERNAL_ERROR and v.tests[0].status is Status.INTERNAL_ERROR
        assert j.worker_pids()[0] != pid
        assert j.submit(Job(ADD, mbpp("assert add(1, 2) == 3"))).result(timeout=60).outcome is Status.PASSED


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_worker_that_died_while_idle_is_replaced_before_the_next_job():
    with LocalJudge(1) as j:
        pid = j.worker_pids()[0]
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while _running(pid) and time.monotonic() < deadline:  # SIGKILL lands asynchronously
            time.sleep(0.01)
        assert j.submit(Job(ADD, mbpp("assert add(1, 2) == 3"))).result(timeout=60).outcome is Status.PASSED
        assert j.worker_pids()[0] != pid


def test_close_finishes_jobs_in_flight():
    j = LocalJudge(1)
    futures = [
        j.submit(Job("import time\ntime.sleep(0.3)\n" + ADD, mbpp("assert add(1, 2) == 3"))) for _ in range(3)
    ]
    j.close()
    assert all(f.done() and f.result().outcome is Status.PASSED for f in futures)
    with pytest.raises(RuntimeError, match="closed"):
        j.submit(Job(ADD, mbpp("assert add(1, 2) == 3")))


def test_isolation_layers_are_reported(lj):
    assert set(lj.layers) >= {"namespaces", "uid", "seccomp", "rlimits"}
    if os.geteuid() == 0:  # our machines and CI: everything is on
        assert all(state == "on" for state in lj.layers.values()), lj.layers


def test_run_reports_exit_status_and_output(lj):
    ok = lj.run(
        "import sys\nprint(input()[::-1])\nprint('warn', file=sys.stderr)\nsys.exit(3)", "abc\n"
    ).result(60)
    assert (ok.status, ok.exit_code, ok.stdout, ok.stderr) == (Status.PASSED, 3, "cba\n", "warn\n")
    partial = lj.run("import sys\nsys.stderr.write('no newline')\n").result(60)
    assert (partial.status, partial.stderr) == (Status.PASSED, "no newline")
    boom = lj.run("def f():\n    return 1 / 0\nf()\n").result(60)
    assert (boom.status, boom.exit_code) == (Status.RUNTIME_ERROR, 1)
    assert 'File "solution.py", line 2, in f' in boom.stderr and "ZeroDivisionError" in boom.stderr
    assert lj.run("while True: pass", limits=Limits(time_s=0.5)).result(60).status is Status.TIMEOUT
    bad = lj.run("print(")
    assert (bad.result(60).status, bad.result().exit_code) == (Status.SYNTAX_ERROR, 1)
