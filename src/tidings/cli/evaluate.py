"""``tidings evaluate``: score the coder against annotated gold records."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..coder import Coder
from ..output import write_json
from . import app
from .options import actors_option, lexicon_files, lexicon_option, model_option, settings


@app.command("evaluate")
def evaluate_cli(
    gold: list[Path] = typer.Argument(
        ...,
        exists=True,
        dir_okay=False,
        help="Gold files (JSONL, see docs/evaluation.md); several in one run.",
    ),
    errors: int = typer.Option(0, "--errors", min=0, help="Also list the N worst-coded records."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Code on this many processes."),
    model: str | None = model_option(),
    actors: list[Path] = actors_option(),
    lexicon: list[Path] = lexicon_option(),
) -> None:
    """Code each gold record's text with its date and report precision, recall, F1 and location accuracy."""
    from ..evaluate import evaluate  # each command imports only what it runs
    from ..evaluate.report import print_scores

    model, dictionaries = settings(model, actors)
    coder = Coder(model=model, actors=dictionaries, lexicon=lexicon_files(lexicon))
    results = {}
    for path in gold:
        scores = evaluate(path, coder=coder, workers=workers)
        if as_json:
            result = scores.to_dict()
            if errors:
                result["errors"] = scores.errors(errors)
            results[path.name] = result
        else:
            print_scores(scores, title=path.name, errors=errors)
    if as_json:
        # One file keeps the shape of its scores; several are keyed by file name.
        write_json(results[gold[0].name] if len(gold) == 1 else results, sys.stdout)
