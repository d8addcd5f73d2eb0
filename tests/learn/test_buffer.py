"""The online FIFO buffer: on-policy by default, bounded capacity, bounded reuse, state round trip."""

from __future__ import annotations

import random

import pytest

from rltf.learn.buffer import Buffer
from rltf.learn.loss import Experience


def exps(ids):
    return [Experience(str(i), [0], [1], [0.0]) for i in ids]


def test_on_policy_default_uses_each_sample_once_oldest_first():
    b = Buffer()
    b.push(exps(range(5)))
    rng = random.Random(0)
    assert [e.problem_id for e in b.take(3, rng)] == ["0", "1", "2"]
    assert [e.problem_id for e in b.take(10, rng)] == ["3", "4"]
    assert len(b) == 0 and b.take(1, rng) == []


def test_capacity_evicts_the_oldest():
    b = Buffer(capacity=3)
    assert b.push(exps(range(5))) == 2
    assert [e.problem_id for e in b.items] == ["2", "3", "4"]


def test_reuse_is_bounded_by_max_uses():
    b = Buffer(capacity=10, max_uses=3)
    b.push(exps(range(4)))
    rng = random.Random(0)
    drawn = [e.problem_id for _ in range(6) for e in b.take(2, rng)]
    assert len(b) == 0 and len(drawn) == 12
    assert all(drawn.count(str(i)) == 3 for i in range(4))


def test_state_round_trip_and_bad_settings():
    b = Buffer(capacity=4, max_uses=2)
    b.push(exps(range(3)))
    b.take(1, random.Random(1))
    c = Buffer()
    c.load_state_dict(b.state_dict())
    assert (c.capacity, c.max_uses) == (4, 2)
    assert [(e.problem_id, e.uses) for e in c.items] == [(e.problem_id, e.uses) for e in b.items]
    with pytest.raises(ValueError, match="capacity"):
        Buffer(capacity=0)
