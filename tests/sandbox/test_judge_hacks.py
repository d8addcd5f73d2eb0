"""Reward hacks a policy could learn, each judged failing; legitimate look-alikes still pass."""

from __future__ import annotations

import textwrap

import pytest

from sandbox_runner import Job, LocalJudge, Status, Verdict
from sandbox_runner import Tests as Spec  # not `Tests`: pytest would try to collect it

MBPP = Spec("mbpp", asserts=["assert f(2) == 4", "assert f(3) == 9", "assert f(5) == 25"])
CHECK = Spec(
    "check",
    fn_name="f",
    check="def check(candidate):\n    assert candidate(2) == 4\n    assert abs(candidate(1.5) - 2.25) < 1e-9\n"
    "    for x in range(4):\n        assert candidate(x) == x * x\n",
)


@pytest.fixture(scope="module")
def lj():
    with LocalJudge(2) as j:
        yield j


def run(lj: LocalJudge, code: str, tests: Spec = MBPP) -> Verdict:
    return lj.submit(Job(textwrap.dedent(code), tests)).result(timeout=120)


def test_honest_solution_passes(lj):
    assert run(lj, "def f(x):\n    return x * x\n").outcome is Status.PASSED
    assert run(lj, "def f(x):\n    return x * x\n", CHECK).outcome is Status.PASSED


@pytest.mark.parametrize(
    "code",
    [
        "import sys\nsys.exit(0)\ndef f(x):\n    return x * x\n",
        "def f(x):\n    import sys\n    sys.exit(0)\n",
        "def f(x):\n    import os\n    os._exit(0)\n",
        "def f(x):\n    if x == 3:\n        raise SystemExit(0)\n    return x * x\n",
        "def f(x):\n    raise KeyboardInterrupt\n",
        "import os, threading\nthreading.Timer(0.01, lambda: os._exit(0)).start()\ndef f(x):\n    import time\n    time.sleep(1)\n",
    ],
    ids=[
        "exit-at-import",
        "exit-in-test",
        "os._exit",
        "SystemExit-half-way",
        "KeyboardInterrupt",
        "exit-from-thread",
    ],
)
@pytest.mark.parametrize("tests", [MBPP, CHECK], ids=["mbpp", "check"])
def test_exiting_early_fails(lj, code, tests):
    v = run(lj, code, tests)
    assert v.outcome is not Status.PASSED and v.passed < v.total, v.tests


def test_stdio_program_that_exits_before_answering_fails(lj):
    tests = Spec("stdio", inputs=["2\n"], outputs=["4\n"])
    assert (
        run(lj, "import sys\nsys.exit(0)\nprint(int(input()) ** 2)\n", tests).outcome is Status.WRONG_ANSWER
    )


RIGGED = {
    "always-equal": "class A:\n    def __eq__(self, o):\n        return True\n    __hash__ = object.__hash__\n",
    "int-subclass": "class A(int):\n    def __eq__(self, o):\n        return True\n    __hash__ = int.__hash__\n",
    "str-subclass-repr": "class A(str):\n    def __eq__(self, o):\n        return True\n    def __repr__(self):\n        return '4'\n    __hash__ = str.__hash__\n",
    "list-subclass": "class A(list):\n    def __eq__(self, o):\n        return True\n    __hash__ = None\n",
    "float-nan-trick": "class A(float):\n    def __eq__(self, o):\n        return True\n    def __sub__(self, o):\n        return 0.0\n    __rsub__ = __sub__\n    __hash__ = float.__hash__\n",
}


@pytest.mark.parametrize("rig", list(RIGGED), ids=list(RIGGED))
@pytest.mark.parametrize("tests", [MBPP, CHECK], ids=["mbpp", "check"])
def test_rigged_eq_and_repr_fail(lj, rig, tests):
    code = RIGGED[rig] + "def f(x):\n    return A(0)\n"
    v = run(lj, code, tests)
    assert v.outcome is not Status.PASSED and v.passed == 0, v.tests


def test_legitimate_builtin_subclasses_still_pass(lj):
    code = """\
    from collections import Counter, OrderedDict, namedtuple
    P = namedtuple("P", "a b")
    def f(x):
        return {"c": Counter("aab"), "o": OrderedDict(a=1), "p": P(1, 2), "m": list(map(abs, [-1]))}[x]
    """
    tests = Spec(
        "mbpp",
        asserts=[
            "assert f('c') == {'a': 2, 'b': 1}",
            "assert f('o') == {'a': 1}",
            "assert f('p') == (1, 2)",
            "assert f('m') == [1]",
        ],
    )
    v = run(lj, code, tests)
    assert v.outcome is Status.PASSED, v.tests


@pytest.mark.parametrize(
    "patch",
    [
        "import builtins\nbuiltins.AssertionError = type('Never', (Exception,), {})",
        "import builtins\nbuiltins.abs = lambda x: 0\nbuiltins.sorted = lambda *a, **k: [4]",
        "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.len = lambda x: 0",
        "import sys\nh = sys.modules['sandbox_runner.harness']\nh._probe = lambda *a: ('ok', None)",
        "import sys\nh = sys.modules['sandbox_runner.harness']\nh._strict_cmp = lambda *a: True",
        "import sys\nsys.modules['sandbox_runner.harness'].encode = lambda v: 'True'",
        "import sys\nsys.modules['sandbox_runner.values'].encode = lambda v: 'True'",
    ],
    ids=[
        "AssertionError",
        "abs-sorted",
        "isinstance-len",
        "harness-probe",
        "harness-cmp",
        "harness-encode",
        "values-encode",
    ],
)
def test_patching_builtins_or_the_harness_does_not_pass_split_tests(lj, patch):
    code = patch + "\ndef f(x):\n    return 0\n"
    v = run(lj, code)
    assert v.outcome is not Status.PASSED and v.passed == 0, v.tests
    # check: the flat asserts are split; the loop runs whole inside the child, where it may be forged, so it
    # is not claimed here
    v = run(lj, code, CHECK)
    assert [t.status for t in v.tests[:2]] != [Status.PASSED, Status.PASSED], v.tests


def test_printing_success_text_does_not_pass(lj):
    code = """\
    import sys
    for line in ("passed", '["v", 0, ["4"], 0.0]', '["ok", 0, 0.0]', "OK", "All tests passed"):
        print(line)
        print(line, file=sys.stderr)
    def f(x):
        return 0
    """
    assert run(lj, code).passed == 0


def test_forging_report_lines_does_not_pass(lj):
    code = """\
    import os
    for fd in range(3, 20):
        try:
            os.write(fd, b'["v", 0, ["4"], 0.0]\\n["v", 1, ["4"], 0.0]\\n["ok", 2, 0.0]\\n')
        except OSError:
            pass
    os._exit(0)
    """
    v = run(lj, code)
    assert v.outcome is not Status.PASSED and v.passed <= 1, v.tests


def test_expected_values_never_reach_the_child(lj):
    secret = "expected-7d1c5e"
    code = """\
    import gc
    def f(x):
        seen = [o for o in gc.get_objects() if isinstance(o, (dict, list, tuple))]
        wanted = "-".join(["expected", "7d1c5e"])  # built at run time: the code must not contain it
        return any(wanted in repr(o) for o in seen)
    """
    tests = Spec("mbpp", asserts=[f"assert f(1) == {secret!r}"])
    v = run(lj, code, tests)
    assert v.tests[0].got == "False", v.tests
    v = run(lj, code, Spec("call", fn_name="f", inputs=[[1]], outputs=[secret]))
    assert v.tests[0].got == "False", v.tests
