"""The judge as an HTTP daemon: batch judging, SandboxFusion's /run_code (sandboxfusion.py) and dataset API
(datasets.py), health, metrics.

One process. Uvicorn's event loop only admits requests and awaits futures; the judging happens in the
Judge's own worker pool. Admission is bounded (`queue_limit` programs queued or running), so a flood gets
429 + Retry-After at once instead of an ever-growing queue or a hang.
"""

from __future__ import annotations

import asyncio
import concurrent.futures as cf
import json
import logging
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from pydantic import BaseModel, Field, TypeAdapter
from starlette.exceptions import HTTPException as StarletteHTTPException

from sandbox_runner import datasets, jupyter, sandboxfusion
from sandbox_runner.judge import Judge
from sandbox_runner.plan import plan
from sandbox_runner.schema import Job, Limits, Verdict

log = logging.getLogger("sandbox_runner.server")

# Paths anyone may read without the token: liveness probes and the API description.
PUBLIC_PATHS = frozenset(
    {"/healthz", "/v1/ping", "/docs", "/docs/oauth2-redirect", "/redoc", "/openapi.json"}
)


@dataclass
class ServerSettings:
    """What the daemon accepts; `python -m sandbox_runner serve` sets these from its flags."""

    queue_limit: int = 4096  # programs queued or running at once; beyond it requests get 429
    max_body_bytes: int = 32 << 20  # larger request bodies get 413
    retry_after_s: int = 1  # Retry-After sent with 429
    # Largest limits a caller may ask for (per test; /run_code: per run). Real clients ask for a lot: tinker's
    # grader (6 + 1) x tests + 5 s, SandboxFusion's default memory is "no limit" (here: max_memory_mb).
    max_time_s: float = 600.0
    max_memory_mb: int = 16384
    max_output_bytes: int = 64 << 20
    max_tests: int = 20_000  # tests in one /v1/judge request (planning them is the daemon's own work)
    token: str | None = None  # bearer token required on every non-public path when set
    data_dir: Path | None = None  # benchmarks for the dataset routes (datasets.py); None: $RLTF_DATA_DIR


# ---------------------------------------------------------------------------------------------------------
# Wire types. Jobs and Verdicts are schema.py's dataclasses themselves (pydantic validates them and names the
# exact field that is wrong); only the envelopes are declared here.


class JudgeRequest(BaseModel):
    jobs: list[Job] = Field(description="programs with their tests; verdicts come back in this order")
    stream: bool = Field(
        False,
        description="answer NDJSON, one line {index, verdict} per program as soon as it is judged, "
        "instead of one JSON object at the end",
    )


class JudgeResponse(BaseModel):
    verdicts: list[Verdict]


# ---------------------------------------------------------------------------------------------------------


class Admission:
    """Counts programs in flight. Slots are freed when the judge finishes a program (from its threads), not
    when the request ends, so a client that hangs up cannot make the bound lie."""

    def __init__(self, limit: int):
        self.limit = limit
        self.depth = 0
        self._lock = threading.Lock()

    def try_take(self, n: int) -> bool:
        with self._lock:
            if self.depth + n > self.limit:
                return False
            self.depth += n
            return True

    def release(self) -> None:
        with self._lock:
            self.depth -= 1


class Metrics:
    """Prometheus series, in a registry of their own so several apps can live in one process (tests)."""

    def __init__(self, admission: Admission):
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("rltf_judge_requests", "HTTP requests", ["path", "code"], registry=r)
        self.latency = Histogram(
            "rltf_judge_request_seconds",
            "HTTP request latency, first byte in to last byte out",
            ["path"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
            registry=r,
        )
        self.programs = Counter("rltf_judge_programs", "programs judged", registry=r)
        self.verdicts = Counter("rltf_judge_verdicts", "program outcomes", ["outcome"], registry=r)
        self.runs = Counter("rltf_judge_runs", "/run_code runs by how they ended", ["status"], registry=r)
        self.rejected = Counter(
            "rltf_judge_rejected", "requests turned away with 429 (queue full)", registry=r
        )
        queue = Gauge("rltf_judge_queue_depth", "programs queued or running", registry=r)
        queue.set_function(lambda: admission.depth)
        Gauge("rltf_judge_queue_limit", "admission bound", registry=r).set(admission.limit)

    def path_label(self, path: str) -> str:
        """Known routes by name, everything else as 'other', so a scanner cannot blow up label cardinality."""
        return path if path in _ROUTES else "other"


_ROUTES = frozenset(
    {"/v1/judge", "/run_code", "/run_jupyter", "/healthz", "/v1/ping", "/metrics"}
    | {"/list_datasets", "/list_ids", "/get_prompts", "/get_prompt_by_id", "/submit"}
)


class Guard:
    """ASGI middleware run before any body is read: bearer token (401), body size (411/413), and the
    request counter and latency histogram (measured to the last byte sent, so streams count in full)."""

    def __init__(self, app, settings: ServerSettings, metrics: Metrics):
        self.app, self.settings, self.metrics = app, settings, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start, path = time.perf_counter(), self.metrics.path_label(scope["path"])
        code = 500

        async def counted_send(message):
            nonlocal code
            if message["type"] == "http.response.start":
                code = message["status"]
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                self.metrics.requests.labels(path, str(code)).inc()
                self.metrics.latency.labels(path).observe(time.perf_counter() - start)
            await send(message)

        refusal = self._refusal(scope)
        if refusal is None and _chunked(scope):
            receive, refusal = await self._buffer(receive)
        app = refusal if refusal is not None else self.app
        await app(scope, receive, counted_send)

    async def _buffer(self, receive):
        """A chunked body (no Content-Length) read whole, but never past the size limit: a 413 as soon as it
        would be, else a `receive` that hands the app the body as one message."""
        body, cap = bytearray(), self.settings.max_body_bytes
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            body += message.get("body", b"")
            if len(body) > cap:
                return receive, _too_large(f"a chunked request body of more than {cap} bytes", cap)
            if not message.get("more_body", False):
                break
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()  # after the body: the disconnect, when it comes
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        return replay, None

    def _refusal(self, scope) -> JSONResponse | None:
        headers = dict(scope["headers"])
        token = self.settings.token
        if token and scope["path"] not in PUBLIC_PATHS:
            auth = headers.get(b"authorization", b"").decode("latin-1")
            scheme, _, given = auth.partition(" ")
            if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
                return JSONResponse(
                    {"detail": "missing or wrong bearer token (Authorization: Bearer <token>)"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
        if scope["method"] in ("POST", "PUT", "PATCH"):
            length = headers.get(b"content-length")
            if length is None:
                if _chunked(scope):
                    return None  # counted as it arrives (_buffer)
                return JSONResponse(
                    {"detail": "a request body needs Content-Length or Transfer-Encoding: chunked"},
                    status_code=411,
                )
            if int(length) > self.settings.max_body_bytes:
                return _too_large(f"request body of {int(length)} bytes", self.settings.max_body_bytes)
        return None


def _chunked(scope) -> bool:
    te = dict(scope["headers"]).get(b"transfer-encoding", b"")
    return scope["method"] in ("POST", "PUT", "PATCH") and b"chunked" in te.lower()


def _too_large(what: str, cap: int) -> JSONResponse:
    return JSONResponse(
        {"detail": f"{what} exceeds the limit of {cap} bytes; send smaller batches"}, status_code=413
    )


_VERDICT = TypeAdapter(Verdict)


def verdict_dict(v: Verdict) -> dict:
    """`Verdict.to_dict()` through pydantic-core: dataclasses.asdict was the daemon's hottest line."""
    d = _VERDICT.dump_python(v)  # python mode: enums stay StrEnums, which json.dumps writes as strings
    d["failed"] = v.failed
    return d


# Limits field -> the ServerSettings field that bounds it.
_MAXIMA = {"time_s": "max_time_s", "memory_mb": "max_memory_mb", "output_bytes": "max_output_bytes"}


class Service:
    """The judge plus admission and metrics; the routes below are thin wrappers over it."""

    def __init__(self, judge: Judge, settings: ServerSettings):
        self.judge, self.settings = judge, settings
        self.admission = Admission(settings.queue_limit)
        self.metrics = Metrics(self.admission)

    def busy(self) -> JSONResponse:
        self.metrics.rejected.inc()
        return JSONResponse(
            {"detail": f"queue full ({self.admission.depth}/{self.admission.limit} programs); retry later"},
            status_code=429,
            headers={"Retry-After": str(self.settings.retry_after_s)},
        )

    def check_limits(self, limits: Limits, name: Callable[[str], str]) -> None:
        """400 for a limit above the daemon's maximum, naming the request field and the setting that allows
        it (`name` maps a Limits field to the request's name for it). Limits itself refuses values <= 0."""
        for field, setting in _MAXIMA.items():
            value, most = getattr(limits, field), getattr(self.settings, setting)
            if value > most:
                flag = "--" + setting.replace("_", "-").replace("-bytes", "-mb")
                raise HTTPException(
                    400,
                    f"{name(field)}={value} exceeds this daemon's maximum of {most} ({flag}, ServerSettings.{setting})",
                )

    def track(
        self, start: Callable[[], cf.Future], loop: asyncio.AbstractEventLoop | None = None
    ) -> asyncio.Future:
        """Start admitted work on the judge; its slot is freed when the judge is done with it. A ValueError
        (malformed input) frees the slot and propagates; any other failure lands in the returned future."""
        try:
            future = start()
        except ValueError:
            self.admission.release()
            raise
        except Exception as e:  # a judge that cannot even queue the work still owes it an answer
            log.exception("the judge refused work")
            future = cf.Future()
            future.set_exception(e)
        future.add_done_callback(lambda _: self.admission.release())
        return asyncio.wrap_future(future, loop=loop)

    def submit_all(self, jobs: list[Job], loop: asyncio.AbstractEventLoop) -> list[asyncio.Future[Verdict]]:
        """Submit an admitted batch, or none of it: a malformed job is a 400 naming it, and the jobs already
        queued are withdrawn (their slots are freed as they are dropped or finish). Runs in a worker thread
        (planning is CPU work); the futures belong to `loop`."""
        futures: list[asyncio.Future[Verdict]] = []
        for i, job in enumerate(jobs):
            try:
                futures.append(self.track(lambda: self.judge.submit(job), loop))  # noqa: B023 (called at once)
            except ValueError as e:
                loop.call_soon_threadsafe(_cancel, futures)  # asyncio futures belong to the loop's thread
                for _ in jobs[i + 1 :]:
                    self.admission.release()
                raise HTTPException(400, f"jobs[{i}] (id {job.id!r}): {e}") from None
        return futures

    async def verdict(self, job: Job, future: asyncio.Future[Verdict]) -> Verdict:
        try:
            v = await future
        except asyncio.CancelledError:
            raise
        except Exception as e:
            log.exception("judging job %r failed", job.id)
            v = Verdict.internal_error(
                job.id, len(plan(job.tests).checks), f"judge failed: {type(e).__name__}: {e}"
            )
        self.metrics.programs.inc()
        self.metrics.verdicts.labels(v.outcome.value).inc()
        return v


def create_app(judge: Judge, settings: ServerSettings | None = None) -> FastAPI:
    """The ASGI app around a started judge. The caller owns the judge and closes it after the server has
    stopped (uvicorn returns only once the requests in flight are answered, so no verdict is lost)."""
    settings = settings or ServerSettings()
    svc = Service(judge, settings)
    app = FastAPI(
        title="sandbox_runner",
        summary="Runs untrusted Python against unit tests in isolation and returns rich verdicts.",
        default_response_class=SafeJSONResponse,
    )
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _refused)

    @app.post(
        "/v1/judge",
        response_model=JudgeResponse,
        responses={
            200: {"content": {"application/x-ndjson": {}}, "description": "JSON, or NDJSON when stream"},
            413: {"description": "body or batch too large"},
            429: {"description": "queue full; see Retry-After"},
        },
    )
    async def judge_batch(req: JudgeRequest, request: Request):
        """Judge a batch of programs. With `stream`, each verdict is sent the moment it is ready."""
        if len(req.jobs) > settings.queue_limit:
            raise HTTPException(
                413,
                f"batch of {len(req.jobs)} jobs exceeds the queue limit of {settings.queue_limit}; split it",
            )
        n_tests = sum(map(_tests_in, req.jobs))
        if n_tests > settings.max_tests:
            raise HTTPException(
                413, f"{n_tests} tests in one request exceed this daemon's maximum of {settings.max_tests} "
                f"(--max-tests, ServerSettings.max_tests); split it",
            )  # fmt: skip
        for i, job in enumerate(req.jobs):
            svc.check_limits(job.limits, lambda field: f"jobs[{i}].limits.{field}")  # noqa: B023 (called at once)
        if not svc.admission.try_take(len(req.jobs)):
            return svc.busy()
        # Planning parses every test: in a thread, so a large request never stalls the event loop (/healthz).
        futures = await asyncio.to_thread(svc.submit_all, req.jobs, asyncio.get_running_loop())
        if req.stream:
            return StreamingResponse(_stream(svc, req.jobs, futures), media_type="application/x-ndjson")
        answered = asyncio.ensure_future(
            asyncio.gather(*(svc.verdict(j, f) for j, f in zip(req.jobs, futures, strict=True)))
        )
        gone = asyncio.ensure_future(_hung_up(request))
        try:
            await asyncio.wait({answered, gone}, return_when=asyncio.FIRST_COMPLETED)
            if not answered.done():  # the client left: its programs that have not started never will
                answered.cancel()
                return Response(status_code=499)
            verdicts = answered.result()
        finally:
            gone.cancel()
            _cancel(futures)
        return SafeJSONResponse({"verdicts": [verdict_dict(v) for v in verdicts]})

    sandboxfusion.add_routes(app, svc)
    datasets.add_routes(app, svc)
    jupyter.add_routes(app, svc)

    @app.get("/healthz")
    async def healthz():
        """Liveness plus what the judge is running with (pool size, isolation layers) and its load."""
        return {
            "status": "ok",
            "queue_depth": svc.admission.depth,
            "queue_limit": svc.admission.limit,
            **_describe(judge),
        }

    @app.get("/metrics", response_class=PlainTextResponse)
    async def metrics():
        """Prometheus text exposition."""
        return PlainTextResponse(generate_latest(svc.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    app.add_middleware(Guard, settings=settings, metrics=svc.metrics)
    return app


class SafeJSONResponse(JSONResponse):
    """JSON that any text can go into: a lone surrogate (in a job id, or a program's exception message) is
    written as its \\u escape, as the streamed answers always did, instead of failing the whole response."""

    def render(self, content: object) -> bytes:
        return json.dumps(content, separators=(",", ":")).encode()


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    """422 naming each bad field, without echoing the bad value (NaN, Infinity, surrogates, or megabytes)."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
    return SafeJSONResponse({"detail": errors}, status_code=422)


async def _refused(request: Request, exc: Exception) -> JSONResponse:
    """HTTP errors as JSON; a body FastAPI could not parse gets a reason a person can act on."""
    assert isinstance(exc, StarletteHTTPException)
    detail, cause = exc.detail, exc.__cause__
    if isinstance(cause, UnicodeDecodeError):
        detail = f"the request body is not UTF-8 (byte {cause.start}: {cause.reason}); send UTF-8 JSON"
    elif isinstance(cause, RecursionError):
        detail = (
            "the request body nests too deeply for the JSON parser; keep nesting below a few hundred levels"
        )
    return SafeJSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)


async def _hung_up(request: Request) -> None:
    """Returns when the client has closed the connection (its body was read already)."""
    while (await request.receive())["type"] != "http.disconnect":
        pass


def _tests_in(job: Job) -> int:
    """About how many tests a job holds, before planning it (a check source: its asserts)."""
    t = job.tests
    return len(t.asserts) or len(t.inputs) or t.check.count("assert") or 1


async def _stream(
    svc: Service, jobs: list[Job], futures: list[asyncio.Future[Verdict]]
) -> AsyncIterator[bytes]:
    """NDJSON lines {"index": i, "verdict": {...}} in completion order; a hang-up cancels what has not run."""

    async def indexed(i: int) -> tuple[int, Verdict]:
        return i, await svc.verdict(jobs[i], futures[i])

    tasks = [asyncio.ensure_future(indexed(i)) for i in range(len(jobs))]
    try:
        for next_done in asyncio.as_completed(tasks):
            i, v = await next_done
            yield (json.dumps({"index": i, "verdict": verdict_dict(v)}) + "\n").encode()
    finally:
        _cancel(tasks)
        _cancel(futures)


def _cancel(futures) -> None:
    """Drop work nobody will read; finished futures are unaffected, running ones finish and free their slot."""
    for f in futures:
        f.cancel()


def _describe(judge: Judge) -> dict:
    """What the judge tells about itself (LocalJudge: pool size, isolation layers "on" or why not)."""
    describe = getattr(judge, "describe", None)
    return describe() if callable(describe) else {}
