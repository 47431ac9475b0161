"""Text from crawled pages never drives the terminal or a spreadsheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app
from tidings.terminal import printable, spreadsheet_safe

runner = CliRunner()
HOSTILE = (
    '=HYPERLINK("http://attacker.example/x","click") Police fired tear gas at '
    "\x1b[31mthousands of protesters\x1b]0;owned\x07 in Nairobi on Friday.\x1bc"
)


def test_escape_sequences_and_control_characters_are_shown_not_obeyed():
    shown = printable(HOSTILE + "\x00\x9b")
    assert "\x1b" not in shown and "\x07" not in shown and "\x00" not in shown and "\x9b" not in shown
    assert "\\x1b[31m" in shown and "\\x1b]0;owned\\x07" in shown
    assert printable("Kenya\tand\nEthiopia") == "Kenya\tand\nEthiopia"


def test_cells_that_would_start_a_formula_get_an_apostrophe():
    assert [spreadsheet_safe(v) for v in ("=1+1", "+254", "-2", "@SUM(A1)", "Ruto", -9.0)] == [
        "'=1+1",
        "'+254",
        "'-2",
        "'@SUM(A1)",
        "Ruto",
        -9.0,
    ]


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "evil.jsonl"
    path.write_text(json.dumps({"id": "x1", "date": "2024-03-02", "text": HOSTILE}) + "\n", encoding="utf-8")
    return path


def test_the_event_table_shows_hostile_text_escaped(tmp_path, coder):
    result = runner.invoke(app, ["code", str(_article(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[31m" in result.stdout


def test_csv_output_is_spreadsheet_safe_unless_asked_for_raw(tmp_path, coder):
    safe = runner.invoke(app, ["code", str(_article(tmp_path)), "--format", "csv"])
    raw = runner.invoke(app, ["code", str(_article(tmp_path)), "--format", "csv", "--raw-csv"])
    sentences = [row["sentence"] for row in csv.DictReader(io.StringIO(safe.stdout))]
    assert sentences and all(s.startswith("'=HYPERLINK") for s in sentences)
    assert all(row["sentence"].startswith("=HYPERLINK") for row in csv.DictReader(io.StringIO(raw.stdout)))


def test_the_csv_export_is_spreadsheet_safe(tmp_path, coder):
    db = tmp_path / "news.duckdb"
    assert runner.invoke(app, ["ingest", str(_article(tmp_path)), "--db", str(db)]).exit_code == 0
    out = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "-o", str(out), "--db", str(db)]).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(
        not (value or "").startswith(("=", "+", "@")) for row in rows for value in row.values()
    )
    assert any(float(row["goldstein"]) < 0 for row in rows)  # numbers stay numbers
