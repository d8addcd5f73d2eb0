"""The fork server: a pre-warmed, isolated process that forks one sandboxed child per request.

Started by its handle (worker_handle.py) as `python -I -c <boot> <isolation json> <seccomp json>` with a scrubbed
environment. It imports as little as it can: every module and library it holds makes each fork dearer.
It speaks protocol.py's JSON lines: a RunRequest on stdin (code, probes: never expected values), one RunResult
per request on stdout (the child's raw report lines, how it ended, its stdout for stdio). It holds one request
at a time, so a child's memory never holds another job's data.
"""

from __future__ import annotations

import ctypes
import gc
import json
import os
import select
import signal
import sys
from time import monotonic, sleep

from sandbox_runner import harness, protocol, workdir
from sandbox_runner.isolation import Isolation, Prepared, enter_child, prepare_worker, set_subreaper
from sandbox_runner.protocol import RunRequest, RunResult

# Imported once here so children start with them loaded (the point of a pre-warmed fork server).
PRELOAD = (
    "array bisect cmath collections copy datetime decimal fractions functools heapq itertools math operator "
    "random re statistics string textwrap typing unicodedata dataclasses enum numbers queue threading"
).split()
_libc_fork = ctypes.PyDLL(None, use_errno=True).fork  # PyDLL: the GIL stays held across the call
_libc_fork.restype, _libc_fork.argtypes = ctypes.c_int, []
_REPORT_FD = 3
_CHUNK = 1 << 16


class Worker:
    def __init__(self, prepared: Prepared) -> None:
        self.p = prepared
        self.base = f"/tmp/judge-{os.getpid()}-{os.urandom(6).hex()}"
        os.mkdir(self.base, 0o700)
        os.chmod(self.base, 0o711)  # children may pass through (their own dir is on their sys.path), not list
        self.runs = 0
        self.out = os.memfd_create("stdout")  # reused: truncated before every run
        self.err = os.memfd_create("stderr")
        self.inp = os.memfd_create("stdin")
        self.null = os.open(os.devnull, os.O_RDONLY)

    def _new_run_dir(self) -> str:
        self.runs += 1
        d = os.path.join(self.base, str(self.runs))
        os.mkdir(d, 0o700)
        if self.p.layers.get("uid") == "on":
            os.chown(d, self.p.cfg.uid, self.p.cfg.uid)
        return d

    def _reset_fds(self, stdin: str | None) -> int:
        for fd in (self.out, self.err, self.inp):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
        if stdin is None:
            return self.null
        data = stdin.encode("utf-8", "surrogatepass")  # the judge refuses lone surrogates; never die on one
        os.write(self.inp, data) if len(data) < _CHUNK else _write_all(self.inp, data)
        os.lseek(self.inp, 0, os.SEEK_SET)
        return self.inp

    def run(self, req: RunRequest) -> RunResult:
        stdio = req.format == "stdio"
        stdin = self._reset_fds(req.probes[req.start]["stdin"] if stdio and req.probes else None)
        run_dir = self._new_run_dir()
        if req.raw:
            try:  # the program as a real file (its __file__), beside the caller's files
                uid = self.p.cfg.uid if self.p.layers.get("uid") == "on" else None
                files = {**req.files, harness.CANDIDATE: workdir.encode(req.code)}
                workdir.place(run_dir, files, uid)
            except (OSError, ValueError) as e:
                workdir.remove(run_dir)
                return RunResult([], 0.0, setup_error=f"could not write the request's files: {e}")
        n_left = 1 if stdio else max(1, len(req.probes) - req.start)
        # Raw runs write to pipes the worker drains, keeping the first output_bytes: a chatty program is cut,
        # not failed (SandboxFusion's behaviour). Judged runs write to memfds capped by RLIMIT_FSIZE.
        pipes = [os.pipe(), os.pipe()] if req.raw else []
        out, err = (pipes[0][1], pipes[1][1]) if req.raw else (self.out, self.err)
        fsize = self.p.cfg.tmpfs_mb << 20 if req.raw else req.output_bytes
        r, w = os.pipe()
        t0 = monotonic()
        parent = os.getpid()
        pid = _fork()
        if pid == 0:  # the child: never returns
            code = 70
            try:
                sys.meta_path.remove(_NoImports)  # the candidate and pytest import from the install
                for src, dst in ((stdin, 0), (out, 1), (err, 2), (w, _REPORT_FD)):
                    os.dup2(src, dst)
                os.closerange(_REPORT_FD + 1, 1 << 16)
                os.chdir(run_dir)
                enter_child(
                    self.p, parent, time_s=req.time_s * n_left, memory_mb=req.memory_mb, output_bytes=fsize
                )
                code = harness.run(req, _REPORT_FD)
            finally:
                os._exit(code)
        os.close(w)
        for _, pw in pipes:
            os.close(pw)
        captures = {pr: _Capture(req.output_bytes) for pr, _ in pipes}
        try:
            os.setpgid(pid, pid)  # also done by the child; whichever runs first wins the race
        except OSError:
            pass
        try:
            lines, why = self._collect(pid, r, req.time_s, req.output_bytes * 2 + 65536 * n_left, captures)
        finally:
            for fd in (r, *captures):
                os.close(fd)
            _kill_group(pid)  # the group: anything the child left behind goes too
            _, status = os.waitpid(pid, 0)
            if self.p.layers.get("seccomp") != "on":
                self._reap_uid()
            fetched = workdir.fetch(run_dir, req.fetch_files, fsize) if req.fetch_files else {}
            workdir.remove(run_dir)
        res = RunResult(lines, monotonic() - t0, killed=why, files=fetched)
        if os.WIFSIGNALED(status):
            res.signal = os.WTERMSIG(status)
        else:
            res.exit = os.WEXITSTATUS(status)
        if req.raw:
            (res.stdout, res.stdout_bytes), (res.stderr, res.stderr_bytes) = (
                c.result() for c in captures.values()
            )
            return res
        sizes = (os.fstat(self.out).st_size, os.fstat(self.err).st_size)
        res.out_full = max(sizes) >= req.output_bytes
        if stdio:
            res.stdout = _read(self.out, sizes[0], req.output_bytes)
        return res

    def _collect(
        self, pid: int, r: int, time_s: float, cap: int, captures: dict[int, _Capture]
    ) -> tuple[list[str], str | None]:
        """Read report lines (and a raw run's output into `captures`) until the child exits and its pipes
        close; a per-test deadline restarts with every report line. Returns the lines and why the child had to
        be killed ("timeout", "report_limit"), if it had."""
        pidfd = os.pidfd_open(pid)
        poller = select.poll()
        for fd in (r, pidfd, *captures):
            poller.register(fd, select.POLLIN)
        buf, lines, size, deadline = b"", [], 0, monotonic() + time_s
        hard = deadline + time_s * (cap // 65536)  # bounds a child that keeps writing to extend its deadline
        open_fds, exited = 1 + len(captures), False
        try:
            while open_fds or not exited:
                remaining = min(deadline, hard) - monotonic()
                if remaining <= 0:
                    return lines, "timeout"
                for fd, _ in poller.poll(remaining * 1000):
                    if fd == pidfd:
                        exited = True
                        poller.unregister(pidfd)
                        continue
                    chunk = os.read(fd, _CHUNK)
                    if not chunk:
                        open_fds -= 1
                        poller.unregister(fd)
                    elif fd != r:
                        captures[fd].add(chunk)
                    else:
                        size += len(chunk)
                        if size > cap:
                            return lines, "report_limit"
                        *done, buf = (buf + chunk).split(b"\n")
                        if done:
                            lines.extend(x.decode("utf-8", "replace") for x in done)
                            deadline = monotonic() + time_s
            return lines, None
        finally:
            os.close(pidfd)

    def _reap_uid(self) -> None:
        """Without seccomp a child may have forked and left its group: kill everything its uid owns, then
        collect the orphans (they are ours: the worker is a child subreaper)."""
        if self.p.layers.get("uid") == "on":
            pid = os.fork()
            if pid == 0:
                try:
                    os.setresuid(self.p.cfg.uid, self.p.cfg.uid, self.p.cfg.uid)
                    os.kill(-1, signal.SIGKILL)
                finally:
                    os._exit(0)
            os.waitpid(pid, 0)
        deadline = monotonic() + 2.0
        while monotonic() < deadline:
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    sleep(0.01)
            except ChildProcessError:
                return


class _NoImports:
    """On the worker's import path once it is isolated: the install may lie under a directory its mounts now
    hide (a checkout under /tmp), so a module first imported then would load there only. Failing every such
    import, wherever the judge is installed, makes a late import fail the tests instead of that one install."""

    @staticmethod
    def find_spec(name: str, *_: object) -> None:
        raise ImportError(
            f"the judge's worker imported {name!r} after isolating itself; import it at start-up"
        )


class _Capture:
    """A raw run's stdout or stderr: the first `cap` bytes, and how many it wrote in all."""

    def __init__(self, cap: int) -> None:
        self.cap, self.data, self.total = cap, bytearray(), 0

    def add(self, chunk: bytes) -> None:
        self.total += len(chunk)
        if len(self.data) < self.cap:
            self.data += chunk[: self.cap - len(self.data)]

    def result(self) -> tuple[str, int]:
        return self.data.decode("utf-8", "replace"), self.total


def _fork() -> int:
    """fork(2) without os.fork's interpreter bookkeeping (at-fork hooks, thread-state re-init). The worker is
    single-threaded and holds no lock while forking, so none of it is needed, and on virtual machines it costs
    about 200 page faults, more than half of a whole run. (Children therefore share `random`'s initial state.)"""
    pid = _libc_fork()
    if pid < 0:
        raise OSError(ctypes.get_errno(), "fork failed")
    return pid


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def _read(fd: int, size: int, cap: int) -> str:
    return os.pread(fd, min(size, cap), 0).decode("utf-8", "replace")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def main() -> None:
    cfg, seccomp = Isolation(**json.loads(sys.argv[1])), json.loads(sys.argv[2])
    # Requests and responses get private fds; 0 and 1 point at /dev/null so nothing else can use them.
    rfd, wfd = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    sys.dont_write_bytecode = True
    set_subreaper()  # orphans of a child (possible only without seccomp) come back to us to be reaped
    for name in PRELOAD:
        __import__(name)
    prepared = prepare_worker(cfg, seccomp)
    sys.meta_path.insert(0, _NoImports)
    worker = Worker(prepared)
    _write_all(wfd, (json.dumps({"pid": os.getpid(), "layers": prepared.layers}) + "\n").encode())
    gc.collect()
    gc.freeze()  # children then leave the worker's objects' pages shared (fewer copy-on-write faults)
    with os.fdopen(rfd, "rb") as requests:
        for line in requests:
            _write_all(wfd, protocol.line(worker.run(RunRequest(**json.loads(line)))))


if __name__ == "__main__":
    main()
