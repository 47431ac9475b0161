"""A connection that reads the store and nothing else, for queries written by users.

``tidings sql`` (and any other path that runs SQL someone typed, such as an HTTP API) opens
the store read-only, with DuckDB's external access disabled and its configuration locked:
``read_csv``, ``glob``, ``read_text``, ``COPY``, ``ATTACH``, ``INSTALL``/``LOAD`` and ``SET``
all fail, so a query can neither read nor write anything outside the store file. A time
limit interrupts a query that runs away, and a row limit bounds what it returns.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd

from ..errors import TidingsError, problem
from .queries import check_select
from .schema import applied_versions, schema_version

# Settings a query cannot change once the connection is open (lock_configuration).
SAFE_CONFIG = {"enable_external_access": False, "lock_configuration": True}
TIMEOUT_S = 30.0
MAX_ROWS = 100_000


def connect_readonly(path: str | os.PathLike) -> duckdb.DuckDBPyConnection:
    """The store at ``path``, read-only, unable to touch any other file."""
    name = os.fspath(path)
    if not os.path.exists(name):
        raise TidingsError(str(problem(name, "TID303", "run `tidings ingest` to create it")))
    try:
        con = duckdb.connect(name, read_only=True, config=SAFE_CONFIG)
    except duckdb.Error as error:
        code = "TID304" if "lock" in str(error).lower() else "TID305"
        raise TidingsError(str(problem(name, code, str(error).splitlines()[0]))) from None
    applied = applied_versions(con)
    if not applied or applied[-1] != schema_version():
        con.close()
        detail = f"schema version {applied[-1] if applied else 0}, this tidings reads {schema_version()}"
        raise TidingsError(str(problem(name, "TID302", f"{detail}; open it once with `tidings ingest`")))
    return con


def query(
    path: str | os.PathLike,
    sql: str,
    parameters: list | None = None,
    *,
    timeout_s: float = TIMEOUT_S,
    max_rows: int = MAX_ROWS,
) -> tuple[pd.DataFrame, bool]:
    """The result of one SELECT over the store, and whether it was cut at ``max_rows``.

    timeout_s: the query is interrupted after this many seconds (TID308).
    """
    check_select(sql)
    con = connect_readonly(path)
    try:
        with time_limit(con, timeout_s):
            # The user's statement runs as it is; only max_rows + 1 rows are fetched from it.
            frame = con.execute(sql, parameters).fetch_df_chunk(vectors_per_chunk=1 + max_rows // 2048)
    except duckdb.Error as error:
        raise TidingsError(str(problem("sql", "TID307", str(error).splitlines()[0]))) from None
    finally:
        con.close()
    cut = len(frame) > max_rows
    return (frame.head(max_rows) if cut else frame), cut


class TimedOut(TidingsError):
    """A query interrupted because it ran longer than it may (TID308)."""


@contextmanager
def time_limit(con: duckdb.DuckDBPyConnection, timeout_s: float = TIMEOUT_S) -> Iterator[None]:
    """Interrupt what ``con`` runs once ``timeout_s`` seconds have passed, and say so (TID308).

    Past the deadline every query on ``con`` is interrupted, one that starts later too, and work
    that finished late is refused all the same: the bound holds for everything done inside. DuckDB
    interrupts the one connection it is asked to, so the queries must run on ``con`` itself, not on a
    cursor made from it.
    """
    finished, expired = threading.Event(), threading.Event()

    def watch() -> None:
        if finished.wait(timeout_s):
            return
        expired.set()
        while not finished.is_set():
            try:
                con.interrupt()
            except duckdb.ConnectionException:  # closed as the work inside ended
                return
            finished.wait(0.001)

    threading.Thread(target=watch, name="tidings-time-limit", daemon=True).start()
    detail = f"the query ran longer than {timeout_s:g} s"
    try:
        yield
    except duckdb.InterruptException:
        raise TimedOut(str(problem("sql", "TID308", detail))) from None
    finally:
        finished.set()
    if expired.is_set():
        raise TimedOut(str(problem("sql", "TID308", detail)))
