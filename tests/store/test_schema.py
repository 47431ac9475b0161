"""The store's schema is versioned: new files are migrated, newer files are refused, old files upgraded."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from store_inputs import SAME_EVENT, WIRE, stored_tables, write_jsonl

from tidings import Store
from tidings.errors import TidingsError
from tidings.store import schema


def test_a_new_store_records_the_migrations_it_ran(tmp_path: Path) -> None:
    with Store(tmp_path / "news.duckdb", create=True) as store:
        ran = store.sql("SELECT version, name FROM schema_migrations ORDER BY version")
        tables = set(store.sql("SELECT table_name FROM information_schema.tables")["table_name"])

    assert list(ran["version"]) == [migration.version for migration in schema.migrations()]
    assert ran["name"][0] == "initial"
    assert {"articles", "article_bands", "mentions", "events", "event_sources", "actors"} <= tables


def test_a_store_written_by_a_newer_tidings_is_refused_with_tid301(tmp_path: Path) -> None:
    Store(tmp_path / "news.duckdb", create=True).close()
    with duckdb.connect(str(tmp_path / "news.duckdb")) as con:
        con.execute("INSERT INTO schema_migrations VALUES (999, 'from_the_future', current_timestamp)")

    with pytest.raises(TidingsError, match=r"TID301.*schema version 999"):
        Store(tmp_path / "news.duckdb", create=True)


def test_a_store_with_an_older_schema_is_migrated_when_opened(tmp_path: Path, monkeypatch) -> None:
    Store(tmp_path / "news.duckdb", create=True).close()
    shipped = schema.migrations()
    following = shipped[-1].version + 1
    newer = (
        *shipped,
        schema.Migration(following, "event_notes", "ALTER TABLE events ADD COLUMN note VARCHAR"),
    )
    monkeypatch.setattr(schema, "migrations", lambda: newer)

    with pytest.raises(TidingsError, match="TID302"):
        Store(tmp_path / "news.duckdb", read_only=True)
    with Store(tmp_path / "news.duckdb", create=True) as store:
        versions = list(store.sql("SELECT version FROM schema_migrations ORDER BY version")["version"])
        columns = set(store.sql("SELECT * FROM events").columns)

    assert versions == [*(m.version for m in shipped), following]
    assert "note" in columns


def test_a_missing_store_is_reported_when_opened_for_reading(tmp_path: Path) -> None:
    with pytest.raises(TidingsError, match="TID303"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_file_that_is_not_a_store_is_reported(tmp_path: Path) -> None:
    (tmp_path / "news.duckdb").write_text("id,text\n1,Ruto met Abiy\n", encoding="utf-8")

    with pytest.raises(TidingsError, match="TID305"):
        Store(tmp_path / "news.duckdb", create=True)


def test_a_store_from_before_the_events_lost_their_keys_keeps_its_data_and_ingests_as_a_new_one(
    tmp_path: Path, news_folder: Path, coder, monkeypatch
) -> None:
    later = write_jsonl(
        tmp_path / "later.jsonl",
        [
            {"id": "dn-1", "text": WIRE, "date": "2023-06-20", "outlet": "Daily Nation"},
            {"id": "hc-1", "text": SAME_EVENT, "date": "2023-06-19", "outlet": "The Harbour Courier"},
        ],
    )
    shipped = schema.migrations()
    keyed = tuple(migration for migration in shipped if migration.name != "events_without_keys")
    with monkeypatch.context() as old_tidings:
        old_tidings.setattr(schema, "migrations", lambda: keyed)
        with Store(tmp_path / "old.duckdb", create=True) as store:
            store.ingest([news_folder], coder=coder, workers=1)
            before = stored_tables(store)

    with Store(tmp_path / "old.duckdb", create=True) as store:
        upgraded = stored_tables(store)
        store.ingest([later], coder=coder, workers=1)
        continued = stored_tables(store)
        versions = list(store.sql("SELECT version FROM schema_migrations ORDER BY version")["version"])
        columns = event_columns(store)
    with Store(tmp_path / "new.duckdb", create=True) as store:
        store.ingest([news_folder], coder=coder, workers=1)
        store.ingest([later], coder=coder, workers=1)
        expected = stored_tables(store)
        new_columns = event_columns(store)

    assert len(keyed) == len(shipped) - 1
    assert versions == [migration.version for migration in shipped]
    assert upgraded == before and before["events"]
    assert continued == expected
    assert columns == new_columns and ("events", "id", "BIGINT", "NO") in columns


def event_columns(store: Store) -> list[tuple]:
    return store.con.execute(
        """SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
           WHERE table_name IN ('events', 'event_sources') ORDER BY table_name, ordinal_position"""
    ).fetchall()
