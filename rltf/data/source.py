"""Where a data set's rows come from: a local file (jsonl, json, jsonl.gz, json.gz, parquet) or the HF hub.

Local files win over the hub because they are exact and fast; the hub is tried only when no local file is
found (there is no network on the training machines, and a failed hub lookup costs seconds of retries).
Every row carries `where` ("file:line" or "hub-id[split]#index") so a loader can say which row was bad.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class DataError(ValueError):
    """A data set could not be found or one of its rows is malformed; the message says where."""


@dataclass
class Row:
    data: dict[str, Any]
    where: str  # "path:line" (1-based) or "hub-id/split#index", for error messages

    def need(self, key: str) -> Any:
        """The value of a required field; a missing one is an error naming the row."""
        if key not in self.data:
            raise DataError(f"{self.where}: missing field {key!r} (row has {sorted(self.data)})")
        return self.data[key]

    def json(self, key: str, default: Any = None) -> Any:
        """A field stored as a JSON string (APPS, MBPP on the hub); "" or absent gives `default`."""
        v = self.data.get(key)
        if v is None or v == "":
            return default
        if not isinstance(v, str):
            return v
        try:
            return json.loads(v)
        except json.JSONDecodeError as e:
            raise DataError(
                f"{self.where}: field {key!r} is not valid JSON ({e.msg} at char {e.pos})"
            ) from None

    def in_split(self, split: str) -> bool:
        """Rows that name their split belong to it only; rows that don't belong to whatever split the
        file was loaded as (a file per split)."""
        return self.data.get("split", split) == split


def data_dir() -> Path | None:
    """The directory holding local copies of the benchmarks ($RLTF_DATA_DIR), or None."""
    d = os.environ.get("RLTF_DATA_DIR")
    return Path(d) if d else None


def read_file(path: str | Path) -> Iterator[Row]:
    """Yield the rows of a jsonl / json / jsonl.gz / json.gz / parquet file."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        for i, d in enumerate(pq.read_table(path).to_pylist()):
            yield Row(d, f"{path}:row {i + 1}")
        return
    opener = gzip.open if name.endswith(".gz") else open
    base = name.removesuffix(".gz")
    with opener(path, "rt", encoding="utf-8") as f:
        if base.endswith(".json"):
            try:
                rows = json.load(f)
            except json.JSONDecodeError as e:
                raise DataError(f"{path}:{e.lineno}: invalid JSON: {e.msg}") from None
            if not isinstance(rows, list):
                raise DataError(f"{path}: expected a JSON array of objects, got {type(rows).__name__}")
            for i, d in enumerate(rows):
                yield _object(d, f"{path}:item {i + 1}")
        elif base.endswith(".jsonl"):
            for i, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = json.loads(line)
                except json.JSONDecodeError as e:
                    raise DataError(f"{path}:{i}: invalid JSON: {e.msg}") from None
                yield _object(d, f"{path}:{i}")
        else:
            raise DataError(
                f"{path}: unknown file type (want .jsonl, .json, .jsonl.gz, .json.gz or .parquet)"
            )


def _object(d: Any, where: str) -> Row:
    if not isinstance(d, dict):
        raise DataError(f"{where}: expected a JSON object, got {type(d).__name__}")
    return Row(d, where)


def read_hub(hub_id: str, config: str | None = None) -> Iterator[Row]:
    """Yield the rows of every split of a hub data set, via `datasets.load_dataset`; each row gets a
    "split" key (the hub's split name) unless it has one."""
    import datasets

    dd = datasets.load_dataset(hub_id, config)
    for split in dd:
        for i, d in enumerate(dd[split]):
            yield Row({"split": split, **d}, f"{hub_id}/{split}#{i}")


def open_rows(
    *, path: str | Path | None, default_files: list[str], hub_id: str | None, hub_config: str | None = None
) -> Iterator[Row]:
    """The rows of a data set from `path` (a file, or a directory searched for `default_files`), else from
    $RLTF_DATA_DIR/<default_files>, else from the hub. Raises DataError naming what was tried."""
    if path is not None:
        p = Path(path)
        files = [p / f for f in default_files] if p.is_dir() else [p]
    else:
        d = data_dir()
        files = [d / f for f in default_files] if d else []
    for f in files:
        if f.is_file():
            return read_file(f)
    local = (
        ", ".join(map(str, files)) or f"$RLTF_DATA_DIR/{' or '.join(default_files)} (RLTF_DATA_DIR is unset)"
    )
    if not hub_id:
        raise DataError(f"data set not found: no file at {local} (and no hub copy configured)")
    hub = f"hub {hub_id!r}" + (f" (config {hub_config!r})" if hub_config else "")
    if path is not None:
        raise DataError(f"data set not found: no file at {local}; {hub} not tried because a path was given")
    try:
        return iter(list(read_hub(hub_id, hub_config)))
    except Exception as e:  # noqa: BLE001 - offline, missing or gated: all mean "not reachable"
        raise DataError(f"data set not found: no file at {local}, and {hub} is not reachable ({e})") from e
