"""A progress line on stderr for a batch: records done of the total, the rate and the time left."""

from __future__ import annotations

from typing import Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column


class BatchProgress:
    """A live progress line that ``update`` moves on.

    total: how many records the batch has (``read.count_records``), or None when that is not
    known: the line then shows the count and the rate without a bar or a time left.
    """

    def __init__(self, description: str, *, total: int | None) -> None:
        # On a narrow terminal the note is cut, never the count or the time left.
        def fixed(text: str) -> Column:
            return Column(min_width=len(text), no_wrap=True)

        columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("[bold]{task.description}[/bold]")]
        if total is not None:
            columns += [
                BarColumn(bar_width=20),
                MofNCompleteColumn(table_column=fixed(f"{total}/{total}")),
                TextColumn("records, left", table_column=fixed("records, left")),
                TimeRemainingColumn(table_column=fixed("0:00:00")),
            ]
        else:
            columns.append(TextColumn("{task.completed:,} records", table_column=fixed("000,000 records")))
        columns += [
            TimeElapsedColumn(table_column=fixed("0:00:00")),
            TextColumn(
                "{task.fields[note]}", table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis")
            ),
        ]
        self.progress = Progress(*columns, console=Console(stderr=True))
        self.task = self.progress.add_task(description, total=total, note="")

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, done: int, note: str = "") -> None:
        """``done`` records handled so far; ``note`` says what came of them."""
        self.progress.update(self.task, completed=done, note=note)
