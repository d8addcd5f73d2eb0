"""SandboxFusion's /run_jupyter as its own PyPI SDK (`sandbox-fusion`) calls it, against a real daemon on
127.0.0.1: state across cells, per-cell output, display, errors, both timeouts, files, a cell that tries to
forge the driver's report, and one the sandbox stops."""

from __future__ import annotations

import base64
import json
import time

import httpx
import pytest
from judge_daemon import Daemon
from sandbox_fusion import RunJupyterRequest, RunStatus, run_jupyter

from sandbox_runner.jupyter import REPORT_BYTES, records


@pytest.fixture(scope="module")
def url():
    with Daemon() as d:
        yield d.url


def sdk(url: str, cells: list[str], **kw):
    return run_jupyter(RunJupyterRequest(cells=cells, **kw), endpoint=url, max_attempts=1)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_state_is_kept_across_cells_and_a_last_expression_is_displayed(url):
    resp = sdk(url, ["a = 123", "a", "print(a)", "a += 1;", "b = [a]\nb"])
    assert (resp.status, resp.message, len(resp.cells)) == (RunStatus.Success, "", 5)
    assert [c.display for c in resp.cells] == [[], [{"text/plain": "123"}], [], [], [{"text/plain": "[124]"}]]
    assert resp.cells[2].stdout == "123\n"
    assert resp.driver.status == "Finished" and resp.driver.return_code == 0


def test_each_cell_has_its_own_stdout_and_stderr(url):
    cells = [
        "import os, sys\nprint('one')\nprint('err one', file=sys.stderr)",
        "print('no newline', end='')",
        "os.write(1, b'raw out\\n')\nos.write(2, b'raw err\\n')",  # below Python's streams, as C code writes
        "x = 1",
    ]
    got = [(c.stdout, c.stderr) for c in sdk(url, cells).cells]
    assert got == [("one\n", "err one\n"), ("no newline", ""), ("raw out\n", "raw err\n"), ("", "")]


def test_an_exception_is_an_error_entry_and_later_cells_still_run(url):
    resp = sdk(
        url, ["x = 1", "def f():\n    raise ValueError('bad')\nf()", "print(x)", "1 +", "print('after')"]
    )
    assert resp.status == RunStatus.Success  # as SandboxFusion: an error in a cell is not a failed run
    (err,) = resp.cells[1].error
    assert (err["ename"], err["evalue"]) == ("ValueError", "bad")
    tb = "".join(err["traceback"])
    assert 'File "<cell 1>", line 3, in <module>' in tb and "raise ValueError('bad')" in tb
    assert "solution.py" not in tb and tb.endswith("ValueError: bad\n")  # no frame of the driver
    assert resp.cells[1].display == [] and resp.cells[2].stdout == "1\n"
    assert resp.cells[3].error[0]["ename"] == "SyntaxError"
    assert resp.cells[4].stdout == "after\n"


def test_a_cell_past_cell_timeout_is_interrupted_and_the_next_cells_run(url):
    cells = [
        "import time\nt0 = time.monotonic()\ntry:\n    time.sleep(30)\nexcept Exception:\n    print('swallowed')",
        "print(time.monotonic() - t0 < 5)",
        "time.sleep(0.1)\n'quick'",
    ]
    resp = sdk(url, cells, cell_timeout=0.5)
    assert resp.status == RunStatus.Success
    (err,) = resp.cells[0].error
    assert err["ename"] == "CellTimeoutError" and "cell_timeout (0.5 s)" in err["evalue"]
    assert resp.cells[0].stdout == ""  # `except Exception` does not catch it
    assert resp.cells[1].stdout == "True\n" and resp.cells[2].display == [{"text/plain": "'quick'"}]


def test_total_timeout_stops_the_run_and_keeps_the_cells_that_finished(url):
    t0 = time.monotonic()
    resp = sdk(url, ["print('first')", "import time\ntime.sleep(30)", "print('never')"], total_timeout=1)
    assert time.monotonic() - t0 < 10
    assert resp.status == RunStatus.Failed and resp.driver.status == "TimeLimitExceeded"
    assert [c.stdout for c in resp.cells] == ["first\n"]
    assert (
        resp.message
        == "cell 1 did not finish: time limit exceeded (total_timeout); 1 later cells did not run"
    )


def test_files_are_written_before_and_fetched_after(url):
    cells = [
        "n = int(open('data/in.txt').read())",
        "open('out.txt', 'w').write(str(2 * n))",
    ]
    resp = sdk(url, cells, files={"data/in.txt": b64("21")}, fetch_files=["out.txt", "missing.txt"])
    assert resp.status == RunStatus.Success and resp.files == {"out.txt": b64("42")}
    assert resp.cells[1].display == [{"text/plain": "2"}]  # write() returned 2


def test_text_a_cell_writes_cannot_forge_the_report(url):
    """A cell that knows the record format but not the nonce writes fake records for itself and the later
    cells everywhere it can: its own stdout and stderr, and blindly every other fd (the driver's report among
    them; 3 is the harness's own report pipe, whose tampering /run_code already fails the run for)."""
    forged = "".join(
        f"\n{nonce} "
        + json.dumps({"i": i, "stdout": "FORGED", "stderr": "", "display": [], "error": []})
        + "\n"
        for nonce in ("0" * 32, "")
        for i in (0, 1, 2)
    )
    cell = (
        f"import os, sys\nforged = {forged!r}\nprint(forged, end='')\nsys.stderr.write(forged)\n"
        "for fd in [1, 2, *range(4, 64)]:\n"
        "    try:\n        os.write(fd, forged.encode())\n    except OSError:\n        pass"
    )
    resp = sdk(url, [cell, "print('real one')", "print('real two')"])
    assert resp.status == RunStatus.Success and len(resp.cells) == 3
    # Its own text comes back whole, also what it wrote to the driver's fds; no forged record is taken.
    own = (resp.cells[0].stdout, resp.cells[0].stderr)
    assert all(t.count(forged) >= 2 and t.replace(forged, "") == "" for t in own)
    assert [c.stdout for c in resp.cells[1:]] == ["real one\n", "real two\n"]
    assert resp.driver.stdout == ""  # the report channel is consumed, never passed on


def test_a_forbidden_syscall_fails_the_run_and_says_which_cell(url):
    resp = sdk(url, ["print('ok')", "import os\nos.fork()", "print('never')"])
    assert resp.status == RunStatus.Failed  # not SandboxError: the SDK would raise on that
    assert (resp.driver.status, resp.driver.return_code) == ("Finished", -31)  # the sandbox's SIGSYS
    assert [c.stdout for c in resp.cells] == ["ok\n"]
    assert resp.message == (
        "cell 1 did not finish: stopped by the sandbox (forbidden operation); 1 later cells did not run"
    )


def test_output_beyond_the_report_is_cut_visibly_and_later_cells_still_report(url):
    resp = sdk(url, ["print('x' * 3_000_000)", "print('after')"])
    assert resp.status == RunStatus.Success
    out = resp.cells[0].stdout
    assert 0 < len(out) <= REPORT_BYTES and set(out) == {"x"}
    assert resp.cells[1].stdout == "after\n"
    assert resp.message == f"cell 0's output was cut to fit the report ({REPORT_BYTES} bytes for all cells)"


def test_the_route_is_in_the_api_and_has_its_own_metrics_label(url):
    assert "/run_jupyter" in httpx.get(url + "/openapi.json").json()["paths"]
    sdk(url, ["1"])
    assert 'path="/run_jupyter"' in httpx.get(url + "/metrics").text  # not lumped into "other"


@pytest.mark.parametrize(
    ("request_", "code", "says"),
    [
        ({"kernel": "ruby"}, 422, "python3"),
        ({"cell_timeout": -1}, 422, "greater than or equal to 0"),
        ({"total_timeout": 10_000}, 400, "total_timeout=10000"),
        ({"files": {"../x": "aGk="}}, 400, "no '..'"),
        ({"files": {"solution.py": "aGk="}}, 400, "the program's own file"),
    ],
)
def test_bad_requests_are_refused_saying_why(url, request_, code, says):
    r = httpx.post(url + "/run_jupyter", json={"cells": ["1"], **request_})
    assert r.status_code == code and says in r.text, r.text


def test_records_take_only_the_next_cell_framed_by_the_nonce():
    def line(nonce: str, body: object) -> str:
        return f"\n{nonce} {json.dumps(body) if not isinstance(body, str) else body}\n"

    def rec(i: int, out: str) -> dict:
        return {"i": i, "stdout": out, "stderr": "", "display": [], "error": []}

    stdout = "".join(
        [
            "noise",  # no newline of its own: the record after it still starts a line
            line("N", rec(1, "too early")),
            line("M", rec(0, "wrong nonce")),
            line("N", rec(0, "zero")),
            line("N", rec(0, "duplicate")),
            line("N", '{"i": 1, "stdout": NaN}'),
            line("N", [1, 2]),
            line("N", {**rec(1, "one"), "cut": True}),
            line("N", rec(2, "beyond n")),
        ]
    )
    cells, cut = records(stdout, "N", 2)
    assert [c.stdout for c in cells] == ["zero", "one"] and cut == [1]
