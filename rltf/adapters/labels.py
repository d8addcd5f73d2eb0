"""The label that carries a problem's unit tests through a trainer's data set to the reward.

Trainers hand a reward function one opaque value per sample (TRL: a data set column, verl:
`reward_model.ground_truth`, OpenRLHF: `--label_key`). rltf's label is a JSON string, so every trainer's
data layout (Arrow, parquet, JSONL) stores it unchanged whatever the test values' types:

    {"id": "mbpp/11",                       # names the problem in errors and logs
     "tests": {"format": "mbpp", ...},      # sandbox_runner's Tests, as Tests' fields
     "code_prefix": ""}                     # text the judged program starts with that the model did not
                                            # write (the starter code a `plain` prompt ends with); optional

`tests` holds `format` (stdio | call | mbpp | check) and the fields that format uses: `inputs`, `outputs`,
`fn_name` (the entry point, e.g. "add" or "Solution().maxArea"), `setup`, `asserts`, `check`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError

from rltf.data.schema import Problem
from sandbox_runner import Format, Tests

_TESTS = TypeAdapter(Tests)
_KEYS = {"id", "tests", "code_prefix"}
_TEST_KEYS = {f.name for f in dataclasses.fields(Tests)}
# What each format cannot do without; the judge checks the contents (valid Python, matching lengths).
_REQUIRED = {
    Format.STDIO: ("inputs", "outputs"),
    Format.CALL: ("fn_name", "inputs", "outputs"),
    Format.MBPP: ("asserts",),
    Format.CHECK: ("fn_name", "check"),
}


class LabelError(ValueError):
    """A label is malformed; the message names the row and what is wrong."""


@dataclass(frozen=True)
class Label:
    id: str
    tests: Tests
    code_prefix: str = ""

    @classmethod
    def of(cls, problem: Problem, code_prefix: str = "") -> Label:
        return cls(problem.id, problem.tests, code_prefix)

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "tests": dataclasses.asdict(self.tests), "code_prefix": self.code_prefix},
            ensure_ascii=False,
        )


def parse_label(value: Any, where: str) -> Label:
    """A Label from its JSON string (or the decoded object). `where` names the row in errors, e.g. "row 3"."""
    if isinstance(value, Label):
        return value
    if isinstance(value, str | bytes):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as e:
            raise LabelError(
                f"{where}: label is not valid JSON ({e.msg} at char {e.pos}): {_clip(value)}"
            ) from None
    if not isinstance(value, Mapping):
        raise LabelError(f"{where}: label must be a JSON object, got {type(value).__name__}: {_clip(value)}")
    where = f"{where} (id {value['id']!r})" if isinstance(value.get("id"), str) else where
    unknown = set(value) - _KEYS
    if unknown:
        raise LabelError(f"{where}: unknown label key(s) {sorted(unknown)}; a label has {sorted(_KEYS)}")
    for key, kind in (("id", str), ("code_prefix", str), ("tests", Mapping)):
        if key in value and not isinstance(value[key], kind):
            raise LabelError(
                f"{where}: label {key!r} must be {kind.__name__}, got {type(value[key]).__name__}"
            )
    if "tests" not in value:
        raise LabelError(f"{where}: label has no 'tests'")
    unknown = set(value["tests"]) - _TEST_KEYS
    if unknown:
        raise LabelError(f"{where}: unknown tests key(s) {sorted(unknown)}; tests have {sorted(_TEST_KEYS)}")
    try:
        tests = _TESTS.validate_python(dict(value["tests"]))
    except ValidationError as e:
        problems = "; ".join(f"tests.{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
        raise LabelError(f"{where}: {problems}") from None
    missing = [f for f in _REQUIRED[tests.format] if not getattr(tests, f)]
    if missing:
        raise LabelError(f"{where}: {tests.format.value}-format tests need {', '.join(missing)}")
    return Label(value.get("id", ""), tests, value.get("code_prefix", ""))


def _clip(value: Any, n: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= n else text[:n] + "..."
