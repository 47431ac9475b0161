"""``tidings lexicon``: import PETRARCH-2 verb dictionaries as event lexicons."""

from __future__ import annotations

from pathlib import Path

import typer

from . import app

lexicon_app = typer.Typer(help="Manage event lexicons.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")


@lexicon_app.command("import-petrarch")
def import_petrarch_cli(
    source: Path = typer.Argument(
        ..., exists=True, dir_okay=False, help="A PETRARCH-2 verb dictionary, e.g. CAMEO.2.0.txt."
    ),
    output: Path = typer.Option(
        ..., "--output", "-o", help="The tidings lexicon to write (.tsv), for --lexicon."
    ),
) -> None:
    """Convert a PETRARCH-2 verb dictionary (verbs, synonym sets, patterns) into a tidings lexicon."""
    from ..ontology.petrarch_verbs import convert_petrarch_verbs  # only this command needs it

    result = convert_petrarch_verbs(source, output)
    for warning in result.warnings:
        typer.echo(warning, err=True)
    typer.echo(f"wrote {result.rows} rows to {output} ({result.verbs} verbs, {result.patterns} patterns)")
