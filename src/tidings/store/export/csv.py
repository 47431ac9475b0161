"""The events table as CSV with a header row, one folded event per row."""

from __future__ import annotations

import duckdb

from ...terminal import FORMULA
from .copy import copy


def write(con: duckdb.DuckDBPyConnection, path: str, *, where: str, raw: bool = False) -> int:
    """Write the events that match ``where`` to a CSV file; return the count.

    raw: keep text that starts with = + - @ as it is; by default such a cell gets a leading
    apostrophe so that a spreadsheet shows it instead of running it (see tidings.terminal).
    """
    columns = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'events' ORDER BY ordinal_position"
    ).fetchall()
    # Then the headline, outlet and publication date of the article the event was first read in.
    columns = [("e", name, kind) for name, kind in columns] + [
        ("a", "title", "VARCHAR"),
        ("a", "outlet", "VARCHAR"),
        ("a", "published", "DATE"),
    ]
    cells = ", ".join(
        f"{table}.{name}"
        if raw or kind != "VARCHAR"
        else f"CASE WHEN regexp_matches({table}.{name}, '{FORMULA}') THEN '''' || {table}.{name}"
        f" ELSE {table}.{name} END AS {name}"
        for table, name, kind in columns
    )
    query = (
        f"SELECT {cells} FROM events e LEFT JOIN articles a ON a.id = e.first_article "
        f"WHERE {where} ORDER BY e.date, e.id"
    )
    return copy(con, query, path, "FORMAT csv, HEADER true")
