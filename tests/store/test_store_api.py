"""The Python Store: a typo never makes an empty store, and an open Store does not lock the CLI out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tidings import Store
from tidings.errors import TidingsError

CLI = [sys.executable, "-c", "from tidings.cli import main; main()"]


def test_a_missing_store_is_refused_unless_asked_to_create_it(tmp_path):
    with pytest.raises(TidingsError, match="TID303"):
        Store(tmp_path / "typo.duckdb")
    assert not (tmp_path / "typo.duckdb").exists()
    Store(tmp_path / "news.duckdb", create=True).close()
    assert (tmp_path / "news.duckdb").exists()


def test_an_open_store_lets_the_cli_read_and_takes_the_lock_only_to_ingest(tmp_path: Path):
    articles = tmp_path / "news.jsonl"
    articles.write_text(
        '{"text": "Police in Nairobi arrested dozens of protesters on Tuesday.", "date": "2024-03-05"}\n',
        encoding="utf-8",
    )
    db = tmp_path / "news.duckdb"
    with Store(db, create=True) as store:
        store.ingest([articles], workers=1)
        # The notebook keeps its Store open; a command line read of the same file still works.
        run = subprocess.run(
            [*CLI, "sql", "SELECT count(*) AS n FROM articles", "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        assert "1" in run.stdout
        assert len(store.events()) >= 1


def test_a_read_only_store_refuses_to_ingest(tmp_path):
    Store(tmp_path / "news.duckdb", create=True).close()
    with (
        Store(tmp_path / "news.duckdb", read_only=True) as store,
        pytest.raises(TidingsError, match="TID310"),
    ):
        store.ingest([tmp_path])


def test_ingest_shows_progress_against_the_records_to_come(tmp_path, capsys):
    articles = tmp_path / "news.jsonl"
    articles.write_text(
        '{"text": "Police in Nairobi arrested dozens of protesters on Tuesday.", "date": "2024-03-05"}\n'
        '{"text": "Troops shelled the outskirts of Kharkiv on Wednesday.", "date": "2024-03-06"}\n',
        encoding="utf-8",
    )
    with Store(tmp_path / "news.duckdb", create=True) as store:
        report = store.ingest([articles], workers=1, progress=True)
    assert report.articles == 2
    assert "2/2" in capsys.readouterr().err
