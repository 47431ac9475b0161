"""A connection that reads the store and nothing else, for queries written by users.

``tidings sql`` (and any other path that runs SQL someone typed, such as an HTTP API) opens
the store read-only, with DuckDB's external access disabled and its configuration locked:
``read_csv``, ``glob``, ``read_text``, ``COPY``, ``ATTACH``, ``INSTALL``/``LOAD`` and ``SET``
all fail, so a query can neither read nor write anything outside the store file. A time
limit interrupts a query that runs away, and a row limit bounds what it returns.
"""

from __future__ import annotations

import math
import os
import threading
import time
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


class Watchdog:
    """One thread that interrupts, from their deadline on, every connection given a time limit.

    A thread of its own for each limit would cost each request of ``tidings serve`` the start of a
    thread, which waits for the interpreter lock the busy server holds. Past its deadline a connection
    is interrupted every millisecond until its limit is lifted, a query that starts later too.
    """

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.limits: dict[int, tuple[float, duckdb.DuckDBPyConnection, threading.Event]] = {}
        self.thread: threading.Thread | None = None
        # When the thread wakes next: a limit that ends later needs no wake-up of its own.
        self.wake_at = math.inf

    def watch(self, con: duckdb.DuckDBPyConnection, deadline: float) -> tuple[int, threading.Event]:
        """Interrupt ``con`` from ``deadline`` (``time.monotonic``) on: the limit's key, and an event
        set once it has interrupted it."""
        expired = threading.Event()
        with self.changed:
            key = id(expired)
            self.limits[key] = (deadline, con, expired)
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="tidings-time-limit", daemon=True)
                self.thread.start()
            if deadline < self.wake_at:
                self.changed.notify()
        return key, expired

    def lift(self, key: int) -> None:
        with self.changed:
            self.limits.pop(key, None)

    def _run(self) -> None:
        with self.changed:
            while True:
                now = time.monotonic()
                due = [(con, expired) for deadline, con, expired in self.limits.values() if deadline <= now]
                for con, expired in due:
                    expired.set()
                    try:
                        con.interrupt()
                    except duckdb.ConnectionException:  # closed as the work inside ended
                        pass
                later = [deadline for deadline, _, _ in self.limits.values() if deadline > now]
                self.wake_at = now + 0.001 if due else min(later, default=math.inf)
                self.changed.wait(None if self.wake_at == math.inf else self.wake_at - now)


WATCHDOG = Watchdog()


@contextmanager
def time_limit(con: duckdb.DuckDBPyConnection, timeout_s: float = TIMEOUT_S) -> Iterator[None]:
    """Interrupt what ``con`` runs once ``timeout_s`` seconds have passed, and say so (TID308).

    Past the deadline every query on ``con`` is interrupted, one that starts later too, and work
    that finished late is refused all the same: the bound holds for everything done inside. DuckDB
    interrupts the one connection it is asked to, so the queries must run on ``con`` itself, not on a
    cursor made from it.
    """
    deadline = time.monotonic() + timeout_s
    key, expired = WATCHDOG.watch(con, deadline)
    detail = f"the query ran longer than {timeout_s:g} s"
    try:
        yield
    except duckdb.InterruptException:
        raise TimedOut(str(problem("sql", "TID308", detail))) from None
    finally:
        WATCHDOG.lift(key)
    if expired.is_set() or time.monotonic() > deadline:
        raise TimedOut(str(problem("sql", "TID308", detail)))
