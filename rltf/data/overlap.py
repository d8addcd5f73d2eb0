"""Never train on a held-out problem: training problems against every evaluation set, by id and by text.

    check_overlap(train_problems, {"humaneval": [...], "mbpp": [...]})   # raises DataError naming overlaps

Two problems overlap when they share an id (MBPP's full and sanitized files share ids), when their normalised
text is equal, or when the first `words` words of it are (a statement copied with another example or test
list appended). The text is the statement and the starter code (HumanEval's statement is a template; its
docstring sits in the starter code), normalised by Unicode NFKC, case folding and keeping only word
characters, so whitespace, punctuation and non-breaking spaces do not hide a copy. A reworded statement is
not caught: this guards against copies, not paraphrases.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rltf.data.schema import Problem
from rltf.data.source import DataError

WORDS = 30  # prefix length that identifies a statement; shorter texts must match whole


def words(problem: Problem) -> list[str]:
    """The problem's statement and starter code as case-folded words."""
    text = unicodedata.normalize("NFKC", f"{problem.statement}\n{problem.starter_code}").casefold()
    return re.findall(r"\w+", text)


def fingerprints(problem: Problem, prefix: int = WORDS) -> dict[str, str]:
    """How a copy of `problem` would show: its id, its whole text's digest, and its first `prefix` words'
    digest (only when the text is longer: a short text's prefix is itself)."""
    w = words(problem)
    out = {"same id": problem.id, "same statement": hashlib.sha256(" ".join(w).encode()).hexdigest()}
    if len(w) > prefix:
        out[f"same first {prefix} words"] = hashlib.sha256(" ".join(w[:prefix]).encode()).hexdigest()
    return out


@dataclass(frozen=True)
class Overlap:
    train_id: str
    eval_set: str
    eval_id: str
    why: str  # "same id", "same statement" or "same first N words"


def find_overlaps(
    train: Sequence[Problem], eval_sets: Mapping[str, Sequence[Problem]], prefix: int = WORDS
) -> list[Overlap]:
    """Every (training problem, held-out problem) pair that overlaps, with the first reason found."""
    index: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for name, problems in eval_sets.items():
        for p in problems:
            for why, fp in fingerprints(p, prefix).items():
                index.setdefault((why, fp), []).append((name, p.id))
    found: dict[tuple[str, str, str], Overlap] = {}
    for t in train:
        for why, fp in fingerprints(t, prefix).items():
            for name, eid in index.get((why, fp), []):
                found.setdefault((t.id, name, eid), Overlap(t.id, name, eid, why))
    return list(found.values())


def check_overlap(
    train: Sequence[Problem], eval_sets: Mapping[str, Sequence[Problem]], prefix: int = WORDS, show: int = 20
) -> None:
    """Raise DataError naming the overlapping problems and sets (the first `show` of them) if any overlap."""
    overlaps = find_overlaps(train, eval_sets, prefix)
    if not overlaps:
        return
    sets = sorted({o.eval_set for o in overlaps})
    lines = [f"  training {o.train_id} ~ {o.eval_set} {o.eval_id} ({o.why})" for o in overlaps[:show]]
    more = f"\n  ... and {len(overlaps) - show} more" if len(overlaps) > show else ""
    raise DataError(
        f"{len({o.train_id for o in overlaps})} training problems overlap held-out set(s) {', '.join(sets)}; "
        f"remove them from the training data or the evaluation:\n" + "\n".join(lines) + more
    )
