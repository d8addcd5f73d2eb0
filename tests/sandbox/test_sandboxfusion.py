"""SandboxFusion's /run_code as its own PyPI SDK (`sandbox-fusion`) calls it, against a real daemon on
127.0.0.1: files in and out, integer return codes for signal deaths, "no limit" memory, the daemon's maxima,
all the output up to the daemon's maximum and visibly cut beyond it, time-outs, __file__, and language pytest."""

from __future__ import annotations

import base64

import httpx
import pytest
from judge_daemon import Daemon
from sandbox_fusion import RunCodeRequest, RunStatus, SummaryMapping, run_code, summary_run_code_result


@pytest.fixture(scope="module")
def url():
    with Daemon() as d:
        yield d.url


def sdk(url: str, code: str, **kw):
    return run_code(
        RunCodeRequest(code=code, language=kw.pop("language", "python"), **kw), endpoint=url, max_attempts=1
    )


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def summary(resp) -> str:
    return summary_run_code_result(resp, SummaryMapping())


def test_files_are_written_before_the_run_and_fetched_after(url):
    files = {"data/in.txt": b64("21\n"), "helper.py": b64("def double(x):\n    return 2 * x\n")}
    code = (
        "import helper\n"  # the working directory is on sys.path, as for `python file.py`
        "n = int(open('data/in.txt').read())\n"
        "open('out.txt', 'w').write(str(helper.double(n)))\n"
        "print('done')\n"
    )
    resp = sdk(url, code, files=files, fetch_files=["out.txt", "missing.txt", "data/in.txt"])
    assert (resp.status, resp.run_result.stdout, summary(resp)) == (RunStatus.Success, "done\n", "Success")
    assert resp.files == {"out.txt": b64("42"), "data/in.txt": files["data/in.txt"]}


def test_fetch_files_never_follows_a_link_the_program_planted(url):
    code = "import os\nos.symlink('/etc/passwd', 'out.txt')\nos.mkdir('d')\nos.symlink('/etc', 'd/etc')\n"
    resp = sdk(url, code, fetch_files=["out.txt", "d/etc/passwd", "d"])
    assert resp.status == RunStatus.Success and resp.files == {}


@pytest.mark.parametrize(
    ("code", "return_code"),
    [
        ("import os\nos.kill(0, 9)", -9),  # SIGKILL of its own group
        ("import ctypes\nctypes.string_at(0)", -11),  # a segfault
        ("import os\nos.fork()", -31),  # a forbidden syscall: the sandbox's SIGSYS
    ],
)
def test_a_signal_death_gives_an_integer_return_code(url, code, return_code):
    resp = sdk(url, code)
    assert resp.run_result.status == "Finished" and resp.run_result.return_code == return_code
    assert resp.status == RunStatus.Failed and summary(resp) == "Failed"  # the SDK raised on null before


def test_memory_limit_omitted_means_the_daemons_maximum(url):
    # 1.5 GB of address space (calloc'd, so not touched): over the 1 GiB per-test default of judged jobs.
    code = "x = bytes(1_500_000_000)\nprint(len(x))"
    assert sdk(url, code).run_result.stdout == "1500000000\n"
    r = httpx.post(url + "/run_code", json={"code": code, "language": "python", "memory_limit_MB": -1})
    assert r.json()["status"] == "Success"
    r = httpx.post(url + "/run_code", json={"code": code, "language": "python", "memory_limit_MB": 512})
    assert (r.json()["status"], r.json()["message"]) == ("Failed", "memory limit exceeded")


def test_limits_real_clients_ask_for_fit_and_a_refusal_names_the_setting(url):
    assert sdk(url, "print(1)", run_timeout=215).status == RunStatus.Success  # tinker: (6 + 1) x 30 + 5 s
    r = httpx.post(url + "/run_code", json={"code": "1", "language": "python", "run_timeout": 10_000})
    assert r.status_code == 400 and "run_timeout=10000" in r.json()["detail"]
    assert "--max-time-s" in r.json()["detail"]
    r = httpx.post(url + "/run_code", json={"code": "1", "language": "python", "memory_limit_MB": 1 << 20})
    assert r.status_code == 400 and "--max-memory-mb" in r.json()["detail"]


CHATTY = "import sys\nsys.stdout.write('x' * 3_000_000)\nsys.stderr.write('e')\nprint('end', file=sys.stderr)"


def test_output_is_returned_whole_up_to_the_daemons_maximum(url):
    resp = sdk(url, CHATTY)  # 3 MB: more than a judged test's 1 MiB, less than the daemon's default maximum
    assert (resp.status, resp.run_result.return_code, resp.message) == (RunStatus.Success, 0, "")
    assert resp.run_result.stdout == "x" * 3_000_000 and resp.run_result.stderr == "eend\n"


def test_output_beyond_the_daemons_maximum_is_cut_visibly_and_the_run_finishes():
    with Daemon("--max-output-mb", "1") as d:
        resp = sdk(d.url, CHATTY)
    assert (resp.status, resp.run_result.return_code) == (RunStatus.Success, 0)
    assert resp.run_result.stdout == "x" * (1 << 20) and resp.run_result.stderr == "eend\n"
    assert (
        resp.message == f"stdout truncated: the program wrote 3000000 bytes, the first {1 << 20} are returned"
    )


def test_a_time_out_has_no_return_code(url):
    resp = sdk(url, "while True:\n    pass", run_timeout=0.5)
    assert (resp.status, resp.run_result.status, resp.run_result.return_code) == (
        RunStatus.Failed, "TimeLimitExceeded", None,
    )  # fmt: skip
    assert summary(resp) == "Failed"


def test_the_program_is_a_real_file(url):
    resp = sdk(url, "import sys\nprint(__file__.endswith('/solution.py'), sys.argv == [__file__])")
    assert resp.run_result.stdout == "True True\n"
    code = "print(len(open(__file__).read()))  # reads itself"
    assert sdk(url, code).run_result.stdout == f"{len(code)}\n"


def test_language_pytest_runs_the_file_under_pytest(url):
    tests = "def inc(x):\n    return x + 1\n\ndef test_inc():\n    assert inc(1) == 2\n\ndef test_more():\n    assert inc(2) == {}\n"
    ok = sdk(url, tests.format(3), language="pytest")
    assert (ok.status, ok.run_result.return_code) == (RunStatus.Success, 0)
    assert "2 passed" in ok.run_result.stdout
    bad = sdk(url, tests.format(4), language="pytest")
    assert (bad.status, bad.run_result.return_code) == (RunStatus.Failed, 1)
    assert "1 failed, 1 passed" in bad.run_result.stdout
    r = httpx.post(
        url + "/run_code", json={"code": tests.format(4), "language": "pytest", "args": ["-k", "inc"]}
    )
    assert (
        r.json()["run_result"]["return_code"] == 0
        and "1 passed, 1 deselected" in r.json()["run_result"]["stdout"]
    )


@pytest.mark.parametrize(
    ("request_", "says"),
    [
        ({"language": "cpp"}, "this sandbox runs: python, pytest"),
        ({"files": {"../x": "aGk="}}, "no '..'"),
        ({"files": {"/etc/x": "aGk="}}, "relative path"),
        ({"files": {"a.txt": "not base64!"}}, "files['a.txt'] is not base64"),
        ({"fetch_files": ["../../etc/passwd"]}, "no '..'"),
    ],
)
def test_bad_run_code_requests_get_a_400_that_says_why(url, request_, says):
    r = httpx.post(url + "/run_code", json={"code": "print(1)", "language": "python", **request_})
    assert r.status_code == 400 and says in r.json()["detail"], r.text
