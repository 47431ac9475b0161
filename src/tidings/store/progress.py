"""The ingest progress bar: articles/s, events and duplicates, live on stderr."""

from __future__ import annotations

from typing import Self

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .ingest import IngestReport


class IngestProgress:
    """A rich progress display that ``update`` refreshes with the running IngestReport."""

    def __init__(self) -> None:
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn(
                "[bold]{task.description}[/bold] {task.completed:,} articles, {task.fields[rate]:.1f}/s, "
                "{task.fields[events]:,} events, {task.fields[duplicates]:,} duplicates, "
                "{task.fields[known]:,} already stored, {task.fields[problems]:,} skipped"
            ),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self.task = self.progress.add_task(
            "ingesting", total=None, rate=0.0, events=0, duplicates=0, known=0, problems=0
        )

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, report: IngestReport) -> None:
        self.progress.update(
            self.task,
            completed=report.seen,
            rate=report.articles_per_second,
            events=report.mentions,
            duplicates=report.duplicates,
            known=report.known,
            problems=len(report.problems),
        )
