"""Fixtures for the store tests: a store in a temporary folder, a folder of news in every format."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from store_inputs import SAME_EVENT, WIRE, NoEventsCoder, write_jsonl, write_news_folder

from tidings import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "news.duckdb", create=True) as opened:
        yield opened


@pytest.fixture
def news_folder(tmp_path: Path) -> Path:
    """A folder with one story in each format tidings reads: text, JSON lines, CSV, HTML, RSS and WARC."""
    return write_news_folder(tmp_path / "news")


@pytest.fixture
def no_events_coder() -> NoEventsCoder:
    return NoEventsCoder()


@pytest.fixture(scope="session")
def coded_store_path(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    """A store coded once: the six stories, then a later crawl with the wire story republished by another
    outlet and that outlet's own story about the same meeting."""
    folder = tmp_path_factory.mktemp("coded")
    news = write_news_folder(folder / "news")
    later = write_jsonl(
        folder / "later.jsonl",
        [
            {
                "id": "dn-0620-ruto-abiy",
                "text": WIRE,
                "date": "2023-06-20",
                "outlet": "Daily Nation",
                "url": "https://nation.example/ruto-abiy",
            },
            {
                "id": "hc-0619-abiy-nairobi",
                "text": SAME_EVENT,
                "date": "2023-06-19",
                "outlet": "The Harbour Courier",
                "url": "https://harbourcourier.example/abiy-nairobi",
            },
        ],
    )
    path = folder / "news.duckdb"
    with Store(path, create=True) as store:
        store.ingest([news], coder=coder, workers=1)
        store.ingest([later], coder=coder, workers=1)
    return path


@pytest.fixture
def coded_store(coded_store_path: Path) -> Iterator[Store]:
    with Store(coded_store_path, read_only=True) as opened:
        yield opened
