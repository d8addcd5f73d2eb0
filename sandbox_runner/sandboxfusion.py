"""SandboxFusion's /run_code on this judge: its request and response types, and how a LocalJudge Execution
translates into them, so clients written for a SandboxFusion server (verl, its SDK, tinker-cookbook) work
unchanged. Reference semantics: SandboxFusion's sandbox/server/sandbox_api.py and sandbox/runners/base.py.
"""

from __future__ import annotations

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
    """SandboxFusion's /run_code request. Only language "python" is served."""

    code: str = Field(examples=['print("hello")'])
    language: str = Field(examples=["python"])
    stdin: str | None = None
    run_timeout: float = Field(10, gt=0, description="wall-clock seconds")
    compile_timeout: float = Field(10, description="accepted for compatibility; Python has no compile step")
    memory_limit_MB: int = Field(-1, description="address-space limit; -1 takes the judge's default")
    files: dict[str, str | None] = Field({}, description="not supported: must be empty")
    fetch_files: list[str] = Field([], description="not supported: must be empty")
    args: list[str] = Field([], description="accepted for compatibility; unused for python")


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
    """POST /run_code on `app`, judged by `svc`'s judge under its admission bound."""

    @app.post("/run_code", response_model=RunCodeResponse, responses={429: {"description": "queue full"}})
    async def run_code(req: RunCodeRequest):
        """SandboxFusion-compatible: run a Python program on `stdin`, return its exit code and output."""
        if req.language != "python":
            raise HTTPException(
                400, f"language {req.language!r} is not supported; this sandbox runs 'python'"
            )
        for name in ("files", "fetch_files"):
            if getattr(req, name):
                raise HTTPException(400, f"{name!r} is not supported by this sandbox; send it empty")
        limits = Limits(time_s=req.run_timeout)
        if req.memory_limit_MB > 0:
            limits.memory_mb = req.memory_limit_MB
        svc.check_limits(limits, "run_timeout/memory_limit_MB as limits")
        run = getattr(svc.judge, "run", None)
        if not callable(run):
            raise HTTPException(501, f"{type(svc.judge).__name__} cannot run plain programs")
        if not svc.admission.try_take(1):
            return svc.busy()
        try:
            execution = await svc.track(lambda: run(req.code, req.stdin or "", limits))
        except Exception as e:
            log.exception("run_code failed")
            return RunCodeResponse(status="SandboxError", message=f"judge failed: {type(e).__name__}: {e}")
        svc.metrics.runs.labels(execution.status.value).inc()
        return response(execution)


# How a run that did not simply end is told in `message` (SandboxFusion has no field for it).
_ENDINGS = {
    Status.TIMEOUT: "time limit exceeded",
    Status.MEMORY_LIMIT: "memory limit exceeded",
    Status.OUTPUT_LIMIT: "output limit exceeded",
    Status.SANDBOX_VIOLATION: "stopped by the sandbox (forbidden operation)",
}


def response(e: Execution) -> RunCodeResponse:
    """LocalJudge's Execution in SandboxFusion's terms: Success only for a run that ended with exit code 0;
    a time-out is TimeLimitExceeded; a judge-side failure is SandboxError."""
    if e.status is Status.INTERNAL_ERROR:
        result = CommandRunResult(status="Error", execution_time=e.time_s, stderr=e.stderr)
        return RunCodeResponse(status="SandboxError", message=e.stderr, run_result=result)
    result = CommandRunResult(
        status="TimeLimitExceeded" if e.status is Status.TIMEOUT else "Finished",
        execution_time=e.time_s,
        return_code=e.exit_code,
        stdout=e.stdout,
        stderr=e.stderr,
    )
    ok = e.status is Status.PASSED and e.exit_code == 0
    return RunCodeResponse(
        status="Success" if ok else "Failed", message=_ENDINGS.get(e.status, ""), run_result=result
    )
