"""The events table as CSV with a header row, one folded event per row."""

from __future__ import annotations

import duckdb

from .copy import copy


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write the events that match ``where`` to a CSV file; return the count."""
    return copy(
        con, f"SELECT e.* FROM events e WHERE {where} ORDER BY e.date, e.id", path, "FORMAT csv, HEADER true"
    )
