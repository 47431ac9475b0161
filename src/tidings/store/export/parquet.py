"""The events table as Parquet files partitioned by year and month (``year=2023/month=6/``)."""

from __future__ import annotations

import os

import duckdb

from ...errors import TidingsError
from ..queries import ARTICLE_COLUMNS
from .copy import STDOUT, copy


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str) -> int:
    """Write the events that match ``where`` under the folder ``path``; return the count."""
    if path == STDOUT:
        raise TidingsError("Parquet is written as a folder of files, not to standard output: give -o FOLDER")
    if os.path.exists(path) and not os.path.isdir(path):
        raise TidingsError(f"{path}: Parquet is written as a folder of files, and this is a file")
    # Writing over a folder deletes what is in it, so only a new or empty folder is accepted.
    if os.path.isdir(path) and os.listdir(path):
        raise TidingsError(f"{path}: the folder is not empty; export Parquet to a new or empty folder")
    # Partitioned by the event's date or, for an undated event, its first report's; the few events with
    # neither go to year=0/month=0, as a partition named NULL would trip readers that expect numbers.
    query = (
        f"SELECT e.*, coalesce(year(coalesce(e.date, e.first_seen)), 0) AS year, "
        f"coalesce(month(coalesce(e.date, e.first_seen)), 0) AS month, {ARTICLE_COLUMNS} FROM events e "
        f"LEFT JOIN articles a ON a.id = e.first_article WHERE {where} ORDER BY e.date, e.id"
    )
    return copy(con, query, path, "FORMAT parquet, PARTITION_BY (year, month), OVERWRITE true")
