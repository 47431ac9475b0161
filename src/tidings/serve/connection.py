"""The one place the server opens its store: read-only, external access disabled, configuration locked."""

from __future__ import annotations

import os

import duckdb

from ..store.readonly import connect_readonly


def open_store(path: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """The store at ``path`` for serving; requests each take a cursor of this connection."""
    return connect_readonly(path)
