"""Article text never reaches the terminal as escape sequences, nor a spreadsheet as a formula.

The tests of coded events need the trained model.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from tidings.cli.store import write_frame
from tidings.output import EventWriter, print_table, printable, spreadsheet_safe

HOSTILE = (
    "=1+2 Kenyan police arrested dozens of \x1b[31mprotesters\x1b[0m in Nairobi on Tuesday \x1b]0;owned\x07 "
    "[link=https://evil.example]officials[/link] said\u202e.\x9b2J"
)


def test_control_characters_become_visible_and_keep_their_offsets() -> None:
    shown = printable(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert not any(char in shown for char in "\x1b\x07\x9b\u202e")
    assert "Kenyan police" in shown and "\n" == printable("\n")


def test_a_table_of_events_from_hostile_text_holds_no_escape_or_markup(coder) -> None:
    events = coder.code(HOSTILE, date="2024-03-05")
    assert events, "the sentence should give an event"
    out = io.StringIO()
    print_table(list(events), out)
    table = out.getvalue()
    assert not any(char in table for char in "\x1b\x07\x9b\u202e")
    assert "[" in table  # the markup is shown as written; rich would have made it a link, leaving no "["


def test_csv_of_events_neutralises_formulas_unless_asked_not_to(coder) -> None:
    events = list(coder.code(HOSTILE, date="2024-03-05"))
    for formulas, start in ((False, "'=1+2"), (True, "=1+2")):
        out = io.StringIO()
        writer = EventWriter(out, "csv", csv_formulas=formulas)
        writer.write(events)
        writer.close()
        [row, *_] = csv.DictReader(io.StringIO(out.getvalue()))
        assert row["sentence"].startswith(start)
        assert float(row["goldstein"]) == events[0].goldstein  # a number is never prefixed


def test_query_results_as_csv_and_table_are_safe(tmp_path, capsys) -> None:
    frame = pd.DataFrame(
        {"title": ["=cmd|' /C calc'!A0", "+1", "@SUM(A1)", "-2+3", "Ordinary"], "goldstein": [-3.5] * 5}
    )
    write_frame(frame, "csv", tmp_path / "out.csv")
    rows = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert [row["title"][0] for row in rows] == ["'", "'", "'", "'", "O"]
    assert {row["goldstein"] for row in rows} == {"-3.5"}
    write_frame(frame, "csv", tmp_path / "raw.csv", csv_formulas=True)
    assert next(csv.DictReader((tmp_path / "raw.csv").open()))["title"] == "=cmd|' /C calc'!A0"
    write_frame(pd.DataFrame({"title": [HOSTILE]}), "table", None)
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\x07" not in shown


def test_spreadsheet_safe_leaves_numbers_and_plain_text_alone() -> None:
    assert spreadsheet_safe(-2.5) == -2.5
    assert spreadsheet_safe("Nairobi") == "Nairobi"
    assert spreadsheet_safe("-2.5") == "'-2.5"
