"""The tables a Spark job writes, typed from the store's own migrations, as Arrow and Spark schemas.

The store's SQL is the one definition of every column: a job's Parquet files and the DuckDB file it
builds from them hold exactly the store's tables, so ``tidings events`` and ``tidings sql`` open it
like a store that ``tidings ingest`` wrote.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import duckdb
import pyarrow as pa

from ..model import FLAT_COLUMNS
from ..store.schema import migrations

_ARROW = {
    "VARCHAR": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "TINYINT": pa.int8(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "BLOB": pa.binary(),
}

# What the job adds to the store's tables: records that could not be read or coded, with the file and
# the record (line, or #n) they came from.
PROBLEMS = pa.schema(
    [
        ("seq", pa.int64()),
        ("file", pa.string()),
        ("record", pa.string()),
        ("origin", pa.string()),
        ("code", pa.string()),
        ("message", pa.string()),
    ]
)


@cache
def table(name: str) -> pa.Schema:
    """The Arrow schema of the store table ``name`` (articles, mentions, events, ...)."""
    con = duckdb.connect()
    try:
        for migration in migrations():
            con.execute(migration.sql)
        rows = con.execute(f"DESCRIBE {name}").fetchall()
    finally:
        con.close()
    return pa.schema([(column, _ARROW[kind]) for column, kind, *_ in rows])


@cache
def flat_events() -> pa.Schema:
    """The flat layout of a coded event (``model.FLAT_COLUMNS``), typed like the store's mentions."""
    mentions = table("mentions")
    types = {field.name: field.type for field in mentions}
    types["event_id"] = pa.string()  # the Event's own id; the store's event_id is the folded event
    # The article's fields every event carries, as the Event holds them (the publication date as ISO text).
    for name in ("url", "title", "outlet", "published"):
        types.setdefault(name, pa.string())
    return pa.schema([(name, types[name]) for name in FLAT_COLUMNS])


def to_batch(rows: list[dict], schema: pa.Schema) -> pa.RecordBatch:
    """Rows as the store writes them (dates as ``YYYY-MM-DD`` strings) in an Arrow batch of ``schema``."""
    return pa.RecordBatch.from_pylist(with_dates(rows, schema), schema=schema)


def with_dates(rows: list[dict], schema: pa.Schema | pa.StructType) -> list[dict]:
    """``rows`` with their ``YYYY-MM-DD`` strings turned into dates where ``schema`` has a date column."""
    dates = [field.name for field in schema if field.type == pa.date32()]
    for row in rows:
        for name in dates:
            if isinstance(row.get(name), str):
                row[name] = dt.date.fromisoformat(row[name])
    return rows


def spark_type(schema: pa.Schema):
    """The Spark StructType of an Arrow schema (every column nullable, as Arrow batches are)."""
    from pyspark.sql import types as T

    simple = {
        pa.string(): T.StringType(),
        pa.int64(): T.LongType(),
        pa.int32(): T.IntegerType(),
        pa.int8(): T.ByteType(),
        pa.float64(): T.DoubleType(),
        pa.bool_(): T.BooleanType(),
        pa.date32(): T.DateType(),
        pa.timestamp("us"): T.TimestampNTZType(),
        pa.binary(): T.BinaryType(),
    }

    def convert(kind: pa.DataType):
        if pa.types.is_list(kind):
            return T.ArrayType(convert(kind.value_type))
        if pa.types.is_struct(kind):
            return T.StructType([T.StructField(f.name, convert(f.type)) for f in kind])
        return simple[kind]

    return T.StructType([T.StructField(field.name, convert(field.type)) for field in schema])
