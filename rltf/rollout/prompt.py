"""Problem -> chat messages for the policy.

Minimal stand-in until the data package's prompt builder (rltf/data/prompts.py) is wired in: it states the
task, shows the starter code, and asks for one fenced Python block, which is what code extraction expects.
"""

from __future__ import annotations

from rltf.data.schema import Problem


def prompt_messages(problem: Problem) -> list[dict[str, str]]:
    parts = [problem.statement.strip()]
    if problem.starter_code.strip():
        parts.append(f"Start from this code:\n```python\n{problem.starter_code.rstrip()}\n```")
    parts.append("Write a complete Python solution in one ```python code block.")
    return [{"role": "user", "content": "\n\n".join(parts)}]
