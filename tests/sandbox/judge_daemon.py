"""`python -m sandbox_runner serve` as a real subprocess on a free 127.0.0.1 port, for the server and client
tests. Always stopped (its whole process group) when the `with` block ends."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Daemon:
    def __init__(
        self, *args: str, workers: int = 2, port: int | None = None, env: dict[str, str] | None = None
    ):
        self.args, self.port = ["--workers", str(workers), *args], port or free_port()
        self.env = {**os.environ, **(env or {})}
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile("w+", prefix="judge-daemon-", suffix=".log")

    def start(self) -> Daemon:
        cmd = [sys.executable, "-m", "sandbox_runner", "serve", "--port", str(self.port)]
        self.proc = subprocess.Popen(
            [*cmd, *self.args],
            cwd=REPO,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"daemon exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"daemon did not answer /healthz within {START_TIMEOUT_S} s:\n{self.output()}")

    def output(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text()[-4000:]

    def descendants(self, pid: int | None = None) -> list[int]:
        """Every process below `pid` (default: the daemon), e.g. its judge workers and what they run."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(stat.parent.name))
        found, todo = [], [pid or self.proc.pid]
        while todo:
            kids = children.get(todo.pop(), [])
            found += kids
            todo += kids
        return found

    def busy_worker(self) -> list[int]:
        """[worker pid, its descendants...] for a judge worker that is running a program (it has a child)."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            for pid in self.descendants():
                below = self.descendants(pid)
                if below and not self.descendants(below[0]):  # a worker -> child chain, the child a leaf
                    return [pid, *below]
            time.sleep(0.05)
        raise RuntimeError("no judge worker started a program")

    def terminate(self, timeout_s: float = 60.0) -> int:
        """SIGTERM (graceful: requests in flight are answered first); the exit status."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout_s)
        finally:
            self.kill()

    def kill(self) -> None:
        """SIGKILL the daemon and everything below it, even what the judge moved to groups of its own."""
        if self.proc is None:
            return
        for pid in [self.proc.pid, *self.descendants()]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc.wait()

    def __enter__(self) -> Daemon:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.kill()
        self.log.close()
