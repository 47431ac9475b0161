"""``tidings code``: code files, folders or standard input into events."""

from __future__ import annotations

import gc
import sys
from contextlib import nullcontext
from pathlib import Path

import typer

from ..coder import Coded, Coder
from ..model import Problem
from ..output import FORMATS, EventWriter
from ..progress import BatchProgress
from ..read import Fields, count_records, read_articles
from . import app
from .options import (
    actors_option,
    field_option,
    lexicon_files,
    lexicon_option,
    max_chars_option,
    model_option,
    raw_csv_option,
    report_problem,
    settings,
)


@app.command("code")
def code_cli(
    inputs: list[str] = typer.Argument(..., help="Files, folders, glob patterns, or - for standard input."),
    date: str | None = typer.Option(
        None, "--date", help="Publication date (YYYY-MM-DD) for records without one."
    ),
    format: str = typer.Option("table", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of stdout."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Code on this many processes."),
    include_unrealized: bool = typer.Option(
        False, "--include-unrealized", help="Also output negated, hypothetical and intended events."
    ),
    text_field: str = field_option("text", "the article text"),
    date_field: str = field_option("date", "the publication date"),
    id_field: str = field_option("id", "the record id"),
    title_field: str = field_option("title", "the headline"),
    url_field: str = field_option("url", "the article's URL"),
    outlet_field: str = field_option("outlet", "the outlet (publisher) name"),
    max_chars: int = max_chars_option(),
    model: str | None = model_option(),
    actors: list[Path] = actors_option(),
    lexicon: list[Path] = lexicon_option(),
    raw_csv: bool = raw_csv_option(),
) -> None:
    """Code news articles into events: a table in the terminal, or JSON lines, JSON or CSV."""
    if format not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    model, dictionaries = settings(model, actors)
    coder = Coder(
        model=model,
        actors=dictionaries,
        lexicon=lexicon_files(lexicon),
        include_unrealized=include_unrealized,
    )
    fields = Fields(
        text=text_field, date=date_field, id=id_field, title=title_field, url=url_field, outlet=outlet_field
    )
    records = read_articles(inputs, fields=fields, date=date, max_chars=max_chars)
    skipped = 0
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    # A progress line on a terminal, unless the events themselves are printed there.
    shown = sys.stderr.isatty() and not stream.isatty()
    with BatchProgress("coding", total=count_records(inputs)) if shown else nullcontext() as bar:
        try:
            writer = EventWriter(stream, format, raw_csv=raw_csv)
            for done, item in enumerate(coder.iter_code(records, workers=workers), start=1):
                if isinstance(item, Problem):
                    skipped += 1
                    report_problem(item)
                elif isinstance(item, Coded):
                    for warning in item.warnings:
                        report_problem(warning)
                    writer.write(item.events)
                if bar is not None:
                    bar.update(done, f"{skipped:,} skipped" if skipped else "")
            writer.close()
        finally:
            if output:
                stream.close()
    # The process ends with the command: what it loaded (the pipeline, the knowledge, the gazetteer)
    # is kept out of the cycle collector's passes at exit, which would walk it and free it object by
    # object (0.1 s, most of what one article takes to code) for the system to take back anyway.
    gc.freeze()
    if skipped:
        print(f"tidings: {skipped} record{'s' if skipped != 1 else ''} skipped", file=sys.stderr)
        raise typer.Exit(1)
