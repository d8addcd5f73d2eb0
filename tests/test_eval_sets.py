"""Held-out sets from conf/eval_sets, greedy evaluation per set, and the evaluation cache (no vLLM: a sampler
that answers with reference solutions stands in for the model)."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import shutil
from pathlib import Path

import pytest
from hydra import compose, initialize_config_dir

from rltf import eval_cache
from rltf.compare import compare, load_records
from rltf.data import DataError
from rltf.data.prompts import PromptConfig
from rltf.data.selection import Selection
from rltf.eval_sets import CacheSpec, HeldOut, evaluate_sets, load_sets, parse_sets, sampling_of
from rltf.evaluate import EvalConfig
from rltf.rollout.config import RolloutConfig
from sandbox_runner import LocalJudge
from sandbox_runner.schema import Limits
from tests.conftest import Solver

CONF = Path(__file__).resolve().parents[1] / "conf"


@pytest.fixture(scope="module")
def judge():
    j = LocalJudge(workers=2)
    yield j
    j.close()


def composed(*overrides: str):
    with initialize_config_dir(str(CONF), version_base="1.3"):
        return compose("eval", list(overrides))


# -- sets from conf/ -----------------------------------------------------------------------------------------
def test_every_eval_sets_file_parses_and_overrides_edit_one_set():
    for f in sorted((CONF / "eval_sets").glob("*.yaml")):
        sets = parse_sets(composed(f"eval_sets={f.stem}").eval_sets)
        assert sets and all(isinstance(s, Selection) for s in sets.values()), f
    sets = parse_sets(
        composed(
            "eval_sets=all",
            "eval_sets.mbpp.limit=20",
            "~eval_sets.humaneval",
            "+eval_sets.val={data: mbpp, split: validation}",
        ).eval_sets
    )
    assert list(sets) == ["embedded", "mbpp", "val"]
    assert sets["mbpp"] == Selection("mbpp", "test", 20, None, {"show_tests": True})
    assert sets["val"] == Selection("mbpp", "validation")
    assert "eval_sets" not in composed()  # the single data/split/limit evaluation stays the default


def test_bad_set_specs_fail_naming_the_set():
    with pytest.raises(DataError, match=r"eval_sets.a: unknown key\(s\) \['limt'\], missing \[\]"):
        parse_sets({"a": {"data": "embedded", "split": "test", "limt": 3}})
    with pytest.raises(DataError, match=r"eval_sets.b: unknown key\(s\) \[\], missing \['split'\]"):
        parse_sets({"b": {"data": "embedded"}})
    with pytest.raises(DataError, match="eval_sets must be a non-empty mapping"):
        parse_sets([{"data": "embedded", "split": "test"}])
    with pytest.raises(DataError, match="limit must be >= 1"):
        parse_sets({"c": {"data": "embedded", "split": "test", "limit": 0}})


def test_load_sets_applies_each_limit():
    heldout = load_sets(
        {"small": Selection("embedded", "test", limit=5), "whole": Selection("embedded", "test")}
    )
    assert [(h.name, len(h.problems)) for h in heldout] == [("small", 5), ("whole", 58)]
    assert [p.id for p in heldout[0].problems] == [p.id for p in heldout[1].problems[:5]]


# -- greedy evaluation per set -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def heldout() -> list[HeldOut]:
    return load_sets(
        {"a": Selection("embedded", "test", limit=4), "b": Selection("embedded", "train", limit=3)}
    )


GREEDY = EvalConfig(n=1, ks=[1], greedy=True, progress=False, limits=Limits(time_s=4))


def test_each_set_lands_in_its_own_directory_labelled_for_compare(heldout, judge, tmp_path):
    wrong = {heldout[0].problems[0].id}
    reports = evaluate_sets(heldout, Solver(wrong), judge, GREEDY, tmp_path)
    assert {k: r.pass_at_k["all"][1] for k, r in reports.items()} == {"a": 0.75, "b": 1.0}
    records = load_records(tmp_path)
    assert {(r["set"], r["source"]) for r in records} == {("a", "embedded"), ("b", "embedded")}
    rows = {r.group: r for r in compare(records, load_records(tmp_path / "b")).rows}
    assert rows["a"].missing_b == 4 and rows["b"].diff == 0.0


# -- the cache -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A copy of the tiny test model's directory (its files can then be touched)."""
    from rltf.models import tiny_model

    out = tmp_path_factory.mktemp("model") / "tiny"
    shutil.copytree(tiny_model(), out)
    return out


def test_model_checksum_covers_every_file_and_remembers_digests_by_size_and_mtime(model_dir, tmp_path):
    cache = tmp_path / "cache"
    first = eval_cache.model_checksum(model_dir, cache)
    memo = json.loads((cache / eval_cache.CHECKSUMS).read_text())
    assert len(memo) == len([p for p in model_dir.iterdir() if p.is_file()])
    assert eval_cache.model_checksum(model_dir) == first  # without a memo: the same digest, computed afresh
    cfg = model_dir / "config.json"
    st, original = cfg.stat(), cfg.read_bytes()
    try:
        # same size and mtime: the memo is trusted (the documented trade-off), so the digest does not move
        cfg.write_bytes(original.replace(b"{", b"[", 1))
        os.utime(cfg, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert eval_cache.model_checksum(model_dir, cache) == first
        os.utime(cfg, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a new mtime: hashed again
        assert eval_cache.model_checksum(model_dir, cache) != first
    finally:
        cfg.write_bytes(original)
    assert eval_cache.model_checksum(model_dir, cache) == first
    (model_dir / "extra.txt").write_text("a file the model would load")
    try:
        assert eval_cache.model_checksum(model_dir, cache) != first
    finally:
        (model_dir / "extra.txt").unlink()
    with pytest.raises(FileNotFoundError, match="does not exist"):
        eval_cache.model_checksum(tmp_path / "nope")


def test_key_changes_with_every_part_and_not_with_mapping_order():
    base = dict(
        model="m" * 64,
        data=Selection("mbpp", "test", 100),
        problem_ids=["mbpp/11", "mbpp/12"],
        sampling={"greedy": True, "n": 1, "max_new_tokens": 384},
        limits=Limits(time_s=4),
        prompt=PromptConfig(),
    )
    k = eval_cache.key(**base)
    assert len(k) == 64 and eval_cache.key(**base) == k
    assert eval_cache.key(**{**base, "sampling": {"max_new_tokens": 384, "n": 1, "greedy": True}}) == k
    changed = {
        "model": "n" * 64,
        "data": Selection("mbpp", "test", 101),
        "problem_ids": ["mbpp/12", "mbpp/11"],
        "sampling": {"greedy": True, "n": 1, "max_new_tokens": 512},
        "limits": Limits(time_s=2),
        "prompt": PromptConfig(style="plain"),
    }
    for part, value in changed.items():
        assert eval_cache.key(**{**base, part: value}) != k, part


def test_store_and_load_round_trip_and_damaged_entries_are_misses(tmp_path):
    k = "ab" * 32
    assert eval_cache.load(tmp_path, k) is None
    recs = [{"problem_id": "x/1", "verdict": {"outcome": "passed"}}]
    path = eval_cache.store(tmp_path, k, recs, {"set": "x"})
    assert eval_cache.load(tmp_path, k) == recs and not list(path.parent.glob(".*tmp"))
    other = "cd" * 32
    shutil.copy(path, eval_cache._entry(tmp_path, other))  # an entry filed under the wrong key
    assert eval_cache.load(tmp_path, other) is None
    path.write_bytes(gzip.compress(b'{"format": 1, "key"')[:-4])
    assert eval_cache.load(tmp_path, k) is None
    with pytest.raises(ValueError, match="not a cache key"):
        eval_cache.load(tmp_path, "../../etc/passwd")
    with pytest.raises(ValueError, match="without records"):
        eval_cache.store(tmp_path, k, [])


def test_a_second_evaluation_of_the_same_model_and_set_is_restored_not_sampled(
    heldout, judge, model_dir, tmp_path
):
    wrong = {heldout[0].problems[1].id}
    spec = CacheSpec(
        tmp_path / "cache",
        eval_cache.model_checksum(model_dir, tmp_path / "cache"),
        sampling_of(RolloutConfig(), temperature=0.0),
        PromptConfig(),
    )
    first = evaluate_sets(heldout, Solver(wrong), judge, GREEDY, tmp_path / "run1", spec)
    assert len(list((tmp_path / "cache" / "evals").glob("*.json.gz"))) == 2
    again = Solver(wrong=set())  # would score 1.0 everywhere if it were asked
    second = evaluate_sets(heldout, again, judge, GREEDY, tmp_path / "run2", spec)
    assert again.asked == []
    assert {k: r.pass_at_k for k, r in second.items()} == {k: r.pass_at_k for k, r in first.items()}

    def records(run):  # the file holds finish order; the cache, problem order
        return sorted(load_records(tmp_path / run), key=lambda r: (r["set"], r["problem_id"]))

    assert records("run2") == records("run1")
    # another limit is another key: sampled again
    bigger = [dataclasses.replace(heldout[0], spec=Selection("embedded", "test", limit=5))]
    bigger[0].problems = load_sets({"a": bigger[0].spec})[0].problems
    evaluate_sets(bigger, again, judge, GREEDY, tmp_path / "run3", spec)
    assert len(again.asked) == 5


def test_a_set_the_judge_could_not_fully_run_is_not_cached(heldout, judge, model_dir, tmp_path):
    from rltf.data.schema import Problem
    from sandbox_runner.schema import Tests as Spec

    bad = Problem(  # a set is not JSON: the judge refuses the job (INTERNAL_ERROR), the model is not to blame
        "t/bad",
        "Return a.",
        Spec("call", fn_name="f", inputs=[[{1, 2}]], outputs=[1]),
        solutions=["def f(a):\n    return a"],
    )
    spec = CacheSpec(tmp_path / "cache", eval_cache.model_checksum(model_dir), {}, PromptConfig())
    held = [HeldOut("a", heldout[0].spec, [*heldout[0].problems, bad])]
    report = evaluate_sets(held, Solver(), judge, GREEDY, tmp_path / "run", spec)["a"]
    assert report.unjudged == 1 and report.pass_at_k["all"][1] == pytest.approx(4 / 5)
    assert not (tmp_path / "cache" / "evals").exists()


def test_launch_eval_config_with_eval_sets_greedy_and_cache(monkeypatch, tmp_path):
    """run_sets_from_config end to end on conf/eval.yaml, the model stood in for by reference solutions."""
    import rltf.rollout
    from rltf.eval_sets import run_sets_from_config

    built = []

    def fake_sampler(model, rollout, prompt):
        built.append((Path(model), rollout, prompt))
        return Solver()

    monkeypatch.setattr(rltf.rollout, "Sampler", fake_sampler)
    from rltf.models.store import cache_root

    monkeypatch.setenv("RLTF_CACHE", str(cache_root()))  # the prepared models stay where they are
    monkeypatch.setenv("HOME", str(tmp_path))
    overrides = [
        "model=tiny",
        "eval_sets=embedded",
        "eval_sets.embedded.limit=3",
        "greedy=true",
        "sandbox.workers=2",
        "cache='~/cache'",  # a user's home directory, expanded
        f"out_dir={tmp_path / 'out'}",
    ]
    reports = run_sets_from_config(composed(*overrides))
    assert list(reports) == ["embedded"] and reports["embedded"].pass_at_k["all"] == {1: 1.0}
    assert reports["embedded"].samples == 3 and (tmp_path / "out" / "embedded" / "summary.md").is_file()
    assert built[0][0].is_dir() and built[0][2].style == "chat"
    assert len(list((tmp_path / "cache" / "evals").glob("*.json.gz"))) == 1
    # the same evaluation again, into a fresh out_dir: restored from the cache
    again = run_sets_from_config(composed(*overrides[:-1], f"out_dir={tmp_path / 'out2'}"))
    assert again["embedded"].resumed == 3
