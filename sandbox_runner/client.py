"""The Judge protocol over HTTP: the same `submit(job) -> Future[Verdict]` as LocalJudge, served by one or
more `python -m sandbox_runner serve` daemons. (`sandbox_runner.connect` picks this or a LocalJudge.)

Submits are gathered into batches (one /v1/judge request each) and the daemon streams verdicts back as they
finish, so each future resolves as soon as its program is judged. Connection errors and 5xx are retried with
backoff, re-sending only the jobs still unanswered, on the least loaded URL; `retries` such failures in a row
fail the batch. A busy daemon (429) is not a failure: the batch waits its Retry-After and tries again, for as
long as it takes. A batch the daemon finds too large (413) is split in halves, and later batches are no
larger than what was accepted. A refusal that retrying cannot fix (401, 422, one job that alone is too large,
...) fails the futures with JudgeError.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import itertools
import json
import random
import threading
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass

import httpx
from pydantic import ConfigDict, TypeAdapter

from sandbox_runner.schema import Job, Verdict

RETRY_STATUS = frozenset({502, 503, 504})
# Jobs go out through pydantic-core (several times faster than dataclasses.asdict + json); inf and nan in test
# values stay Infinity / NaN as Python's json writes them, not null.
_JOBS = TypeAdapter(list[Job], config=ConfigDict(ser_json_inf_nan="constants"))
_JSON = {"Content-Type": "application/json"}
Pending = tuple[Job, asyncio.Future]


class JudgeError(RuntimeError):
    """The judge service refused the request or stayed unreachable: not a verdict about a program."""


@dataclass
class _Retry:
    """Why an attempt failed in a way worth retrying, and how long the server asked us to wait."""

    reason: str
    delay_s: float | None = None
    busy: bool = False  # 429: the daemon is healthy and asks us to come back later
    too_large: bool = False  # 413: the batch must shrink

    def __str__(self) -> str:
        return self.reason


class AsyncJudgeClient:
    """Async client for one or several judge daemons (`await client.judge_one(job)`, `judge`, `as_completed`)."""

    def __init__(
        self,
        urls: str | Sequence[str],
        token: str | None = None,
        timeout_s: float = 300.0,  # longest silence while waiting for the next verdict of a batch
        connect_timeout_s: float = 5.0,
        retries: int = 5,  # consecutive failed attempts per batch before its futures fail
        backoff_s: float = 0.2,  # first retry delay; doubles per attempt up to max_backoff_s
        max_backoff_s: float = 10.0,
        batch_size: int = 64,  # jobs per /v1/judge request (keep below the daemon's queue limit)
        batch_wait_s: float = 0.005,  # how long a partial batch waits for more submits
        max_requests: int = 8,  # concurrent requests over all URLs
    ):
        self.urls = [urls] if isinstance(urls, str) else list(urls)
        if not self.urls:
            raise ValueError("AsyncJudgeClient needs at least one URL")
        self.urls = [u.rstrip("/") for u in self.urls]
        self.retries, self.backoff_s, self.max_backoff_s = retries, backoff_s, max_backoff_s
        self.batch_size, self.batch_wait_s = batch_size, batch_wait_s
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self._http = httpx.AsyncClient(
            headers=headers,
            timeout=httpx.Timeout(timeout_s, connect=connect_timeout_s),
            limits=httpx.Limits(max_connections=max_requests),
        )
        self._slots = asyncio.Semaphore(max_requests)
        self._load = dict.fromkeys(self.urls, 0)  # jobs in flight per URL
        self._down_until = dict.fromkeys(self.urls, 0.0)  # monotonic time before which a URL is avoided
        self._turn = itertools.count()
        self._pending: list[Pending] = []
        self._flush_timer: asyncio.TimerHandle | None = None
        self._sending: set[asyncio.Task] = set()

    # -- public -------------------------------------------------------------------------------------------

    async def judge_one(self, job: Job) -> Verdict:
        """Judge one program (batched with other submits of the same moment)."""
        future = asyncio.get_running_loop().create_future()
        self._pending.append((job, future))
        if len(self._pending) >= self.batch_size:
            self._flush()
        elif self._flush_timer is None:
            self._flush_timer = asyncio.get_running_loop().call_later(self.batch_wait_s, self._flush)
        return await future

    async def judge(self, jobs: Iterable[Job]) -> list[Verdict]:
        """Verdicts in the order of `jobs`."""
        return list(await asyncio.gather(*(self.judge_one(j) for j in jobs)))

    async def as_completed(self, jobs: Iterable[Job]) -> AsyncIterator[tuple[int, Verdict]]:
        """(index in `jobs`, verdict) as each program is judged."""

        async def indexed(i: int, job: Job) -> tuple[int, Verdict]:
            return i, await self.judge_one(job)

        tasks = [asyncio.ensure_future(indexed(i, j)) for i, j in enumerate(jobs)]
        try:
            for next_done in asyncio.as_completed(tasks):
                yield await next_done
        finally:
            for t in tasks:
                t.cancel()

    async def health(self) -> dict:
        """/healthz of the first URL (pool size, isolation layers, queue depth)."""
        r = await self._http.get(self.urls[0] + "/healthz")
        r.raise_for_status()
        return r.json()

    async def aclose(self) -> None:
        """Stop: unanswered futures fail with JudgeError."""
        if self._flush_timer is not None:
            self._flush_timer.cancel()
        batch, self._pending = self._pending, []
        _fail(batch, JudgeError("client closed"))
        for task in list(self._sending):
            task.cancel()
        await asyncio.gather(*self._sending, return_exceptions=True)
        await self._http.aclose()

    async def __aenter__(self) -> AsyncJudgeClient:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    # -- batching and retries -----------------------------------------------------------------------------

    def _flush(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        while self._pending:
            batch, self._pending = self._pending[: self.batch_size], self._pending[self.batch_size :]
            task = asyncio.ensure_future(self._send(batch))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send(self, batch: list[Pending]) -> None:
        """Deliver one batch; whatever goes wrong, no caller is left waiting on a future forever."""
        try:
            async with self._slots:
                await self._deliver(batch)
        except JudgeError as e:
            _fail(batch, e)
        except asyncio.CancelledError:
            _fail(batch, JudgeError("client closed"))
            raise
        except Exception as e:  # a bug: fail loudly, then let it propagate
            _fail(batch, JudgeError(f"judge client failed: {type(e).__name__}: {e}"))
            raise

    async def _deliver(self, batch: list[Pending]) -> None:
        failures = 0  # consecutive attempts that answered nothing (a busy daemon's 429 is not one)
        while batch := [(job, f) for job, f in batch if not f.done()]:
            url = self._pick()
            self._load[url] += len(batch)
            try:
                retry = await self._post(url, batch)
            finally:
                self._load[url] -= len(batch)
            if retry is None:
                continue
            if retry.too_large:
                if len(batch) == 1:
                    raise JudgeError(f"the daemon refuses even this one job alone: {retry}")
                half = len(batch) // 2
                self.batch_size = min(self.batch_size, half)  # later batches start at a size that fits
                await asyncio.gather(self._deliver(batch[:half]), self._deliver(batch[half:]))
                return
            if retry.busy:
                failures = 0
                delay = retry.delay_s if retry.delay_s is not None else self.backoff_s
            else:
                failures = 0 if any(f.done() for _, f in batch) else failures + 1
                if failures > self.retries:
                    raise JudgeError(f"gave up after {self.retries} retries: {retry}")
                delay = retry.delay_s if retry.delay_s is not None else self._backoff(failures)
            self._avoid(url, delay)
            await asyncio.sleep(max(0.0, min(self._down_until.values()) - time.monotonic()))

    async def _post(self, url: str, batch: list[Pending]) -> _Retry | None:
        """One streamed /v1/judge request; resolves futures as verdict lines arrive. Returns why to retry
        (connection trouble, 429/5xx, a stream cut short) or None when every job was answered."""
        body = b'{"stream": true, "jobs": ' + _JOBS.dump_json([job for job, _ in batch]) + b"}"
        answered = 0
        try:
            async with self._http.stream("POST", url + "/v1/judge", content=body, headers=_JSON) as r:
                if r.status_code == 429:
                    return _Retry(f"{url} is busy (429)", _retry_after(r), busy=True)
                if r.status_code == 413:
                    await r.aread()
                    return _Retry(f"{url} answered 413: {_detail(r)}", too_large=True)
                if r.status_code in RETRY_STATUS:
                    return _Retry(f"{url} answered {r.status_code}", _retry_after(r))
                if r.status_code != 200:
                    await r.aread()
                    raise JudgeError(f"{url}/v1/judge answered {r.status_code}: {_detail(r)}")
                async for line in r.aiter_lines():
                    if line:
                        msg = json.loads(line)
                        future = batch[msg["index"]][1]
                        if not future.done():
                            future.set_result(Verdict.from_dict(msg["verdict"]))
                        answered += 1
        except httpx.TransportError as e:
            return _Retry(f"{url}: {type(e).__name__}: {e}")
        if answered < len(batch):
            return _Retry(f"{url} ended the stream after {answered}/{len(batch)} verdicts")
        return None

    def _pick(self) -> str:
        """Least-loaded URL among those not being avoided, ties taken in turn."""
        now = time.monotonic()
        up = [u for u in self.urls if self._down_until[u] <= now] or self.urls
        k = next(self._turn) % len(up)
        return min(up[k:] + up[:k], key=self._load.__getitem__)

    def _avoid(self, url: str, delay_s: float) -> None:
        self._down_until[url] = time.monotonic() + delay_s

    def _backoff(self, failures: int) -> float:
        return min(self.max_backoff_s, self.backoff_s * 2 ** (failures - 1)) * random.uniform(0.5, 1.0)


def _fail(batch: list[Pending], error: Exception) -> None:
    for _, f in batch:
        if not f.done():
            f.set_exception(error)


def _retry_after(r: httpx.Response) -> float | None:
    try:
        return float(r.headers["Retry-After"])
    except (KeyError, ValueError):
        return None


def _detail(r: httpx.Response) -> str:
    try:
        return str(r.json().get("detail", r.text))
    except ValueError:
        return r.text[:500]


class JudgeClient:
    """The Judge protocol (`submit`, `close`) for synchronous callers: an AsyncJudgeClient on a private
    event-loop thread, so batching and streaming work the same as in async code."""

    def __init__(self, urls: str | Sequence[str], **options):
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="judge-client", daemon=True)
        self._thread.start()
        self._client = AsyncJudgeClient(urls, **options)

    def submit(self, job: Job) -> cf.Future[Verdict]:
        return asyncio.run_coroutine_threadsafe(self._client.judge_one(job), self._loop)

    def health(self) -> dict:
        return asyncio.run_coroutine_threadsafe(self._client.health(), self._loop).result()

    def close(self) -> None:
        if self._loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self._client.aclose(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()

    def __enter__(self) -> JudgeClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
