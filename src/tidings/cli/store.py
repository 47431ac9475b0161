"""``tidings ingest``, ``events``, ``timeline``, ``sql``, ``export`` and ``stats``: the event store."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console, Group
from rich.table import Table

from ..coder import Coder
from ..read import Fields
from ..store.formats import EXPORT_FORMATS, FREQUENCIES
from ..terminal import cell, fits, records, spreadsheet_safe
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

if TYPE_CHECKING:  # DuckDB and pandas load when a store command runs, not for every command
    import pandas as pd

    from ..store.queries import Summary

FRAME_FORMATS = ("table", "csv", "jsonl")
EVENT_COLUMNS = (
    "date",
    "source_code",
    "cameo",
    "plover_type",
    "target_code",
    "num_mentions",
    "num_articles",
    "num_sources",
    "location",
)


def db_option():
    return typer.Option("tidings.duckdb", "--db", envvar="TIDINGS_DB", help="The store file (DuckDB).")


@app.command("ingest")
def ingest_cli(
    inputs: list[str] = typer.Argument(..., help="Files, folders, glob patterns, or - for standard input."),
    db: Path = db_option(),
    workers: int = typer.Option(
        os.cpu_count() or 1, "--workers", "-w", min=1, help="Code on this many processes."
    ),
    date: str | None = typer.Option(
        None, "--date", help="Publication date (YYYY-MM-DD) for records without one."
    ),
    fresh: bool = typer.Option(False, "--fresh", help="Delete the store first and start a new one."),
    summary: bool = typer.Option(False, "--summary", help="Print what the store holds afterwards."),
    include_unrealized: bool = typer.Option(
        False, "--include-unrealized", help="Also store negated, hypothetical and intended events."
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
) -> None:
    """Code news into the store: skip what it has, fold copies, fold mentions into events."""
    if fresh:
        for path in (db, Path(f"{db}.wal")):
            path.unlink(missing_ok=True)
    from ..store.store import Store

    model, dictionaries = settings(model, actors)
    coder = Coder(
        model=model,
        actors=dictionaries,
        lexicon=lexicon_files(lexicon),
        include_unrealized=include_unrealized,
    )
    # SIGTERM (a scheduler stopping the job) ends the run as Ctrl-C does: between batches, with a message.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with Store(db, create=True) as store:
        try:
            report = store.ingest(
                inputs,
                workers=workers,
                fields=Fields(
                    text=text_field,
                    date=date_field,
                    id=id_field,
                    title=title_field,
                    url=url_field,
                    outlet=outlet_field,
                ),
                date=date,
                max_chars=max_chars,
                coder=coder,
                progress=sys.stderr.isatty(),
                on_problem=report_problem,
                on_warning=report_problem,
            )
        except KeyboardInterrupt:
            print(
                "tidings: interrupted; what was stored is kept, and running the same command again goes on "
                "from there",
                file=sys.stderr,
            )
            raise typer.Exit(130) from None
        print(
            f"{_count(report.articles, 'article')} coded ({_count(report.mentions, 'event mention')}), "
            f"{_count(report.duplicates, 'copy', 'copies')} folded, {report.known:,} already stored; "
            f"{report.seconds:.1f} s, {report.articles_per_second:.1f} articles/s",
            file=sys.stderr,
        )
        if summary:
            print_summary(store.stats(), db=str(db))
    if report.problems:
        count = len(report.problems)
        print(f"tidings: {count} record{'s' if count != 1 else ''} skipped", file=sys.stderr)
        raise typer.Exit(1)


@app.command("events")
def events_cli(
    action: str | None = typer.Argument(
        None, metavar="show", help="show ID: one event, and every mention with its evidence marked."
    ),
    event_id: int | None = typer.Argument(None, metavar="ID", show_default=False),
    db: Path = db_option(),
    dyad: str | None = typer.Option(None, "--dyad", help="Two actor codes or prefixes, e.g. USA,CHN."),
    actor: str | None = typer.Option(None, "--actor", help="An actor code or prefix on either side."),
    type: str | None = typer.Option(None, "--type", help="A PLOVER event type, e.g. CONSULT."),
    cameo: str | None = typer.Option(None, "--cameo", help="A CAMEO code or prefix, e.g. 04."),
    since: str | None = typer.Option(None, "--since", help="First event date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last event date (YYYY-MM-DD)."),
    directed: bool = typer.Option(False, "--directed", help="The first actor is the source."),
    include_unrealized: bool = typer.Option(False, "--include-unrealized", help="Also unrealized events."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many events."),
    format: str = typer.Option("table", "--format", "-f", help="table, csv, jsonl or parquet."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    raw_csv: bool = raw_csv_option(),
) -> None:
    """Folded events, newest first, with their NumMentions, NumArticles and NumSources; or one of them."""
    if action is not None:
        if action != "show" or event_id is None:
            raise typer.BadParameter("say `tidings events show ID` to see one event", param_hint="show ID")
        from ..store.store import Store

        with Store(db, read_only=True) as store:
            store.show(event_id)
        return
    _check_format(format, (*FRAME_FORMATS, "parquet"), output)
    pair = None
    if dyad:
        codes = [code.strip() for code in dyad.split(",")]
        if len(codes) != 2 or not all(codes):
            raise typer.BadParameter(
                "give two actor codes separated by a comma, e.g. USA,CHN", param_hint="--dyad"
            )
        pair = (codes[0], codes[1])
    from ..store.store import Store

    with Store(db, read_only=True) as store:
        frame = store.events(
            dyad=pair,
            actor=actor,
            type=type,
            cameo=cameo,
            since=since,
            until=until,
            directed=directed,
            include_unrealized=include_unrealized,
            limit=limit,
        )
    if format == "table":
        frame = frame.loc[:, list(EVENT_COLUMNS)]
    write_frame(frame, format, output, title="events", raw_csv=raw_csv)


@app.command("timeline")
def timeline_cli(
    actor: str | None = typer.Argument(None, help="An actor code or prefix, e.g. USA."),
    other: str | None = typer.Argument(None, help="A second actor: the timeline of the dyad."),
    db: Path = db_option(),
    freq: str = typer.Option("week", "--freq", help=f"Period: {', '.join(FREQUENCIES)}."),
    since: str | None = typer.Option(None, "--since", help="First event date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last event date (YYYY-MM-DD)."),
    directed: bool = typer.Option(False, "--directed", help="The first actor is the source."),
    plot: Path | None = typer.Option(
        None, "--plot", help="Also draw the timeline into this file (.png, .svg or .pdf)."
    ),
    dpi: int = typer.Option(200, "--dpi", help="Resolution of a PNG --plot.", min=50, max=1200),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    raw_csv: bool = raw_csv_option(),
) -> None:
    """Events per period between actors: counts per QuadClass and the mean Goldstein score."""
    _check_format(format, FRAME_FORMATS, output)
    from ..store.store import Store

    with Store(db, read_only=True) as store:
        frame = store.timeline(actor, other, freq=freq, since=since, until=until, directed=directed)
    left_out = frame.attrs.get("left_out", 0)
    if left_out:
        print(
            f"tidings: {_count(left_out, 'event')} left out: undated, or dated only more coarsely "
            f"than a {freq}",
            file=sys.stderr,
        )
    title = " – ".join(code for code in (actor, other) if code) or "all actors"
    if plot:
        from ..store.plot import plot_timeline

        source = f"tidings store {db.name}"
        plot_timeline(frame, plot, title=f"{title}, events per {freq}", source=source, dpi=dpi)
    write_frame(frame, format, output, title=f"{title}, per {freq}", raw_csv=raw_csv)


@app.command("sql")
def sql_cli(
    query: str = typer.Argument(..., help='One SELECT statement, e.g. "SELECT count(*) FROM events".'),
    db: Path = db_option(),
    format: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
    raw_csv: bool = raw_csv_option(),
    timeout: float = typer.Option(30.0, "--timeout", min=0.1, help="Stop the query after this many seconds."),
    max_rows: int = typer.Option(100_000, "--max-rows", min=1, help="Return at most this many rows."),
) -> None:
    """Run a read-only SQL query over the store (tables: articles, mentions, events, actors, ...).

    The query reads the store and nothing else: files, ATTACH, COPY, INSTALL/LOAD and SET fail.
    """
    _check_format(format, FRAME_FORMATS, output)
    from ..store.readonly import query as run_query

    frame, cut = run_query(db, query, timeout_s=timeout, max_rows=max_rows)
    if cut:
        print(f"tidings: the result was cut at {max_rows:,} rows (--max-rows)", file=sys.stderr)
    write_frame(frame, format, output, raw_csv=raw_csv)


@app.command("export")
def export_cli(
    format: str = typer.Option(..., "--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)}."),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The file to write (a folder for parquet); - for standard output."
    ),
    db: Path = db_option(),
    include_unrealized: bool = typer.Option(False, "--include-unrealized", help="Also unrealized events."),
    raw_csv: bool = raw_csv_option(),
) -> None:
    """Export the events: GDELT 2.0 event or mentions table, POLECAT's layout, Parquet or CSV."""
    if format not in EXPORT_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    from ..store.store import Store

    if str(output) == "-" and format == "parquet":
        raise typer.BadParameter("Parquet is written as a folder of files, not to -", param_hint="--output")
    with Store(db, read_only=True) as store:
        count = store.export(format, output, include_unrealized=include_unrealized, raw_csv=raw_csv)
    where = "standard output" if str(output) == "-" else output
    noun = "mention" if format == "gdelt-mentions" else "event"
    print(f"{_count(count, noun)} written to {where}", file=sys.stderr)


@app.command("stats")
def stats_cli(db: Path = db_option()) -> None:
    """What the store holds: articles, copies, mentions, events, top dyads and a monthly timeline."""
    from ..store.store import Store

    with Store(db, read_only=True) as store:
        print_summary(store.stats(), db=str(db))


def print_summary(summary: Summary, *, db: str) -> None:
    """The store's counts, top dyads, top event types and monthly timeline, as tables on stdout."""
    console = Console()
    published = (
        f", published {summary.first_published} to {summary.last_published}"
        if summary.first_published
        else ""
    )
    console.print(
        f"[bold]{db}[/bold] (schema {summary.schema_version}): {_count(summary.articles, 'article')} from "
        f"{_count(summary.sources, 'source')}{published}; {_count(summary.duplicates, 'copy', 'copies')} "
        f"folded, {summary.failed:,} failed"
    )
    console.print(
        f"{_count(summary.mentions, 'event mention')} folded into "
        f"[bold]{_count(summary.events, 'event')}[/bold]; {_count(summary.actors, 'actor')}"
    )
    console.print(_table(summary.top_dyads, title="Top dyads"))
    console.print(_table(summary.top_types, title="Top event types"))
    console.print(_timeline_table(summary.timeline))
    if summary.timeline.attrs.get("left_out"):
        console.print(
            f"{_count(summary.timeline.attrs['left_out'], 'event')} known only to the year not shown"
        )


def write_frame(
    frame: pd.DataFrame, format: str, output: Path | None, *, title: str | None = None, raw_csv: bool = False
) -> None:
    """A query result as a table in the terminal, CSV, JSON lines or Parquet (to a file).

    Text from articles never reaches the terminal raw (tidings.terminal), and CSV cells that would
    start a spreadsheet formula get a leading apostrophe unless ``raw_csv``.
    """
    if format == "parquet":
        frame.to_parquet(output, index=False)
        return
    stream: IO[str] = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if format == "table":
            console = Console(file=stream, width=None if stream.isatty() else 160)
            console.print(_table(frame, title=title, width=console.width))
        elif format == "csv":
            table = _dates_as_text(frame)
            if not raw_csv:
                table = table.map(spreadsheet_safe)
            table.to_csv(stream, index=False)
        else:
            _dates_as_text(frame).to_json(stream, orient="records", lines=True, force_ascii=False)
    finally:
        if output:
            stream.close()


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number:,} {word if number == 1 else plural or word + 's'}"


def _check_format(format: str, formats: tuple[str, ...], output: Path | None) -> None:
    if format not in formats:
        raise typer.BadParameter(f"choose one of {', '.join(formats)}", param_hint="--format")
    if format == "parquet" and output is None:
        raise typer.BadParameter("Parquet is written to a file: add -o FILE.parquet", param_hint="--format")


def _dates_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    """Dates as YYYY-MM-DD and times as ISO 8601, not as pandas timestamps or epoch numbers."""
    frame = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_datetime64_any_dtype(values):
            dates_only = (values.dropna() == values.dropna().dt.normalize()).all()
            frame[column] = values.dt.strftime("%Y-%m-%d" if dates_only else "%Y-%m-%dT%H:%M:%S")
    return frame


def _table(frame: pd.DataFrame, *, title: str | None = None, width: int | None = None) -> Table | Group:
    """The frame as a table; as a block per row if it is wider than ``width`` (the terminal's)."""
    import pandas as pd

    rows = [
        [cell("" if pd.isna(value) else value) for value in row]
        for row in _dates_as_text(frame).itertuples(index=False)
    ]
    names = [str(column) for column in frame.columns]
    shown = [[name, *(row[index].plain for row in rows)] for index, name in enumerate(names)]
    if width is not None and not fits(shown, width):
        return records(names, rows, title=title)
    table = Table(title=title, header_style="bold", title_justify="left")
    for column in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[column])
        table.add_column(str(column), justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*row)
    if frame.empty:
        table.caption = "no rows"
    return table


def _timeline_table(frame: pd.DataFrame, *, width: int = 40) -> Table:
    import pandas as pd

    """A monthly timeline with a bar per month, for the summary."""
    table = Table(title="Events per month", header_style="bold", title_justify="left")
    for name, justify in (("month", "left"), ("events", "right"), ("", "left"), ("mean Goldstein", "right")):
        table.add_column(name, justify=justify)
    most = int(frame["events"].max()) if len(frame) else 0
    for row in frame.itertuples(index=False):
        bar = "█" * round(width * row.events / most) if most else ""
        goldstein = "" if pd.isna(row.goldstein) else f"{row.goldstein:+.2f}"
        table.add_row(pd.Timestamp(row.period).strftime("%Y-%m"), f"{row.events:,}", bar, goldstein)
    return table
