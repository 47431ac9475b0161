"""Opening a store file and bringing its schema up to date with numbered migrations.

Each ``migrations/NNN_name.sql`` runs once, in number order, in its own
transaction, and is recorded in ``schema_migrations``; a file written by a
newer tidings, with migrations this one does not know, is refused (TID301)
rather than misread.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import duckdb

from ..errors import TidingsError, problem

_MIGRATION = re.compile(r"(\d{3})_(\w+)\.sql")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


@cache
def migrations() -> tuple[Migration, ...]:
    """The migrations shipped with this tidings, in version order."""
    found = []
    for entry in resources.files(__package__).joinpath("migrations").iterdir():
        match = _MIGRATION.fullmatch(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    return tuple(sorted(found, key=lambda migration: migration.version))


def schema_version() -> int:
    """The schema version this tidings writes: the number of its last migration."""
    return migrations()[-1].version


def connect(path: str | os.PathLike, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at ``path``, created or migrated to the current schema.

    read_only: open without taking the write lock, so that several readers can share the
    file; the file must exist and already have the current schema.
    """
    name = os.fspath(path)
    if read_only and not os.path.exists(name):
        raise TidingsError(str(problem(name, "TID303", "run `tidings ingest` to create it")))
    try:
        con = duckdb.connect(name, read_only=read_only)
    except duckdb.IOException as error:
        code = "TID304" if "lock" in str(error).lower() else "TID305"
        raise TidingsError(str(problem(name, code, str(error).splitlines()[0]))) from None
    try:
        _migrate(con, name, read_only=read_only)
    except BaseException:
        con.close()
        raise
    return con


def applied_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The migrations recorded in a store, or [] for a new file."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()[0]
    if not exists:
        return []
    return [
        row[0] for row in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
    ]


def _migrate(con: duckdb.DuckDBPyConnection, name: str, *, read_only: bool) -> None:
    applied = applied_versions(con)
    newest = schema_version()
    if applied and applied[-1] > newest:
        detail = (
            f"it has schema version {applied[-1]}, this tidings knows up to {newest}; "
            "upgrade tidings to open it"
        )
        raise TidingsError(str(problem(name, "TID301", detail)))
    pending = [migration for migration in migrations() if migration.version not in applied]
    if not pending:
        return
    if read_only:
        raise TidingsError(
            str(
                problem(
                    name,
                    "TID302",
                    f"schema version {applied[-1] if applied else 0} needs migrating to {newest}",
                )
            )
        )
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    for migration in pending:
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, current_timestamp)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    # Written out in full now, a migrated file never depends on replaying its write-ahead log.
    con.execute("CHECKPOINT")
