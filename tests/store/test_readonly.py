"""`tidings sql` reads the store and nothing else: no file, no other database, no setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings import Store
from tidings.errors import TidingsError
from tidings.store.readonly import query


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    Store(tmp_path / "news.duckdb", create=True).close()
    return tmp_path / "news.duckdb"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.csv"
    secret.write_text("user,password\nroot,hunter2\n", encoding="utf-8")
    return secret


HOSTILE = [
    "SELECT * FROM read_csv('{secret}')",
    "SELECT * FROM read_text('{secret}')",
    "SELECT * FROM glob('{folder}/*')",
    "SELECT * FROM '{secret}'",
    "COPY events TO '{folder}/stolen.csv'",
    "ATTACH '{folder}/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SELECT 1; DROP TABLE events",
    "DELETE FROM events",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_sql_fails_and_touches_nothing_outside_the_store(store_file, outside, template):
    before = sorted(p.name for p in store_file.parent.iterdir())
    sql = template.format(secret=outside, folder=store_file.parent)
    with pytest.raises(TidingsError, match=r"TID30[67]") as failure:
        query(store_file, sql)
    assert "hunter2" not in str(failure.value)
    assert sorted(p.name for p in store_file.parent.iterdir()) == before
    with Store(store_file, read_only=True) as store:
        assert "events" in set(store.sql("SELECT table_name FROM information_schema.tables")["table_name"])


def test_a_runaway_query_is_stopped(store_file):
    with pytest.raises(TidingsError, match="TID308"):
        query(store_file, "SELECT count(*) FROM range(100000000000) a", timeout_s=0.2)


def test_the_time_limit_covers_every_query_inside_it(store_file):
    import duckdb

    from tidings.store.readonly import time_limit

    con = duckdb.connect()
    with pytest.raises(TidingsError, match="TID308"), time_limit(con, 0.2):
        con.execute("SELECT 1").fetchall()
        con.execute("SELECT sum(hash(a.range * b.range)) FROM range(100000) a, range(100000) b").fetchall()
    # Work that ends after the deadline is refused even when no query was running at the deadline.
    with pytest.raises(TidingsError, match="TID308"), time_limit(con, 0.0):
        con.execute("SELECT 1").fetchall()
    with time_limit(con, 5.0):
        assert con.execute("SELECT 42").fetchone() == (42,)


def test_a_time_limit_interrupts_its_own_connection_only():
    import duckdb

    from tidings.store.readonly import time_limit

    patient, hurried = duckdb.connect(), duckdb.connect()
    with time_limit(patient, 5.0):
        with pytest.raises(TidingsError, match="TID308"), time_limit(hurried, 0.2):
            hurried.execute("SELECT sum(hash(a.range * b.range)) FROM range(100000) a, range(100000) b")
        assert patient.execute("SELECT count(*) FROM range(3000000)").fetchone() == (3000000,)
    with time_limit(hurried, 5.0):
        assert hurried.execute("SELECT 42").fetchone() == (42,)


def test_a_large_result_is_cut_at_the_row_limit(store_file):
    frame, cut = query(store_file, "SELECT * FROM range(5000)", max_rows=10)
    assert cut and len(frame) == 10
    frame, cut = query(store_file, "SELECT * FROM range(5)", max_rows=10)
    assert not cut and len(frame) == 5


def test_parameters_are_bound_not_pasted(store_file):
    frame, _ = query(store_file, "SELECT ? AS text", ["'); DROP TABLE events; --"])
    assert frame["text"][0] == "'); DROP TABLE events; --"


def test_filter_values_are_parameters_not_sql(store_file):
    hostile = "KEN') OR true OR ('"
    with Store(store_file, read_only=True) as store:
        assert store.events(dyad=(hostile, hostile), actor=hostile, type=hostile, cameo=hostile).empty
        assert store.timeline(hostile, hostile, since="2024-01-01", until="2024-02-01")["events"].sum() == 0
        with pytest.raises(TidingsError):
            store.events(since="2024-01-01'; DROP TABLE events; --")
        assert "events" in set(store.sql("SELECT table_name FROM information_schema.tables")["table_name"])
