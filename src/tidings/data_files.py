"""Reading the plain-text knowledge files shipped in ``tidings/data``.

All knowledge files are UTF-8 TSV with ``#`` comment lines and a header row,
so that a researcher can open them in a spreadsheet or fix them with a text
editor. This module is the one place that parses them.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def data_path(*parts: str) -> Path:
    """The path of a bundled data file, e.g. ``data_path("lexicon", "verbs.tsv")``."""
    return DATA_DIR.joinpath(*parts)


def read_table(path: str | Path, *, delimiter: str | None = None) -> Iterator[dict[str, str]]:
    """Rows of a TSV/CSV knowledge file as dicts, skipping comments and blank lines.

    path: the file; its suffix chooses the delimiter (``.csv`` comma, else tab) unless given.
    Values are stripped; missing trailing cells read as empty strings.
    """
    path = Path(path)
    if delimiter is None:
        delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.reader(
            lines, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL if delimiter == "," else csv.QUOTE_NONE
        )
        header = [name.strip() for name in next(reader, [])]
        for cells in reader:
            cells = [cell.strip() for cell in cells]
            cells += [""] * (len(header) - len(cells))
            yield dict(zip(header, cells, strict=False))


@cache
def bundled_table(*parts: str) -> tuple[dict[str, str], ...]:
    """A bundled table, parsed once per process."""
    return tuple(read_table(data_path(*parts)))
