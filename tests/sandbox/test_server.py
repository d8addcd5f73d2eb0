"""The daemon as another process sees it: a real `python -m sandbox_runner serve` on 127.0.0.1, real programs
judged by the real LocalJudge, every answer checked over HTTP."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import httpx
import pytest
from judge_daemon import Daemon

from sandbox_runner import schema
from sandbox_runner.__main__ import read_token
from sandbox_runner.schema import Job, Limits, Verdict

WAIT_S = 30.0  # upper bound on any poll below; the tests never assert on time


def add_job(body: str, id: str, time_s: float = 4.0) -> Job:
    asserts = ["assert add(1, 2) == 3", "assert add(2, 0) == 2"]
    return Job(
        code=f"def add(a, b):\n{body}\n",
        tests=schema.Tests(format="mbpp", asserts=asserts),
        id=id,
        limits=Limits(time_s=time_s),
    )


PASS = add_job("    return a + b", "pass")
WRONG = add_job("    return a - b", "wrong")
ERROR = add_job("    x = 1\n    return a / 0", "error")


def sleeper(seconds: float, id: str) -> Job:
    """Passes, after sleeping: keeps a worker busy for a while without burning the shared CPU."""
    code = f"import time\ntime.sleep({seconds})\n\ndef add(a, b):\n    return a + b\n"
    tests = schema.Tests(format="mbpp", asserts=["assert add(1, 2) == 3"])
    return Job(code=code, tests=tests, id=id, limits=Limits(time_s=seconds + 20))


def post_jobs(url: str, jobs: list[Job], **kw) -> httpx.Response:
    return httpx.post(url + "/v1/judge", json={"jobs": [j.to_dict() for j in jobs]}, timeout=120, **kw)


def wait_queue_depth(url: str, depth: int, headers: dict | None = None) -> None:
    deadline = time.monotonic() + WAIT_S
    while httpx.get(url + "/healthz", headers=headers).json()["queue_depth"] != depth:
        assert time.monotonic() < deadline, f"queue never reached depth {depth}"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def daemon():
    with Daemon() as d:
        yield d


def test_judge_batch_gives_each_program_its_verdict_in_order(daemon):
    r = post_jobs(daemon.url, [PASS, WRONG, ERROR])
    assert r.status_code == 200, r.text
    verdicts = [Verdict.from_dict(v) for v in r.json()["verdicts"]]
    assert [v.id for v in verdicts] == ["pass", "wrong", "error"]
    assert [v.outcome for v in verdicts] == ["passed", "wrong_answer", "runtime_error"]
    assert [(v.passed, v.total) for v in verdicts] == [(2, 2), (1, 2), (0, 2)]
    error = verdicts[2].first_error
    assert (error.error_type, error.line, error.line_text) == ("ZeroDivisionError", 3, "return a / 0")
    assert r.json()["verdicts"][1]["failed"] == 1


def test_judge_stream_sends_each_verdict_when_ready(daemon):
    jobs = [sleeper(3, "slow"), PASS]
    body = {"jobs": [j.to_dict() for j in jobs], "stream": True}
    with httpx.stream("POST", daemon.url + "/v1/judge", json=body, timeout=60) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in r.iter_lines() if line]
    assert [m["index"] for m in lines] == [1, 0]  # the quick program is not held back by the slow one
    assert [m["verdict"]["outcome"] for m in lines] == ["passed", "passed"]


def test_bad_job_is_refused_naming_the_field(daemon):
    job = PASS.to_dict()
    job["tests"]["format"] = "junit"
    r = httpx.post(daemon.url + "/v1/judge", json={"jobs": [PASS.to_dict(), job]})
    assert r.status_code == 422
    (err,) = r.json()["detail"]
    assert err["loc"] == ["body", "jobs", 1, "tests", "format"]


def test_malformed_tests_are_refused_naming_the_job(daemon):
    bad = Job(code="print(1)", tests=schema.Tests(format="stdio", inputs=["1"], outputs=[]), id="lopsided")
    r = post_jobs(daemon.url, [PASS, bad])
    assert r.status_code == 400
    assert "jobs[1] (id 'lopsided')" in r.json()["detail"] and "outputs" in r.json()["detail"]
    wait_queue_depth(daemon.url, 0)  # the batch's slots are all given back


def test_limits_beyond_the_daemons_bounds_are_refused(daemon):
    r = post_jobs(daemon.url, [PASS, add_job("    return a + b", "greedy", time_s=10_000)])
    assert r.status_code == 400
    assert "jobs[1].limits.time_s=10000" in r.json()["detail"] and "--max-time-s" in r.json()["detail"]


def run_code(url: str, **req) -> httpx.Response:
    return httpx.post(url + "/run_code", json={"language": "python", **req}, timeout=60)


def test_run_code_returns_stdout_like_sandboxfusion(daemon):
    r = run_code(daemon.url, code="print('hello')\nprint(6 * 7)")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "Success"
    assert body["compile_result"] is None
    run = body["run_result"]
    assert (run["status"], run["return_code"], run["stdout"], run["stderr"]) == (
        "Finished",
        0,
        "hello\n42\n",
        "",
    )
    assert run["execution_time"] >= 0


def test_run_code_feeds_stdin(daemon):
    code = "import sys\nnums = [int(x) for x in sys.stdin.read().split()]\nprint(sum(nums))"
    run = run_code(daemon.url, code=code, stdin="1 2 3\n4\n").json()["run_result"]
    assert run["stdout"] == "10\n"


def test_run_code_nonzero_exit_and_exception_are_failed_runs(daemon):
    body = run_code(daemon.url, code="import sys\nprint('bye')\nsys.exit(3)").json()
    assert body["status"] == "Failed"
    assert (body["run_result"]["return_code"], body["run_result"]["stdout"]) == (3, "bye\n")
    body = run_code(daemon.url, code="x = 1\nraise ValueError('boom')").json()
    assert body["status"] == "Failed"
    assert body["run_result"]["return_code"] != 0
    assert "ValueError: boom" in body["run_result"]["stderr"]


def test_run_code_timeout(daemon):
    body = run_code(daemon.url, code="while True:\n    pass", run_timeout=0.5).json()
    assert body["status"] == "Failed"
    assert body["run_result"]["status"] == "TimeLimitExceeded"
    assert body["run_result"]["return_code"] is None  # SandboxFusion's: stopped, not ended (clients test it)


def test_run_code_memory_limit(daemon):
    body = run_code(daemon.url, code="x = bytearray(10**10)", memory_limit_MB=256).json()
    assert (body["status"], body["message"]) == ("Failed", "memory limit exceeded")
    assert "MemoryError" in body["run_result"]["stderr"]


def test_run_code_refuses_other_languages_clearly(daemon):
    r = run_code(daemon.url, code="int main() { return 0; }", language="cpp")
    assert r.status_code == 400
    assert "'cpp'" in r.json()["detail"] and "python, pytest" in r.json()["detail"]


def test_healthz_reports_the_pool_and_its_isolation(daemon):
    health = httpx.get(daemon.url + "/healthz").json()
    assert health["status"] == "ok"
    assert health["queue_limit"] == 4096
    assert health["workers"] == 2
    assert health["isolation"]


def test_metrics_count_requests_programs_and_outcomes(daemon):
    post_jobs(daemon.url, [PASS, WRONG, WRONG])
    text = httpx.get(daemon.url + "/metrics").text
    samples = {
        line.rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }
    assert samples["rltf_judge_programs_total"] >= 3
    assert samples['rltf_judge_verdicts_total{outcome="wrong_answer"}'] >= 2
    assert samples['rltf_judge_requests_total{code="200",path="/v1/judge"}'] >= 1
    assert samples['rltf_judge_request_seconds_count{path="/v1/judge"}'] >= 1
    assert samples["rltf_judge_queue_depth"] == 0
    assert samples["rltf_judge_queue_limit"] == 4096


def test_openapi_documents_the_job_schema(daemon):
    assert "swagger" in httpx.get(daemon.url + "/docs").text.lower()
    spec = httpx.get(daemon.url + "/openapi.json").json()
    assert {"/v1/judge", "/run_code", "/healthz", "/metrics"} <= set(spec["paths"])
    assert set(spec["components"]["schemas"]["Tests"]["properties"]) >= {
        "format",
        "inputs",
        "asserts",
        "check",
    }


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """A daemon with a token (from a file), a tiny body limit and a queue of two programs."""
    token_file = tmp_path_factory.mktemp("auth") / "token"
    token_file.write_text("s3cret\n")
    args = [
        "--token-file",
        str(token_file),
        "--max-body-mb",
        "0.05",
        "--queue-limit",
        "2",
        "--retry-after",
        "7",
    ]
    with Daemon(*args) as d:
        yield d


AUTH = {"Authorization": "Bearer s3cret"}
AUTH_JSON = {**AUTH, "Content-Type": "application/json"}


def test_token_is_required_except_for_healthz_ping_and_docs(guarded):
    assert post_jobs(guarded.url, [PASS]).status_code == 401
    assert post_jobs(guarded.url, [PASS], headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert httpx.get(guarded.url + "/metrics").status_code == 401
    assert (
        httpx.post(guarded.url + "/run_code", json={"code": "print(1)", "language": "python"}).status_code
        == 401
    )
    r = post_jobs(guarded.url, [PASS], headers=AUTH)
    assert r.status_code == 200 and r.json()["verdicts"][0]["outcome"] == "passed"
    assert httpx.get(guarded.url + "/healthz").status_code == 200
    assert httpx.get(guarded.url + "/openapi.json").status_code == 200


def chunks(body: bytes, size: int = 4096):
    """A body httpx sends with Transfer-Encoding: chunked (a generator has no length)."""
    for i in range(0, len(body), size):
        yield body[i : i + size]


def test_a_chunked_body_is_accepted_within_the_size_limit(guarded):
    body = json.dumps({"jobs": [PASS.to_dict()]}).encode()
    r = httpx.post(
        guarded.url + "/v1/judge",
        content=chunks(body, 7),
        headers=AUTH_JSON,
    )
    assert (
        r.request.headers.get("transfer-encoding") == "chunked" and "content-length" not in r.request.headers
    )
    assert r.status_code == 200 and r.json()["verdicts"][0]["outcome"] == "passed"
    code = json.dumps({"code": "print(6 * 7)", "language": "python"}).encode()
    r = httpx.post(guarded.url + "/run_code", content=chunks(code, 5), headers=AUTH_JSON)
    assert r.status_code == 200 and r.json()["run_result"]["stdout"] == "42\n"


def test_a_chunked_body_past_the_size_limit_gets_413(guarded):
    big = json.dumps(
        {"jobs": [add_job("    return a + b" + "  # padding" * 10_000, "big").to_dict()]}
    ).encode()
    r = httpx.post(guarded.url + "/v1/judge", content=chunks(big), headers=AUTH_JSON)
    assert r.status_code == 413 and "chunked request body of more than" in r.json()["detail"]
    assert httpx.get(guarded.url + "/healthz").json()["queue_depth"] == 0  # nothing was admitted


def test_v1_ping_answers_pong_without_the_token(guarded):
    r = httpx.get(guarded.url + "/v1/ping")
    assert (r.status_code, r.json()) == (200, "pong")


def test_oversized_request_gets_413(guarded):
    big = add_job("    return a + b" + "  # padding" * 10_000, "big")
    r = post_jobs(guarded.url, [big], headers=AUTH)
    assert r.status_code == 413
    assert "exceeds the limit" in r.json()["detail"]


def test_full_queue_answers_429_with_retry_after(guarded):
    answers = []
    first = threading.Thread(
        target=lambda: answers.append(
            post_jobs(guarded.url, [sleeper(3, "a"), sleeper(3, "b")], headers=AUTH)
        )
    )
    first.start()
    try:
        wait_queue_depth(guarded.url, 2)
        r = post_jobs(guarded.url, [PASS], headers=AUTH)
        assert r.status_code == 429
        assert r.headers["Retry-After"] == "7"
        assert "queue full" in r.json()["detail"]
        r = httpx.post(
            guarded.url + "/run_code", json={"code": "print(1)", "language": "python"}, headers=AUTH
        )
        assert r.status_code == 429
    finally:
        first.join(WAIT_S * 2)
    assert [v["outcome"] for v in answers[0].json()["verdicts"]] == ["passed", "passed"]
    # A batch that could never fit is not told to retry.
    r = post_jobs(guarded.url, [PASS, PASS, PASS], headers=AUTH)
    assert r.status_code == 413 and "queue limit" in r.json()["detail"]


def test_token_comes_from_file_or_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("RLTF_JUDGE_TOKEN", "from-env")
    assert read_token(None) == "from-env"
    (tmp_path / "t").write_text("from-file\n")
    assert read_token(tmp_path / "t") == "from-file"
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(SystemExit, match="empty"):
        read_token(tmp_path / "empty")
    monkeypatch.delenv("RLTF_JUDGE_TOKEN")
    assert read_token(None) is None


def test_killed_worker_yields_an_error_verdict_and_the_daemon_keeps_serving():
    with Daemon() as d:
        answers = []
        t = threading.Thread(target=lambda: answers.append(post_jobs(d.url, [sleeper(30, "victim")])))
        t.start()
        victims = d.busy_worker()  # the worker judging the victim, and the program it runs
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        t.join(WAIT_S * 2)
        (verdict,) = answers[0].json()["verdicts"]
        assert (verdict["id"], verdict["outcome"]) == ("victim", "internal_error")
        pids = httpx.get(d.url + "/healthz").json()["worker_pids"]
        assert len(pids) == 2 and victims[0] not in pids  # replaced
        r = post_jobs(d.url, [PASS, WRONG])
        assert [v["outcome"] for v in r.json()["verdicts"]] == ["passed", "wrong_answer"]


def test_sigterm_finishes_the_jobs_in_flight():
    with Daemon() as d:
        answers = []
        t = threading.Thread(target=lambda: answers.append(post_jobs(d.url, [sleeper(2, "in-flight"), PASS])))
        t.start()
        wait_queue_depth(d.url, 1)
        assert d.terminate() == 0
        t.join(WAIT_S)
        assert [v["outcome"] for v in answers[0].json()["verdicts"]] == ["passed", "passed"]
        with pytest.raises(httpx.TransportError):
            httpx.get(d.url + "/healthz")


def test_a_client_hanging_up_withdraws_its_queued_programs():
    with Daemon(workers=1) as d:
        body = {"jobs": [sleeper(40, str(i)).to_dict() for i in range(3)], "stream": True}
        with httpx.stream("POST", d.url + "/v1/judge", json=body, timeout=60) as r:
            assert r.status_code == 200
            wait_queue_depth(d.url, 3)
        # One program runs on the only worker (for 40 s); the two queued behind it are dropped at once.
        wait_queue_depth(d.url, 1)
