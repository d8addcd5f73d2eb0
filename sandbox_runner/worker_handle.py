"""WorkerProcess: the judge's handle on one worker process (worker.py): start it, send a request, get the
response, replace it if it dies."""

from __future__ import annotations

import dataclasses
import json
import os
import secrets
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

from sandbox_runner import protocol
from sandbox_runner.isolation import Isolation, seccomp_for_worker
from sandbox_runner.protocol import RunRequest, RunResult

_PKG_PARENT = str(Path(__file__).resolve().parents[1])
_BOOT = f"import sys; sys.path.insert(0, {_PKG_PARENT!r}); from sandbox_runner.worker import main; main()"
# The worker (and so every child) starts with this environment and nothing of the judge's.
_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
_START_TIMEOUT_S = 60.0


class WorkerLost(RuntimeError):
    """The worker died or stopped answering; the job it held gets an internal-error verdict."""


class WorkerProcess:
    def __init__(self, isolation: Isolation) -> None:
        self.isolation = isolation
        self.proc: subprocess.Popen[bytes] | None = None
        self.layers: dict[str, str] = {}
        self.pid = 0

    def spawn(self) -> None:
        """Start the process (returns at once; `wait_ready` reads its greeting)."""
        # A private uid per worker (random, so separate judges on one host do not share one either).
        cfg = dataclasses.replace(self.isolation, uid=1_000_000 + secrets.randbelow(1 << 30))
        self.proc = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOT, json.dumps(dataclasses.asdict(cfg)), json.dumps(seccomp_for_worker(cfg))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=_ENV,
            cwd="/",
            close_fds=True,
            start_new_session=True,  # a Ctrl-C meant for the caller does not kill jobs half-way
        )

    def wait_ready(self) -> None:
        hello = self._read(_START_TIMEOUT_S)
        self.pid, self.layers = hello["pid"], hello["layers"]

    def start(self) -> None:
        self.spawn()
        self.wait_ready()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def call(self, req: RunRequest, timeout_s: float) -> RunResult:
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(protocol.line(req))
            self.proc.stdin.flush()
        except OSError as e:
            raise WorkerLost(f"worker {self.pid} is gone ({e})") from None
        return RunResult(**self._read(timeout_s))

    def _read(self, timeout_s: float) -> dict[str, Any]:
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout_s)
        line = self.proc.stdout.readline() if ready else b""
        if not line:
            why = "stopped answering" if not ready else f"died (exit status {self.proc.poll()})"
            self.kill()
            raise WorkerLost(f"worker {self.pid} {why}")
        return json.loads(line)

    def kill(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, 9)
        except OSError:
            pass
        self.proc.wait()

    def stop(self) -> None:
        """Let the worker finish: closing its input ends its loop."""
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()  # type: ignore[union-attr]
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
        self.proc.stdout.close()  # type: ignore[union-attr]
