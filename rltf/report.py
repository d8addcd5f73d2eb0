"""What a person sees: progress bars, one line per iteration, held-out results, and the final table and plot.

Only rank 0 prints; metrics.jsonl and TensorBoard are written through rltf.learn.metrics.MetricsWriter.
One progress library (rich) for training and evaluation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rltf.learn.metrics import MetricsWriter, plot

TABLE_COLUMNS = (
    ("it", "iteration", "{:.0f}"),
    ("reward", "reward_mean", "{:+.3f}"),
    ("pass", "pass_rate", "{:.2f}"),
    ("fail/rt/to/syn", None, None),
    ("line/glob", None, None),
    ("loss", "loss", "{:+.4f}"),
    ("lr", "lr", "{:.1e}"),
    ("gen tok/s", "gen_tok_s", "{:.0f}"),
    ("judge ms", "judge_ms", "{:.0f}"),
    ("train tok/s", "train_tok_s", "{:.0f}"),
    ("sync s", "sync_s", "{:.2f}"),
    ("s/it", "time_total", "{:.0f}"),
)


def table_row(rec: dict) -> list[str]:
    cells = []
    for _, key, fmt in TABLE_COLUMNS:
        if key is not None:
            cells.append(fmt.format(rec.get(key, float("nan"))))
    mix = "/".join(f"{rec[f'outcome_{o}']:.2f}" for o in ("fail", "runtime", "timeout", "syntax"))
    cats = f"{rec['category_line']:.0f}/{rec['category_global']:.0f}"
    cells.insert(3, mix)
    cells.insert(4, cats)
    return cells


def line(rec: dict) -> str:
    """One compact line per iteration for the live log."""
    return "  ".join(
        f"{name} {cell}" for (name, _, _), cell in zip(TABLE_COLUMNS, table_row(rec), strict=True)
    )


def rich_table(history: list[dict], title: str = "iterations") -> Table:
    table = Table(title=title, show_edge=False, pad_edge=False)
    for name, _, _ in TABLE_COLUMNS:
        table.add_column(name, justify="right")
    for rec in history:
        table.add_row(*table_row(rec))
    return table


def eval_summary(evals: list[dict]) -> str:
    """Held-out pass@1 from the first evaluation to the last; one value when the start was not evaluated."""
    first, last = evals[0], evals[-1]
    if len(evals) == 1:
        return (
            f"held-out pass@1: {last['pass@1']:.4f} (iteration {last['iteration']}; "
            "no earlier evaluation, trainer.eval_at_start=false)"
        )
    return (
        f"held-out pass@1: {first['pass@1']:.4f} (iteration {first['iteration']}) -> "
        f"{last['pass@1']:.4f} (iteration {last['iteration']})"
    )


class Bar:
    """A progress bar with a changing description (a no-op when not `enabled`)."""

    def __init__(self, label: str, total: int, completed: int = 0, enabled: bool = True, console=None):
        self.progress = Progress(
            TextColumn(f"[bold]{label}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.description}"),
            console=console,
            disable=not enabled,
        )
        self.task = self.progress.add_task("", total=total, completed=completed)
        self.progress.start()

    def update(self, advance: int = 1, description: str | None = None) -> None:
        self.progress.update(self.task, advance=advance, description=description)

    def close(self) -> None:
        self.progress.stop()


class RunReport:
    """A training run's console and metrics files; on ranks other than 0 it prints and writes nothing."""

    def __init__(self, out: Path, lead: bool):
        self.out = out
        self.console = Console(quiet=not lead, width=None if sys.stdout.isatty() else 150)
        self.writer = MetricsWriter(out) if lead else None
        self.bar: Bar | None = None

    def note(self, text: str) -> None:
        self.console.print(text)

    def start(self, total: int, completed: int) -> None:
        self.bar = Bar("train", total, completed, enabled=self.writer is not None, console=self.console)

    def phase(self, it: int, what: str) -> None:
        """What iteration `it` is doing now: in the live bar, or one log line each without a terminal."""
        if self.console.is_terminal and self.bar:
            self.bar.update(0, description=f"iteration {it}: {what}")
        else:
            self.console.log(f"iteration {it}: {what}")

    def iteration(self, rec: dict, it: int) -> None:
        if self.writer:
            self.writer.write(rec, it)
        if self.bar:
            self.bar.update(1, description=f"reward {rec['reward_mean']:+.3f} pass {rec['pass_rate']:.2f}")
        self.console.print(line(rec))

    def evaluation(self, ev: dict) -> None:
        self.console.print(
            f"held-out pass@1 at iteration {ev['iteration']}: {ev['pass@1']:.4f} "
            f"({ev['problems']:.0f} problems x n={ev['n']}, {ev['time_s']:.0f} s)"
        )
        if self.writer:
            self.writer.write({"eval": ev}, ev["iteration"], prefix="eval")
            self.writer.tb.add_scalar("eval/pass@1", ev["pass@1"], ev["iteration"])

    def stop(self) -> None:
        """End the live bar (the loop is over, or failed)."""
        if self.bar:
            self.bar.close()
            self.bar = None

    def finish(self, history: list[dict], evals: list[dict], checkpoint: Path) -> None:
        """The final table, held-out pass@1 before -> after, and where everything was written."""
        if not self.writer:
            return
        png = plot(history, evals, self.out / "plots" / "training.png")
        self.console.print(rich_table(history, title="RLTF iterations"))
        self.console.print(eval_summary(evals))
        self.console.print(
            f"plot: {png}\nmetrics: {self.out / 'metrics.jsonl'} (TensorBoard: {self.out / 'tensorboard'})\n"
            f"model: {checkpoint / 'model'}"
        )
        self.writer.close()
