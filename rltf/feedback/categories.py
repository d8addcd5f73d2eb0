"""Verdict -> fine-grained category (Line / Global / Ignore) and error line, as the RLTF paper
defines them (the README's "Feedback" section says where rltf's rules come from).

Classified structurally for Python 3.11+: by status, exception type, the reported line against the last line,
and by asking the parser itself whether the code merely stops early; never by matching CPython's messages
(they changed in 3.10 and broke the released RLTF code). The code is only compiled here, never run.
"""

from __future__ import annotations

import ast
import codeop
from dataclasses import dataclass
from enum import StrEnum

from rltf.feedback.config import RewardConfig
from rltf.feedback.lines import last_code_line, line_spans
from rltf.feedback.rewards import Outcome, outcome_of
from sandbox_runner.schema import Status, TestResult, Verdict


class Category(StrEnum):
    LINE = "line"  # penalise the tokens of one line
    GLOBAL = "global"  # penalise every token of the program
    IGNORE = "ignore"  # no token penalty


@dataclass(frozen=True)
class FineGrained:
    category: Category
    line: int | None = None  # 1-based line of the code, set only for LINE
    reason: str = ""  # why, in a few words (shown by `python -m rltf.feedback explain`)


def classify(verdict: Verdict, code: str, *, truncated: bool, cfg: RewardConfig) -> FineGrained:
    """The fine-grained category of one judged program. Raises JudgeFailed for INTERNAL_ERROR verdicts.

    `code` is exactly the source the judge ran; `truncated` says the sampler stopped at its token limit.
    """
    outcome = outcome_of(verdict)
    if outcome is Outcome.PASS:
        return FineGrained(Category.IGNORE, reason="passed")
    if truncated:
        return FineGrained(Category.GLOBAL, reason="generation cut by the token limit")
    if outcome is Outcome.FAIL:
        return FineGrained(Category.IGNORE, reason="wrong answer")
    # The test that gave the program its outcome (the first one, under any stop policy).
    err = next((t for t in verdict.tests if t.status is verdict.outcome), None)
    if err is None:
        return FineGrained(Category.IGNORE, reason=f"{verdict.outcome} with no test result to locate it")
    if outcome is Outcome.SYNTAX:
        return _classify_syntax(err, code)
    return _classify_runtime(err, code, cfg)


def _classify_syntax(err: TestResult, code: str) -> FineGrained:
    if _parses(code):
        # The grammar accepts it and the compiler's later checks reject it: nonlocal without a binding,
        # 'return' outside a function... a mistake on its own line, wherever that line is.
        return _on_line(err.line, code, "compile-time error on its line")
    if _incomplete(code):
        return FineGrained(Category.GLOBAL, reason="input ends inside a bracket, string or block: unfinished")
    if err.error_type in ("IndentationError", "TabError"):  # TabError subclasses IndentationError
        return FineGrained(Category.IGNORE, reason="indentation or tab inconsistency")
    if err.line is None:
        return FineGrained(Category.IGNORE, reason="syntax error without a line")
    if err.line >= last_code_line(code):
        return FineGrained(Category.GLOBAL, reason="syntax error at or after the last line: unfinished")
    return _on_line(err.line, code, "syntax error on its line")


def _classify_runtime(err: TestResult, code: str, cfg: RewardConfig) -> FineGrained:
    if err.status in (Status.TIMEOUT, Status.OUTPUT_LIMIT):
        # A program that never stops, or floods its output (an endless loop seen from outside), fails as a
        # whole; the line it was on when killed (print's OSError on the closed pipe) is an accident.
        return FineGrained(
            Category(cfg.timeout_category), reason=f"{err.status} (timeout_category={cfg.timeout_category})"
        )
    if err.error_type == "RecursionError":
        return FineGrained(Category.GLOBAL, reason="RecursionError")
    # The innermost frame in the candidate's code; the judge has already dropped library frames.
    line = err.line if err.line is not None else (err.traceback[-1].line if err.traceback else None)
    if line is None:
        return FineGrained(
            Category.IGNORE, reason=f"{err.error_type or err.status} not in the candidate's code"
        )
    return _on_line(line, code, f"{err.error_type or err.status} in the candidate's code")


def _on_line(line: int | None, code: str, reason: str) -> FineGrained:
    if line is None:
        return FineGrained(Category.IGNORE, reason="error without a line")
    n = len(line_spans(code))
    if not 1 <= line <= n:
        raise ValueError(f"error line {line} is outside the code ({n} lines): verdict and code do not match")
    return FineGrained(Category.LINE, line=line, reason=reason)


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
        return False
    return True


def _incomplete(code: str) -> bool:
    """True when the parser reaches end of input inside an open bracket, string, continuation or a block
    header still waiting for its body: the program could go on, it was just not finished.

    This is the interactive console's own test (codeop: the parser's "incomplete input" mode), stable across
    CPython versions where tokenize's errors are not (3.12 moved tokenize onto the C tokenizer).
    """
    try:
        return codeop.compile_command(code, "<candidate>", "exec") is None
    except (SyntaxError, ValueError, OverflowError, RecursionError, MemoryError):
        return False
