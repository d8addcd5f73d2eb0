"""What a person sees: progress bars, one line per iteration, held-out results per set, and the final table,
plot and start-vs-end comparison.

Only rank 0 prints; metrics.jsonl and TensorBoard are written through rltf.learn.metrics.MetricsWriter.
One progress library (rich) for training and evaluation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from rltf.learn.metrics import MetricsWriter, plot, set_names

TABLE_COLUMNS = (
    ("it", "iteration", "{:.0f}"),
    ("reward", "reward_mean", "{:+.3f}"),
    ("pass", "pass_rate", "{:.2f}"),
    ("signal", "signal_share", "{:.2f}"),
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
    cells.insert(4, mix)
    cells.insert(5, cats)
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


def eval_line(ev: dict) -> str:
    """One evaluation: pass@1 over all problems, then per set."""
    sets = ", ".join(f"{s} {ev[f'pass@1/{s}']:.4f} of {ev[f'problems/{s}']:.0f}" for s in set_names(ev))
    how = "greedy" if ev["greedy"] else f"n={ev['n']}"
    cached = f", {ev['cached']:.0f} from the evaluation cache" if ev["cached"] else ""
    return (
        f"held-out pass@1 at iteration {ev['iteration']}: {ev['pass@1']:.4f} over {ev['problems']:.0f} problems "
        f"({sets}; {how}; {ev['time_s']:.0f} s{cached})"
    )


def eval_summary(evals: list[dict]) -> str:
    """Held-out pass@1 (all problems, then per set) from the first evaluation to the last; one value each
    when the start was not evaluated."""
    first, last = evals[0], evals[-1]
    keys = [("all", "pass@1")] + [(s, f"pass@1/{s}") for s in set_names(last)]
    if len(evals) == 1:
        values = ", ".join(f"{name} {last[k]:.4f}" for name, k in keys)
        return (
            f"held-out pass@1: {values} (iteration {last['iteration']}; "
            "no earlier evaluation, trainer.eval_at_start=false)"
        )
    values = ", ".join(f"{name} {first[k]:.4f} -> {last[k]:.4f}" for name, k in keys)
    return f"held-out pass@1 (iteration {first['iteration']} -> {last['iteration']}): {values}"


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
        self.console.print(eval_line(ev), markup=False)
        if self.writer:
            self.writer.write({"eval": ev}, ev["iteration"], prefix="eval")
            for k in ["pass@1"] + [f"pass@1/{s}" for s in set_names(ev)]:
                self.writer.tb.add_scalar(f"eval/{k}", ev[k], ev["iteration"])

    def stop(self) -> None:
        """End the live bar (the loop is over, or failed)."""
        if self.bar:
            self.bar.close()
            self.bar = None

    def finish(
        self,
        history: list[dict],
        evals: list[dict],
        checkpoint: Path,
        comparison: tuple[str, dict[str, Path]] | None = None,
    ) -> None:
        """The final table, held-out pass@1 before -> after, where everything was written, and last the
        start-vs-end comparison (rltf.heldout.compare_start_end: markdown table and its files), if any."""
        if not self.writer:
            return
        png = plot(history, evals, self.out / "plots" / "training.png")
        self.console.print(rich_table(history, title="RLTF iterations"))
        self.console.print(eval_summary(evals), markup=False)
        self.console.print(
            f"plot: {png}\nmetrics: {self.out / 'metrics.jsonl'} (TensorBoard: {self.out / 'tensorboard'})\n"
            f"model: {checkpoint / 'model'}",
            markup=False,
        )
        if comparison is None:
            self.console.print(
                "no start-vs-end comparison: the start model was not evaluated (trainer.eval_at_start=false)"
            )
        else:
            table, paths = comparison
            self.console.print("\nstart model vs end of training, per held-out set:\n" + table, markup=False)
            self.console.print(
                f"comparison plot: {paths['plot']}\ncomparison: {paths['markdown']}, {paths['json']}",
                markup=False,
            )
        self.writer.close()
