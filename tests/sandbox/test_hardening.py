"""Hostile or unusual input at a real daemon on 127.0.0.1 (issue 13, section 2): each request that once gave a
500, killed a worker, stalled the event loop, grew memory without bound or lost jobs, kept as a test.
Loopback only; every flood is bounded in count and time."""

from __future__ import annotations

import json
import socket
import threading

import httpx
import pytest
from judge_daemon import Daemon
from test_server import WAIT_S, add_job, post_jobs, sleeper, wait_queue_depth

from sandbox_runner import LocalJudge, plan, schema
from sandbox_runner.client import JudgeClient
from sandbox_runner.judge import judge
from sandbox_runner.schema import Job


@pytest.fixture(scope="module")
def daemon():
    with Daemon() as d:
        yield d


def post_raw(url: str, path: str, body: bytes) -> httpx.Response:
    return httpx.post(url + path, content=body, headers={"Content-Type": "application/json"}, timeout=60)


def pids(url: str) -> list[int]:
    return httpx.get(url + "/healthz").json()["worker_pids"]


# ---- lone surrogates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("stream", [False, True])
def test_a_lone_surrogate_in_a_message_or_job_id_comes_back_escaped(daemon, stream):
    job = add_job("    raise ValueError('bad \\ud800 text')", "id-\ud800")
    body = json.dumps({"jobs": [job.to_dict()], "stream": stream}).encode()  # \ud800 escapes, valid JSON
    r = post_raw(daemon.url, "/v1/judge", body)
    assert r.status_code == 200, r.text
    v = json.loads(r.text.splitlines()[0])["verdict"] if stream else json.loads(r.text)["verdicts"][0]
    assert v["id"] == "id-\ud800" and v["outcome"] == "runtime_error"
    assert v["tests"][0]["message"] == "bad \ud800 text"


def test_a_lone_surrogate_in_stdin_is_refused_and_kills_no_worker(daemon):
    before = pids(daemon.url)
    job = Job("print(input())", schema.Tests("stdio", inputs=["\ud800"], outputs=["x"]), id="s")
    r = post_raw(daemon.url, "/v1/judge", json.dumps({"jobs": [job.to_dict()]}).encode())
    assert r.status_code == 400 and "stdio test 0: input holds a lone surrogate (U+D800" in r.json()["detail"]
    r = post_raw(
        daemon.url,
        "/run_code",
        json.dumps({"code": "input()", "language": "python", "stdin": "\udfff"}).encode(),
    )
    assert r.status_code == 400 and "stdin holds a lone surrogate (U+DFFF" in r.json()["detail"]
    assert pids(daemon.url) == before


# ---- invalid values are 422s that name the field, never 500s ---------------------------------------------------

GOOD = {"code": "def f():\n    return 1\n", "tests": {"format": "mbpp", "asserts": ["assert f() == 1"]}}


@pytest.mark.parametrize(
    ("job_text", "loc"),
    [
        ('"limits": {"memory_mb": NaN}', ["body", "jobs", 0, "limits", "memory_mb"]),
        ('"limits": {"time_s": Infinity}', ["body", "jobs", 0, "limits"]),
        ('"limits": {"output_bytes": -Infinity}', ["body", "jobs", 0, "limits", "output_bytes"]),
        ('"limits": {"output_bytes": 1e30}', ["body", "jobs", 0, "limits"]),
        ('"limits": {"output_bytes": 9223372036854775808}', ["body", "jobs", 0, "limits"]),
        ('"limits": {"output_bytes": 0}', ["body", "jobs", 0, "limits"]),
        ('"limits": {"output_bytes": -1}', ["body", "jobs", 0, "limits"]),
        ('"limits": {"stop": "\\ud800"}', ["body", "jobs", 0, "limits"]),
        ('"tests": {"format": "\\ud800", "asserts": []}', ["body", "jobs", 0, "tests", "format"]),
    ],
)
def test_bad_values_get_422_naming_the_field(daemon, job_text, loc):
    job = json.dumps(GOOD)[:-1] + ", " + job_text + "}"
    if '"tests"' in job_text:
        job = '{"code": "x", ' + job_text + "}"
    r = post_raw(daemon.url, "/v1/judge", b'{"jobs": [' + job.encode() + b"]}")
    assert r.status_code == 422, r.text
    assert r.json()["detail"][0]["loc"][: len(loc)] == loc
    r = post_raw(daemon.url, "/run_code", b'{"code": "1", "language": "python", "run_timeout": NaN}')
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "run_timeout"]


def test_output_bytes_above_the_daemons_maximum_names_the_setting(daemon):
    job = add_job("    return a + b", "big-out")
    job.limits.output_bytes = 1 << 40
    r = post_jobs(daemon.url, [job])
    assert r.status_code == 400 and "jobs[0].limits.output_bytes" in r.json()["detail"]
    assert "--max-output-mb" in r.json()["detail"]


def test_unparsable_bodies_get_a_400_that_says_why(daemon):
    r = post_raw(daemon.url, "/v1/judge", b'{"jobs": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}")
    assert r.status_code == 400 and "nests too deeply" in r.json()["detail"]
    r = post_raw(daemon.url, "/v1/judge", b'{"jobs": [], "x": "\xff\xfe"}')
    assert r.status_code == 400 and "not UTF-8" in r.json()["detail"]


# ---- large requests: bounded, and off the event loop -------------------------------------------------------


def test_a_request_with_too_many_tests_is_refused_naming_the_setting(daemon):
    job = Job("x = 1", schema.Tests("mbpp", asserts=[f"assert x == {i}" for i in range(20_001)]), id="huge")
    r = post_jobs(daemon.url, [job])
    assert r.status_code == 413 and "--max-tests" in r.json()["detail"]


def test_planning_a_large_job_leaves_healthz_answering(daemon):
    # 20,000 asserts take seconds to plan; the program itself fails to compile at once. While it is planned
    # (in a thread), /healthz answers and shows it admitted; were planning on the event loop, it could not.
    job = Job(
        "def (", schema.Tests("mbpp", asserts=[f"assert f({i}) == {i}" for i in range(20_000)]), id="big"
    )
    answers: list[httpx.Response] = []
    t = threading.Thread(target=lambda: answers.append(post_jobs(daemon.url, [job])))
    t.start()
    seen = set()
    while t.is_alive():
        seen.add(httpx.get(daemon.url + "/healthz", timeout=WAIT_S).json()["queue_depth"])
    t.join()
    assert answers[0].json()["verdicts"][0]["outcome"] == "syntax_error"
    assert 1 in seen


def test_the_plan_cache_is_bounded_by_source_size():
    plan.clear_cache()
    big = [f"assert f({i}) == {'x' * 50!r}" for i in range(2_000)]  # ~140 KB of source per suite
    for k in range(40):  # 40 distinct suites: far more than the bound if all were kept
        plan.plan(schema.Tests("mbpp", setup=f"# suite {k}", asserts=big))
    assert 0 < plan.cache_chars() <= plan._CACHE_CHARS
    plan.clear_cache()
    plan.plan(schema.Tests("mbpp", asserts=["assert 1"] * 10 + ["assert f() == " + repr("y" * 3_000_000)]))
    assert plan.cache_chars() == 0  # one plan larger than the whole bound is not kept


# ---- the client: busy is not failure, batches fit the daemon -------------------------------------------------


def numbered(n: int) -> list[Job]:
    return [
        Job(f"def f():\n    return {i}\n", schema.Tests("mbpp", asserts=[f"assert f() == {i}"]), id=str(i))
        for i in range(n)
    ]


def test_a_busy_daemon_is_waited_for_and_batches_shrink_to_fit():
    # Queue limit 4: batches of 64 get 413 until they are split to 4; 8 concurrent batches get many 429s.
    # With retries=0 a single counted failure would fail the futures: 429s and 413s must not count.
    with Daemon("--queue-limit", "4", "--retry-after", "1") as d:
        client = JudgeClient(d.url, retries=0, batch_size=64, max_requests=8)
        try:
            jobs = numbered(40)
            verdicts = judge(client, jobs)
            assert [v.id for v in verdicts] == [j.id for j in jobs]
            assert all(v.outcome == "passed" for v in verdicts)
            assert client._client.batch_size <= 4
        finally:
            client.close()


# ---- hang-ups and the private /tmp -------------------------------------------------------------------------


def test_a_non_streamed_request_whose_client_hangs_up_withdraws_its_queued_programs():
    with Daemon(workers=1) as d:
        body = json.dumps({"jobs": [sleeper(40, str(i)).to_dict() for i in range(3)]}).encode()
        with socket.create_connection(("127.0.0.1", d.port)) as s:
            s.sendall(
                b"POST /v1/judge HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            wait_queue_depth(d.url, 3)
        # The running program finishes on its own; the two queued behind it are dropped at once.
        wait_queue_depth(d.url, 1)


def test_a_program_cannot_fill_its_private_tmp_with_files():
    code = (
        "import os\nn = 0\n"
        "try:\n    while n < 100_000:\n        open(f'f{n}', 'w').close()\n        n += 1\n"
        "except OSError as e:\n    print(n, e.errno)\n"
    )
    with LocalJudge(1) as j:
        e = j.run(code, limits=schema.Limits(time_s=30)).result()
        n, errno = map(int, e.stdout.split())
        assert n < 5_000 and errno == 28  # ENOSPC: out of inodes long before 100,000
        assert j.run("open('after', 'w').write('ok')\nprint(open('after').read())").result().stdout == "ok\n"
