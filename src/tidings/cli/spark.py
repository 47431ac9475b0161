"""``tidings spark code``: code and fold a corpus on Apache Spark (docs/spark.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..read import Fields
from . import app
from .options import actors_option, model_option, settings

spark_app = typer.Typer(
    help="Code and fold a corpus on Apache Spark, locally or on a cluster (docs/spark.md).",
    no_args_is_help=True,
)
app.add_typer(spark_app, name="spark")

# Problems printed on stderr; a corpus on a cluster can have millions, all of them in out/problems/.
SHOWN_PROBLEMS = 20


@spark_app.command("code")
def code_cli(
    inputs: list[str] = typer.Argument(..., help="Files, folders or glob patterns every executor can read."),
    out: Path = typer.Option(..., "--out", "-o", help="A new or empty folder for the tables and the store."),
    master: str | None = typer.Option(
        None, "--master", help="Spark master, e.g. local[2] or yarn (default spark-submit's, else local[*])."
    ),
    partitions: int | None = typer.Option(
        None, "--partitions", min=1, help="Coding tasks (default twice the cluster's cores)."
    ),
    store: bool = typer.Option(
        True, "--store/--no-store", help="Also build out/tidings.duckdb and the GDELT export from it."
    ),
    date: str | None = typer.Option(
        None, "--date", help="Publication date (YYYY-MM-DD) for records without one."
    ),
    include_unrealized: bool = typer.Option(
        False, "--include-unrealized", help="Also code negated, hypothetical and intended events."
    ),
    text_field: str = typer.Option("text", "--text-field", help="JSONL/CSV field holding the article text."),
    date_field: str = typer.Option(
        "date", "--date-field", help="JSONL/CSV field holding the publication date."
    ),
    id_field: str = typer.Option("id", "--id-field", help="JSONL/CSV field holding the record id."),
    model: str | None = model_option(),
    actors: list[Path] = actors_option(),
) -> None:
    """Read, fold copies, code and fold events on Spark; write Parquet, a DuckDB store, GDELT."""
    from ..spark import run, session

    model, dictionaries = settings(model, actors)
    spark = session(master)
    corpus = run(
        spark,
        inputs,
        str(out),
        fields=Fields(text=text_field, date=date_field, id=id_field),
        date=date,
        model=model,
        actors=dictionaries,
        include_unrealized=include_unrealized,
        partitions=partitions,
        duckdb=store,
    )
    problems = spark.read.parquet(str(out / "problems"))
    count = problems.count()
    for row in problems.limit(SHOWN_PROBLEMS).collect():
        print(f"{row.origin}: {row.code} {row.message}", file=sys.stderr)
    articles = spark.read.parquet(str(out / "articles"))
    copies = articles.where("duplicate_of IS NOT NULL").count()
    events = spark.read.parquet(str(out / "events")).count()
    print(
        f"{articles.count() - copies:,} articles coded, {copies:,} copies folded, {corpus.known:,} "
        f"repeated; {events:,} events; written to {out}",
        file=sys.stderr,
    )
    if count:
        more = f", {count - SHOWN_PROBLEMS:,} more in {out / 'problems'}" if count > SHOWN_PROBLEMS else ""
        print(f"tidings: {count:,} record{'s' if count != 1 else ''} skipped{more}", file=sys.stderr)
        raise typer.Exit(1)
