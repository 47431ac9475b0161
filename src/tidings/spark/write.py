"""Writing a job's tables: Parquet partitioned by date, a DuckDB store, the GDELT 2.0 export.

The DuckDB file is made by the store itself (``store.schema.connect`` runs its migrations) and
filled from the Parquet files, so it is a store like any other: ``tidings events``, ``sql``,
``export`` open it, and ``tidings ingest`` can add to it, knowing the copies of what it holds.
"""

from __future__ import annotations

import glob
import os

from ..errors import TidingsError
from ..store.export import export
from ..store.schema import connect

# The folder of each table, and the column that partitions it by date (``day=2024-11-28``, or
# ``day=undated``); problems and the LSH bands have no date.
TABLES = {
    "articles": "published",
    "mentions": "date",
    "events": "date",
    "event_sources": None,
    "actors": None,
    "article_bands": None,
    "problems": None,
}
UNDATED = "undated"
GDELT_FILE = "events.export.CSV"
STORE_FILE = "tidings.duckdb"


def check_out(out: str) -> None:
    """Refuse a folder that already has files: a job writes a whole new dataset."""
    if os.path.exists(out) and (not os.path.isdir(out) or os.listdir(out)):
        raise TidingsError(f"{out}: a Spark job writes to a new or empty folder")


def parquet(frames: dict, out: str) -> None:
    """Write each table as Parquet under ``out/<table>/``, partitioned by day where it has a date."""
    from pyspark.sql import functions as F

    for name, frame in frames.items():
        dated = TABLES[name]
        path = os.path.join(out, name)
        if dated is None:
            frame.write.parquet(path)
            continue
        day = F.coalesce(F.date_format(dated, "yyyy-MM-dd"), F.lit(UNDATED))
        frame.withColumn("day", day).repartition("day").write.partitionBy("day").parquet(path)


def store(out: str, *, include_unrealized: bool = False, path: str | None = None) -> str:
    """Build the DuckDB store from the Parquet tables under ``out`` and write the GDELT export next to it.

    Returns the store's path (default ``out/tidings.duckdb``).
    """
    path = path or os.path.join(out, STORE_FILE)
    con = connect(path)
    try:
        con.execute("BEGIN TRANSACTION")
        for name in TABLES:
            if name == "problems":
                continue  # not a store table: the store keeps articles that failed to code, in `articles`
            files = os.path.join(out, name, "**", "*.parquet")
            if not glob.glob(files, recursive=True):
                continue  # an empty table: Spark wrote no file for it
            files = files.replace("'", "''")
            con.execute(
                f"INSERT INTO {name} BY NAME SELECT * FROM read_parquet('{files}', hive_partitioning = false)"
            )
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        export(con, "gdelt", os.path.join(out, GDELT_FILE), include_unrealized=include_unrealized)
    finally:
        con.close()
    return path
