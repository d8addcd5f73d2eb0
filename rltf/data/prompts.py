"""Prompts from problems, in three styles (conf/data/prompt/*.yaml picks one):

- chat:  the tokenizer's chat template, a system message and a user message with the statement, the
         starter code, the entry point and how the program is run (stdin or called); the answer is
         expected in a ```python block. Falls back to `plain` when the tokenizer has no chat template.
- plain: a completion prompt: the statement as `#` comments, then the starter code, which the model
         continues; the starter code is therefore the `code_prefix` for extraction.
- apps:  the RLTF/CodeRL layout "\\nQUESTION:\\n{statement}\\n{starter}\\nUse Standard Input format\\nANSWER:\\n"
         ("Use Call-Based format" for function problems); the model writes the whole program.

Over-long prompts lose the end of their statement (never the starter code or the instructions), so the
model still sees how its answer will be run; the paper kept prompts to 800 tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rltf.data.schema import Problem
from sandbox_runner.schema import Format

STYLES = ("chat", "plain", "apps")


@dataclass
class PromptConfig:
    style: str = "chat"
    system: str = "You are an expert Python programmer. Answer with a complete, correct Python program."
    answer_note: str = "Write your solution in a single ```python code block."
    stdin_note: str = "Read the input from standard input and print the answer to standard output."
    function_note: str = (
        "Define the function `{name}`; it will be called directly and its return value checked."
    )
    method_note: str = "Implement the method `{name}` of `class Solution`; it will be called on `Solution()`."
    max_tokens: int | None = 800  # prompt length limit in tokens (needs a tokenizer); None: no limit
    truncation_marker: str = " ..."

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"prompt style {self.style!r} is not one of {', '.join(STYLES)}")


@dataclass
class Prompt:
    text: str  # what the sampler is given
    code_prefix: str  # pass to extract_code(prefix=...): starter code the model continues (plain style)
    n_tokens: int | None  # length under the tokenizer (None without one)
    truncated: bool  # the statement was cut to fit max_tokens


def build_prompt(problem: Problem, tokenizer: Any = None, cfg: PromptConfig | None = None) -> Prompt:
    """The prompt for `problem`. `tokenizer` (a transformers tokenizer) gives the chat template and token
    counts; without one, chat falls back to plain and no truncation happens."""
    cfg = cfg or PromptConfig()
    style = cfg.style
    if style == "chat" and getattr(tokenizer, "chat_template", None) is None:
        style = "plain"
    code_prefix = problem.starter_code if style == "plain" else ""

    def render(statement: str) -> str:
        if style == "chat":
            return tokenizer.apply_chat_template(
                chat_messages(problem, cfg, statement), tokenize=False, add_generation_prompt=True
            )
        if style == "plain":
            notes = "\n".join(filter(None, [statement, _run_note(problem, cfg)]))
            comments = "".join(f"# {line}".rstrip() + "\n" for line in notes.splitlines())
            return comments + "\n" + problem.starter_code
        starter = "\n" + problem.starter_code if problem.starter_code else ""
        how = "Use Standard Input format" if problem.tests.format is Format.STDIO else "Use Call-Based format"
        return f"\nQUESTION:\n{statement}{starter}\n{how}\nANSWER:\n"

    text = render(problem.statement)
    if tokenizer is None:
        return Prompt(text, code_prefix, None, False)
    n = _count(tokenizer, text)
    if cfg.max_tokens is None or n <= cfg.max_tokens:
        return Prompt(text, code_prefix, n, False)
    ids = tokenizer.encode(problem.statement, add_special_tokens=False)
    keep = len(ids) - (n - cfg.max_tokens)
    while keep > 0:
        text = render(tokenizer.decode(ids[:keep]) + cfg.truncation_marker)
        n = _count(tokenizer, text)
        if n <= cfg.max_tokens:
            return Prompt(text, code_prefix, n, True)
        keep -= n - cfg.max_tokens
    raise ValueError(
        f"{problem.id}: the prompt is longer than max_tokens={cfg.max_tokens} even with no statement; "
        "raise rollout.max_prompt_tokens or shorten the starter code"
    )


def chat_messages(problem: Problem, cfg: PromptConfig, statement: str | None = None) -> list[dict[str, str]]:
    """The chat style's system and user messages, untemplated: trainers that apply their own model's chat
    template (TRL, verl, OpenRLHF) take these (rltf.adapters export)."""
    statement = problem.statement if statement is None else statement
    return [
        {"role": "system", "content": cfg.system},
        {"role": "user", "content": _user_message(problem, statement, cfg)},
    ]


def _count(tokenizer: Any, text: str) -> int:
    # The chat template already wrote the special tokens into the text.
    return len(tokenizer.encode(text, add_special_tokens=False))


def _user_message(problem: Problem, statement: str, cfg: PromptConfig) -> str:
    parts = [statement.strip()]
    if problem.starter_code.strip():
        parts.append(f"Starter code:\n```python\n{problem.starter_code.rstrip()}\n```")
    parts += [_run_note(problem, cfg), cfg.answer_note]
    return "\n\n".join(filter(None, parts))


def _run_note(problem: Problem, cfg: PromptConfig) -> str:
    """How the program will be run: stdin/stdout, or which function or method is called."""
    if problem.tests.format is Format.STDIO:
        return cfg.stdin_note
    name = problem.fn_name
    if not name:
        return ""
    is_method = name.startswith("Solution().") or "class Solution" in problem.starter_code
    return (cfg.method_note if is_method else cfg.function_note).format(name=name.rsplit(".", 1)[-1])
