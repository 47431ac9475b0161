"""Exporting a store's events: GDELT 2.0 event and mentions tables, POLECAT (PLOVER) tables, Parquet, CSV.

Each format is a module with ``write(con, path, *, where) -> int``, where
``where`` is the SQL condition on the events table that picks the rows.
"""

from __future__ import annotations

import duckdb

from ...errors import TidingsError
from ..formats import EXPORT_FORMATS
from . import csv, gdelt, gdelt_mentions, parquet, polecat

WRITERS = {
    "gdelt": gdelt.write,
    "gdelt-mentions": gdelt_mentions.write,
    "polecat": polecat.write,
    "parquet": parquet.write,
    "csv": csv.write,
}
FORMATS = EXPORT_FORMATS
assert tuple(WRITERS) == FORMATS


def export(
    con: duckdb.DuckDBPyConnection,
    format: str,
    path: str,
    *,
    include_unrealized: bool = False,
    raw_csv: bool = False,
) -> int:
    """Write the store's events to ``path`` in ``format``; return how many were written.

    include_unrealized: also export negated, hypothetical and intended events, if the store has them.
    raw_csv: CSV cells that would start a spreadsheet formula are kept as they are.
    """
    writer = WRITERS.get(format)
    if writer is None:
        raise TidingsError(f"cannot export to {format!r}; choose one of {', '.join(FORMATS)}")
    where = "true" if include_unrealized else "e.modality = 'asserted'"
    if format == "csv":
        return csv.write(con.cursor(), path, where=where, raw=raw_csv)
    return writer(con.cursor(), path, where=where)
