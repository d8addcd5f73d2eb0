"""The embedded problem set: its shape, its split, and, in the real judge, that every reference solution
passes all its tests while lazy programs (return None, print nothing, a constant answer) fail."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from rltf.data import load
from rltf.data.embedded import CATEGORIES, category_of, held_out, held_out_ids, load_embedded
from rltf.data.embedded._define import fn, stdio
from sandbox_runner import Format, Job, Limits, Status, StopPolicy, judge

ALL = load_embedded("all")
REFERENCE = "def double(x):\n    return 2 * x\n"


def _stratum(p) -> str:
    return f"{category_of(p.id)}/{p.tests.format}"


def test_ids_are_unique_and_there_are_at_least_200():
    ids = [p.id for p in ALL]
    assert len(ids) == len(set(ids)) >= 200
    assert all(pid.startswith("embedded/") for pid in ids)


def test_every_problem_is_complete_and_json_clean():
    for p in ALL:
        t = p.tests
        assert p.source == "embedded" and p.difficulty in ("easy", "medium"), p.id
        assert len(p.solutions) == 1 and "Example" in p.statement, p.id
        assert len(t.inputs) == len(t.outputs) >= 5, p.id
        assert len({json.dumps(o, sort_keys=True) for o in t.outputs}) >= 2, p.id
        if t.format == Format.CALL:
            assert p.starter_code == f"def {t.fn_name}(" + p.starter_code.split("(", 1)[1], p.id
            assert f"`{t.fn_name}(" in p.statement and all(isinstance(a, list) for a in t.inputs), p.id
        else:
            assert t.format == Format.STDIO and p.starter_code == "", p.id
            assert all(isinstance(s, str) and s.endswith("\n") for s in t.inputs + t.outputs), p.id
        d = p.to_dict()
        assert json.loads(json.dumps(d)) == d, p.id


def test_both_formats_every_category_and_both_difficulties_are_present():
    formats = Counter(p.tests.format for p in ALL)
    assert 0.2 <= formats[Format.STDIO] / len(ALL) <= 0.35 and formats[Format.CALL] > 0
    assert {category_of(p.id) for p in ALL} == set(CATEGORIES)
    assert set(Counter(p.difficulty for p in ALL)) == {"easy", "medium"}


def test_split_is_disjoint_covering_stratified_and_served_by_the_registry():
    train, test = load_embedded("train"), load_embedded("test")
    train_ids, test_ids_ = {p.id for p in train}, {p.id for p in test}
    assert not train_ids & test_ids_
    assert train_ids | test_ids_ == {p.id for p in ALL}
    per_stratum, held = Counter(_stratum(p) for p in ALL), Counter(_stratum(p) for p in test)
    assert per_stratum.keys() == held.keys()
    for stratum, n in per_stratum.items():
        assert held[stratum] == round(0.2 * n), stratum
    assert [p.id for p in load("embedded", "train")] == [p.id for p in train]
    assert [p.id for p in load("embedded", "test")] == [p.id for p in test]


def test_split_depends_on_ids_only_and_adding_a_problem_moves_at_most_one():
    strata = {p.id: _stratum(p) for p in ALL}
    base = held_out(strata)
    assert base == held_out_ids()
    assert held_out(dict(reversed(strata.items()))) == base
    for stratum in set(strata.values()):
        new = f"embedded/new_{stratum}"
        moved = (held_out({**strata, new: stratum}) ^ base) - {new}
        assert len(moved) <= 1, stratum


def test_loaded_problems_are_copies():
    first = load_embedded("all")
    first[0].tests.outputs.clear()
    assert load_embedded("all")[0].tests.outputs


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="unknown split 'dev'"):
        load_embedded("dev")
    with pytest.raises(ValueError, match="test_fraction"):
        held_out({"a": "s"}, 1.5)


@pytest.mark.parametrize(
    ("tests", "message"),
    [
        ("double(1) == 2\ndouble(2) == 4", "need at least 5"),
        (
            "double(1) == 2\ndouble(2) == 4\ndouble(3) == 6\ndouble(4) == 8\ntwice(5) == 10",
            "must read `double",
        ),
        (
            "double(1) == (2,)\ndouble(2) == 4\ndouble(3) == 6\ndouble(4) == 8\ndouble(5) == 10",
            "JSON round trip",
        ),
        (
            "double(1) == 2\ndouble(2) == 2\ndouble(3) == 2\ndouble(4) == 2\ndouble(5) == 2",
            "constant program",
        ),
        ("double(x) == 2\ndouble(2) == 4\ndouble(3) == 6\ndouble(4) == 8\ndouble(5) == 10", "literals"),
    ],
)
def test_call_definitions_reject_weak_or_malformed_tests(tests, message):
    with pytest.raises(ValueError, match=message):
        fn("easy", "doubles `x`.", REFERENCE, tests)


def test_definitions_reject_blank_outputs_unknown_difficulty_and_missing_function():
    pairs = [("1", "2"), ("2", "4"), ("3", "6"), ("4", "8"), ("5", " ")]
    with pytest.raises(ValueError, match="blank output"):
        stdio("double", "easy", "Double it.", "print(2 * int(input()))", pairs)
    lines = "\n".join(f"double({i}) == {2 * i}" for i in range(5))
    with pytest.raises(ValueError, match="difficulty 'hard'"):
        fn("hard", "doubles `x`.", REFERENCE, lines)
    with pytest.raises(ValueError, match="defines no top-level function 'double'"):
        fn("easy", "doubles `x`.", "def twice(x):\n    return 2 * x\n", lines)


# --- in the real judge -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def local_judge():
    from sandbox_runner.local import LocalJudge

    j = LocalJudge(workers=2)
    yield j
    j.close()


def _lazy(p, answer: str) -> str:
    """A program that ignores its input: `answer` is a Python expression it returns or prints."""
    if p.tests.format == Format.CALL:
        return f"def {p.tests.fn_name}(*args):\n    return {answer}\n"
    return f"print({answer}, end='')\n" if answer != "None" else "pass\n"


def test_every_reference_solution_passes_all_its_tests_in_the_judge(local_judge):
    jobs = [
        Job(code=p.solutions[0], tests=p.tests, limits=Limits(stop=StopPolicy.NEVER), id=p.id) for p in ALL
    ]
    failures = [
        (
            v.id,
            [
                (t.index, t.status.value, t.message, t.expected, t.got)
                for t in v.tests
                if t.status != Status.PASSED
            ],
        )
        for v in judge(local_judge, jobs)
        if v.outcome != Status.PASSED or v.passed != v.total
    ]
    assert not failures


@pytest.mark.parametrize("kind", ["nothing", "first_expected"])
def test_a_program_that_ignores_its_input_fails_every_problem(local_judge, kind):
    """`nothing` returns None / prints nothing; `first_expected` always gives the first test's answer."""
    jobs = [
        Job(
            code=_lazy(p, "None" if kind == "nothing" else repr(p.tests.outputs[0])),
            tests=p.tests,
            limits=Limits(stop=StopPolicy.NEVER),
            id=p.id,
        )
        for p in ALL
    ]
    verdicts = judge(local_judge, jobs)
    assert [v.id for v in verdicts if v.outcome == Status.PASSED] == []
    if kind == "first_expected":  # the lazy program really ran: it passes exactly the tests it copied
        assert all(v.passed >= 1 for v in verdicts)
