"""JudgeClient / AsyncJudgeClient / connect against real daemons on 127.0.0.1: the Judge protocol over HTTP,
retries through refusals and restarts, several URLs."""

from __future__ import annotations

import threading

import httpx
import pytest
from judge_daemon import Daemon, free_port
from test_server import ERROR, PASS, WRONG, add_job, sleeper

from sandbox_runner import schema
from sandbox_runner.client import AsyncJudgeClient, JudgeClient, JudgeError
from sandbox_runner.judge import LimitOverrides, as_completed, connect, judge
from sandbox_runner.schema import Job, Limits

FAST_RETRY = {"retries": 40, "backoff_s": 0.05, "max_backoff_s": 0.5}


@pytest.fixture(scope="module")
def daemon():
    with Daemon() as d:
        yield d


def numbered(n: int) -> list[Job]:
    """n distinct programs whose outcome depends on their number: even ones pass, odd ones are wrong."""
    return [
        Job(
            code=f"def f():\n    return {i if i % 2 == 0 else -1}\n",
            tests=schema.Tests(format="mbpp", asserts=[f"assert f() == {i}"]),
            id=str(i),
        )
        for i in range(n)
    ]


def test_sync_client_is_a_judge(daemon):
    jobs = numbered(30) + [ERROR]
    with JudgeClient(daemon.url, batch_size=8) as client:
        verdicts = judge(client, jobs)
        streamed = dict(as_completed(client, [PASS, WRONG]))
    assert [v.id for v in verdicts] == [j.id for j in jobs]
    assert [v.outcome for v in verdicts[:30]] == [
        "passed" if i % 2 == 0 else "wrong_answer" for i in range(30)
    ]
    assert verdicts[-1].first_error.error_type == "ZeroDivisionError"
    assert {i: v.outcome for i, v in streamed.items()} == {0: "passed", 1: "wrong_answer"}


async def test_async_client(daemon):
    async with AsyncJudgeClient(daemon.url, batch_size=4) as client:
        verdicts = await client.judge(numbered(10))
        assert [v.outcome == "passed" for v in verdicts] == [i % 2 == 0 for i in range(10)]
        seen = [i async for i, _ in client.as_completed([sleeper(3, "slow"), PASS])]
        assert seen == [1, 0]  # verdicts arrive as programs finish, not in submission order
        assert (await client.health())["status"] == "ok"


def test_refusals_that_retrying_cannot_fix_fail_the_future(daemon):
    greedy = add_job("    return a + b", "greedy", time_s=10_000)  # beyond the daemon's --max-time-s
    with JudgeClient(daemon.url) as client:
        with pytest.raises(JudgeError, match="400.*time_s"):
            client.submit(greedy).result(timeout=60)


def test_token_from_environment_via_connect(tmp_path, monkeypatch):
    token_file = tmp_path / "token"
    token_file.write_text("let-me-in")
    with Daemon("--token-file", str(token_file)) as d:
        with JudgeClient(d.url, retries=0) as anonymous:
            with pytest.raises(JudgeError, match="401"):
                anonymous.submit(PASS).result(timeout=60)
        monkeypatch.setenv("MY_JUDGE_TOKEN", "let-me-in")
        client = connect(d.url, token_env="MY_JUDGE_TOKEN")
        try:
            assert client.submit(PASS).result(timeout=60).outcome == "passed"
        finally:
            client.close()


def test_429_is_retried_after_the_servers_delay():
    with Daemon("--queue-limit", "1", "--retry-after", "1") as d:
        jobs = [sleeper(0.5, str(i)) for i in range(3)]
        with JudgeClient(d.url, batch_size=1, batch_wait_s=0, **FAST_RETRY) as client:
            assert [v.outcome for v in judge(client, jobs)] == ["passed"] * 3
        metrics = httpx.get(d.url + "/metrics").text
        assert "rltf_judge_rejected_total 0.0" not in metrics  # the 429 path was really taken


def test_retries_ride_out_a_restarting_server():
    port = free_port()
    with JudgeClient(f"http://127.0.0.1:{port}", **FAST_RETRY) as client:
        first = client.submit(PASS)  # nobody listens yet: connection refused, retried
        daemons = []
        starter = threading.Thread(target=lambda: daemons.append(Daemon(port=port).start()))
        starter.start()
        try:
            assert first.result(timeout=120).outcome == "passed"
            starter.join()
            daemons[0].kill()
            second = client.submit(WRONG)  # down again; comes back below
            daemons.append(Daemon(port=port).start())
            assert second.result(timeout=120).outcome == "wrong_answer"
        finally:
            starter.join()
            for d in daemons:
                d.kill()


def programs_judged(url: str) -> float:
    line = next(
        x for x in httpx.get(url + "/metrics").text.splitlines() if x.startswith("rltf_judge_programs_total")
    )
    return float(line.split()[1])


def test_several_urls_share_the_work_and_route_around_a_dead_one(daemon):
    dead = f"http://127.0.0.1:{free_port()}"
    with Daemon(workers=1) as other:
        before = programs_judged(daemon.url)
        with JudgeClient([dead, daemon.url, other.url], batch_size=2, **FAST_RETRY) as client:
            verdicts = judge(client, numbered(24))
        assert [v.outcome == "passed" for v in verdicts] == [i % 2 == 0 for i in range(24)]
        assert programs_judged(daemon.url) > before
        assert programs_judged(other.url) > 0


def test_connect_builds_the_configured_judge(daemon):
    with pytest.raises(ValueError, match="--workers"):
        connect(daemon.url, workers=4)
    with pytest.raises(ValueError, match="unknown limit"):
        connect(daemon.url, time_limit=3)
    with pytest.raises(ValueError, match="sometimes"):
        connect(daemon.url, stop="sometimes")
    remote = connect(daemon.url, retries=2, time_s=None, stop=None)
    assert isinstance(remote, JudgeClient)
    remote.close()
    # Limits from the config override each job's own: 0.5 s is too short for a 2 s sleep.
    forced = connect([daemon.url], time_s=0.5, memory_mb=None)
    try:
        assert isinstance(forced, LimitOverrides)
        assert forced.submit(sleeper(2, "slow")).result(timeout=60).outcome == "timeout"
    finally:
        forced.close()


def test_connect_without_url_judges_in_process():
    local = connect(None, workers=1, stop="first_failure")
    try:
        job = Job(code=WRONG.code, tests=WRONG.tests, limits=Limits(stop="never"), id="w")
        verdict = local.submit(job).result(timeout=60)
        assert verdict.outcome == "wrong_answer" and len(verdict.tests) == 1  # stopped at the first failure
    finally:
        local.close()


def test_closing_the_client_fails_what_is_still_unanswered(daemon):
    client = JudgeClient(daemon.url)
    future = client.submit(sleeper(5, "abandoned"))
    client.close()
    with pytest.raises(JudgeError, match="client closed"):
        future.result(timeout=10)
