"""A small coded store for the server tests, and a TestClient over it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tidings import Store
from tidings.serve import create_app

STORIES = [
    {
        "id": "wire-0619-blinken",
        "date": "2023-06-19",
        "outlet": "Eastern Wire",
        "url": "https://easternwire.example/blinken-beijing",
        "title": "Blinken meets Wang Yi in Beijing",
        "text": "BEIJING, June 19 (Eastern Wire) - U.S. Secretary of State Antony Blinken met Chinese "
        "Foreign Minister Wang Yi in Beijing on Monday. The two sides agreed to keep talking.",
    },
    {
        "id": "gazette-0619-blinken",
        "date": "2023-06-19",
        "outlet": "Harbour Gazette",
        "url": "javascript:alert(1)",
        "title": "U.S. and China hold talks",
        "text": "China accused the United States of interference in Taiwan on Monday, "
        "a day after Blinken arrived in Beijing.",
    },
    {
        "id": "wire-0705-yellen",
        "date": "2023-07-05",
        "outlet": "Eastern Wire",
        "url": "https://easternwire.example/yellen",
        "title": "Yellen visits Beijing",
        "text": "U.S. Treasury Secretary Janet Yellen met Chinese Premier Li Qiang in Beijing on Thursday.",
    },
]


@pytest.fixture(scope="session")
def served_store(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    folder = tmp_path_factory.mktemp("served")
    news = folder / "news.jsonl"
    news.write_text("".join(json.dumps(story) + "\n" for story in STORIES), encoding="utf-8")
    path = folder / "news.duckdb"
    with Store(path, create=True) as store:
        store.ingest([news], coder=coder, workers=1)
    return path


@pytest.fixture(scope="session")
def client(served_store: Path) -> TestClient:
    return TestClient(create_app(served_store))
