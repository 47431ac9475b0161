"""The optional configuration file, ``tidings.toml``, for settings a project reuses.

    [coder]
    model = "md"                       # or a package name or a model directory
    actors = ["actors/my-project.tsv"] # user actor dictionaries, as --actors would give them
    lexicon = ["my-verbs.tsv"]         # user event lexicons, as --lexicon would give them

tidings reads ``./tidings.toml``, or the file named by ``TIDINGS_CONFIG``. Paths in it are
relative to the file. Options given on the command line come first; the file adds to them.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import TidingsError


@dataclass(frozen=True, slots=True)
class Config:
    model: str | None = None
    actors: tuple[str, ...] = ()
    lexicon: tuple[str, ...] = ()


def load_config(path: str | Path | None = None) -> Config:
    """The settings of ``path``, ``$TIDINGS_CONFIG`` or ``./tidings.toml``; empty when there is none."""
    explicit = path or os.environ.get("TIDINGS_CONFIG")
    path = Path(explicit) if explicit else Path("tidings.toml")
    if not path.is_file():
        if explicit:
            raise TidingsError(f"{path}: no such configuration file")
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise TidingsError(f"{path}: not a valid TOML file ({error})") from None
    coder = data.get("coder", {})
    actors = coder.get("actors", [])
    if isinstance(actors, str):
        actors = [actors]
    lexicon = coder.get("lexicon", [])
    if isinstance(lexicon, str):
        lexicon = [lexicon]
    return Config(
        model=coder.get("model"),
        actors=tuple(str(path.parent / a) for a in actors),
        lexicon=tuple(str(path.parent / name) for name in lexicon),
    )
