"""Labels: round trip from rltf problems, and malformed labels named by row with what is wrong."""

from __future__ import annotations

import json

import pytest

from rltf.adapters import Label, LabelError, parse_label
from rltf.data import load


def test_round_trip_keeps_every_test_field():
    for p in load("embedded", "test")[:20]:
        lab = parse_label(Label.of(p, "def f():\n").to_json(), "row 0")
        assert (lab.id, lab.tests, lab.code_prefix) == (p.id, p.tests, "def f():\n")


def test_accepts_a_decoded_object_and_defaults_code_prefix():
    lab = parse_label({"id": "x", "tests": {"format": "mbpp", "asserts": ["assert f() == 1"]}}, "row 0")
    assert lab.code_prefix == "" and lab.tests.asserts == ["assert f() == 1"]


@pytest.mark.parametrize(
    "label, message",
    [
        ("not json", "row 4: label is not valid JSON"),
        ("[1, 2]", "row 4: label must be a JSON object, got list"),
        ('{"id": "p1"}', "row 4 (id 'p1'): label has no 'tests'"),
        ('{"id": "p1", "tests": {"format": "nope"}}', "row 4 (id 'p1'): tests.format: Input should be"),
        (
            '{"id": "p1", "tests": {"format": "mbpp", "asserts": "assert 1"}}',
            "tests.asserts: Input should be a valid list",
        ),
        (
            '{"id": "p1", "tests": {"format": "call", "inputs": [[1]], "outputs": [1]}}',
            "call-format tests need fn_name",
        ),
        (
            '{"id": "p1", "tests": {"format": "stdio", "inputs": ["1"], "outputs": ["1"], "timeout": 3}}',
            "unknown tests key(s) ['timeout']",
        ),
        (
            '{"id": "p1", "tests": {"format": "mbpp", "asserts": ["assert 1"]}, "entry": "f"}',
            "unknown label key(s) ['entry']",
        ),
        (
            '{"id": 7, "tests": {"format": "mbpp", "asserts": ["assert 1"]}}',
            "row 4: label 'id' must be str, got int",
        ),
    ],
)
def test_malformed_labels_name_the_row_and_the_fault(label, message):
    with pytest.raises(LabelError) as e:
        parse_label(label, "row 4")
    assert message in str(e.value)


def test_label_json_is_plain_json():
    p = load("embedded", "train")[0]
    assert set(json.loads(Label.of(p).to_json())) == {"id", "tests", "code_prefix"}
