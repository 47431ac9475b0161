"""Options and messages that several commands share."""

from __future__ import annotations

import logging
import sys

import typer

from ..config import load_config
from ..errors import log
from ..model import Problem
from ..terminal import printable


def model_option():
    return typer.Option(
        None,
        "--model",
        envvar="TIDINGS_MODEL",
        help="spaCy model: package, directory, or sm / md (default en_core_web_sm).",
    )


def actors_option():
    return typer.Option(
        [],
        "--actors",
        help="Your actor dictionary (TSV, CSV or YAML); may be repeated.",
        exists=True,
        dir_okay=False,
    )


def settings(model: str | None, actors: list) -> tuple[str | None, list[str]]:
    """The model and actor dictionaries to use: the command line's, then tidings.toml's."""
    config = load_config()
    return model or config.model, [str(path) for path in actors] + list(config.actors)


def lexicon_option():
    return typer.Option(
        [],
        "--lexicon",
        help="Your event lexicon (TSV with the columns of verbs.tsv or nouns.tsv, e.g. from "
        "tidings lexicon import-petrarch); may be repeated.",
        exists=True,
        dir_okay=False,
    )


def lexicon_files(lexicon: list) -> list[str]:
    """The user lexicons to use: the command line's, then tidings.toml's."""
    return [str(path) for path in lexicon] + list(load_config().lexicon)


def report_problem(item: Problem) -> None:
    """One line on stderr naming the file and record."""
    # A file name or a detail quoted from the input could hold escape sequences for the terminal.
    print(printable(f"{item.origin}: {item.code} {item.message}"), file=sys.stderr)


def max_chars_option():
    return typer.Option(
        1_000_000,
        "--max-chars",
        min=1,
        help="The longest article coded, in characters; a longer one is reported (TID104), not coded.",
    )


def date_option(help: str = "The story date (YYYY-MM-DD) that chooses who held which office."):
    return typer.Option(None, "--date", help=help)


def raw_csv_option():
    return typer.Option(
        False,
        "--raw-csv",
        help="Write CSV cells as they are: by default text starting with = + - @ gets a leading "
        "apostrophe so spreadsheets do not run it as a formula.",
    )


def field_option(name: str, what: str):
    """``--<name>-field``: which JSONL/JSON/CSV/TSV field holds ``what``.

    Feeds, HTML and WARC name their own fields."""
    return typer.Option(name, f"--{name}-field", help=f"JSONL/CSV field holding {what}.")


class _WarningLines(logging.Handler):
    """tidings' warnings (TID116, TID117, ...) as lines on stderr, like the problems beside them."""

    def emit(self, record: logging.LogRecord) -> None:
        print(printable(record.getMessage()), file=sys.stderr)


def show_warnings() -> None:
    """Print the warnings of the command about to run on stderr (once, however often it is called)."""
    if not any(isinstance(handler, _WarningLines) for handler in log.handlers):
        log.addHandler(_WarningLines())
        log.propagate = False
