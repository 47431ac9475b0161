"""The server's in-memory columns give the answers the store's queries give, for every filter."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tidings.serve.aggregates import Aggregates
from tidings.serve.api import records
from tidings.serve.lookups import lookups_for
from tidings.store import queries
from tidings.store.readonly import connect_readonly
from tidings.store.schema import connect

ACTORS = ["USA", "USAGOV", "CHN", "CHNMIL", "RUS", "UKR", "IRN", "ISR", "PSE", None]
CODES = [("040", "CONSULT", 1, 1.0), ("057", "AGREE", 2, 8.0), ("112", "ACCUSE", 3, -2.0)]
CODES += [("190", "ASSAULT", 4, -10.0), ("173", "COERCE", 4, -5.0), ("036", None, 1, 4.0)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four thousand events between a few countries and their agencies, some without a date, a side, a
    type or a place, dated to the day, month or year, some only reported as planned."""
    path = tmp_path_factory.mktemp("aggregates") / "generated.duckdb"
    con = connect(path)
    con.execute("SELECT setseed(0.12)")
    con.execute(
        """CREATE TEMP TABLE drawn AS
        SELECT i AS id, floor(random() * ?)::INT AS s, floor(random() * ?)::INT AS t,
               floor(random() * ?)::INT AS c, random() AS r,
               (DATE '2022-01-01' + INTERVAL (floor(random() * 900)) DAY)::DATE AS day
        FROM range(1, 4001) r(i)""",
        [len(ACTORS), len(ACTORS), len(CODES)],
    )
    con.execute(
        "CREATE TEMP TABLE actors_drawn AS SELECT unnest(?) AS code, generate_subscripts(?, 1) - 1 AS n",
        [ACTORS, ACTORS],
    )
    con.execute(
        "CREATE TEMP TABLE codes AS SELECT unnest(?) AS cameo, unnest(?) AS plover, unnest(?) AS quad, "
        "unnest(?) AS goldstein, generate_subscripts(?, 1) - 1 AS n",
        [[c[0] for c in CODES], [c[1] for c in CODES], [c[2] for c in CODES], [c[3] for c in CODES], CODES],
    )
    con.execute("""
        INSERT INTO articles (id, seq, title, url, outlet, source, published, mentions, text, ingested_at)
        SELECT 'a' || id, id, 'Talks on day ' || id, 'https://news.example/' || id, 'Outlet ' || (id % 7),
               'Outlet ' || (id % 7), day, 1, 'Ministers met in the capital.', now() FROM drawn""")
    con.execute("""
        INSERT INTO events (id, date, date_precision, source_code, source_country, target_code,
            target_country, cameo, cameo_root, quad_class, goldstein, plover_type, modality, location,
            location_country, lat, lon, num_mentions, num_articles, num_sources, is_root, confidence,
            first_article, added_at)
        SELECT d.id, CASE WHEN d.r < 0.05 THEN NULL WHEN d.r < 0.1 THEN date_trunc('year', d.day)
                          WHEN d.r < 0.2 THEN date_trunc('month', d.day) ELSE d.day END,
               CASE WHEN d.r < 0.05 THEN NULL WHEN d.r < 0.1 THEN 'year' WHEN d.r < 0.2 THEN 'month'
                    ELSE 'day' END,
               a.code, left(a.code, 3), b.code, left(b.code, 3), c.cameo, left(c.cameo, 2), c.quad,
               c.goldstein + (d.id % 5) / 10, c.plover,
               CASE WHEN d.id % 11 = 0 THEN 'planned' ELSE 'asserted' END,
               CASE WHEN d.id % 13 = 0 THEN NULL ELSE 'Capital of ' || coalesce(b.code, 'nowhere') END,
               CASE WHEN d.id % 17 = 0 THEN NULL ELSE left(b.code, 3) END,
               CASE WHEN d.id % 3 = 0 THEN 10 + d.r ELSE NULL END, CASE WHEN d.id % 3 = 0 THEN 20 - d.r END,
               1 + d.id % 4, 1, 1, true, 0.9, 'a' || d.id, now()
        FROM drawn d JOIN actors_drawn a ON a.n = d.s JOIN actors_drawn b ON b.n = d.t
             JOIN codes c ON c.n = d.c""")
    con.execute("INSERT INTO event_sources SELECT id, 'Outlet ' || (id % 7) FROM events")
    con.execute("CHECKPOINT")
    con.close()
    return path


FILTERS = [
    {},
    {"dyad": ("USA", "CHN"), "directed": True},
    {"dyad": ("CHN", "USA")},
    {"dyad": ("USAGOV", "RUS"), "type": "consult"},
    {"actor": "USA", "quad_class": 4},
    {"actor": "IRN", "directed": True, "since": "2022-06-01"},
    {"cameo": "1", "until": "2023-01-31"},
    {"since": "2022-03-01", "until": "2022-09-30", "place": "capital of u"},
    {"place": "isr"},
    {"include_unrealized": True, "actor": "PSE"},
    {"dyad": ("ISR", "nobody")},
    {"outlet": "Outlet 3", "actor": "CHN"},  # asked of the store
]


def same(first: list[dict], second: list[dict]) -> bool:
    """The same rows; a mean Goldstein score may differ by its last rounding, where the sum of its
    scores falls on a half (DuckDB adds them in an order of its own)."""
    if len(first) != len(second):
        return False
    for one, other in zip(first, second, strict=True):
        if one.keys() != other.keys():
            return False
        for key, value in one.items():
            if key == "goldstein" and value is not None and other[key] is not None:
                if not math.isclose(value, other[key], abs_tol=0.0100001):
                    return False
            elif value != other[key]:
                return False
    return True


@pytest.fixture(scope="module")
def both(generated: Path):
    con = connect_readonly(generated)
    yield con, Aggregates(con, lookups_for(con))
    con.close()


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_columns_answer_as_the_store_does(both, filters):
    con, aggregates = both
    for freq in ("day", "week", "month", "year"):
        kept, queried = (
            aggregates.timeline(con, freq=freq, **filters),
            queries.timeline(con, freq=freq, **filters),
        )
        assert same(records(kept), records(queried)), freq
        assert kept.attrs["left_out"] == queried.attrs["left_out"]
    # Bounds inside a week, a month and a year; and bounds the wrong way round, which give no period.
    for since, until in (("2022-02-10", "2022-05-20"), ("2023-03-09", "2022-12-30")):
        for freq in ("day", "week", "month", "year"):
            bounded = dict(filters, since=since, until=until, freq=freq)
            kept, queried = aggregates.timeline(con, **bounded), queries.timeline(con, **bounded)
            assert same(records(kept), records(queried)), (since, freq)
            assert kept.attrs["left_out"] == queried.attrs["left_out"]
    assert same(records(aggregates.types(con, **filters)), records(queries.types(con, **filters)))
    for limit in (5, 50):
        assert same(
            records(aggregates.dyads(con, limit=limit, **filters)),
            records(queries.dyads(con, limit=limit, **filters)),
        )
    assert same(records(aggregates.places(con, **filters)), records(queries.places(con, **filters)))
    assert same(
        records(aggregates.places(con, limit=3, **filters)), records(queries.places(con, limit=3, **filters))
    )


@pytest.mark.parametrize("filters", FILTERS, ids=str)
def test_pages_of_events_follow_the_store_page_after_page(both, filters):
    con, aggregates = both
    after = None
    for _ in range(3):
        kept = aggregates.events(con, limit=40, after=after, rows=True, **filters)
        assert records(kept) == records(queries.events(con, limit=40, after=after, rows=True, **filters))
        if not kept:
            break
        last = records(kept)[-1]
        after = (last["date"], last["num_mentions"], last["id"])


def test_a_timeline_of_nothing_in_a_period_is_that_period_empty(both):
    con, aggregates = both
    nothing = {"actor": "NOBODY", "since": "2022-01-01", "until": "2022-03-31", "freq": "month"}
    kept, queried = aggregates.timeline(con, **nothing), queries.timeline(con, **nothing)
    assert records(kept) == records(queried) and [row["events"] for row in records(kept)] == [0, 0, 0]
    assert (
        records(aggregates.timeline(con, actor="NOBODY"))
        == records(queries.timeline(con, actor="NOBODY"))
        == []
    )


def test_bad_filters_are_refused_as_the_store_refuses_them(both):
    con, aggregates = both
    with pytest.raises(Exception, match="cannot read the date"):
        aggregates.timeline(con, since="2022-02-30")
    with pytest.raises(Exception, match="frequency"):
        aggregates.timeline(con, freq="fortnight")
