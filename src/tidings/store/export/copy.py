"""The one way exports write: DuckDB's COPY, which streams rows to the file without holding them."""

from __future__ import annotations

import duckdb


def copy(con: duckdb.DuckDBPyConnection, query: str, path: str, options: str) -> int:
    """Run ``COPY (query) TO path (options)``; return the number of rows written."""
    target = path.replace("'", "''")
    return con.execute(f"COPY ({query}) TO '{target}' ({options})").fetchone()[0]
