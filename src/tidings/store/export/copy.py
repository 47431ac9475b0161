"""The one way exports write: DuckDB's COPY, which streams rows to the file without holding them."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import duckdb

STDOUT = "-"


def copy(con: duckdb.DuckDBPyConnection, query: str, path: str, options: str) -> int:
    """Run ``COPY (query) TO path (options)``; return the number of rows written. The path ``-`` is
    standard output."""
    if path == STDOUT:
        with tempfile.TemporaryDirectory(prefix="tidings-export-") as folder:
            staged = os.path.join(folder, "export")
            count = copy(con, query, staged, options)
            sys.stdout.flush()
            with open(staged, "rb") as written:
                shutil.copyfileobj(written, sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return count
    target = path.replace("'", "''")
    return con.execute(f"COPY ({query}) TO '{target}' ({options})").fetchone()[0]
