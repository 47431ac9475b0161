"""The ``tidings`` command line: a thin layer of options over the Python API."""

from __future__ import annotations

import sys

import typer

from ..errors import TidingsError

app = typer.Typer(
    name="tidings",
    help="Code news articles into political event data (CAMEO, PLOVER), store, query and export it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"tidings {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Code news articles into political event data (CAMEO, PLOVER), store, query and export it."""
    from .options import show_warnings

    show_warnings()


# Each module adds its commands to ``app`` when imported.
from . import actors as _actors  # noqa: E402,F401
from . import code as _code  # noqa: E402,F401
from . import evaluate as _evaluate  # noqa: E402,F401
from . import lexicon as _lexicon  # noqa: E402,F401
from . import serve as _serve  # noqa: E402,F401
from . import spark as _spark  # noqa: E402,F401
from . import store as _store  # noqa: E402,F401


def main() -> None:
    """Run the CLI; errors a user can act on are one line on stderr, not a traceback.

    Exit status: 0 done, 1 something went wrong at run time (a missing or locked store, bad input),
    2 the command line itself is wrong (click's usage errors)."""
    try:
        app()
    except TidingsError as error:
        print(f"tidings: {error}", file=sys.stderr)
        sys.exit(1)
