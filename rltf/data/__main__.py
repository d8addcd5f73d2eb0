"""`python -m rltf.data describe NAME [--split S] [--path P]`: what a data set holds, per split.

Prints one row per (split, test format, difficulty) with problem counts, and how many problems carry
reference solutions and starter code, so one can check a data set is where and what it should be.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from rich.console import Console
from rich.table import Table

from rltf.data.registry import DATASETS, load
from rltf.data.source import DataError


def describe(name: str, splits: list[str], path: str | None = None) -> Table:
    table = Table(title=f"data set {name!r}" + (f" from {path}" if path else ""))
    for col in ("split", "format", "difficulty", "problems", "with solutions", "with starter code"):
        table.add_column(col, justify="right" if col not in ("split", "format", "difficulty") else "left")
    for split in splits:
        problems = load(name, split, path)
        groups = Counter((p.tests.format.value, p.difficulty or "-") for p in problems)
        for (fmt, difficulty), n in sorted(groups.items()):
            group = [p for p in problems if (p.tests.format.value, p.difficulty or "-") == (fmt, difficulty)]
            solved = sum(bool(p.solutions) for p in group)
            starter = sum(bool(p.starter_code.strip()) for p in group)
            table.add_row(split, fmt, difficulty, str(n), str(solved), str(starter))
        table.add_row(split, "[bold]all", "", f"[bold]{len(problems)}", "", "", end_section=True)
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rltf.data", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("describe", help="problem counts per split, format and difficulty")
    d.add_argument("name", choices=sorted(DATASETS))
    d.add_argument("--split", action="append", help="a split to describe (repeatable; default: all)")
    d.add_argument("--path", help="a data file or directory (default: $RLTF_DATA_DIR, then the hub)")
    args = parser.parse_args(argv)
    try:
        table = describe(args.name, args.split or list(DATASETS[args.name].splits), args.path)
    except DataError as e:
        Console(stderr=True, soft_wrap=True).print(f"[red]error:[/red] {e}", highlight=False)
        return 1
    Console().print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
