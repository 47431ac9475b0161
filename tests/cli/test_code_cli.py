"""``tidings code`` from the command line: inputs, formats, workers and bad input.

These tests run the installed ``tidings`` command and need the trained model.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import tidings
from tidings.errors import TidingsError

TIDINGS = str(Path(sys.executable).with_name("tidings"))

STORY = (
    "ANKARA, March 4 (Meridian Wire) - Turkish Foreign Minister Hakan Fidan met his Iraqi counterpart "
    "Fuad Hussein in Ankara on Monday to discuss water sharing and border security.\n\n"
    "Iraqi troops clashed with Kurdish militants near the Turkish border on Sunday, the ministry said.\n"
)
SECOND = (
    "Kenyan police arrested dozens of protesters in Nairobi on Tuesday after demonstrators blocked "
    "roads leading to parliament."
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([TIDINGS, *args], input=stdin, capture_output=True, text=True, timeout=300)


def test_plain_text_gives_json_lines_whose_offsets_slice_the_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    result = run("code", str(path), "--date", "2024-03-04", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(
        e["cameo_root"] == "04" and e["source"]["code"] == "TURGOV" and e["target"]["country"] == "IRQ"
        for e in events
    )
    for event in events:
        for part in ("source", "target", "trigger"):
            span = event[part]
            if span:
                assert STORY[span["start"] : span["end"]] == span["text"]


def test_standard_input_in_json_csv_and_table(tmp_path):
    as_json = run("code", "-", "--date", "2024-03-05", "--format", "json", stdin=SECOND)
    assert as_json.returncode == 0, as_json.stderr
    events = json.loads(as_json.stdout)
    assert any(e["cameo"] == "173" and e["source"]["code"] == "KENCOP" for e in events)
    as_csv = run("code", "-", "--date", "2024-03-05", "--format", "csv", stdin=SECOND)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert rows and rows[0]["source_code"] and "sentence" in rows[0]
    as_table = run("code", "-", "--date", "2024-03-05", stdin=SECOND)
    assert "KENCOP" in as_table.stdout and "arrested" in as_table.stdout


def test_jsonl_records_keep_their_ids_and_dates_and_two_workers_agree(tmp_path):
    path = tmp_path / "wire.jsonl"
    records = [
        {"id": f"story-{n}", "text": text, "date": "2024-03-05"} for n, text in enumerate([STORY, SECOND] * 3)
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    one = run("code", str(path), "--format", "jsonl")
    two = run("code", str(path), "--format", "jsonl", "--workers", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    ids = {json.loads(line)["article_id"] for line in one.stdout.splitlines()}
    assert ids == {f"story-{n}" for n in range(6)}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bad_input_is_reported_in_one_line_and_the_rest_is_coded(tmp_path, workers):
    good = tmp_path / "good.txt"
    good.write_text(SECOND, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes("Le ministre a d\xe9clar\xe9 lundi".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("The minister spoke. " * 270_000, encoding="utf-8")
    lines = tmp_path / "feed.jsonl"
    lines.write_text(
        json.dumps({"id": "a", "text": SECOND})
        + "\n{not json\n"
        + json.dumps({"id": "c", "title": "no text"})
        + "\n"
        + json.dumps({"id": "d", "text": STORY})
        + "\n",
        encoding="utf-8",
    )
    result = run(
        "code",
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "latin1.txt"),
        str(tmp_path / "huge.txt"),
        str(lines),
        str(good),
        "--date",
        "2024-03-05",
        "--format",
        "jsonl",
        "--workers",
        workers,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if "TID" in line]
    assert any("empty.txt" in e and "TID101" in e for e in errors)
    assert any("binary.txt" in e and "TID102" in e for e in errors)
    assert any("latin1.txt" in e and "TID116" in e and "decoded as" in e for e in errors)
    assert any("huge.txt" in e and "TID104" in e for e in errors)
    assert any("feed.jsonl:2" in e and "TID105" in e for e in errors)
    assert any("feed.jsonl:3" in e and "TID106" in e for e in errors)
    assert all(len(e.splitlines()) == 1 for e in errors)
    assert "5 records skipped" in result.stderr
    coded = {json.loads(line)["article_id"] for line in result.stdout.splitlines()}
    assert {"a", "d"} <= coded and len(coded) == 3  # both good JSONL records and good.txt


def test_a_bad_option_is_a_usage_error():
    result = run("code", "-", "--format", "yaml", stdin=SECOND)
    assert result.returncode == 2
    assert "--format" in result.stderr


@pytest.mark.parametrize("command", ["code", "evaluate", "actors"])
def test_every_command_has_help(command):
    result = run(command, "--help")
    assert result.returncode == 0 and "Usage" in result.stdout


def test_version_prints_the_installed_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"tidings {tidings.__version__}"


def test_a_runtime_error_exits_1_and_a_usage_error_2(tmp_path):
    missing = run("events", "--db", str(tmp_path / "typo.duckdb"))
    assert missing.returncode == 1
    assert "typo.duckdb" in missing.stderr and "TID303" in missing.stderr
    assert not (tmp_path / "typo.duckdb").exists()
    assert run("events", "--db", str(tmp_path / "typo.duckdb"), "--limit", "0").returncode == 2


def test_the_python_api_reads_dates_in_the_forms_the_command_line_reads():
    written = tidings.code("Police arrested 30 protesters in Nairobi on Friday.", date="4 March 2024")
    iso = tidings.code("Police arrested 30 protesters in Nairobi on Friday.", date="2024-03-04")
    assert [e.date for e in written] == [e.date for e in iso] == ["2024-03-01"]
    with pytest.raises(TidingsError, match="cannot read the date"):
        tidings.code("Police arrested 30 protesters.", date="next week")
