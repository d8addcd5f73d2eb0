"""One problem schema for every data set: what training, evaluation and the judge need to know."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from sandbox_runner.schema import Tests


@dataclass
class Problem:
    id: str  # unique within its data set, e.g. "mbpp/11", "apps/test/0042", "embedded/rev_words"
    statement: str  # the natural-language task
    tests: Tests  # in one of the judge's four formats; `tests.fn_name` is the entry point when there is one
    starter_code: str = ""  # e.g. a signature, or a `class Solution` stub; shown in the prompt
    solutions: list[str] = field(default_factory=list)  # reference solutions (may be empty)
    difficulty: str = ""  # "introductory" / "interview" / "competition", "easy" / "medium" / "hard", or ""
    source: str = ""  # data set name, e.g. "apps", "mbpp", "humaneval", "leetcode", "embedded"

    @property
    def fn_name(self) -> str | None:
        return self.tests.fn_name

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Problem:
        d = dict(d)
        d["tests"] = Tests(**d["tests"])
        return cls(**d)
