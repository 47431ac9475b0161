"""The events and articles kept in memory give the rows the store's queries give, NULLs and all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.serve.api import records
from tidings.serve.lookups import lookups_for
from tidings.store import queries
from tidings.store.readonly import connect_readonly
from tidings.store.schema import connect


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty events of talks and accusations, some undated or unplaced, one whose first article was
    never stored, so that its headline, outlet and date are NULL."""
    path = tmp_path_factory.mktemp("lookups") / "talks.duckdb"
    con = connect(path)
    con.execute("""
        INSERT INTO articles (id, seq, title, url, outlet, source, published, mentions, text, ingested_at)
        SELECT 'wire-' || i, i, 'Ministers meet in Geneva, day ' || i, 'https://wire.example/' || i,
               CASE WHEN i % 3 = 0 THEN NULL ELSE 'Eastern Wire' END, 'Eastern Wire',
               CASE WHEN i % 4 = 0 THEN NULL ELSE DATE '2024-03-01' + (i % 5)::INTEGER END, 1,
               'The ministers met in Geneva and agreed to keep talking.', now()
        FROM range(1, 40) r(i)""")
    con.execute("""
        INSERT INTO events (id, date, date_precision, source_code, source_country, target_code,
            target_country, cameo, cameo_root, quad_class, goldstein, plover_type, modality, location,
            location_country, lat, lon, num_mentions, num_articles, num_sources, first_seen, is_root,
            confidence, first_article, added_at)
        SELECT i, CASE WHEN i % 6 = 0 THEN NULL ELSE DATE '2024-03-01' + (i % 5)::INTEGER END,
               CASE WHEN i % 6 = 0 THEN NULL ELSE 'day' END, 'USA', 'USA', 'CHN', 'CHN',
               CASE WHEN i % 2 = 0 THEN '040' ELSE '112' END, CASE WHEN i % 2 = 0 THEN '04' ELSE '11' END,
               CASE WHEN i % 2 = 0 THEN 1 ELSE 3 END, CASE WHEN i % 2 = 0 THEN 1.0 ELSE -2.0 END,
               CASE WHEN i % 2 = 0 THEN 'CONSULT' ELSE 'ACCUSE' END, 'asserted',
               CASE WHEN i % 5 = 0 THEN NULL ELSE 'Geneva' END, CASE WHEN i % 5 = 0 THEN NULL ELSE 'CHE' END,
               CASE WHEN i % 5 = 0 THEN NULL ELSE 46.2 END, CASE WHEN i % 5 = 0 THEN NULL ELSE 6.15 END,
               1 + i % 3, 1, 1, DATE '2024-03-01' + (i % 5)::INTEGER, true, 0.9, 'wire-' || i, now()
        FROM range(1, 41) r(i)""")
    con.execute("CHECKPOINT")
    con.close()
    return path


def test_events_are_given_as_the_store_gives_them(store):
    con = connect_readonly(store)
    lookups = lookups_for(con)
    ids = [row[0] for row in con.execute("SELECT id FROM events ORDER BY id DESC").fetchall()]
    from_store = [records(queries.event(con, event_id, rows=True))[0] for event_id in ids]
    con.close()
    assert records(lookups.events_of(ids)) == from_store
    assert records(lookups.events_of([7, 99, 40])) == [from_store[ids.index(7)], from_store[ids.index(40)]]
    # Event 40's first article was never stored: no headline, outlet or date, as the store's join has it.
    unheaded = from_store[ids.index(40)]
    assert (unheaded["title"], unheaded["outlet"], unheaded["published"]) == (None, None, None)
    assert {row["date"] for row in from_store} >= {None, "2024-03-02"}
    assert {row["lat"] for row in from_store} == {None, 46.2}
