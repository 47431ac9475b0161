"""``tidings actors``: explain how a name resolves, and import PETRARCH dictionaries."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app
from .options import actors_option, date_option, model_option, settings

actors_app = typer.Typer(help="Look up and manage actor dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("resolve")
def resolve_cli(
    phrase: str = typer.Argument(
        ..., help='A name as news writes it, e.g. "Chinese Foreign Minister Qin Gang".'
    ),
    date: str | None = date_option(),
    model: str | None = model_option(),
    actors: list[Path] = actors_option(),
) -> None:
    """Print the code a phrase resolves to on a date, its canonical name, and why."""
    from ..actors.explain import resolve_phrase  # each command imports only what it runs

    model, dictionaries = settings(model, actors)
    for line in resolve_phrase(phrase, date=date, model=model, actors=dictionaries):
        typer.echo(line)


@actors_app.command("import-petrarch")
def import_petrarch_cli(
    source: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="A PETRARCH/TABARI .actors dictionary."
    ),
    output: Path = typer.Option(..., "--output", "-o", help="The tidings actor dictionary to write (.tsv)."),
) -> None:
    """Convert a PETRARCH/TABARI actor dictionary into a tidings actor dictionary."""
    from ..actors.petrarch import convert_petrarch

    count, warnings = convert_petrarch(source, output)
    for warning in warnings:
        typer.echo(warning, err=True)
    typer.echo(f"wrote {count} rows to {output}")
