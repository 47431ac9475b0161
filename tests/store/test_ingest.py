"""Ingest: every input format reaches the store, again adds nothing, and bad input is reported, not fatal."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from store_inputs import STORIES, WIRE, html_page, rss_feed, warc_archive, write_jsonl

from tidings import Store


def test_every_input_format_is_coded_into_the_store(news_folder: Path, store: Store, coder) -> None:
    report = store.ingest([news_folder], coder=coder, workers=1)

    assert (report.articles, report.duplicates, report.known, report.problems) == (6, 0, 0, [])
    stored = store.sql(
        "SELECT origin, outlet, published::VARCHAR AS published, mentions FROM articles ORDER BY origin"
    )
    origins = [Path(origin.split("#")[0].split(":")[0]).name for origin in stored["origin"]]
    assert origins == [
        "crawl.warc.gz",
        "desk.csv",
        "ledger.rss",
        "manila-drill.txt",
        "scholz-macron.html",
        "wire.jsonl",
    ]
    assert set(stored["outlet"].dropna()) == {
        "Andes Daily",
        "Baltic Desk",
        "Global Ledger",
        "The Harbour Courier",
        "Meridian Wire",
    }
    assert stored["mentions"].sum() == report.mentions > 0
    assert store.sql("SELECT count(*) AS n FROM mentions")["n"][0] == report.mentions


def test_ingesting_the_same_files_again_adds_nothing(news_folder: Path, store: Store, coder) -> None:
    store.ingest([news_folder], coder=coder, workers=1)
    before = store.sql("SELECT id, num_mentions, num_articles, num_sources FROM events ORDER BY id")

    again = store.ingest([news_folder], coder=coder, workers=1)

    assert (again.articles, again.duplicates, again.known, again.mentions) == (0, 0, 6, 0)
    assert store.sql("SELECT count(*) AS n FROM articles")["n"][0] == 6
    assert store.sql("SELECT id, num_mentions, num_articles, num_sources FROM events ORDER BY id").equals(
        before
    )


def test_articles_already_stored_are_skipped_before_coding(
    news_folder: Path, store: Store, no_events_coder
) -> None:
    store.ingest([news_folder / "wire.jsonl", news_folder / "desk.csv"], coder=no_events_coder, workers=1)
    no_events_coder.coded.clear()

    report = store.ingest([news_folder], coder=no_events_coder, workers=1)

    assert report.known == 2
    assert sorted(Path(article.origin.split("#")[0]).name for article in no_events_coder.coded) == [
        "crawl.warc.gz",
        "ledger.rss",
        "manila-drill.txt",
        "scholz-macron.html",
    ]


def test_the_same_text_in_a_plain_text_file_and_again_with_changed_spacing_is_one_article(
    tmp_path: Path, store: Store, no_events_coder
) -> None:
    (tmp_path / "a.txt").write_text(STORIES["text"], encoding="utf-8")
    (tmp_path / "b.txt").write_text("  " + STORIES["text"].replace("\n\n", "\n\n\n") + "\n", encoding="utf-8")

    report = store.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], coder=no_events_coder, workers=1)

    assert (report.articles, report.known) == (1, 1)


def test_malformed_input_is_reported_with_file_and_record_and_the_rest_is_stored(
    tmp_path: Path, store: Store, coder
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "broken.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>The Balkan Ledger</ti', encoding="utf-8"
    )
    lithium = (
        "https://andes.example/lithium",
        html_page(
            title="Chile and Argentina sign lithium accord",
            outlet="Andes Daily",
            date="2023-06-20",
            text=STORIES["warc"],
        ),
    )
    scholz = (
        "https://courier.example/scholz",
        html_page(
            title="Scholz and Macron patch up quarrel",
            outlet="The Harbour Courier",
            date="2023-06-22",
            text=STORIES["html"],
        ),
    )
    # Cut short inside the second page's record, as a crawl stopped mid-write leaves it.
    (folder / "crawl.warc.gz").write_bytes(
        warc_archive([lithium, scholz])[: len(warc_archive([lithium])) + 200]
    )
    (folder / "desk.csv").write_text(
        "id,headline,body\n1,Tusk sends troops,Polish Prime Minister ...\n", encoding="utf-8"
    )
    (folder / "wire.jsonl.gz").write_bytes(b"this is not gzip data")
    write_jsonl(
        folder / "good.jsonl",
        [
            {"id": "mw-1", "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire"},
            {"id": "mw-2", "date": "2023-06-19", "outlet": "Meridian Wire"},
        ],
    )
    (folder / "ledger.rss").write_text(
        rss_feed(
            [
                {
                    "id": "gl-1",
                    "title": "Pipeline deal",
                    "url": "https://gl.example/1",
                    "date": "Fri, 23 Jun 2023 10:00:00 GMT",
                    "text": STORIES["rss"],
                }
            ]
        ),
        encoding="utf-8",
    )
    reported = []

    report = store.ingest([folder], coder=coder, workers=1, on_problem=reported.append)

    problems = {(Path(problem.origin).name, problem.code) for problem in report.problems}
    assert problems == {
        ("broken.rss", "TID108"),
        ("crawl.warc.gz", "TID109"),
        ("desk.csv:1", "TID110"),
        ("wire.jsonl.gz", "TID107"),
        ("good.jsonl:2", "TID106"),
    }
    assert reported == report.problems
    assert "after record 1" in next(p.message for p in report.problems if p.code == "TID109")
    # The first page of the cut archive, the good JSON line and the feed are stored and coded.
    assert report.articles == 3
    assert store.sql("SELECT count(*) AS n FROM articles")["n"][0] == 3


def test_a_gzipped_jsonl_file_is_ingested_like_a_plain_one(
    tmp_path: Path, store: Store, no_events_coder
) -> None:
    with gzip.open(tmp_path / "wire.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "mw-1", "text": WIRE, "date": "2023-06-19"}) + "\n")

    report = store.ingest([tmp_path / "wire.jsonl.gz"], coder=no_events_coder, workers=1)

    assert report.articles == 1
