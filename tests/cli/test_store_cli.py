"""The store's commands: ingest, events, timeline, sql, export and stats."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.errors import TidingsError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "news"
STORE_COMMANDS = ("ingest", "events", "timeline", "sql", "export", "stats")

pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="samples/news is not in this checkout")
runner = CliRunner()


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wire service's stories and a content farm's copy of one of them."""
    folder = tmp_path_factory.mktemp("news")
    shutil.copy(SAMPLES / "meridian-wire.jsonl", folder)
    shutil.copy(SAMPLES / "newspulse" / "np-20241112-odesa-drone-strike.txt", folder)
    return folder


@pytest.fixture(scope="module")
def db(news: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "news.duckdb"
    result = runner.invoke(app, ["ingest", str(news), "--db", str(path), "--workers", "1", "--summary"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_stores_the_articles_folds_the_copy_and_prints_a_summary(db: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(db)])

    assert result.exit_code == 0
    assert re.search(r"20 articles from 2 sources.*1 copy folded", " ".join(result.stdout.split()))
    for heading in ("Top dyads", "Top event types", "Events per month"):
        assert heading in result.stdout


def test_ingesting_again_stores_nothing_new(db: Path, news: Path) -> None:
    result = runner.invoke(app, ["ingest", str(news), "--db", str(db), "--workers", "1"])

    assert result.exit_code == 0
    assert "0 articles coded" in result.stderr and "20 already stored" in result.stderr


def test_ingest_reports_skipped_input_by_file_and_exits_non_zero(tmp_path: Path) -> None:
    (tmp_path / "broken.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Led', encoding="utf-8"
    )
    shutil.copy(SAMPLES / "newspulse" / "np-20241112-odesa-drone-strike.txt", tmp_path)

    result = runner.invoke(
        app, ["ingest", str(tmp_path), "--db", str(tmp_path / "news.duckdb"), "--workers", "1"]
    )

    assert result.exit_code == 1
    assert f"{tmp_path / 'broken.rss'}: TID108" in result.stderr
    assert "1 record skipped" in result.stderr
    assert "1 article coded" in result.stderr


def test_ingest_fresh_starts_a_new_store(tmp_path: Path, db: Path) -> None:
    copy = tmp_path / "news.duckdb"
    shutil.copy(db, copy)
    text = SAMPLES / "newspulse" / "np-20250402-poland-belarus-border.txt"

    result = runner.invoke(app, ["ingest", str(text), "--db", str(copy), "--fresh", "--workers", "1"])

    assert result.exit_code == 0
    stats = runner.invoke(app, ["stats", "--db", str(copy)])
    assert "1 article from 1 source" in " ".join(stats.stdout.split())


def test_events_of_a_dyad_print_as_a_table_and_write_csv_jsonl_and_parquet(db: Path, tmp_path: Path) -> None:
    table = runner.invoke(app, ["events", "--db", str(db), "--dyad", "RUS,UKR", "--type", "ASSAULT"])
    as_csv = runner.invoke(
        app, ["events", "--db", str(db), "--dyad", "RUS,UKR", "--type", "ASSAULT", "-f", "csv"]
    )
    as_jsonl = runner.invoke(
        app,
        [
            "events",
            "--db",
            str(db),
            "--dyad",
            "RUS,UKR",
            "-f",
            "jsonl",
            "--since",
            "2024-11-12",
            "--until",
            "2024-11-12",
        ],
    )
    as_parquet = runner.invoke(
        app, ["events", "--db", str(db), "-f", "parquet", "-o", str(tmp_path / "e.parquet")]
    )

    assert table.exit_code == as_csv.exit_code == as_jsonl.exit_code == as_parquet.exit_code == 0
    assert "ASSAULT" in table.stdout and "num_sources" in table.stdout
    rows = list(pd.read_csv(io.StringIO(as_csv.stdout)).itertuples())
    assert rows and {row.plover_type for row in rows} == {"ASSAULT"}
    records = [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    assert records and {record["date"] for record in records} == {"2024-11-12"}
    # The Odesa strike was also carried by the content farm: two sources, one article.
    assert {(record["num_articles"], record["num_sources"]) for record in records} == {(1, 2)}
    assert len(pd.read_parquet(tmp_path / "e.parquet")) > len(rows)


def test_events_refuses_a_dyad_that_is_not_two_codes(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--dyad", "RUS"])

    assert result.exit_code == 2
    assert "two actor codes" in result.output


def test_timeline_prints_counts_per_period_and_draws_a_png(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "timeline",
            "RUS",
            "UKR",
            "--db",
            str(db),
            "--freq",
            "month",
            "--plot",
            str(tmp_path / "rus-ukr.png"),
            "-f",
            "csv",
        ],
    )

    assert result.exit_code == 0
    timeline = pd.read_csv(io.StringIO(result.stdout))
    assert list(timeline.columns) == [
        "period",
        "verbal_cooperation",
        "material_cooperation",
        "verbal_conflict",
        "material_conflict",
        "events",
        "mentions",
        "goldstein",
    ]
    assert timeline["events"].sum() > 0
    assert (tmp_path / "rus-ukr.png").read_bytes()[:4] == b"\x89PNG"


def test_sql_prints_the_result_of_a_select(db: Path) -> None:
    result = runner.invoke(
        app,
        [
            "sql",
            "SELECT plover_type, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC",
            "--db",
            str(db),
            "-f",
            "jsonl",
        ],
    )

    assert result.exit_code == 0
    counts = [json.loads(line) for line in result.stdout.splitlines()]
    assert counts[0]["n"] >= counts[-1]["n"] > 0


def test_sql_refuses_to_change_the_store(db: Path) -> None:
    result = runner.invoke(app, ["sql", "DELETE FROM events", "--db", str(db)])

    assert isinstance(result.exception, TidingsError)
    assert "TID306" in str(result.exception)


@pytest.mark.parametrize(
    "format, name",
    [("gdelt", "events.tsv"), ("polecat", "polecat.tsv"), ("csv", "events.csv"), ("parquet", "events")],
)
def test_export_writes_each_format(db: Path, tmp_path: Path, format: str, name: str) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", format, "-o", str(tmp_path / name)])

    assert result.exit_code == 0, result.output
    assert re.match(r"\d+ events? written to ", result.stderr)
    assert (tmp_path / name).exists()


def test_the_store_defaults_to_the_tidings_db_environment_variable(db: Path) -> None:
    result = runner.invoke(
        app, ["sql", "SELECT count(*) AS n FROM articles", "-f", "csv"], env={"TIDINGS_DB": str(db)}
    )

    assert result.exit_code == 0
    assert result.stdout.split() == ["n", "20"]


def test_every_store_command_and_option_is_documented() -> None:
    docs = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for name in STORE_COMMANDS:
        command = next(c for c in app.registered_commands if c.name == name)
        assert f"tidings {name}" in docs, f"docs/store.md does not show `tidings {name}`"
        help_text = runner.invoke(app, [name, "--help"]).stdout
        for option in sorted(set(re.findall(r"(--[a-z][a-z-]+)", help_text)) - {"--help"}):
            assert option in docs, f"docs/store.md does not mention {option} of `tidings {name}`"
        assert command.callback.__doc__


def test_export_to_dash_writes_standard_output_and_parquet_there_is_a_usage_error(db: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "gdelt", "-o", "-"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(row) == 61 for row in rows)
    assert "written to standard output" in result.stderr
    assert not Path("-").exists()
    parquet = runner.invoke(app, ["export", "--db", str(db), "-f", "parquet", "-o", "-"])
    assert parquet.exit_code == 2 and "--output" in parquet.output


def test_ingest_on_two_workers_ends_without_a_traceback(news: Path, tmp_path: Path) -> None:
    # The pool stops its workers with SIGTERM, which the command itself turns into a clean stop.
    result = subprocess.run(
        [sys.executable, "-c", "from tidings.cli import main; main()", "ingest", str(news),
         "--db", str(tmp_path / "news.duckdb"), "--workers", "2"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "KeyboardInterrupt" not in result.stderr


def test_a_result_wider_than_the_terminal_prints_a_block_per_record(db: Path) -> None:
    wide = runner.invoke(app, ["sql", "SELECT * FROM events ORDER BY id LIMIT 2", "--db", str(db)])
    assert wide.exit_code == 0, wide.output
    lines = wide.stdout.splitlines()
    assert sum("record " in line for line in lines) == 2
    # Each column on a line of its own, its whole name and value readable.
    assert any(re.match(r"^source_code\s+\S+", line) for line in lines)
    assert any(re.match(r"^first_article\s+\S+", line) for line in lines)
    narrow = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM events", "--db", str(db)])
    assert "record 1" not in narrow.stdout and re.search(r"┃\s+n\s+┃", narrow.stdout)
