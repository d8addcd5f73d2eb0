"""data=mix: weighted training lists from several sources, and the check that no held-out problem is trained on."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from omegaconf import OmegaConf

from rltf.data import DataError, Problem, load, load_config
from rltf.data.jsonl import dump
from rltf.data.mix import MixSource, default_size, draw, load_mix, parse_sources
from rltf.data.overlap import check_overlap, find_overlaps, words
from sandbox_runner.schema import Tests as Spec

CONF = Path(__file__).resolve().parents[2] / "conf"


def problem(pid: str, statement: str, starter: str = "") -> Problem:
    return Problem(
        pid, statement, Spec("call", fn_name="f", inputs=[[1]], outputs=[1]), starter, source="mine"
    )


@pytest.fixture
def mine(tmp_path) -> Path:
    """A user's JSONL file of 40 problems."""
    path = tmp_path / "mine.jsonl"
    dump([problem(f"mine/{i}", f"Return the number {i} whatever you get.") for i in range(40)], path)
    return path


def sources(path: Path, **weights: float) -> dict[str, MixSource]:
    return {
        "embedded": MixSource("embedded", "train", weight=weights.get("embedded", 1.0)),
        "mine": MixSource("jsonl", "train", path=str(path), weight=weights.get("mine", 1.0)),
    }


# -- drawing -------------------------------------------------------------------------------------------------
def test_each_source_gets_its_weight_share_of_the_list_without_repeats_when_it_can(mine):
    mix = load_mix(sources(mine, embedded=0.75, mine=0.25))
    assert {k: len(v) for k, v in mix.problems.items()} == {"embedded": 227, "mine": 40}
    assert default_size(mix) == 160  # mine's 40 problems are a quarter of 160
    drawn = draw(mix, seed=1)
    assert Counter(p.source for p in drawn) == {"embedded": 120, "mine": 40}
    assert len({p.id for p in drawn}) == 160  # no repeats at the default size
    assert [p.id for p in draw(mix, seed=1)] == [p.id for p in drawn]  # deterministic
    assert [p.id for p in draw(mix, seed=2)] != [p.id for p in drawn]


def test_a_larger_list_repeats_a_small_source_evenly_and_quotas_sum_to_the_size(mine):
    mix = load_mix(sources(mine, embedded=1, mine=1))
    drawn = draw(mix, size=101, seed=0)
    counts = Counter(p.source for p in drawn)
    assert len(drawn) == 101 and counts == {"embedded": 51, "mine": 50}  # the remainder goes to the first
    per_problem = Counter(p.id for p in drawn if p.source == "mine")
    assert set(per_problem) == {f"mine/{i}" for i in range(40)} and set(per_problem.values()) == {1, 2}


def test_per_problem_weights_give_each_source_its_share(mine):
    problems, weights = load_mix(sources(mine, embedded=3, mine=1)).flat()
    assert len(problems) == 267 and sum(weights) == pytest.approx(1.0)
    share = sum(w for p, w in zip(problems, weights, strict=True) if p.source == "mine")
    assert share == pytest.approx(0.25)


def test_several_splits_limits_and_options_per_source(mine):
    mix = load_mix(
        {
            "both": MixSource("embedded", ["train", "test"]),
            "few": MixSource("jsonl", "train", limit=5, path=str(mine)),
        }
    )
    assert len(mix.problems["both"]) == 285 and [p.id for p in mix.problems["few"]] == [
        f"mine/{i}" for i in range(5)
    ]


def test_bad_mixes_fail_naming_the_source(mine):
    with pytest.raises(DataError, match="weight must be > 0"):
        MixSource("embedded", "train", weight=0)
    with pytest.raises(
        DataError, match=r"data.sources.x: unknown key\(s\) \['wieght'\], missing \['split'\]"
    ):
        parse_sources({"x": {"data": "embedded", "wieght": 2}})
    with pytest.raises(DataError, match="limit must be >= 1"):
        MixSource("embedded", "train", limit=0)
    with pytest.raises(DataError, match="non-empty mapping"):
        parse_sources({})
    with pytest.raises(DataError, match="problem 'embedded/reverse_string' is in both 'a' and 'b'"):
        load_mix({"a": MixSource("embedded", "train"), "b": MixSource("embedded", "train")})
    empty = mine.parent / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(DataError, match=r"data.sources.e: 'jsonl' splits \['test'\] .* has no problems"):
        load_mix({"e": MixSource("jsonl", "test", path=str(empty))})


def test_data_mix_config_composes_and_load_config_draws_from_it(mine):
    from hydra import compose, initialize_config_dir

    with initialize_config_dir(str(CONF), version_base="1.3"):
        cfg = compose(
            "train",
            [
                "data=mix",
                "~data.sources.mbpp",
                "~data.sources.leetcode",
                f"+data.sources.mine={{data: jsonl, split: train, path: '{mine}', weight: 0.1}}",
                "data.sources.embedded.weight=0.9",
                "data.size=50",
            ],
        )
    assert list(parse_sources(cfg.data.sources)) == ["embedded", "mine"]
    drawn = load_config(cfg.data)
    assert Counter(p.source for p in drawn) == {"embedded": 45, "mine": 5}
    with pytest.raises(DataError, match="no held-out split: evaluate on eval_sets"):
        load_config(cfg.data, "eval_split", "eval_limit")


@pytest.mark.data
def test_the_default_mix_loads_from_the_shared_data(data_dir, monkeypatch):
    monkeypatch.setenv("RLTF_DATA_DIR", str(data_dir))
    cfg = OmegaConf.load(CONF / "data" / "mix.yaml")
    mix = load_mix(parse_sources(cfg.sources))
    assert {k: len(v) for k, v in mix.problems.items()} == {"embedded": 227, "mbpp": 464, "leetcode": 515}
    assert {p.difficulty for p in mix.problems["leetcode"]} == {"easy"}
    drawn = draw(mix)
    counts = Counter(p.source for p in drawn)
    assert counts["embedded"] == 227 and abs(counts["mbpp"] / len(drawn) - 0.4) < 0.01


# -- overlap -------------------------------------------------------------------------------------------------
def test_words_fold_case_unicode_whitespace_and_punctuation():
    a = problem("a/1", "Return  the SUM\u00a0of a, b.")
    b = problem("b/1", "return the sum of a b", "")
    assert words(a) == words(b) == ["return", "the", "sum", "of", "a", "b"]


def test_overlaps_by_id_statement_and_prefix_are_found_and_named():
    long = " ".join(f"word{i}" for i in range(40))
    held = {
        "set1": [problem("x/1", "Add two numbers."), problem("x/2", long + " with example one")],
        "set2": [problem("y/9", "Something else entirely.", "def g():\n")],
    }
    train = [
        problem("x/1", "A different statement under the same id."),
        problem("t/2", "ADD two   numbers!"),
        problem("t/3", long + " and another example"),
        problem("t/4", "Something else entirely."),  # the held-out one has starter code: not a copy
        problem("t/5", "Add two numbers and then some."),  # shares a prefix shorter than 30 words: no
    ]
    found = {(o.train_id, o.eval_set, o.eval_id, o.why) for o in find_overlaps(train, held)}
    assert found == {
        ("x/1", "set1", "x/1", "same id"),
        ("t/2", "set1", "x/1", "same statement"),
        ("t/3", "set1", "x/2", "same first 30 words"),
    }
    with pytest.raises(DataError) as e:
        check_overlap(train, held)
    msg = str(e.value)
    assert msg.startswith("3 training problems overlap held-out set(s) set1;")
    assert "training t/2 ~ set1 x/1 (same statement)" in msg and "t/4" not in msg
    check_overlap(train[3:], held)  # nothing overlaps: no error


def test_a_training_split_never_overlaps_its_own_held_out_split():
    check_overlap(load("embedded", "train"), {"embedded": load("embedded", "test")})
    with pytest.raises(DataError, match="58 training problems overlap held-out set"):
        check_overlap(
            load("embedded", "train") + load("embedded", "test"), {"embedded": load("embedded", "test")}
        )


@pytest.mark.data
def test_the_default_mix_is_clear_of_the_standard_held_out_sets_and_mbpp_variants_are_caught(
    data_dir, monkeypatch
):
    monkeypatch.setenv("RLTF_DATA_DIR", str(data_dir))
    mix = load_mix(parse_sources(OmegaConf.load(CONF / "data" / "mix.yaml").sources))
    train = [p for ps in mix.problems.values() for p in ps]
    held = {
        "embedded": load("embedded", "test"),
        "humaneval": load("humaneval", "test", data_dir),
        "mbpp": load("mbpp", "test", data_dir),
    }
    check_overlap(train, held)
    # MBPP's sanitized file shares the full file's ids and copies two train statements into its test split
    found = find_overlaps(train, {"sanitized": load("mbpp_sanitized", "test", data_dir)})
    assert {(o.train_id, o.eval_id, o.why) for o in found} == {
        ("mbpp/928", "mbpp/427", "same first 30 words"),
        ("mbpp/569", "mbpp/104", "same first 30 words"),
    }
    mbpp_test_as_training = [dataclasses.replace(p, id=f"copy/{p.id}") for p in held["mbpp"][:3]]
    with pytest.raises(DataError, match="3 training problems overlap held-out set"):
        check_overlap(mbpp_test_as_training, held)
