"""Fixtures for the store tests: a store in a temporary folder, a folder of news in every format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_inputs import STORIES, WIRE, NoEventsCoder, html_page, rss_feed, warc_archive, write_csv, write_jsonl

from tidings import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "news.duckdb") as opened:
        yield opened


@pytest.fixture
def news_folder(tmp_path: Path) -> Path:
    """A folder with one story in each format tidings reads: text, JSON lines, CSV, HTML, RSS and WARC."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "manila-drill.txt").write_text(STORIES["text"], encoding="utf-8")
    write_jsonl(folder / "wire.jsonl", [{"id": "mw-0619-kenya-ethiopia", "title": "Ruto and Abiy sign power deal",
                                         "text": WIRE, "date": "2023-06-19", "outlet": "Meridian Wire",
                                         "url": "https://meridianwire.example/2023/06/19/ruto-abiy"}])
    write_csv(folder / "desk.csv", [{"id": "desk-0621-poland", "date": "2023-06-21", "outlet": "Baltic Desk",
                                     "title": "Tusk sends troops to Belarus border", "text": STORIES["csv"]}])
    (folder / "scholz-macron.html").write_text(
        html_page(title="Scholz and Macron patch up quarrel", outlet="The Harbour Courier", date="2023-06-22",
                  text=STORIES["html"]), encoding="utf-8")
    (folder / "ledger.rss").write_text(rss_feed([{
        "id": "gl-0623-pipeline", "title": "Brazil and Argentina sign pipeline deal",
        "url": "https://globalledger.example/2023/06/23/pipeline", "date": "Fri, 23 Jun 2023 10:00:00 GMT",
        "text": STORIES["rss"]}]), encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes(warc_archive([(
        "https://andes.example/2023/06/20/lithium",
        html_page(title="Chile and Argentina sign lithium accord", outlet="Andes Daily", date="2023-06-20",
                  text=STORIES["warc"]))]))
    return folder


@pytest.fixture
def no_events_coder() -> NoEventsCoder:
    return NoEventsCoder()
