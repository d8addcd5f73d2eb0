"""SandboxFusion's dataset API on this judge: /list_datasets, /list_ids, /get_prompts, /get_prompt_by_id and
/submit over the benchmarks rltf loads, so SandboxFusion clients (its SDK, verl) evaluate here unchanged.
Reference semantics: SandboxFusion's sandbox/server/online_judge_api.py and sandbox/datasets/types.py.

Data sets served, one split each (the one benchmarks report), with the SandboxFusion ids accepted as aliases:

- `humaneval` (alias `humaneval_python`): HumanEval, test split (164 problems).
- `mbpp`: MBPP full, test split (task ids 11-510); `mbpp_sanitized`: the sanitized file, test split.
- `leetcode` (alias `leetcodedataset`): LeetCodeDataset, test split.
- `apps`: APPS, test split.
- `embedded`: rltf's embedded problems, test split.
- `jsonl/NAME`: the file <data dir>/jsonl/NAME.jsonl (or .jsonl.gz) in rltf's own format (rltf/data/jsonl.py),
  its rows marked `"split": "test"` or marked with no split.

Ids are rltf's problem ids ("HumanEval/0", "mbpp/11"). A prompt is rltf's chat-style user message
(rltf.data.prompts.chat_messages), untemplated because the chat template is the client's model's; its labels
carry the system message, the entry point and how the program is run. A completion's code is found by
rltf.data.extract and judged against the problem's own tests with the judge's per-test verdicts.

Data sets load on first use and stay cached. rltf.data is imported inside functions only, so the daemon
starts (and serves /run_code) without reading any data.
"""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from sandbox_runner.sandboxfusion import CommandRunResult, RunCodeResponse
from sandbox_runner.schema import Job, Limits, Status, StopPolicy, TestResult, Verdict

if TYPE_CHECKING:
    from rltf.data.extract import Extracted
    from rltf.data.schema import Problem
    from sandbox_runner.server import Service

SPLIT = "test"
# Public name -> rltf.data.registry name.
BUILTIN = {
    "humaneval": "humaneval",
    "mbpp": "mbpp",
    "mbpp_sanitized": "mbpp_sanitized",
    "leetcode": "leetcode",
    "apps": "apps",
    "embedded": "embedded",
}
ALIASES = {"humaneval_python": "humaneval", "leetcodedataset": "leetcode"}
JSONL_PREFIX = "jsonl/"
_JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")


class TestConfig(BaseModel):
    """SandboxFusion's TestConfig. Fields that only matter to its other languages and prompt styles (language,
    locale, is_fewshot, compile_timeout, dataset_type) are accepted and ignored."""

    __test__ = False  # not a pytest class
    model_config = ConfigDict(extra="ignore")
    run_timeout: float | None = Field(
        None,
        gt=0,
        allow_inf_nan=False,
        description="per-test wall-clock seconds (default 4; at most the daemon's --max-time-s)",
    )
    custom_extract_logic: str | None = Field(None, description="not supported: must be null")
    provided_data: Any = Field(None, description="not supported: must be null")
    extra: dict[str, Any] = Field(
        {}, description='"stop": when to stop running tests (first_failure, the default; first_error; never)'
    )


class GetPromptsRequest(BaseModel):
    dataset: str
    config: TestConfig = TestConfig()
    offset: int = Field(0, ge=0)
    limit: int = Field(1_000_000, ge=0)


class GetPromptByIdRequest(BaseModel):
    dataset: str
    config: TestConfig = TestConfig()
    id: int | str


class SubmitRequest(BaseModel):
    dataset: str
    id: int | str
    completion: str
    config: TestConfig = TestConfig()


class Prompt(BaseModel):
    id: str
    prompt: str
    labels: dict[str, Any] = {}


class EvalTestCase(BaseModel):
    passed: bool
    exec_info: RunCodeResponse
    test_info: dict[str, Any] | None = None


class EvalResult(BaseModel):
    id: str
    accepted: bool
    extracted_code: str
    full_code: str | None = None
    test_code: str | None = None
    tests: list[EvalTestCase]
    extracted_type: str | None = Field(None, description="fenced, incomplete_fenced, heuristic or empty")
    extra: dict[str, Any] | None = None


@dataclasses.dataclass
class Loaded:
    problems: list[Problem]
    by_id: dict[str, Problem]


class Catalog:
    """The data sets under one data directory, each loaded once on first use (a failed load is retried on
    the next request, so data added later is found)."""

    def __init__(self, data_dir: Path | None):
        self._data_dir = data_dir
        self._loaded: dict[str, Loaded] = {}
        self._lock = threading.Lock()

    def data_dir(self) -> Path | None:
        """--data-dir, else $RLTF_DATA_DIR (read when asked, as rltf's loaders do)."""
        from rltf.data.source import data_dir

        return self._data_dir or data_dir()

    def jsonl_files(self) -> dict[str, Path]:
        d = self.data_dir()
        folder = d / "jsonl" if d else None
        if folder is None or not folder.is_dir():
            return {}
        return {
            JSONL_PREFIX + f.name.removesuffix(suffix): f
            for f in sorted(folder.iterdir())
            for suffix in _JSONL_SUFFIXES
            if f.name.endswith(suffix) and f.is_file()
        }

    def names(self) -> list[str]:
        return [*BUILTIN, *self.jsonl_files()]

    def get(self, name: str) -> Loaded:
        """The data set `name` (or an alias), loaded; 404 naming the known sets for an unknown name, and for
        one whose files are missing or malformed (the loader's message says which file)."""
        from rltf.data import DataError, load

        canonical = ALIASES.get(name, name)
        jsonl = self.jsonl_files() if canonical.startswith(JSONL_PREFIX) else {}
        if canonical not in BUILTIN and canonical not in jsonl:
            known = ", ".join(self.names())
            raise HTTPException(
                404, f"unknown dataset {name!r}; known: {known} (aliases: {', '.join(ALIASES)})"
            )
        with self._lock:  # one load per data set, however many first requests arrive together
            if canonical not in self._loaded:
                try:
                    if canonical in jsonl:
                        problems = load("jsonl", SPLIT, jsonl[canonical])
                    elif canonical == "embedded":  # it ships inside the package and takes no path
                        problems = load("embedded", SPLIT)
                    else:
                        problems = load(BUILTIN[canonical], SPLIT, self._data_dir)
                except DataError as e:
                    raise HTTPException(404, f"dataset {name!r} could not be loaded: {e}") from None
                self._loaded[canonical] = Loaded(problems, {p.id: p for p in problems})
            return self._loaded[canonical]


def add_routes(app: FastAPI, svc: Service) -> None:
    """The dataset routes on `app`; /submit is judged by `svc`'s judge under its admission bound."""
    catalog = Catalog(svc.settings.data_dir)

    async def loaded(name: str) -> Loaded:
        return await asyncio.to_thread(catalog.get, name)  # a first load reads and parses files

    async def problem(name: str, problem_id: int | str) -> Problem:
        found = (await loaded(name)).by_id.get(str(problem_id))
        if found is None:
            raise HTTPException(404, f"dataset {name!r} has no id {problem_id!r}; see /list_ids")
        return found

    @app.get("/list_datasets", tags=["datasets"])
    async def list_datasets() -> list[str]:
        """The data sets served (aliases such as humaneval_python are accepted too but not listed)."""
        return await asyncio.to_thread(catalog.names)

    @app.post("/list_ids", tags=["datasets"])
    async def list_ids(req: GetPromptsRequest) -> list[str]:
        """The ids of `limit` problems from `offset`, in the data set's order."""
        return [p.id for p in _page((await loaded(req.dataset)).problems, req)]

    @app.post("/get_prompts", tags=["datasets"])
    async def get_prompts(req: GetPromptsRequest) -> list[Prompt]:
        """The prompts of `limit` problems from `offset`, in the data set's order."""
        return [prompt(p) for p in _page((await loaded(req.dataset)).problems, req)]

    @app.post("/get_prompt_by_id", tags=["datasets"])
    async def get_prompt_by_id(req: GetPromptByIdRequest) -> Prompt:
        return prompt(await problem(req.dataset, req.id))

    @app.post("/submit", tags=["datasets"], responses={429: {"description": "queue full"}})
    async def submit(req: SubmitRequest) -> EvalResult:
        """Extract the completion's code and judge it against the problem's tests, one EvalTestCase per
        test that ran; accepted when every test passed. A completion without code is not run."""
        p = await problem(req.dataset, req.id)
        limits = _limits(req.config, svc)
        from rltf.data.extract import extract_code

        ex = extract_code(req.completion, entry_point=p.fn_name)
        kind = extracted_type(req.completion, ex)
        if kind == "empty":
            return EvalResult(id=p.id, accepted=False, extracted_code="", tests=[], extracted_type=kind)
        job = Job(code=ex.code, tests=p.tests, limits=limits, id=p.id)
        if not svc.admission.try_take(1):
            return svc.busy()
        try:  # planning parses the tests: off the event loop
            future = await asyncio.to_thread(
                svc.track, lambda: svc.judge.submit(job), asyncio.get_running_loop()
            )
        except ValueError as e:
            raise HTTPException(500, f"{p.id}: the data set's tests cannot be run: {e}") from None
        return result(p, ex.code, kind, await svc.verdict(job, future))


def _page(problems: list[Problem], req: GetPromptsRequest) -> list[Problem]:
    return problems[req.offset : req.offset + req.limit]


def _limits(config: TestConfig, svc: Service) -> Limits:
    """Per-test limits: rltf's defaults capped at the daemon's maxima, `run_timeout` checked against them
    as /run_code checks its own; 400 naming the field otherwise."""
    for name in ("custom_extract_logic", "provided_data"):
        if getattr(config, name) is not None:
            raise HTTPException(400, f"config.{name} is not supported by this sandbox; send null")
    default, s = Limits(), svc.settings
    try:
        stop = StopPolicy(config.extra.get("stop", StopPolicy.FIRST_FAILURE))
    except ValueError:
        raise HTTPException(
            400, f"config.extra.stop must be one of {', '.join(StopPolicy)}, got {config.extra['stop']!r}"
        ) from None
    limits = Limits(
        time_s=config.run_timeout or default.time_s,
        memory_mb=min(default.memory_mb, s.max_memory_mb),
        output_bytes=min(default.output_bytes, s.max_output_bytes),
        stop=stop,
    )
    svc.check_limits(limits, lambda field: "config.run_timeout" if field == "time_s" else field)
    return limits


def prompt(p: Problem) -> Prompt:
    from rltf.data.prompts import PromptConfig, chat_messages

    system, user = chat_messages(p, PromptConfig())
    labels = {
        "task_id": p.id,
        "entry_point": p.fn_name,
        "format": p.tests.format.value,  # stdio: reads stdin; call / check / mbpp: the entry point is called
        "system": system["content"],
        "starter_code": p.starter_code,
        "difficulty": p.difficulty,
        "source": p.source,
    }
    return Prompt(id=p.id, prompt=user["content"], labels=labels)


def extracted_type(completion: str, ex: Extracted) -> str:
    """SandboxFusion's name for how the code was found: a closed fence, a fence the generation never closed,
    the completion less its prose, or nothing (blank, or prose only)."""
    from rltf.data.extract import fenced_blocks, is_prose

    if not ex.code.strip():
        return "empty"
    if fenced_blocks(completion):  # a closed block ends at its fence, an unclosed one at the completion's end
        return "incomplete_fenced" if ex.end == len(completion) else "fenced"
    if all(is_prose(line) or not line.strip() for line in completion.splitlines()):
        return "empty"
    return "heuristic"


def result(p: Problem, code: str, kind: str, v: Verdict) -> EvalResult:
    """The Verdict in SandboxFusion's terms; `extra` keeps what it has no field for (outcome, totals)."""
    from sandbox_runner.plan import plan

    t = p.tests
    names = [c.source for c in plan(t).checks]  # cached: the judge planned the same tests
    return EvalResult(
        id=p.id,
        accepted=v.outcome is Status.PASSED and v.passed == v.total,
        extracted_code=code,
        full_code="\n".join(filter(None, [t.setup, code])),
        test_code="\n".join(filter(None, [t.check, *t.asserts])) or None,
        tests=[_case(r, names[r.index] if r.index < len(names) else "") for r in v.tests],
        extracted_type=kind,
        extra={"outcome": v.outcome.value, "passed": v.passed, "total": v.total, "time_s": v.time_s},
    )


def _case(r: TestResult, test: str) -> EvalTestCase:
    passed = r.status is Status.PASSED
    internal = r.status is Status.INTERNAL_ERROR
    detail = ": ".join(filter(None, [r.error_type, r.message])) or None
    run = CommandRunResult(
        status="TimeLimitExceeded" if r.status is Status.TIMEOUT else "Error" if internal else "Finished",
        execution_time=r.time_s,
        stderr=detail,
    )
    info = {
        "index": r.index,
        "test": test,
        "status": r.status.value,
        "error_type": r.error_type,
        "message": r.message,
        "line": r.line,
        "expected": r.expected,
        "got": r.got,
    }
    return EvalTestCase(
        passed=passed,
        exec_info=RunCodeResponse(
            status="Success" if passed else "SandboxError" if internal else "Failed",
            message="" if passed else r.status.value,
            run_result=run,
        ),
        test_info={k: v for k, v in info.items() if v is not None},
    )
