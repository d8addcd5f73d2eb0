"""What the judge and its workers say to each other: one RunRequest in, one RunResult out (a JSON line each),
and the Report lines the sandboxed child writes on its report pipe.

Shared by the judge side (plan.py builds requests, grade.py reads reports) and the worker side (worker.py,
harness.py), so a field or report kind means the same on both. Expected values never appear here: the child
only ever sees code and inputs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypedDict


class Report(StrEnum):
    """The first element of each report line the child writes (JSON arrays; short on the wire, sent per test).

        [SYNTAX, err]              the candidate does not compile
        [LOAD, err, t]             setup / candidate module code / entry point lookup raised
        [VALUES, i, [text...], t]  probe i's values, as `values.encode` text
        [OK, i, t]                 statement probe i raised nothing
        [NOT_PLAIN, i, type, t]    probe i's value is not plain data
        [TOO_BIG, i, t]            probe i's values exceed the output limit
        [ERROR, i, err, t]         probe i raised (stdio: the program ended by an exception or a nonzero exit)
        [END, t]                   stdio: the program finished normally
        [SHADOW, [name...]]        the program redefines builtins the judge's checks use

    err = {"type", "msg", "tb": [[line, function], ...] (candidate frames, outermost first), "errno"?,
    "test_assert"?: true when the test's own assert failed, "line"/"offset" for syntax errors}.
    """

    SYNTAX = "syntax"
    LOAD = "load"
    VALUES = "v"
    OK = "ok"
    NOT_PLAIN = "x"
    TOO_BIG = "big"
    ERROR = "e"
    END = "end"
    SHADOW = "shadow"


class Probe(TypedDict, total=False):
    """What the child evaluates for one test: exactly one of stdin / args / stmt / exprs (with pre, names)."""

    stdin: str  # stdio: the program's standard input
    args: list[Any]  # call: arguments of the entry point
    pre: str  # mbpp / check: statements run before the probe
    stmt: str  # a test that runs whole in the child (it only reports whether it raised)
    exprs: list[str]  # expressions whose values the judge checks
    names: list[str]  # builtin names the judge's check uses (if the program redefines one: Report.SHADOW)


@dataclass
class RunRequest:
    """One child run. plan.py fills the test part once per problem; the judge adds the program and limits."""

    format: str  # schema.Format value
    probes: list[Probe] = field(default_factory=list)
    setup: str = ""
    entry: str = ""  # call: the function name; check: the expression naming the candidate
    prelude: str = ""  # check: the check source without `def check`
    param: str = ""  # check: check()'s parameter name
    entry_names: list[str] = field(default_factory=list)  # check: names in `entry`
    code: str = ""
    start: int = 0  # first probe to run
    stop: str = "first_error"  # schema.StopPolicy value
    time_s: float = 4.0
    memory_mb: int = 1024
    output_bytes: int = 1 << 20
    raw: bool = False  # /run_code: a plain run of the program's file; stdout/stderr come back, never judged
    pytest: bool = False  # raw runs: run the program's file under pytest instead of as __main__
    args: list[str] = field(default_factory=list)  # pytest's extra command-line arguments
    files: dict[str, str] = field(default_factory=dict)  # raw runs: name -> hex contents, written before the run
    fetch_files: list[str] = field(default_factory=list)  # raw runs: names read back after the run


@dataclass
class RunResult:
    """How one child run went, as the worker saw it from outside the child."""

    reports: list[str]  # the child's report lines (untrusted: grade.py parses them defensively)
    wall: float  # seconds from fork to exit
    exit: int | None = None  # exit status, when it exited
    signal: int | None = None  # the signal that ended it, when one did
    killed: str | None = None  # why the worker killed it: "timeout" or "report_limit"
    out_full: bool = False  # stdout or stderr reached the output limit (judged runs: a failure)
    stdout: str = ""  # stdio and raw runs, up to the output limit
    stderr: str = ""  # raw runs, up to the output limit
    stdout_bytes: int = 0  # raw runs: all the program wrote (more than `stdout` holds when it was cut)
    stderr_bytes: int = 0
    files: dict[str, str] = field(default_factory=dict)  # raw runs: fetched files that exist, hex
    setup_error: str | None = None  # raw runs: the request's files could not be written (nothing ran)


def line(msg: RunRequest | RunResult) -> bytes:
    """One message as the JSON line the pipe carries (its fields are plain JSON already)."""
    return json.dumps(vars(msg)).encode() + b"\n"
