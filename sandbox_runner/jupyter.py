"""SandboxFusion's /run_jupyter on this judge: cells run in order in one Python process, state kept across
them, each cell's stdout, stderr, displayed value and error returned separately. Reference semantics:
SandboxFusion's sandbox/runners/jupyter.py and runtime/jupyter/main.py.

No kernel: the cells run inside jupyter_driver.py, sent as the program of one ordinary /run_code run (same
admission, limits, isolation, files and fetch_files), with the cells on its stdin. total_timeout is that run's
wall time; cell_timeout is kept by the driver itself. The driver reports each cell on the run's stdout,
framed by a nonce made here per request. Cells cannot reach that channel by printing; code that goes out of
its way to forge a record (reading the nonce from the driver's memory) runs in the same process as every later
cell and could steer their results anyway, as in a real kernel, so a forgery can only misreport the
caller's own cells: whatever the report says, the cells are the request's, and status, driver and files come
from outside the sandbox.

Where SandboxFusion returns no cells once its driver fails (a total timeout, a killed kernel), this returns
the cells that finished, with `message` naming the cell that did not.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from sandbox_runner import jupyter_driver
from sandbox_runner.sandboxfusion import _ENDINGS, CommandRunResult
from sandbox_runner.schema import Limits, Status

if TYPE_CHECKING:
    from sandbox_runner.local import Execution
    from sandbox_runner.server import Service

log = logging.getLogger("sandbox_runner.server")
DRIVER = Path(jupyter_driver.__file__).read_text()
REPORT_BYTES = 1 << 20  # all cells' output together, as /run_code's cap on one stream (beyond: cut, said)


class RunJupyterRequest(BaseModel):
    """SandboxFusion's /run_jupyter request."""

    cells: list[str] = Field(examples=[["a = 123", "a", "print(a)"]])
    cell_timeout: float = Field(0, ge=0, allow_inf_nan=False, description="seconds per cell; 0: no limit")
    total_timeout: float = Field(
        45, gt=0, allow_inf_nan=False, description="wall-clock seconds for all cells (at most --max-time-s)"
    )
    kernel: Literal["python3"] = "python3"
    files: dict[str, str | None] = Field(
        {},
        description="relative path -> base64 content, written into the working directory first (null: skipped)",
    )
    fetch_files: list[str] = Field([], description="relative paths returned base64 in `files` after the run")


class CellRunResult(BaseModel):
    stdout: str = ""
    stderr: str = ""
    display: list[dict[str, Any]] = Field([], description="the last expression's value: {mime type: text}")
    error: list[dict[str, Any]] = Field([], description="an uncaught exception: {ename, evalue, traceback}")


class RunJupyterResponse(BaseModel):
    status: str = Field(
        description='"Success" (every cell ran; cells may have raised), "Failed" or "SandboxError"'
    )
    message: str = ""
    driver: CommandRunResult | None = None
    cells: list[CellRunResult] = []
    executor_pod_name: str | None = None
    files: dict[str, str] = {}


def add_routes(app: FastAPI, svc: Service) -> None:
    """POST /run_jupyter on `app`, run by `svc`'s judge under its admission bound."""

    @app.post(
        "/run_jupyter", response_model=RunJupyterResponse, responses={429: {"description": "queue full"}}
    )
    async def run_jupyter(req: RunJupyterRequest):
        """SandboxFusion-compatible: run `cells` in order in one Python namespace, in a working directory
        holding `files`; return each cell's stdout, stderr, displayed value and error, and `fetch_files`.
        A cell that raises does not stop the later ones; one past `cell_timeout` gets a CellTimeoutError."""
        n = len(req.cells)
        limits = Limits(
            time_s=req.total_timeout,
            memory_mb=svc.settings.max_memory_mb,
            output_bytes=REPORT_BYTES + jupyter_driver.FLOOR * n,
        )
        names = {"time_s": "total_timeout", "output_bytes": f"the report of {n} cells (bytes)"}
        svc.check_limits(limits, names.__getitem__)
        run = getattr(svc.judge, "run", None)
        if not callable(run):
            raise HTTPException(501, f"{type(svc.judge).__name__} cannot run plain programs")
        files = {k: v for k, v in req.files.items() if isinstance(v, str) and "IGNORE_THIS_FILE" not in k}
        nonce = secrets.token_hex(16)
        config = {
            "cells": req.cells,
            "cell_timeout": req.cell_timeout,
            "nonce": nonce,
            "budget": REPORT_BYTES,
        }
        if not svc.admission.try_take(1):
            return svc.busy()
        try:
            execution = await svc.track(
                lambda: run(DRIVER, json.dumps(config), limits, files=files, fetch_files=req.fetch_files)
            )
        except ValueError as e:
            raise HTTPException(400, str(e)) from None
        except Exception as e:
            log.exception("run_jupyter failed")
            return RunJupyterResponse(status="SandboxError", message=f"judge failed: {type(e).__name__}: {e}")
        return response(execution, nonce, n)


def response(e: Execution, nonce: str, n: int) -> RunJupyterResponse:
    """The driver's run in SandboxFusion's terms: Success when all `n` cells reported and the driver ended
    with exit code 0; a judge-side failure is SandboxError; anything else is Failed, naming the cell that did
    not finish. The driver's stdout is its report and is not returned."""
    if e.status is Status.INTERNAL_ERROR:
        driver = CommandRunResult(status="Error", execution_time=e.time_s, stderr=e.stderr)
        return RunJupyterResponse(status="SandboxError", message=e.stderr, driver=driver)
    cells, cut = records(e.stdout, nonce, n)
    driver = CommandRunResult(
        status="TimeLimitExceeded" if e.status is Status.TIMEOUT else "Finished",
        execution_time=e.time_s,
        return_code=e.exit_code,
        stdout="",
        stderr=e.stderr,
    )
    ok = e.status is Status.PASSED and e.exit_code == 0 and len(cells) == n
    notes = [] if ok else [_failure(e, len(cells), n)]
    notes += [
        f"cell {i}'s output was cut to fit the report ({REPORT_BYTES} bytes for all cells)" for i in cut
    ]
    return RunJupyterResponse(
        status="Success" if ok else "Failed",
        message="; ".join(notes),
        driver=driver,
        cells=cells,
        files=e.files,
    )


def records(stdout: str, nonce: str, n: int) -> tuple[list[CellRunResult], list[int]]:
    """The cells' results from the driver's report: lines "<nonce> <json>" whose index is the next one
    expected; everything else on the channel is ignored. Also the indices of cells whose output was cut."""
    prefix = nonce + " "
    cells: list[CellRunResult] = []
    cut: list[int] = []
    for line in stdout.split("\n"):
        if len(cells) == n or not line.startswith(prefix):
            continue
        try:
            rec = json.loads(line[len(prefix) :], parse_constant=_no_constant)
            if not isinstance(rec, dict) or rec.get("i") != len(cells):
                continue
            cells.append(CellRunResult.model_validate(rec))
        except ValueError:  # not JSON, or not a cell's result (pydantic's ValidationError is a ValueError)
            continue
        if rec.get("cut") is True:
            cut.append(rec["i"])
    return cells, cut


def _failure(e: Execution, done: int, n: int) -> str:
    ending = _ENDINGS.get(e.status) or f"the driver ended with exit code {e.exit_code}"
    if e.status is Status.TIMEOUT:
        ending += " (total_timeout)"
    if done == n:
        return f"{ending} after the last cell"
    return f"cell {done} did not finish: {ending}; {n - done - 1} later cells did not run"


def _no_constant(name: str) -> None:
    """NaN and Infinity are not JSON: a record holding them (a forgery) is refused, not passed on."""
    raise ValueError(name)
