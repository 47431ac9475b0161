"""The one place the server opens its store: read-only, external access disabled, configuration locked;
each request reads it through a cursor of its own, and no query of a request runs longer than allowed."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Annotated

import duckdb
from fastapi import Depends, Request

from ..store.readonly import connect_readonly, time_limit

# A page or API call that takes longer than this is answered 503 (TID308), not waited for.
QUERY_TIMEOUT_S = 10.0


def open_store(path: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """The store at ``path`` for serving; requests each take a cursor of this connection."""
    return connect_readonly(path)


async def request_cursor(request: Request) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """A cursor for one request, interrupted after the app's ``query_timeout_s`` (TID308).

    Taken and closed on the event loop (both are quick): a dependency that is not async would pass
    the request twice more through the thread pool, where requests wait for each other.
    """
    cursor = request.app.state.con.cursor()
    try:
        with time_limit(cursor, request.app.state.query_timeout_s):
            yield cursor
    finally:
        cursor.close()


# Closed when the endpoint returns, before its answer is sent: a request over its time is answered 503.
Store = Annotated[duckdb.DuckDBPyConnection, Depends(request_cursor, scope="function")]
