"""`tidings spark code` on the bundled sample gives the store `tidings ingest` gives, bad records aside.

The sample (samples/news: wire copy, syndicated and reworded copies, pages, a feed, plain text) is
read together with a crawl cut short and a wire file with a record that has no text; the same
folder is ingested on one machine, and every table is compared.
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.cli import app
from tidings.model import FLAT_COLUMNS, Article, flatten
from tidings.store.store import Store

# PySpark warns about pandas 3 whenever an Arrow function runs; tidings hands it Arrow, not pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "news"

PAGE = """<html><head><title>Ghana and Togo agree joint patrols on their border</title>
<meta property="og:site_name" content="Gulf of Guinea Times"></head><body>
<nav><a href="/">Home</a> <a href="/region">Region</a></nav>
<article><h1>Ghana and Togo agree joint patrols on their border</h1>
<p>ACCRA - Ghana and Togo agreed on Thursday to run joint patrols along their northern border after a
series of attacks on police posts, Ghana's interior minister said after talks in Accra.</p>
<p>The two governments will share intelligence and hold monthly meetings of their security chiefs,
the minister told reporters, adding that Togo had pledged more troops for the frontier.</p>
<p>Traders in the border town of Cinkasse said the crossing had been quiet since the last attack.</p>
</article><footer>Gulf of Guinea Times</footer></body></html>"""

SECOND_PAGE = PAGE.replace("Ghana and Togo", "Benin and Niger").replace("Accra", "Cotonou")

WIRE = [
    {
        "id": "zz-1",
        "date": "2025-03-06",
        "outlet": "Sahel Dispatch",
        "title": "Mali's junta expels French envoy",
        "text": "BAMAKO, March 6 (Sahel Dispatch) - Mali's military government expelled the French "
        "ambassador on Thursday and gave him 72 hours to leave the country, state television said. "
        "The junta accused France of interfering in its internal affairs after the ambassador "
        "criticised the postponement of elections.",
    },
    {"id": "zz-2", "date": "2025-03-06", "outlet": "Sahel Dispatch", "title": "Photo gallery", "text": ""},
]


def crawl_cut_short() -> bytes:
    """A gzipped WARC of two news pages whose second record ends in the middle of its data."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for url, page in (("https://ggtimes.example/border", PAGE), ("https://ggtimes.example/b2", SECOND_PAGE)):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(page.encode()),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2025-03-06T09:00:00Z"},
        )
        writer.write_record(record)
    data = out.getvalue()
    return gzip.compress(data[: len(data) - 400])


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "news"
    shutil.copytree(SAMPLE, folder)
    (folder / "zz-crawl.warc.gz").write_bytes(crawl_cut_short())
    (folder / "zz-wire.jsonl").write_text("".join(json.dumps(r) + "\n" for r in WIRE), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(news, coder, tmp_path_factory):
    """The folder ingested on one machine: its store and the problems it reported."""
    path = tmp_path_factory.mktemp("ingest") / "tidings.duckdb"
    store = Store(path, create=True)
    report = store.ingest([news], workers=1, coder=coder)
    yield store, report
    store.close()


@pytest.fixture(scope="module")
def job(spark, news, tmp_path_factory):
    """`tidings spark code` on the folder; the session is the module's (the CLI finds it running)."""
    out = tmp_path_factory.mktemp("spark") / "out"
    result = CliRunner().invoke(app, ["spark", "code", str(news), "--out", str(out), "--master", "local[2]"])
    return out, result


@pytest.fixture(scope="module")
def stored(job):
    out, _ = job
    store = Store(out / "tidings.duckdb", read_only=True)
    yield store
    store.close()


def rows(store: Store, query: str) -> list[tuple]:
    return sorted(store.con.execute(query).fetchall(), key=repr)


ARTICLES = """SELECT id, record_id, source, published, origin, duplicate_of, similarity, mentions, error
              FROM articles"""
EVENTS = """SELECT id, date, source_code, source_name, target_code, target_name, cameo, modality, location,
                   num_mentions, num_articles, num_sources, first_seen, last_seen, is_root, confidence,
                   first_article, url FROM events"""


def test_the_same_articles_are_stored_and_the_same_copies_folded(ingested, stored):
    store, _ = ingested
    assert rows(stored, ARTICLES) == rows(store, ARTICLES)
    copies = rows(stored, "SELECT record_id, duplicate_of FROM articles WHERE duplicate_of IS NOT NULL")
    assert len(copies) >= 5  # the sample's syndicated and reworded copies of wire stories
    assert rows(stored, "SELECT * FROM article_bands") == rows(store, "SELECT * FROM article_bands")


def test_the_same_events_with_the_same_counts(ingested, stored):
    store, _ = ingested
    assert rows(stored, EVENTS) == rows(store, EVENTS)
    # Copies add their outlets to NumSources, not to NumArticles.
    assert rows(stored, "SELECT id FROM events WHERE num_sources > num_articles")
    assert rows(stored, "SELECT * EXCLUDE (event_id) FROM mentions") == rows(
        store, "SELECT * EXCLUDE (event_id) FROM mentions"
    )
    assert rows(stored, "SELECT * FROM event_sources") == rows(store, "SELECT * FROM event_sources")
    assert rows(stored, "SELECT * FROM actors") == rows(store, "SELECT * FROM actors")


def test_bad_records_land_in_the_problems_table_and_the_rest_is_coded(spark, news, job, ingested, stored):
    out, result = job
    _, report = ingested
    problems = spark.read.parquet(str(out / "problems")).collect()
    found = {(row.file, row.record, row.code) for row in problems}
    assert (str(news / "zz-crawl.warc.gz"), None, "TID109") in found
    assert (str(news / "zz-wire.jsonl"), "2", "TID106") in found
    assert sorted(f"{row.origin}: {row.code} {row.message}" for row in problems) == sorted(
        str(problem) for problem in report.problems
    )
    # The page before the damage and the wire story beside the empty record are coded.
    coded = dict(rows(stored, "SELECT origin, mentions FROM articles"))
    assert coded[f"{news / 'zz-crawl.warc.gz'}#1"] > 0
    assert coded[f"{news / 'zz-wire.jsonl'}:1"] > 0
    assert result.exit_code == 1
    assert f"{news / 'zz-wire.jsonl'}:2: TID106" in result.stderr
    assert "2 records skipped" in result.stderr


def test_the_store_opens_like_any_store(job, ingested):
    from fastapi.testclient import TestClient

    from tidings.serve import create_app

    out, _ = job
    store, _ = ingested
    db = str(out / "tidings.duckdb")
    runner = CliRunner()
    listed = runner.invoke(app, ["events", "--db", db, "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    assert listed.stdout.count("\n") == len(store.events()) + 1
    # `tidings sql` and the server open a store with their own DuckDB settings, which one process cannot
    # mix with the read-only connection the `stored` fixture holds: they read a copy of the file.
    db = str(shutil.copy(db, out.parent / "served.duckdb"))
    counted = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM events", "--db", db, "--format", "csv"])
    assert counted.exit_code == 0, counted.output
    assert counted.stdout.split() == ["n", str(len(rows(store, "SELECT id FROM events")))]

    served = TestClient(create_app(db)).get("/api/v1/events", params={"actor": "MLI", "limit": 500})
    assert served.status_code == 200, served.text
    expected = store.events(actor="MLI")
    assert sorted(event["id"] for event in served.json()["events"]) == sorted(expected["id"])
    assert len(expected) > 0  # the wire story's events
    gdelt = (out / "events.export.CSV").read_text(encoding="utf-8").splitlines()
    local = out.parent / "ingest.export.CSV"
    store.export("gdelt", local)

    def without_added(lines):  # everything but DATEADDED, the moment each store was written
        return sorted(line.split("\t")[:59] + line.split("\t")[60:] for line in lines)

    assert without_added(gdelt) == without_added(local.read_text(encoding="utf-8").splitlines())
    assert all(len(line.split("\t")) == 61 for line in gdelt)


def test_tables_are_parquet_partitioned_by_date(spark, job, stored):
    out, _ = job
    days = {path.name for path in (out / "events").iterdir() if path.is_dir()}
    dated = rows(stored, "SELECT DISTINCT date FROM events WHERE date IS NOT NULL")
    dates = {f"day={date}" for (date,) in dated}
    assert dates and dates <= days
    assert spark.read.parquet(str(out / "events")).count() == len(rows(stored, "SELECT id FROM events"))


def test_code_turns_a_dataframe_of_articles_into_events(spark, coder):
    from tidings.spark import code

    frame = spark.createDataFrame(WIRE)
    events = code(frame).collect()
    assert [field.name for field in code(frame).schema] == FLAT_COLUMNS
    article = Article(**{k: WIRE[0][k] for k in ("id", "date", "outlet", "title", "text")})
    expected = [flatten(event) for event in coder.code_article(article).events]
    assert expected, "the wire story has events"
    got = [{**row.asDict(), "date": row.date and row.date.isoformat()} for row in events]
    assert got == expected


def test_parquet_files_of_articles_are_read_like_json_records(spark, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tidings.spark import read

    path = tmp_path / "wire.parquet"
    pq.write_table(pa.Table.from_pylist(WIRE), path)
    articles, problems = read(spark, [str(path)])
    (article,) = articles.collect()
    assert (article.id, article.date, article.outlet, article.origin) == (
        "zz-1",
        "2025-03-06",
        "Sahel Dispatch",
        f"{path}#1",
    )
    assert [(row.file, row.record, row.code) for row in problems.collect()] == [(str(path), "#2", "TID106")]


def test_each_executor_process_loads_the_pipeline_once(spark):
    """Six tasks code on two cores: each worker that coded holds one pipeline, kept for its next task."""
    import pyarrow as pa

    from tidings.spark import code

    frame = spark.createDataFrame([WIRE[0]] * 12).repartition(6)
    assert code(frame).count() > 0

    def pipelines(batches):
        import os

        from tidings.spark.code import _CODERS

        for _ in batches:
            pass
        coders = [id(coder) for coder in _CODERS.values()]
        yield pa.RecordBatch.from_pylist([{"pid": os.getpid(), "coders": coders}])

    seen = spark.range(0, 6, numPartitions=6).mapInArrow(pipelines, "pid long, coders array<long>").collect()
    holding = {row.pid: row.coders for row in seen if row.coders}
    assert 1 <= len(holding) <= 2  # no more processes than cores, not one per task or record
    assert all(len(coders) == 1 for coders in holding.values())
