"""The /run_jupyter driver: jupyter.py sends this file's source as the program of one sandboxed run, and it
runs the cells itself, in order, in one namespace, as a Jupyter kernel would. No kernel is started: the
sandbox forbids fork, exec and sockets. Only the standard library is imported here (the child pays for it).

Input: {"cells", "cell_timeout", "nonce", "budget"} as JSON on stdin (cells then read end-of-file, as a
kernel's cells have no stdin). Output: one record per finished cell on the run's stdout, which printing can
never reach: while a cell runs, fds 1 and 2 are memfds of its own (so print, os.write and C extensions are all
captured per cell, as ipykernel captures them), and between cells both are the run's stderr. A record is the
line "<nonce> <json>", written after a newline so that stray bytes before it cannot swallow its start; the
nonce comes from the daemon, so text written blindly can never pass for a record.
"""

import ast
import builtins
import json
import linecache
import os
import signal
import sys
import traceback
from types import CodeType, TracebackType
from typing import Any

FLOOR = 2048  # bytes every record may use whatever the cells before it wrote (a cut record fits in them)
_FRAMES = 20  # traceback entries kept per error, the innermost
_REPEAT_S = 0.05  # a cell that swallowed its timeout is interrupted again this often
_HERE = sys._getframe().f_code.co_filename  # this file's name in tracebacks
_MIMES = (
    ("_repr_html_", "text/html"),
    ("_repr_markdown_", "text/markdown"),
    ("_repr_latex_", "text/latex"),
    ("_repr_svg_", "image/svg+xml"),
)


class CellTimeoutError(BaseException):
    """Raised into a cell that runs past cell_timeout. A BaseException, as KeyboardInterrupt is for a kernel's
    interrupt, so a cell's `except Exception` does not swallow it."""


class Driver:
    def __init__(self, cfg: dict[str, Any]) -> None:
        self.cells: list[str] = cfg["cells"]
        self.timeout: float = cfg["cell_timeout"]
        self.nonce: str = cfg["nonce"]
        self.room: int = cfg["budget"]  # bytes of report left beyond the FLOOR of each record
        self.ns: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        self.armed = False
        self.report, self.stray = os.dup(1), os.dup(2)
        os.dup2(self.stray, 1)  # outside cells, fd 1 joins stderr: only records reach the report
        signal.signal(signal.SIGALRM, self._alarm)

    def run(self) -> None:
        for i, src in enumerate(self.cells):
            self._send(i, self._cell(i, src))

    def _alarm(self, signum: int, frame: object) -> None:
        if self.armed:  # a signal still pending after the cell ended must not hit the driver
            raise CellTimeoutError(f"the cell ran past cell_timeout ({self.timeout:g} s)")

    def _cell(self, i: int, src: str) -> dict[str, Any]:
        name = f"<cell {i}>"
        linecache.cache[name] = (len(src), None, src.splitlines(True), name)  # tracebacks show its lines
        out, err = os.memfd_create("stdout"), os.memfd_create("stderr")
        _flush()
        os.dup2(out, 1)
        os.dup2(err, 2)
        try:
            display, error = self._execute(name, src)
        finally:
            _flush()
            os.dup2(self.stray, 1)
            os.dup2(self.stray, 2)
        (stdout, cut_out), (stderr, cut_err) = self._read(out), self._read(err)
        return {
            "stdout": stdout,
            "stderr": stderr,
            "display": display,
            "error": error,
            "cut": cut_out or cut_err,
        }

    def _execute(self, name: str, src: str) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
        """The cell's displayed value and error, as Jupyter's execute_result and error messages give them."""
        try:
            code, last = _compile(src, name)
        except (SyntaxError, ValueError, OverflowError, MemoryError, RecursionError) as e:
            return [], [_error(e, None)]
        try:
            try:
                self.armed = bool(self.timeout)
                if self.timeout:
                    signal.setitimer(signal.ITIMER_REAL, self.timeout, _REPEAT_S)
                exec(code, self.ns)
                shown = [] if last is None else _display(eval(last, self.ns))
            finally:
                self.armed = False
                signal.setitimer(signal.ITIMER_REAL, 0)
        except BaseException as e:  # the cell's own exception, SystemExit included, as a kernel reports it
            return [], [_error(e, e.__traceback__)]
        return shown, []

    def _read(self, fd: int) -> tuple[str, bool]:
        """A cell's captured stream, at most what the report still has room for; whether it was cut."""
        size = os.fstat(fd).st_size
        data = os.pread(fd, min(size, self.room + FLOOR), 0)
        os.close(fd)
        return data.decode("utf-8", "replace"), len(data) < size

    def _send(self, i: int, rec: dict[str, Any]) -> None:
        """Write cell i's record, its texts halved until it fits in the room left (ASCII JSON: escapes make a
        text's size on the wire unknown until encoded)."""
        rec = {"i": i, **rec}
        line = self._encode(rec)
        room, cap = self.room + FLOOR, len(line)
        while len(line) > room and cap:
            cap //= 2
            line = self._encode({**_clip(rec, cap), "cut": True})
        self.room = max(0, self.room - len(line))
        view = memoryview(line)
        while view:
            view = view[os.write(self.report, view) :]

    def _encode(self, rec: dict[str, Any]) -> bytes:
        return f"\n{self.nonce} {json.dumps(rec)}\n".encode()


def _compile(src: str, name: str) -> tuple[CodeType, CodeType | None]:
    """The cell as code, its last expression statement split off to be evaluated for display (IPython's
    'last_expr'; a trailing semicolon hides it)."""
    tree = ast.parse(src, name)
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr) and not src.rstrip().endswith(";"):
        expr = ast.Expression(tree.body.pop().value)
        last = compile(expr, name, "eval", dont_inherit=True)
    return compile(tree, name, "exec", dont_inherit=True), last


def _display(value: object) -> list[dict[str, str]]:
    """An execute_result's data: repr as text/plain plus the rich forms the value offers; nothing for None."""
    if value is None:
        return []
    data = {"text/plain": repr(value)}
    if not isinstance(value, type):  # on a class these are unbound functions
        for method, mime in _MIMES:
            f = getattr(value, method, None)
            text = f() if callable(f) else None
            if isinstance(text, str):
                data[mime] = text
    return [data]


def _error(e: BaseException, tb: TracebackType | None) -> dict[str, Any]:
    """Jupyter's error content: ename, evalue, traceback (a list of text chunks, innermost frames kept)."""
    try:
        evalue = str(e)
    except BaseException:  # a cell's exception may have a broken __str__
        evalue = "<unprintable>"
    te = traceback.TracebackException(type(e), e, tb, limit=-_FRAMES)
    _strip(te)
    return {"ename": type(e).__name__, "evalue": evalue, "traceback": list(te.format())}


def _strip(te: traceback.TracebackException) -> None:
    """Drop the driver's own frames (around the cell, and its alarm handler) from a traceback and from the
    exceptions chained to it."""
    todo, seen = [te], set()
    while todo:
        t = todo.pop()
        if t is None or id(t) in seen:
            continue
        seen.add(id(t))
        t.stack = traceback.StackSummary.from_list([f for f in t.stack if f.filename != _HERE])
        todo += [t.__cause__, t.__context__]


def _clip(x: Any, cap: int) -> Any:
    """Every text in a record cut to `cap` characters."""
    if isinstance(x, str):
        return x[:cap]
    if isinstance(x, list):
        return [_clip(v, cap) for v in x]
    if isinstance(x, dict):
        return {k: _clip(v, cap) for k, v in x.items()}
    return x


def _flush() -> None:
    """Push buffered text to the fd it was written for (a cell may have replaced or broken these streams)."""
    for f in (sys.stdout, sys.stderr):
        try:
            f.flush()
        except Exception:
            pass


if __name__ == "__main__":
    Driver(json.load(sys.stdin)).run()
