"""Runs inside the sandboxed child: compile and run the candidate, evaluate each probe, report plain results.

The child never sees expected values and never decides pass/fail for a split test; it only reports, one JSON
line per event on the report pipe (protocol.Report lists them).
"""

from __future__ import annotations

import builtins
import json
import operator
import os
import sys
from time import perf_counter
from types import CodeType
from typing import Any

from sandbox_runner.protocol import Probe, Report, RunRequest
from sandbox_runner.split import STRICT_CMP
from sandbox_runner.values import NotPlain, decode, encode

CANDIDATE = "solution.py"  # the candidate's filename in tracebacks: its frames are the ones reported
TEST = "<test>"
_OPS = {
    "Eq": operator.eq,
    "NotEq": operator.ne,
    "Lt": operator.lt,
    "LtE": operator.le,
    "Gt": operator.gt,
    "GtE": operator.ge,
    "In": lambda a, b: operator.contains(b, a),
    "NotIn": lambda a, b: not operator.contains(b, a),
}
# Bound here, before any candidate code runs, so patching builtins or modules later changes nothing of ours.
_write, _dumps, _AssertionError, _SystemExit, _MemoryError = (
    os.write,
    json.dumps,
    AssertionError,
    SystemExit,
    MemoryError,
)


def _strict_cmp(op: str, a: Any, b: Any) -> bool:
    """A comparison inside the child on plain copies of both sides: a rigged `__eq__` never gets called."""
    try:
        a, b = decode(encode(a)), decode(encode(b))
    except NotPlain as e:
        raise TypeError(f"cannot compare a non-plain value ({e})") from None
    return bool(_OPS[op](a, b))


def _text(e: BaseException) -> str:
    try:
        return str(e)[:1000]
    except BaseException:  # a candidate's exception may have a broken __str__
        return "<unprintable>"


def _error(e: BaseException) -> dict[str, Any]:
    frames, last_file, tb = [], None, e.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == CANDIDATE:
            frames.append([tb.tb_lineno, code.co_name])
        last_file, tb = code.co_filename, tb.tb_next
    err: dict[str, Any] = {
        "type": type(e).__name__,
        "msg": _text(e),
        "tb": frames[:5] + frames[-15:] if len(frames) > 20 else frames,
    }
    if isinstance(e, OSError) and isinstance(e.errno, int):
        err["errno"] = e.errno
    if type(e) is _AssertionError and last_file == TEST:
        err["test_assert"] = True
    return err


def _syntax(e: BaseException) -> dict[str, Any]:
    if isinstance(e, SyntaxError):
        return {"type": type(e).__name__, "msg": e.msg, "line": e.lineno, "offset": e.offset, "tb": []}
    return {"type": type(e).__name__, "msg": _text(e), "line": None, "tb": []}  # e.g. null bytes in source


class _Reporter:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, *msg: Any) -> None:
        data = (_dumps(msg) + "\n").encode()
        while data:
            data = data[_write(self.fd, data) :]


def _entry(ns: dict[str, Any], name: str) -> Any:
    """The function under test: a method of `class Solution` when the code defines one, else a function."""
    sol = ns.get("Solution")
    if isinstance(sol, type) and hasattr(sol, name):
        return getattr(sol(), name)
    if name not in ns:
        raise NameError(f"name {name!r} is not defined")
    return ns[name]


def _test_namespace(req: RunRequest, ns: dict[str, Any]) -> dict[str, Any]:
    """mbpp: the candidate's namespace, as MBPP runs it. check: a copy of it where the setup's helpers (e.g.
    HumanEval's `poly`) are defined again, so the candidate cannot redefine what the test relies on."""
    if req.format != "check":
        ns[STRICT_CMP] = _strict_cmp
        return ns
    entry = eval(compile(req.entry, TEST, "eval"), ns)
    tns = dict(ns)
    if req.setup:
        exec(compile(req.setup, "<setup>", "exec"), tns)
        for name in req.entry_names:  # the setup's stub of the entry point must not replace the candidate's
            tns[name] = ns[name]
    tns[STRICT_CMP] = _strict_cmp
    exec(compile(req.prelude, TEST, "exec"), tns)
    tns[req.param] = entry
    return tns


def _probe(req: RunRequest, p: Probe, ns: dict[str, Any], tns: dict[str, Any]) -> tuple[Report, Any]:
    if "args" in p:
        return Report.VALUES, [encode(_entry(ns, req.entry)(*p["args"]))]
    if p["pre"]:
        exec(compile(p["pre"], TEST, "exec"), tns)
    if "stmt" in p:
        exec(compile(p["stmt"], TEST, "exec"), tns)
        return Report.OK, None
    return Report.VALUES, [encode(eval(compile(e, TEST, "eval"), tns)) for e in p["exprs"]]


def _run_probes(req: RunRequest, code: CodeType, ns: dict[str, Any], rep: _Reporter) -> None:
    t0 = perf_counter()
    try:
        if req.setup:
            exec(compile(req.setup, "<setup>", "exec"), ns)
        exec(code, ns)
        tns = _test_namespace(req, ns)
    except BaseException as e:
        rep.send(Report.LOAD, _error(e), perf_counter() - t0)
        return
    shadowed = sorted({n for p in req.probes for n in p.get("names", ()) if n in tns})
    if shadowed:  # the judge meant builtins the program redefined: it re-plans with these names
        rep.send(Report.SHADOW, shadowed)
        return
    cap, stop = req.output_bytes, req.stop
    for i in range(req.start, len(req.probes)):
        t0 = perf_counter()
        try:
            kind, vals = _probe(req, req.probes[i], ns, tns)
        except NotPlain as e:
            kind, vals = Report.NOT_PLAIN, str(e)
        except BaseException as e:
            kind, vals = Report.ERROR, _error(e)
        dt = perf_counter() - t0
        if kind is Report.VALUES and sum(map(len, vals)) > cap:
            kind = Report.TOO_BIG
        rep.send(kind, i, dt) if vals is None or kind is Report.TOO_BIG else rep.send(kind, i, vals, dt)
        failed_assert = kind is Report.NOT_PLAIN or (kind is Report.ERROR and vals.get("test_assert"))
        if kind in (Report.ERROR, Report.TOO_BIG) and not failed_assert and stop != "never":
            return
        if failed_assert and stop == "first_failure":
            return


def _traceback(req: RunRequest, e: BaseException) -> str:
    """What Python would print for an uncaught exception, restricted to the candidate's frames."""
    lines = req.code.splitlines()
    out = ["Traceback (most recent call last):"]
    for line, name in _error(e)["tb"]:
        out.append(f'  File "{CANDIDATE}", line {line}, in {name}')
        if 1 <= line <= len(lines):
            out.append("    " + lines[line - 1].strip())
    return "\n".join([*out, f"{type(e).__name__}: {_text(e)}", ""])


def _run_stdio(req: RunRequest, code: CodeType, ns: dict[str, Any], rep: _Reporter) -> int:
    """Run the program as __main__; returns its exit status (for `raw` runs, which report it)."""
    out, t0, status, err = sys.stdout, perf_counter(), 0, None
    try:
        if req.setup:
            exec(compile(req.setup, "<setup>", "exec"), ns)
        exec(code, ns)
    except _SystemExit as e:
        if e.code is not None and not isinstance(e.code, int):
            _write(2, f"{_text(e)}\n".encode())
        status = 0 if e.code is None else e.code & 0xFF if isinstance(e.code, int) else 1
        err = e if status else None
    except BaseException as e:
        err, status = e, 1
    try:
        for f in {id(out): out, id(sys.stdout): sys.stdout, id(sys.stderr): sys.stderr}.values():
            f.flush()
    except BaseException as e:  # e.g. the output limit
        err, status = err or e, status or 1
    if err is None:
        rep.send(Report.END, perf_counter() - t0)
        return 0
    if req.raw and not isinstance(err, _SystemExit):
        _write(2, _traceback(req, err).encode())
    rep.send(Report.ERROR, req.start, _error(err), perf_counter() - t0)
    return status


def _as_script(req: RunRequest) -> str:
    """A raw run is `python solution.py` in its working directory (SandboxFusion runs a real file): __file__,
    sys.argv and sys.path[0] say so, and temporary files go to the working directory (the only writable one)."""
    path = os.path.join(os.getcwd(), CANDIDATE)
    sys.argv[:] = [path]
    sys.path.insert(0, os.path.dirname(path))
    os.environ["TMPDIR"] = os.path.dirname(path)
    return path


def _run_pytest(req: RunRequest, path: str, rep: _Reporter) -> int:
    """`pytest solution.py *args` in this process (the sandbox forbids exec): its exit status is pytest's."""
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"  # the judge's own test plugins are not the program's
    t0 = perf_counter()
    import pytest

    status = int(pytest.main(["-p", "no:cacheprovider", path, *req.args]))
    sys.stdout.flush()
    sys.stderr.flush()
    rep.send(Report.END, perf_counter() - t0)
    return status


def run(req: RunRequest, report_fd: int) -> int:
    """Judge one request (already isolated by the caller); returns the exit status for the child."""
    rep = _Reporter(report_fd)
    if req.raw and req.pytest:
        return _run_pytest(req, _as_script(req), rep)
    try:
        code = compile(req.code, CANDIDATE, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError, OverflowError) as e:
        rep.send(Report.SYNTAX, _syntax(e))
        if req.raw:
            _write(
                2,
                f'  File "{CANDIDATE}", line {getattr(e, "lineno", "?")}\n{type(e).__name__}: {_text(e)}\n'.encode(),
            )
        return 1
    if req.format != "stdio":
        _run_probes(req, code, {"__name__": "solution", "__builtins__": builtins}, rep)
    elif req.probes:  # no tests: only check that it compiles
        ns = {"__name__": "__main__", "__builtins__": builtins}
        if req.raw:
            ns["__file__"] = _as_script(req)
        return _run_stdio(req, code, ns, rep)
    return 0
