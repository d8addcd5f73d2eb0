"""Reading rows from local files and the hub, and the errors that say where a data set or row went wrong."""

from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from rltf.data import DataError, load
from rltf.data.source import open_rows, read_file


def test_every_file_type_gives_the_same_rows(tmp_path, write_jsonl):
    rows = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    write_jsonl(tmp_path / "r.jsonl", rows)
    write_jsonl(tmp_path / "r.jsonl.gz", rows)
    (tmp_path / "r.json").write_text(json.dumps(rows, indent=2))
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "r.parquet")
    for name in ("r.jsonl", "r.jsonl.gz", "r.json", "r.parquet"):
        assert [r.data for r in read_file(tmp_path / name)] == rows, name
    assert [r.where for r in read_file(tmp_path / "r.jsonl")] == [
        f"{tmp_path}/r.jsonl:1",
        f"{tmp_path}/r.jsonl:2",
    ]


def test_bad_json_line_names_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"a": 1}\n\n{"a": 2,\n')
    with pytest.raises(DataError, match=rf"{f}:3: invalid JSON"):
        list(read_file(f))


def test_non_object_rows_and_unknown_types_are_errors(tmp_path):
    (tmp_path / "list.jsonl").write_text("[1, 2]\n")
    with pytest.raises(DataError, match=r"list.jsonl:1: expected a JSON object, got list"):
        list(read_file(tmp_path / "list.jsonl"))
    (tmp_path / "obj.json").write_text('{"a": 1}')
    with pytest.raises(DataError, match="expected a JSON array"):
        list(read_file(tmp_path / "obj.json"))
    (tmp_path / "x.csv").write_text("a\n1\n")
    with pytest.raises(DataError, match="unknown file type"):
        list(read_file(tmp_path / "x.csv"))


def test_not_found_names_local_path_and_hub_id(offline_hub, tmp_path):
    with pytest.raises(DataError) as e:
        load("mbpp", "test")
    assert "RLTF_DATA_DIR" in str(e.value) and "'google-research-datasets/mbpp'" in str(e.value)
    assert "not reachable" in str(e.value)
    with pytest.raises(DataError) as e:
        load("mbpp", "test", path=tmp_path)
    assert f"no file at {tmp_path}/mbpp/mbpp.jsonl" in str(e.value)
    assert "'google-research-datasets/mbpp' (config 'full') not tried because a path was given" in str(
        e.value
    )


def test_data_dir_env_is_used_before_the_hub(offline_hub, monkeypatch, tmp_path, write_jsonl):
    write_jsonl(tmp_path / "x" / "train.jsonl", [{"a": 1}])
    monkeypatch.setenv("RLTF_DATA_DIR", str(tmp_path))
    rows = open_rows(path=None, default_files=["x/train.jsonl"], hub_id="org/never-called")
    assert [r.data for r in rows] == [{"a": 1}]


def test_hub_rows_carry_their_split(offline_hub, monkeypatch):
    import datasets

    calls = []

    def fake_load_dataset(hub_id, config=None):
        calls.append((hub_id, config))
        return {"train": [{"a": 1}], "test": [{"a": 2}, {"a": 3, "split": "own"}]}

    monkeypatch.setattr(datasets, "load_dataset", fake_load_dataset)
    rows = list(open_rows(path=None, default_files=["none.jsonl"], hub_id="org/set", hub_config="cfg"))
    assert calls == [("org/set", "cfg")]
    assert [r.data for r in rows] == [
        {"split": "train", "a": 1},
        {"split": "test", "a": 2},
        {"split": "own", "a": 3},
    ]
    assert rows[1].where == "org/set/test#0"


def test_loader_reads_the_hub_when_no_file_is_found(offline_hub, monkeypatch):
    import datasets

    row = {"task_id": 11, "text": "t", "code": "def f():\n    return 1", "test_setup_code": "",
           "test_list": ["assert f() == 1"], "challenge_test_list": []}  # fmt: skip
    calls = []

    def fake_load_dataset(hub_id, config=None):
        calls.append((hub_id, config))
        return {"test": [row], "train": [{**row, "task_id": 601}]}

    monkeypatch.setattr(datasets, "load_dataset", fake_load_dataset)
    assert [p.id for p in load("mbpp", "test")] == ["mbpp/11"]
    assert calls == [("google-research-datasets/mbpp", "full")]
