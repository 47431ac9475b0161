"""The events table as Parquet files partitioned by year and month (``year=2023/month=6/``)."""

from __future__ import annotations

import os

import duckdb

from ...errors import TidingsError
from .copy import copy


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write the events that match ``where`` under the folder ``path``; return the count."""
    if os.path.exists(path) and not os.path.isdir(path):
        raise TidingsError(f"{path}: Parquet is written as a folder of files, and this is a file")
    # Writing over a folder deletes what is in it, so only a new or empty folder is accepted.
    if os.path.isdir(path) and os.listdir(path):
        raise TidingsError(f"{path}: the folder is not empty; export Parquet to a new or empty folder")
    query = (f"SELECT e.*, year(e.date) AS year, month(e.date) AS month FROM events e "
             f"WHERE {where} ORDER BY e.date, e.id")
    return copy(con, query, path, "FORMAT parquet, PARTITION_BY (year, month), OVERWRITE true")
