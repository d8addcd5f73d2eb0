"""SandboxFusion's /run_code on this judge: its request and response types, and how a LocalJudge Execution
translates into them, so clients written for a SandboxFusion server (verl, its SDK, tinker-cookbook) work
unchanged. Reference semantics: SandboxFusion's sandbox/server/sandbox_api.py and sandbox/runners/base.py.
"""

from __future__ import annotations

import importlib.util
import logging
from typing import TYPE_CHECKING

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from sandbox_runner.schema import Limits, Status

if TYPE_CHECKING:
    from sandbox_runner.local import Execution
    from sandbox_runner.server import Service

log = logging.getLogger("sandbox_runner.server")


class RunCodeRequest(BaseModel):
    """SandboxFusion's /run_code request. Languages: "python", and "pytest" where pytest is installed."""

    code: str = Field(examples=['print("hello")'])
    language: str = Field(examples=["python"])
    stdin: str | None = None
    run_timeout: float = Field(10, gt=0, description="wall-clock seconds (at most the daemon's --max-time-s)")
    compile_timeout: float = Field(10, description="accepted for compatibility; Python has no compile step")
    memory_limit_MB: int = Field(
        -1, description="address-space limit; omitted or <= 0: the daemon's maximum (--max-memory-mb)"
    )
    files: dict[str, str | None] = Field(
        {},
        description="relative path -> base64 content, written into the working directory first (null: skipped)",
    )
    fetch_files: list[str] = Field([], description="relative paths returned base64 in `files` after the run")
    args: list[str] = Field([], description="pytest's extra command-line arguments (language pytest)")


class CommandRunResult(BaseModel):
    status: str = Field(description='"Finished", "TimeLimitExceeded" or "Error" (sandbox-side failure)')
    execution_time: float | None = None
    return_code: int | None = None
    stdout: str | None = None
    stderr: str | None = None


class RunCodeResponse(BaseModel):
    status: str = Field(description='"Success", "Failed" (non-zero exit or timeout) or "SandboxError"')
    message: str = ""
    compile_result: CommandRunResult | None = None
    run_result: CommandRunResult | None = None
    executor_pod_name: str | None = None
    files: dict[str, str] = {}


def add_routes(app: FastAPI, svc: Service) -> None:
    """GET /v1/ping, and POST /run_code on `app`, judged by `svc`'s judge under its admission bound."""

    languages = supported_languages()

    @app.get("/v1/ping")
    async def ping() -> str:
        """SandboxFusion's health check: the JSON string "pong" (public, like /healthz)."""
        return "pong"

    @app.post("/run_code", response_model=RunCodeResponse, responses={429: {"description": "queue full"}})
    async def run_code(req: RunCodeRequest):
        """SandboxFusion-compatible: run a Python program (or pytest on it) on `stdin` in a working directory
        holding `files`; return its exit code, output and `fetch_files`. Output beyond the daemon's maximum
        (--max-output-mb) per stream is cut (the run is not failed) and `message` says so."""
        if req.language not in languages:
            raise HTTPException(
                400, f"language {req.language!r} is not supported; this sandbox runs: {', '.join(languages)}"
            )
        # What a caller does not ask for is the daemon's maximum: SandboxFusion has no memory limit and returns
        # all the output; here both stay bounded, by settings the operator chose.
        limits = Limits(
            time_s=req.run_timeout,
            memory_mb=svc.settings.max_memory_mb,
            output_bytes=svc.settings.max_output_bytes,
        )
        if req.memory_limit_MB > 0:
            limits.memory_mb = req.memory_limit_MB
        svc.check_limits(limits, {"time_s": "run_timeout", "memory_mb": "memory_limit_MB"}.__getitem__)
        run = getattr(svc.judge, "run", None)
        if not callable(run):
            raise HTTPException(501, f"{type(svc.judge).__name__} cannot run plain programs")
        # SandboxFusion skips null contents and names marked IGNORE_THIS_FILE; so does this sandbox.
        files = {k: v for k, v in req.files.items() if isinstance(v, str) and "IGNORE_THIS_FILE" not in k}
        options = {
            "files": files,
            "fetch_files": req.fetch_files,
            "pytest": req.language == "pytest",
            "args": req.args,
        }
        if not svc.admission.try_take(1):
            return svc.busy()
        try:
            execution = await svc.track(lambda: run(req.code, req.stdin or "", limits, **options))
        except ValueError as e:
            raise HTTPException(400, str(e)) from None
        except Exception as e:
            log.exception("run_code failed")
            return RunCodeResponse(status="SandboxError", message=f"judge failed: {type(e).__name__}: {e}")
        svc.metrics.runs.labels(execution.status.value).inc()
        return response(execution, limits.output_bytes)


def supported_languages() -> list[str]:
    """python always; pytest when this interpreter has it (children import it from here)."""
    return ["python", "pytest"] if importlib.util.find_spec("pytest") is not None else ["python"]


# How a run that did not simply end is told in `message` (SandboxFusion has no field for it).
_ENDINGS = {
    Status.TIMEOUT: "time limit exceeded",
    Status.MEMORY_LIMIT: "memory limit exceeded",
    Status.OUTPUT_LIMIT: "output limit exceeded",
    Status.SANDBOX_VIOLATION: "stopped by the sandbox (forbidden operation)",
}


def response(e: Execution, cap: int) -> RunCodeResponse:
    """LocalJudge's Execution in SandboxFusion's terms: Success only for a run that ended with exit code 0;
    a time-out is TimeLimitExceeded with no return_code (SandboxFusion's: the run was stopped, it did not
    end); a judge-side failure is SandboxError. Every other end is Finished with an integer return_code: -N
    for signal N (a segfault, the sandbox's SIGSYS, SIGKILL), as SandboxFusion's Python subprocess reports
    it. Output cut at `cap` bytes is said in `message`."""
    if e.status is Status.INTERNAL_ERROR:
        result = CommandRunResult(status="Error", execution_time=e.time_s, stderr=e.stderr)
        return RunCodeResponse(status="SandboxError", message=e.stderr, run_result=result)
    timed_out = e.status is Status.TIMEOUT
    result = CommandRunResult(
        status="TimeLimitExceeded" if timed_out else "Finished",
        execution_time=e.time_s,
        return_code=None if timed_out else e.exit_code,
        stdout=e.stdout,
        stderr=e.stderr,
    )
    ok = e.status is Status.PASSED and e.exit_code == 0
    notes = [_ENDINGS.get(e.status, "")]
    for name, size in (("stdout", e.stdout_bytes), ("stderr", e.stderr_bytes)):
        if size > cap:
            notes.append(f"{name} truncated: the program wrote {size} bytes, the first {cap} are returned")
    return RunCodeResponse(
        status="Success" if ok else "Failed",
        message="; ".join(filter(None, notes)),
        run_result=result,
        files=e.files,
    )
