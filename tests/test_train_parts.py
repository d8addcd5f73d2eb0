"""The trainer's parts that need no vLLM or DeepSpeed: the problem draw (uniform or dynamic), the typed data
config (one set or a mix) and the overlap check in build, held-out evaluation per set with the start model's
cache, the start-vs-end comparison and the report lines (config validation: tests/test_config.py)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from hydra import compose, initialize_config_dir

from rltf import trainer
from rltf.config import MixDataConfig, train_config
from rltf.data import DataError, load
from rltf.data.curriculum import SignalState, merge_signals
from rltf.data.jsonl import dump
from rltf.dist import gather
from rltf.experience import schedule
from rltf.heldout import compare_start_end, eval_dir
from rltf.learn.metrics import summarise
from rltf.report import RunReport, eval_line, eval_summary, line
from sandbox_runner import LocalJudge
from tests.conftest import Solver

CONF = Path(__file__).resolve().parents[1] / "conf"


def composed(*overrides: str):
    with initialize_config_dir(str(CONF), version_base="1.3"):
        return compose("train", ["model=tiny", "trainer=smoke", *overrides])


@pytest.fixture(scope="module")
def judge():
    j = LocalJudge(workers=2)
    yield j
    j.close()


# -- which problems an iteration draws -----------------------------------------------------------------------
def test_schedule_covers_every_problem_once_per_epoch_and_is_reproducible():
    n, per = 10, 3
    drawn = [i for it in range(10) for i in schedule(n, it, per, seed=7)]  # 30 draws = 3 epochs
    for epoch in range(3):
        assert sorted(drawn[epoch * n : (epoch + 1) * n]) == list(range(n))
    assert drawn[:n] != drawn[n : 2 * n]  # a fresh shuffle each epoch
    assert schedule(n, 4, per, seed=7) == drawn[12:15]  # a pure function of its arguments (resume)
    assert schedule(n, 4, per, seed=8) != drawn[12:15]


def test_uniform_draws_the_schedule_and_dynamic_plays_down_problems_without_signal():
    problems = load("embedded", "train", limit=20)
    uniform = SimpleNamespace(
        cfg=train_config(composed("trainer.problems_per_iteration=4")), problems=problems
    )
    assert trainer.draw(uniform, 3, SignalState()) == schedule(20, 3, 4, 0)
    parts = SimpleNamespace(
        cfg=train_config(
            composed("curriculum=dynamic", "curriculum.floor=0.01", "trainer.problems_per_iteration=4")
        ),
        problems=problems,
    )
    signal = SignalState(window=2)
    signal.update({p.id: i >= 16 for i, p in enumerate(problems)})  # only the last 4 had learning signal
    counts = [0] * 20
    for it in range(50):
        for i in trainer.draw(parts, it, signal):
            counts[i] += 1
    assert sum(counts[16:]) > 0.8 * 200  # 4 of 20 problems, drawn in most of the 200 slots
    assert trainer.draw(parts, 7, SignalState.from_dict(signal.to_dict())) == trainer.draw(parts, 7, signal)


def test_signals_of_all_ranks_merge_and_gather_works_on_one_process():
    assert gather({"a": True}) == [{"a": True}]
    assert merge_signals([{"a": False, "b": True}, {"a": True, "c": False}]) == {
        "a": True,
        "b": True,
        "c": False,
    }


# -- data: one set or a mix; never a held-out problem --------------------------------------------------------
@pytest.fixture
def mine(tmp_path) -> Path:
    """A user's JSONL: 6 embedded training problems under ids of their own."""
    import dataclasses

    path = tmp_path / "mine.jsonl"
    dump([dataclasses.replace(p, id=f"mine/{i}") for i, p in enumerate(load("embedded", "train")[-6:])], path)
    return path


MIX = ["data=mix", "~data.sources.mbpp", "~data.sources.leetcode", "++data.sources.embedded.limit=10"]


def test_data_mix_is_typed_and_draws_its_weighted_list(mine):
    cfg = train_config(
        composed(*MIX, f"+data.sources.mine={{data: jsonl, split: train, path: {mine}, weight: 0.3}}")
    )
    assert isinstance(cfg.data, MixDataConfig) and cfg.data.prompt.style == "chat"
    problems = cfg.data.problems()
    assert (
        len(problems) == 12 and sum(p.id.startswith("mine/") for p in problems) == 6
    )  # equal weights: 6 + 6
    with pytest.raises(DataError, match="data.sources.embedded: unknown key"):
        train_config(composed(*MIX, "+data.sources.embedded.wieght=2"))
    with pytest.raises(ValueError, match=r"'data'.*\['size'\]"):  # a mix's key on a single data set
        train_config(composed("+data.size=3"))


def test_build_refuses_to_train_on_a_held_out_problem(tmp_path):
    import dataclasses

    copies = [dataclasses.replace(p, id=f"copy/{i}") for i, p in enumerate(load("embedded", "test")[:2])]
    copies.append(dataclasses.replace(load("humaneval", "test")[5], id="copy/he"))
    path = tmp_path / "leak.jsonl"
    dump(copies, path)
    leak = f"+data.sources.leak={{data: jsonl, split: train, path: {path}, weight: 0.3}}"
    with pytest.raises(DataError) as e:
        trainer.build(composed(*MIX, leak))  # before any model or engine is built
    msg = str(e.value)
    assert msg.startswith("3 training problems overlap held-out set(s) embedded, humaneval")
    assert "training copy/he ~ humaneval HumanEval/5 (same statement)" in msg


# -- held-out evaluation per set, the start model's cache ----------------------------------------------------
def eval_parts(tmp_path: Path, cache: bool, judge) -> SimpleNamespace:
    """What trainer.evaluate reads of Parts: 3 embedded and 2 HumanEval problems, reference solutions."""
    cfg = train_config(
        composed(
            "eval_sets.embedded.limit=3",
            "eval_sets.humaneval.limit=2",
            f"trainer.out_dir={tmp_path / 'run'}",
            f"trainer.eval_cache_dir={tmp_path / 'cache' if cache else 'null'}",
        )
    )
    from rltf.eval_sets import load_sets
    from rltf.models import tiny_model

    return SimpleNamespace(
        cfg=cfg,
        heldout=load_sets(cfg.eval_sets),
        judge=judge,
        sampler=Solver(),
        cache=trainer.cache_spec(cfg, tiny_model()),
    )


def test_held_out_pass1_per_set_and_overall_and_the_start_evaluation_is_cached(tmp_path, judge):
    first = eval_parts(tmp_path, True, judge)
    wrong = {first.heldout[0].problems[0].id}
    first.sampler = Solver(wrong)
    ev = trainer.evaluate(first, 0)
    assert ev["pass@1/embedded"] == pytest.approx(2 / 3) and ev["pass@1/humaneval"] == 1.0
    assert ev["pass@1"] == pytest.approx(4 / 5) and ev["problems"] == 5 and ev["greedy"]
    assert (ev["sampled"], ev["cached"]) == (5, 0) and len(first.sampler.asked) == 5
    assert {p.parent.name for p in eval_dir(tmp_path / "run", 0).rglob("samples.jsonl")} == {
        "embedded",
        "humaneval",
    }

    second = eval_parts(tmp_path / "again", False, judge)
    assert second.cache is None  # trainer.eval_cache_dir=null: no cache
    second.cache = first.cache  # another run (out_dir) with the first one's cache
    again = trainer.evaluate(second, 0)
    assert second.sampler.asked == [] and (again["sampled"], again["cached"]) == (0, 5)
    assert {k: again[k] for k in ev if k.startswith("pass@1")} == {
        k: ev[k] for k in ev if k.startswith("pass@1")
    }
    later = trainer.evaluate(second, 4)  # trained weights: never looked up in the cache
    assert later["cached"] == 0 and later["pass@1"] == 1.0 and len(second.sampler.asked) == 5


def test_the_report_ends_with_the_start_vs_end_comparison_or_says_there_is_none(tmp_path, judge, capsys):
    parts = eval_parts(tmp_path, False, judge)
    parts.sampler = Solver({parts.heldout[1].problems[0].id})  # the start fails one HumanEval problem
    evals = [trainer.evaluate(parts, 0)]
    parts.sampler = Solver()
    evals.append(trainer.evaluate(parts, 2))
    table, paths = compare_start_end(tmp_path / "run", 2)
    assert (
        "| humaneval | 2 | 50.0 | 100.0 | +50.0 |" in table
        and "| embedded | 3 | 100.0 | 100.0 | +0.0 |" in table
    )
    assert (
        all(p.stat().st_size > 0 for p in paths.values())
        and paths["plot"].parent == tmp_path / "run" / "compare"
    )
    assert json.loads(paths["json"].read_text())["rows"][0]["group"] == "all"

    history = [summarise({"samples": 4, "outcome_pass": 2, "reward_sum": 0.4, "signal_samples": 3}, 1)]
    RunReport(tmp_path / "run", lead=True).finish(history, evals, tmp_path / "ckpt", (table, paths))
    out = capsys.readouterr().out
    assert "| humaneval | 2 | 50.0 | 100.0 | +50.0 |" in out and f"comparison plot: {paths['plot']}" in out
    assert "humaneval 0.5000 -> 1.0000" in out and "pass 0.50  signal 0.75  " in line(history[0])
    RunReport(tmp_path / "other", lead=True).finish(history, evals[1:], tmp_path / "ckpt", None)
    assert "no start-vs-end comparison" in capsys.readouterr().out


def test_eval_lines_show_every_set_before_and_after_or_say_there_was_no_start_evaluation():
    def ev(it, a, b, cached=0):
        return {"iteration": it, "greedy": True, "n": 1, "pass@1/embedded": a, "problems/embedded": 58,
                "pass@1/humaneval": b, "problems/humaneval": 164, "pass@1": (58 * a + 164 * b) / 222,
                "problems": 222, "cached": cached, "sampled": 222 - cached, "time_s": 100.0}  # fmt: skip

    start, end = ev(0, 0.15, 0.1, cached=222), ev(35, 0.175, 0.12)
    line = eval_line(start)
    assert (
        "embedded 0.1500 of 58, humaneval 0.1000 of 164; greedy" in line
        and "222 from the evaluation cache" in line
    )
    summary = eval_summary([start, end])
    assert "(iteration 0 -> 35)" in summary and "embedded 0.1500 -> 0.1750" in summary
    only = eval_summary([end])
    assert "->" not in only and "humaneval 0.1200" in only and "eval_at_start=false" in only
