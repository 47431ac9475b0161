"""Records keep their article: every event says where it was read; one event is shown with its evidence."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from rich.console import Console
from store_inputs import write_jsonl
from typer.testing import CliRunner

from tidings import Store
from tidings.cli import app
from tidings.errors import TidingsError
from tidings.model import Article

STORY = (
    "Ghana and Togo agree joint border patrols\n\n"
    "ACCRA, May 6 - Ghanaian President John Mahama met Togolese President Faure Gnassingbe in Accra on "
    "Tuesday, and the two leaders agreed to run joint patrols along their border."
)
RECORD = {
    "id": "gw-0506-mahama",
    "text": STORY,
    "date": "2025-05-06",
    "title": "Ghana and Togo agree joint border patrols",
    "outlet": "Gulf of Guinea Wire",
    "url": "https://gulfofguinea.example/2025/05/06/ghana-togo-patrols",
}
runner = CliRunner()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, coder) -> Path:
    folder = tmp_path_factory.mktemp("provenance")
    path = folder / "news.duckdb"
    with Store(path, create=True) as store:
        store.ingest([write_jsonl(folder / "news.jsonl", [RECORD])], coder=coder, workers=1)
    return path


def test_every_coded_event_carries_its_article_url_title_outlet_and_date(coder) -> None:
    article = Article(
        text=STORY, id=RECORD["id"], date=RECORD["date"], title=RECORD["title"], url=RECORD["url"],
        outlet=RECORD["outlet"],
    )
    events = coder.code_article(article).events
    assert events
    for event in events:
        assert (event.url, event.title, event.outlet, event.published) == (
            RECORD["url"], RECORD["title"], RECORD["outlet"], RECORD["date"]
        )
        assert json.loads(event.to_json())["url"] == RECORD["url"]
    frame = coder.code(STORY, date="2025-05-06").to_dataframe()
    assert {"url", "title", "outlet", "published"} <= set(frame.columns)
    assert set(frame["published"]) == {"2025-05-06"}


def test_tidings_code_writes_the_article_on_every_line(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", [RECORD])
    result = runner.invoke(app, ["code", "--format", "jsonl", str(source)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert lines
    assert {(line["url"], line["outlet"], line["published"]) for line in lines} == {
        (RECORD["url"], RECORD["outlet"], RECORD["date"])
    }


def test_stored_events_and_their_exports_keep_the_article(store_path: Path, tmp_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        frame = store.events()
        assert not frame.empty
        assert set(frame["url"]) == {RECORD["url"]}
        assert set(frame["title"]) == {RECORD["title"]}
        assert set(frame["outlet"]) == {RECORD["outlet"]}
        assert {str(day)[:10] for day in frame["published"]} == {RECORD["date"]}
        store.export("csv", tmp_path / "events.csv")
        store.export("parquet", tmp_path / "parquet")
    rows = list(csv.DictReader(io.StringIO((tmp_path / "events.csv").read_text(encoding="utf-8"))))
    assert rows and {(row["url"], row["title"], row["outlet"], row["published"]) for row in rows} == {
        (RECORD["url"], RECORD["title"], RECORD["outlet"], RECORD["date"])
    }
    table = pq.read_table(tmp_path / "parquet").to_pandas()
    assert set(table["outlet"]) == {RECORD["outlet"]} and set(table["title"]) == {RECORD["title"]}


def test_one_event_is_shown_with_its_article_and_its_evidence_marked(store_path: Path) -> None:
    with Store(store_path, read_only=True) as store:
        frame = store.events()
        met = frame[frame["cameo"].str.startswith("04")].iloc[0]
        console = Console(record=True, width=200, color_system=None)
        store.show(int(met["id"]), console=console)
        shown = console.export_text()
        with pytest.raises(TidingsError, match="TID309"):
            store.show(12345, console=console)
    assert RECORD["title"] in shown and RECORD["outlet"] in shown and RECORD["url"] in shown
    assert "[John Mahama] <met> Togolese President {Faure Gnassingbe}" in shown
    result = runner.invoke(app, ["events", "show", str(int(met["id"])), "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert "<met>" in result.stdout and RECORD["url"] in result.stdout.replace("\n", "")
    assert runner.invoke(app, ["events", "shw", "1", "--db", str(store_path)]).exit_code == 2
